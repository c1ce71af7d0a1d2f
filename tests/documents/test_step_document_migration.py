"""documents 0004 binds the steps of revisions already in the database as the SOP-name table did."""

import pytest
import yaml
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from alur.sop.demo import seed_files

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = [("documents", "0002_generated"), ("sop", "0002_sop_link")]
AFTER = [("documents", "0004_step_document_seed")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_existing_revisions_get_the_bindings_the_name_table_gave(demo_office):
    apps = _migrate(BEFORE)
    try:
        Sop, SopRevision = apps.get_model("sop", "Sop"), apps.get_model("sop", "SopRevision")
        for n, path in enumerate(seed_files(), start=1):
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
            steps = [{"no": int(step.get("no") or i), "kegiatan": step.get("kegiatan", "")}
                     for i, step in enumerate(data["steps"], start=1)]
            sop = Sop.objects.create(office_id=demo_office.pk, slug=f"seed-{n}")
            SopRevision.objects.create(sop=sop, number=1, nomor="", nama=data["nama"], data={"steps": steps})
        sop = Sop.objects.create(office_id=demo_office.pk, slug="lain")
        SopRevision.objects.create(sop=sop, number=1, nomor="", nama="Pengelolaan Arsip",
                                   data={"steps": [{"no": 3, "kegiatan": "Arsip"}]})
        apps = _migrate(AFTER)
        rows = apps.get_model("documents", "StepDocument").objects.values_list("revision__nama", "step_no", "kind")
        by_name = {}
        for name, step_no, kind in rows:
            by_name.setdefault(name, {})[step_no] = kind
        iku = next(v for k, v in by_name.items() if "(IKU)" in k)
        assert iku == {3: "iku", 4: "iku"}
        assert next(v for k, v in by_name.items() if "Pengumpulan" in k) == {3: "data_kinerja"}
        assert sorted(set().union(*(v.values() for v in by_name.values()))) == [
            "data_kinerja", "iku", "lkjip", "renja", "renstra"]
        assert "Pengelolaan Arsip" not in by_name
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
