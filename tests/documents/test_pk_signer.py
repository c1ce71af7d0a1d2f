"""The PK's PIHAK PERTAMA is whoever acts for the office head on the signing day: "Plt."/"Plh."
comes from the stand-in record, not from the typed title."""

from datetime import date, datetime, time

from django.utils import timezone
from docx.oxml.ns import qn

from alur.documents.content import Signatures
from alur.documents.kinds import build
from alur.documents.signers import jabatan_of
from alur.kinerja.models import PerjanjianKinerja
from alur.org.models import Employee, Position, StandIn


def _signed_on(office, year: int, day: date) -> PerjanjianKinerja:
    pk = PerjanjianKinerja.objects.get(office=office, year=year)
    pk.signed_at = timezone.make_aware(datetime.combine(day, time(10)))
    pk.pihak_pertama_title = "Kepala Dinas"  # what a person typed: must not decide the Plt.
    pk.save()
    return pk


def _first_parties(doc):
    return [party for block in doc.blocks if isinstance(block, Signatures) for party in block.parties
            if party[0] == "PIHAK PERTAMA,"]


def _head(office):
    position = Position.objects.get(office=office, is_head=True)
    holder = position.holdings.get().employee
    stand_in = Employee.objects.filter(office=office).exclude(pk=holder.pk).order_by("pk").first()
    return position, holder, stand_in


def test_the_head_signs_without_prefix_when_no_stand_in_acts(kinerja_office):
    position, holder, _ = _head(kinerja_office)
    _signed_on(kinerja_office, 2026, date(2026, 1, 31))
    doc = build("pk", kinerja_office, 2026)
    parties = _first_parties(doc)
    assert len(parties) == 2  # the statement and the appendix
    assert all(p[1] == jabatan_of(position.name, kinerja_office) and p[2] == holder.name for p in parties)
    assert jabatan_of(position.name, kinerja_office).startswith("Kepala Dinas Penanaman Modal")  # "Dinas" once
    assert not any(p[1].startswith(("Plt.", "Plh.")) for p in parties)


def test_a_plt_on_the_signing_day_signs_as_plt_and_a_plh_as_plh(kinerja_office):
    position, holder, stand_in = _head(kinerja_office)
    StandIn.objects.create(position=position, employee=stand_in, kind=StandIn.Kind.PLT,
                           start=date(2026, 1, 20), end=date(2026, 2, 10))
    StandIn.objects.create(position=position, employee=stand_in, kind=StandIn.Kind.PLH,
                           start=date(2025, 1, 30), end=date(2025, 2, 2))
    _signed_on(kinerja_office, 2026, date(2026, 1, 31))
    _signed_on(kinerja_office, 2025, date(2025, 1, 31))
    for year, prefix in ((2026, "Plt."), (2025, "Plh.")):
        doc = build("pk", kinerja_office, year)
        parties = _first_parties(doc)
        assert [p[1] for p in parties] == [jabatan_of(f"{prefix} {position.name}", kinerja_office)] * 2
        assert all(p[2] == stand_in.name and p[2] != holder.name for p in parties)
        assert ("Jabatan", ":", jabatan_of(f"{prefix} {position.name}", kinerja_office)) in [
            row for t in doc.tables for row in t.rows]
    # a day after the stand-in ends, the holder signs again
    _signed_on(kinerja_office, 2026, date(2026, 2, 11))
    assert [p[1] for p in _first_parties(build("pk", kinerja_office, 2026))] == [
        jabatan_of(position.name, kinerja_office)] * 2


def test_an_unsigned_pk_uses_the_day_of_generation(kinerja_office):
    position, _, stand_in = _head(kinerja_office)
    today = timezone.localdate()
    StandIn.objects.create(position=position, employee=stand_in, kind=StandIn.Kind.PLT,
                           start=today, end=today)
    pk = PerjanjianKinerja.objects.get(office=kinerja_office, year=2026)
    pk.signed_at = None
    pk.save()
    assert [p[1] for p in _first_parties(build("pk", kinerja_office, 2026))] == [
        jabatan_of(f"Plt. {position.name}", kinerja_office)] * 2


def test_nobody_recorded_on_the_day_is_a_listed_gap(kinerja_office):
    _signed_on(kinerja_office, 2026, date(2020, 5, 4))  # before anyone held the head position
    doc = build("pk", kinerja_office, 2026)
    assert any("kepala OPD pada 4 Mei 2020" in gap for gap in doc.gaps)
    pk = PerjanjianKinerja.objects.get(office=kinerja_office, year=2026)
    assert [p[2] for p in _first_parties(doc)] == [pk.pihak_pertama.name] * 2


def test_a_stand_in_appearing_is_a_listed_difference(kinerja_office):
    from alur.documents.changes import differences

    position, holder, stand_in = _head(kinerja_office)
    _signed_on(kinerja_office, 2026, date(2026, 1, 31))
    before = build("pk", kinerja_office, 2026).data()
    StandIn.objects.create(position=position, employee=stand_in, kind=StandIn.Kind.PLH,
                           start=date(2026, 1, 31), end=date(2026, 1, 31))
    removed, added = differences(before, build("pk", kinerja_office, 2026).data())
    assert f"PIHAK PERTAMA, {jabatan_of(position.name, kinerja_office)} {holder.name}" in removed
    assert f"PIHAK PERTAMA, {jabatan_of('Plh. ' + position.name, kinerja_office)} {stand_in.name}" in added


def test_a_signature_block_is_never_split_across_pages(kinerja_office):
    from io import BytesIO

    from docx import Document as read_docx

    from alur.documents.docx_writer import write_docx

    doc = read_docx(BytesIO(write_docx(build("pk", kinerja_office, 2026))))
    # the block is a grid of one row per line (place, role, jabatan, mark, name, details): no row
    # splits, and every line keeps with the next, so the block never splits either
    tables = [t for t in doc.tables if any("PIHAK PERTAMA," in row.cells[-1].text for row in t.rows)]
    assert len(tables) == 2
    signature_rows = [row for t in tables for row in t.rows]
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in signature_rows)
    assert all(p.paragraph_format.keep_with_next for row in signature_rows for cell in row.cells
               for p in cell.paragraphs)
