"""`alur sop …` through call_command: validate, import, render, export-bpmn, list."""

import io
import json
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from alur.sop.models import Sop, SopRevision

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "sop-sakip-dpmptsp-tanjabbar.txt"
SEED = Path(__file__).resolve().parents[2] / "alur" / "sop" / "seeds" / "01-iku.yaml"


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("sop", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_failing(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as excinfo:
        call_command("sop", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), str(excinfo.value)


@pytest.fixture
def bad_yaml(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    text = text.replace("tanggal_revisi: null", "tanggal_revisi: 2022-13-40", 1)
    text = text.replace("nip: '197009301997031003'", "nip: '197009801997031003'", 1)
    text = text.replace("    actors: [Perencana]", "    actors: [Perencanaan]", 1)
    text = text.replace("    next_no: 4", "    next_no: 12", 1)
    path = tmp_path / "rusak.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_json_reads_the_six_seed_sops_and_stores_nothing(db):
    out, _err = run("import", str(FIXTURE), "--json")
    sops = json.loads(out)
    assert [len(sop["steps"]) for sop in sops] == [9, 11, 10, 10, 10, 11]
    assert all(step["waktu"] and step["waktu"]["amount"] > 0 for sop in sops for step in sop["steps"])
    messages = [w["message"] for sop in sops for w in sop["warnings"]]
    text = "\n".join(messages)
    assert "19700980" in text and "tidak valid" in text  # the NIP whose day is 80
    assert "Nama pengesah ditulis berbeda" in text
    for typo in ("reuvi", "reuiv", "reuiu"):
        assert f"'{typo}'" in text
    assert "Penyusunan Indikator Kinerja (IKU)" in out  # ensure_ascii=False keeps text readable
    assert Sop.objects.count() == 0


def test_import_stores_every_sop_as_a_draft_setting_aside_the_invalid_nip(demo_office, capsys):
    call_command("sop", "import", str(FIXTURE))
    out = capsys.readouterr().out
    assert "6 SOP disimpan sebagai draf" in out
    assert "sop-sakip-dpmptsp-tanjabbar.txt:29: peringatan: dasar_hukum.3:" in out  # warnings with lines
    revisions = SopRevision.objects.filter(sop__office=demo_office)
    assert revisions.count() == 6
    assert all(r.status == SopRevision.Status.DRAFT for r in revisions)
    iku = revisions.get(nama__icontains="IKU")
    assert len(iku.data["steps"]) == 9
    assert not any(step["actor_confirmed"] for step in iku.data["steps"])
    assert iku.data["steps"][0]["waktu"] == {"amount": 10, "unit": "menit"}
    mekanisme = revisions.get(nama__icontains="Mekanisme")
    assert mekanisme.data["disahkan_oleh"]["nip"] == ""
    assert {"field": "disahkan_oleh.nip", "original": "197009801997031003"} in mekanisme.data["corrections"]


def test_import_skips_an_sop_with_errors_and_says_why(demo_office, tmp_path):
    text = FIXTURE.read_text(encoding="utf-8")
    broken = text.replace("Tgl Pembuatan : 4 Januari 2022", "Tgl Pembuatan : 4 Januari 2023", 1)  # after pengesahan
    path = tmp_path / "rusak.txt"
    path.write_text(broken, encoding="utf-8")
    out, err, message = run_failing("import", str(path))
    assert "5 SOP disimpan sebagai draf" in out and "1 dilewati" in out
    assert "tidak disimpan" in err and "tanggal" in err.lower()
    assert "1 SOP tidak disimpan" in message
    assert SopRevision.objects.filter(sop__office=demo_office).count() == 5


def test_import_never_crashes_on_odd_input(demo_office, tmp_path):
    odd = tmp_path / "aneh.txt"
    odd.write_bytes(b"\x00\xff bukan SOP sama sekali\n\n")
    _out, _err, message = run_failing("import", str(odd))
    assert "Tidak ada SOP yang terbaca" in message
    broken = tmp_path / "rusak.docx"
    broken.write_bytes(b"bukan docx")
    out, err, message = run_failing("import", str(broken))
    assert "tidak dapat dibuka" in out + err
    _out, _err, message = run_failing("import", str(tmp_path / "tidak-ada.txt"))
    assert "tidak-ada.txt tidak ditemukan" in message
    assert Sop.objects.count() == 0


def test_import_yaml_into_a_named_office(demo_office, other_office):
    out, _err = run("import", str(SEED), "--office", other_office.code)
    assert "1 SOP disimpan sebagai draf di Dinas Pendidikan" in out
    assert Sop.objects.get().office == other_office
    _out, _err, message = run_failing("import", str(SEED))
    assert "--office" in message  # two offices: say which


def test_validate_accepts_the_seeds_and_rejects_a_broken_file(db, bad_yaml):
    out, _err = run("validate", str(SEED))
    assert "0 kesalahan" in out and "1 sah" in out
    out, err, message = run_failing("validate", str(SEED), str(bad_yaml))
    name = str(bad_yaml)
    lines = bad_yaml.read_text(encoding="utf-8").splitlines()

    def line_of(text):  # the seed's layout may change; the message must name the broken line
        return lines.index(text) + 1

    assert (line_of("tanggal_revisi: 2022-13-40"), line_of("    actors: [Perencanaan]")) == (23, 114)
    assert f"{name}:23: tanggal_revisi: Tanggal '2022-13-40' tidak valid" in err
    nip_line = line_of("  nip: '197009801997031003'")
    assert f"{name}:{nip_line}: disahkan_oleh.nip: Tanggal lahir 19700980 tidak valid" in err
    assert f"{name}:114: steps[5].actors[0]: Pelaksana 'Perencanaan' tidak ada di daftar pelaksana" in err
    assert f"{name}:{line_of('    next_no: 12')}: steps[4].next_no: Langkah tujuan 12 tidak ada." in err
    assert "2 berkas diperiksa" in out and "1 ditolak" in out
    assert "1 berkas SOP mengandung kesalahan" in message
    assert Sop.objects.count() == 0


def test_render_and_export(demo_sops, tmp_path):
    iku = Sop.objects.get(slug="iku")
    pdf, docx_path, svg, html, bpmn = (tmp_path / f"iku.{ext}" for ext in ("pdf", "docx", "svg", "html", "bpmn"))
    run("render", "iku", "--format", "pdf", "-o", str(pdf), "--steps-per-page", "5")
    assert pdf.read_bytes().startswith(b"%PDF")
    run("render", str(iku.pk), "--format", "docx", "-o", str(docx_path))
    document = docx.Document(str(docx_path))
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Penyusunan Indikator Kinerja (IKU)" in cells
    run("render", "iku", "-o", str(svg))  # format from the suffix
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    run("render", "iku", "--format", "html", "-o", str(html))
    assert "Penyusunan Indikator Kinerja (IKU)" in html.read_text(encoding="utf-8")
    out, _err = run("export-bpmn", "iku", "-o", str(bpmn))
    assert "diekspor" in out
    text = bpmn.read_text(encoding="utf-8")
    assert "definitions" in text and "exclusiveGateway" in text
    _out, _err, message = run_failing("render", "tidak-ada", "-o", str(pdf))
    assert "tidak ditemukan" in message


def test_list(demo_sops):
    out, _err = run("list")
    lines = out.strip().splitlines()
    assert lines[0].split() == ["ID", "KODE", "NOMOR", "NAMA", "REVISI", "STATUS"]
    assert len(lines) == 7
    assert any("Penyusunan Indikator Kinerja (IKU)" in line and "disahkan" in line for line in lines)
