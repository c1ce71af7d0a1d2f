from dataclasses import replace
from datetime import date
from pathlib import Path

from alur.core.sop.diff import ADDED, CHANGED, REMOVED, RENUMBERED, diff_sops
from alur.core.sop.model import Approver, Step, StepKind, Waktu, WaktuUnit
from alur.core.sop.yaml_format import load_sop_file

IKU, _ = load_sop_file(Path(__file__).parents[2] / "alur" / "sop" / "seeds" / "01-iku.yaml")


def messages(old, new):
    return [str(c) for c in diff_sops(old, new)]


def test_identical_revisions_have_no_changes():
    assert diff_sops(IKU, IKU) == []


def test_identity_fields():
    new = replace(
        IKU,
        nama="Penyusunan Indikator Kinerja Utama (IKU)",
        tanggal_revisi=date(2024, 3, 1),
        disahkan_oleh=replace(IKU.disahkan_oleh, nama="Plt. BUDI"),
        dasar_hukum=IKU.dasar_hukum[1:] + ("Permendagri 86 Tahun 2017",),
    )
    got = messages(IKU, new)
    assert got[0] == (
        "Nama SOP diubah dari 'Penyusunan Indikator Kinerja (IKU)' menjadi "
        "'Penyusunan Indikator Kinerja Utama (IKU)'."
    )
    assert "Tanggal revisi diisi: 1 Maret 2024." in got
    assert "Nama pengesah diubah dari 'H. YAN ERY, S.Pt, M.Si' menjadi 'Plt. BUDI'." in got
    assert f"Dasar hukum dihapus: '{IKU.dasar_hukum[0]}'." in got
    assert "Dasar hukum ditambahkan: 'Permendagri 86 Tahun 2017'." in got
    assert diff_sops(IKU, replace(IKU, disahkan_oleh=Approver()))[0].field == "disahkan_oleh.jabatan"


def test_actors_added_removed_and_reordered():
    new = replace(IKU, actors=("Kepala Dinas", "Sekretaris", "Perencana", "Staf", "Analis"))
    got = diff_sops(IKU, new)
    assert [(c.kind, c.message) for c in got if c.field == "actors"] == [
        (REMOVED, "Pelaksana dihapus: 'Tim Sakip'."),
        (ADDED, "Pelaksana ditambahkan: 'Analis'."),
    ]
    swapped = replace(IKU, actors=tuple(reversed(IKU.actors)))
    (change,) = diff_sops(IKU, swapped)
    assert change.kind == CHANGED and change.message.startswith("Urutan pelaksana diubah")


def test_step_fields_changed():
    step5 = IKU.step(5)
    new = IKU.with_steps(
        s if s.no != 5 else replace(s, waktu=Waktu(1, WaktuUnit.JAM), next_no=3, actor_confirmed=True)
        for s in IKU.steps
    )
    got = diff_sops(IKU, new)
    assert [c.message for c in got] == [
        "Langkah 5: waktu diubah dari 30 Menit menjadi 1 Jam.",
        "Langkah 5: langkah bila Tidak diubah dari 4 menjadi 3.",
        "Langkah 5: pelaksana dikonfirmasi.",
    ]
    assert got[0].field == "steps[4].waktu" and got[0].old == step5.waktu


def test_inserted_step_is_one_addition_plus_renumbering():
    inserted = Step(no=4, kegiatan="Membahas konsep bersama Tim SAKIP", kind=StepKind.PROCESS,
                    actors=("Staf",))
    steps = list(IKU.steps[:3]) + [inserted] + [replace(s, no=s.no + 1) for s in IKU.steps[3:]]
    got = diff_sops(IKU, IKU.with_steps(steps))
    added = [c for c in got if c.kind == ADDED]
    assert [c.message for c in added] == ["Langkah 4 ditambahkan: 'Membahas konsep bersama Tim SAKIP'."]
    assert not [c for c in got if c.field.endswith(".kegiatan")]
    assert "Langkah 4 kini menjadi langkah 5." in [c.message for c in got if c.kind == RENUMBERED]


def test_removed_and_reworded_steps():
    steps = [s for s in IKU.steps if s.no != 8]
    steps = [replace(s, no=i + 1) for i, s in enumerate(steps)]
    steps[2] = replace(steps[2], kegiatan="Menyusun Konsep Indikator Kinerja Utama (IKU) tahunan")
    got = diff_sops(IKU, IKU.with_steps(steps))
    assert f"Langkah 8 dihapus: '{IKU.step(8).kegiatan}'." in [c.message for c in got]
    reworded = [c for c in got if c.field == "steps[2].kegiatan"]
    assert reworded and reworded[0].message.startswith("Langkah 3: kegiatan diubah dari")
