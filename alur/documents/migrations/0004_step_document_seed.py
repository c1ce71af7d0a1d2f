"""Bind the steps of existing revisions as `documents.mapping.STEP_DOCUMENTS` did before bindings
were rows: by a fragment of the SOP's name and the step numbers. The table is frozen here (a
migration must not follow later code); going back leaves nothing to undo (0003 drops the table)."""

from django.db import migrations

# (fragment of the SOP's nama, steps, document kind), as STEP_DOCUMENTS read before this migration
STEP_DOCUMENTS = (
    ("Indikator Kinerja (IKU)", frozenset({3, 4}), "iku"),
    ("Rencana Kerja (RENJA)", frozenset(range(2, 7)), "renja"),
    ("Rencana Strategis (RENSTRA)", frozenset(range(2, 7)), "renstra"),
    ("Laporan Akuntabilitas Instansi Pemerintah (LAKIP)", frozenset(range(2, 7)), "lkjip"),
    ("Laporan Kinerja Instansi Pemerintah (LkjIP)", frozenset(range(2, 7)), "lkjip"),
    ("Mekanisme Pengumpulan Data Kinerja", frozenset({3}), "data_kinerja"),
)


def seed(apps, schema_editor):
    SopRevision = apps.get_model("sop", "SopRevision")
    StepDocument = apps.get_model("documents", "StepDocument")
    rows = []
    for revision in SopRevision.objects.only("pk", "nama", "data").iterator(chunk_size=500):
        name = revision.nama.lower()
        steps = {step.get("no") for step in (revision.data or {}).get("steps") or []}
        # the first fragment that names the SOP decides each step, as document_for did
        kind_of_step: dict[int, str] = {}
        for fragment, numbers, kind in STEP_DOCUMENTS:
            if fragment.lower() in name:
                for no in numbers & steps:
                    kind_of_step.setdefault(no, kind)
        rows.extend(StepDocument(revision_id=revision.pk, step_no=no, kind=kind)
                    for no, kind in sorted(kind_of_step.items()))
        if len(rows) >= 2000:
            StepDocument.objects.bulk_create(rows)
            rows = []
    StepDocument.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ("documents", "0003_step_document"),
        ("sop", "0002_sop_link"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
