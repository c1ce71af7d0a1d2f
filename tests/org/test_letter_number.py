import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from alur.org.forms import LetterNumberForm
from alur.org.validators import render_letter_number, validate_letter_number_template


def refusal(template: str) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_letter_number_template(template)
    return " ".join(caught.value.messages)


@pytest.mark.parametrize("template", [
    "503/{nomor:02d}/{kode}/{tahun}", "{nomor}", "B-{nomor:06d}/{kode}/{tahun:d}", "{nomor:4d}-{{arsip}}",
])
def test_usual_templates_are_accepted(template):
    validate_letter_number_template(template)


def test_unknown_field_is_refused_and_named():
    assert "{x}" in refusal("503/{nomor}/{x}")
    assert "{nomor.real}" in refusal("{nomor.real}")
    assert "{0}" in refusal("{0}/{nomor}")


def test_unbounded_width_is_refused_and_named():
    message = refusal("503/{nomor:>999999999}/{kode}")
    assert "{nomor:>999999999}" in message and "6" in message
    assert "{nomor:07d}" in refusal("{nomor:07d}")
    assert "{nomor:{tahun}}" in refusal("{nomor:{tahun}}")
    assert "{kode:>40}" in refusal("{nomor}/{kode:>40}")


def test_other_mistakes_are_refused():
    assert "{nomor}" in refusal("503/{kode}/{tahun}")
    assert "!r" in refusal("{nomor!r}")
    assert "berpasangan" in refusal("503/{nomor")
    assert "120" in refusal("{nomor}" + "/{kode}" * 3)


def test_rendering_the_example():
    assert render_letter_number("503/{nomor:02d}/{kode}/{tahun}", nomor=7, kode="DPM-PTSP", tahun=2026) == \
        "503/07/DPM-PTSP/2026"


@pytest.mark.django_db
def test_model_form_and_django_admin_use_the_same_validator(demo_office, client, django_user_model):
    demo_office.letter_number_template = "{x}"
    with pytest.raises(ValidationError):
        demo_office.full_clean()
    form = LetterNumberForm({"letter_number_template": "{nomor:>999999999}"}, instance=demo_office)
    assert not form.is_valid() and "{nomor:>999999999}" in form.errors["letter_number_template"][0]

    demo_office.refresh_from_db()
    client.force_login(django_user_model.objects.create_superuser("root", password="x-very-secret-1"))
    data = {"name": demo_office.name, "code": demo_office.code, "short_code": demo_office.short_code,
            "government": demo_office.government, "address": "", "letter_number_template": "{x}",
            "units-TOTAL_FORMS": "0", "units-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:org_office_change", args=[demo_office.pk]), data)
    assert response.status_code == 200
    assert "Kolom {x} tidak dikenal" in response.content.decode()
    demo_office.refresh_from_db()
    assert demo_office.letter_number_template == "503/{nomor:02d}/{kode}/{tahun}"


@pytest.mark.django_db
def test_the_example_follows_what_is_typed(login, demo_office):
    client = login("admin")
    url = reverse("org:letter_number_preview", args=[demo_office.code])
    typed = {"letter_number_template": "B-{nomor:04d}/{kode}/{tahun}"}
    assert "B-0007/DPM-PTSP/2026" in client.get(url, typed).content.decode()
    assert "Kolom {x} tidak dikenal" in client.get(url, {"letter_number_template": "{x}"}).content.decode()
    assert login("kadis").get(url, {"letter_number_template": "{nomor}"}).status_code == 403
