"""The office's identity in Data induk: its seat (where its documents are signed), address and logo;
each change on the trail with its old and new value, the logo through the upload checks."""

import hashlib
import struct
import zlib

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from alur.audit.models import Entry
from alur.audit.services import verify_office
from alur.org.services import office_set_identity
from alur.org.trail import recent_changes

pytestmark = pytest.mark.django_db


def png(width: int = 4, height: int = 4) -> bytes:
    """A small valid PNG (one grey image), made here so the test needs no file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_the_demo_office_sits_in_kuala_tungkal(demo_office):
    assert demo_office.seat == "Kuala Tungkal"


def test_the_admin_sets_seat_and_logo_on_the_trail(login, demo_office):
    client = login("admin")
    url = reverse("org:identity", args=[demo_office.code])
    page = client.get(url).content.decode()
    assert "Kedudukan (tempat penandatanganan)" in page and "Kuala Tungkal" in page
    image = png()
    response = client.post(url, {"seat": "Kuala Tungkal Kota", "address": demo_office.address,
                                 "logo": SimpleUploadedFile("logo tanjabbar.png", image, "image/png")})
    assert response.status_code == 302
    demo_office.refresh_from_db()
    assert demo_office.seat == "Kuala Tungkal Kota"
    with demo_office.logo.open("rb") as stored:
        assert stored.read() == image
    assert "logo tanjabbar" not in demo_office.logo.name  # private storage: a random name
    entry = Entry.objects.filter(office=demo_office).order_by("-position").first()
    assert entry.kind == "opd.identitas_diubah"
    assert entry.data["kedudukan"] == {"lama": "Kuala Tungkal", "baru": "Kuala Tungkal Kota"}
    assert entry.data["logo"] == {"lama": "", "baru": hashlib.sha256(image).hexdigest()}
    assert "alamat" not in entry.data  # unchanged
    assert "kedudukan dari “Kuala Tungkal” menjadi “Kuala Tungkal Kota”" in recent_changes(demo_office)[0]["what"]
    assert verify_office(demo_office).broken is None
    assert client.get(reverse("org:logo", args=[demo_office.code])).status_code == 200


def test_a_logo_that_is_not_an_image_or_lies_about_its_type_is_refused(login, demo_office):
    client = login("admin")
    url = reverse("org:identity", args=[demo_office.code])
    before = Entry.objects.filter(office=demo_office).count()
    for name, body, message in (("logo.pdf", b"%PDF-1.4 ...", "harus berupa gambar PNG atau JPG"),
                                ("logo.png", b"GIF89a not a png", "tidak sesuai dengan jenisnya")):
        response = client.post(url, {"seat": "Kota Lain", "logo": SimpleUploadedFile(name, body)})
        assert response.status_code == 200
        assert message in response.content.decode()
    demo_office.refresh_from_db()
    assert demo_office.seat == "Kuala Tungkal" and not demo_office.logo  # nothing half-written
    assert Entry.objects.filter(office=demo_office).count() == before


def test_the_seat_is_required_and_only_the_office_admin_may_change_it(login, demo_office, django_user_model):
    response = login("admin").post(reverse("org:identity", args=[demo_office.code]), {"seat": "  "})
    assert response.status_code == 200 and "Kedudukan" in response.content.decode()
    assert login("kadis").get(reverse("org:identity", args=[demo_office.code])).status_code == 403
    with pytest.raises(PermissionDenied):
        office_set_identity(user=django_user_model.objects.get(username="kadis"), office=demo_office,
                            seat="X", address="")
