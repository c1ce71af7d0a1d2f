"""One signature block in every generated document: the signer's place, date, jabatan, name and
NIP — from the run's signature once signed, from the head of office (marked not yet signed) before."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from docx import Document as read_docx
from pypdf import PdfReader

from alur.documents.content import NUMBER_BLANK, Clause, Signatures
from alur.documents.docx_writer import write_docx
from alur.documents.issued import with_number
from alur.documents.kinds import build
from alur.documents.pdf_writer import write_pdf
from alur.documents.signature_block import NOT_SIGNED, place_and_date, with_signoff
from alur.kinerja.models import Indicator
from alur.org.models import Employee, Position
from alur.runs import services
from alur.runs.models import OutgoingNumber, SignOff

from .test_generation import START, advance_to

pytestmark = pytest.mark.django_db
JAKARTA = ZoneInfo("Asia/Jakarta")


def docx_text(data: bytes) -> str:
    document = read_docx(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def pdf_pages(data: bytes) -> list[str]:
    return [" ".join((page.extract_text() or "").split()) for page in PdfReader(BytesIO(data)).pages]


def head_of(office) -> Employee:
    return Position.objects.get(office=office, is_head=True).holdings.get().employee


def test_a_signed_iku_run_carries_the_signers_name_nip_place_and_date_in_docx_and_pdf(kinerja_office, revision_named,
                                                                                       login, other_office):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    task, clock = advance_to(run, 3, START)
    from alur.documents.services import generate_for_task

    generated = generate_for_task(task=task, user=task.assignee.user, now=clock).version
    head = head_of(kinerja_office)
    before = docx_text(generated.file.read())  # the stored working file: the head, not yet signed
    assert head.name in before and head.nip in before and NOT_SIGNED in before
    assert f"NOMOR {NUMBER_BLANK}" in before  # no outgoing number yet: a blank to fill in
    advance_to(run, 9, clock)  # through the signature step
    signature = SignOff.objects.get(task__run=run, kind=SignOff.Kind.TANDA_TANGAN)
    generated = signature.version  # the newest generated version (advance_to generates on each work step)
    assert generated.source == "generated"
    client = login("kadis")
    docx = client.get(reverse("documents:version_docx", args=[generated.pk]))
    pdf = client.get(reverse("documents:version_pdf", args=[generated.pk]))
    day = signature.signed_at.astimezone(JAKARTA).date()
    from alur.core.sop.vocabulary import tanggal

    for text in (docx_text(docx.content), " ".join(pdf_pages(pdf.content))):
        assert signature.signer_name in text and f"NIP. {signature.signer_nip}" in text
        assert f"Ditetapkan di Kuala Tungkal pada tanggal {tanggal(day)}" in text
        assert "Ditandatangani di Alur pada" in text and signature.sha256[:16] in text
        assert NOT_SIGNED not in text and "Tanjung Jabung Barat," not in text
    assert 'filename="iku-2026-ditandatangani.docx"' in docx["Content-Disposition"]
    page = client.get(reverse("documents:run_document", args=[run.pk])).content.decode()
    assert "DOCX bertanda tangan" in page
    stranger = login("kadisdik")  # another office: neither rendition
    assert stranger.get(reverse("documents:version_docx", args=[generated.pk])).status_code == 404
    assert stranger.get(reverse("documents:version_pdf", args=[generated.pk])).status_code == 404


def test_a_plt_who_signs_is_printed_as_plt_in_the_lkjip(kinerja_office):
    stand_in = Employee.objects.filter(office=kinerja_office).exclude(pk=head_of(kinerja_office).pk).exclude(
        nip="").order_by("pk").first()
    signoff = SignOff(signer=stand_in, signer_name=stand_in.name, signer_nip=stand_in.nip,
                      signer_title="Plt. Kepala Dinas", sha256="ab" * 32,
                      signed_at=datetime(2027, 1, 4, 14, 5, tzinfo=JAKARTA))
    unsigned = build("lkjip", kinerja_office, 2026)
    heads = [p for b in unsigned.blocks if isinstance(b, Signatures) for p in b.parties if p.office_head]
    assert heads and all(p.name == head_of(kinerja_office).name and p.mark == NOT_SIGNED for p in heads)
    doc = with_signoff(unsigned, signoff, kinerja_office)
    for text in (docx_text(write_docx(doc)), " ".join(pdf_pages(write_pdf(doc)))):
        assert "Kuala Tungkal, 4 Januari 2027" in text
        assert "Plt. Kepala Dinas Penanaman Modal" in text
        assert stand_in.name in text and f"NIP. {stand_in.nip}" in text
        assert "Inspektur" in text  # the reviu statement's own column is left as it was
        assert head_of(kinerja_office).name not in text


def test_the_pk_sets_both_parties_side_by_side_and_keeps_the_lampiran_signatures_with_its_table(kinerja_office):
    doc = build("pk", kinerja_office, 2026)
    blocks = [b for b in doc.blocks if isinstance(b, Signatures)]
    assert [[p.role for p in b.parties] for b in blocks] == [["PIHAK KEDUA,", "PIHAK PERTAMA,"]] * 2
    assert blocks[1].keep_with_previous and all(b.place_date.startswith("Kuala Tungkal, ") for b in blocks)
    head = head_of(kinerja_office)
    docx = write_docx(doc)
    tables = read_docx(BytesIO(docx)).tables
    signature_tables = [t for t in tables if any(c.text == "PIHAK PERTAMA," for c in t.rows[0].cells + (
        t.rows[1].cells if len(t.rows) > 1 else []))]
    assert len(signature_tables) == 2
    for table in signature_tables:  # one row per line: the two names stand level
        names = [[c.text for c in row.cells] for row in table.rows if head.name in [c.text for c in row.cells]]
        assert names == [[doc.blocks[doc.blocks.index(blocks[0])].parties[0].name, head.name]]
    pages = pdf_pages(write_pdf(doc))
    assert all(head.name in " ".join(pages) and f"NIP. {head.nip}" in text for text in (docx_text(docx),))
    last = max(n for n, text in enumerate(pages) if f"NIP. {head.nip}" in text)
    assert "TOTAL" in pages[last], "the lampiran's signatures stand with the end of its table"
    assert sum(f"NIP. {head.nip}" in text for text in pages) == 2


def test_the_place_is_the_offices_seat_or_else_its_region(kinerja_office):
    assert place_and_date(kinerja_office, None, 2026).startswith("Kuala Tungkal, ....")
    kinerja_office.seat = ""
    assert place_and_date(kinerja_office, None, 2026).startswith("Tanjung Jabung Barat, ")


def test_the_iku_is_a_keputusan_with_its_parts_and_the_alasan_column(kinerja_office):
    indicator = Indicator.objects.filter(renstra__office=kinerja_office, is_iku=True).order_by("code").first()
    indicator.alasan = "Dipilih karena mengukur hasil, bukan keluaran."
    indicator.save()
    doc = build("iku", kinerja_office, 2026)
    labels = [b.label for b in doc.blocks if isinstance(b, Clause)]
    assert labels == ["Menimbang", "Mengingat", "Menetapkan", "KESATU", "KEDUA", "KETIGA", "LAMPIRAN"]
    assert doc.headings[0].text.startswith("KEPUTUSAN KEPALA DINAS PENANAMAN MODAL")
    table = doc.tables[-1]
    assert table.columns == ("No", "Sasaran Strategis", "Indikator Kinerja Utama", "Alasan", "Formulasi/Penjelasan",
                             "Sumber Data", "Penanggung Jawab")
    assert any(row[3] == "Dipilih karena mengukur hasil, bukan keluaran." for row in table.rows)
    decrees = [b for b in doc.blocks if isinstance(b, Signatures)]
    assert len(decrees) == 2 and all(b.decree and b.place_date.startswith("Ditetapkan di Kuala Tungkal\npada tanggal")
                                     for b in decrees)
    pdf = " ".join(pdf_pages(write_pdf(doc)))
    for words in ("Menimbang", "Mengingat", "MEMUTUSKAN", "Menetapkan", "KESATU", "Alasan",
                  f"NOMOR {NUMBER_BLANK}", "Ditetapkan di Kuala Tungkal"):
        assert words in pdf, words
    numbered = docx_text(write_docx(with_number(doc, "503/07/DPM-PTSP/2026")))
    assert numbered.count("NOMOR 503/07/DPM-PTSP/2026") == 2 and NUMBER_BLANK not in numbered


def test_a_run_with_an_outgoing_number_prints_it_in_the_generated_keputusan(kinerja_office, revision_named):
    admin = get_user_model().objects.get(username="admin")
    run = services.run_start(revision=revision_named("IKU"), user=admin, purpose="IKU 2026", now=START)
    task, clock = advance_to(run, 3, START)
    OutgoingNumber.objects.create(office=kinerja_office, year=2026, sequence=7, number="503/07/DPM-PTSP/2026", run=run,
                                  task=task, taken_by=task.assignee, taken_at=clock)
    from alur.documents.services import generate_for_task

    version = generate_for_task(task=task, user=task.assignee.user, now=clock).version
    assert "NOMOR 503/07/DPM-PTSP/2026" in docx_text(version.file.read())


@pytest.mark.parametrize("kind", ["renja", "renstra"])
def test_the_other_yearly_documents_close_with_the_heads_signature_block(kinerja_office, kind):
    doc = build(kind, kinerja_office, 2026)
    last = doc.blocks[-1]
    head = head_of(kinerja_office)
    assert isinstance(last, Signatures) and last.parties[0].office_head and last.parties[0].name == head.name
    text = docx_text(write_docx(doc))
    assert f"NIP. {head.nip}" in text and "Kuala Tungkal, " in text and NOT_SIGNED in text


def test_the_office_logo_stands_on_the_cover(kinerja_office):
    from django.core.files.base import ContentFile

    from tests.org.test_identity import png

    kinerja_office.logo.save("logo.png", ContentFile(png(40, 40)), save=True)
    doc = build("pk", kinerja_office, 2026)
    assert doc.logo and doc.logo.startswith(b"\x89PNG") and "logo" not in doc.data()
    assert read_docx(BytesIO(write_docx(doc))).inline_shapes  # the picture on the DOCX cover
    first = PdfReader(BytesIO(write_pdf(doc))).pages[0]
    assert list(first.images), "the logo on the PDF cover"
