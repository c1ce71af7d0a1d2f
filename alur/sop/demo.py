"""Loads the six curated SAKIP SOPs of the seed into the demo office and maps their actors."""

from __future__ import annotations

from pathlib import Path

from alur.core.sop.yaml_format import load_sop_file
from alur.org.models import Office, Position

from .services import actor_map, load_approved_sop

SEED_DIR = Path(__file__).parent / "seeds"

# The seed's actor column headings, as each SOP spells them, and the demo position that fills them.
ACTOR_POSITIONS = {
    "Kepala Dinas": "kepala-dinas",
    "Sekretaris": "sekretaris",
    "Sekretaris Dinas": "sekretaris",
    "Kasubbag Perencanaan Program Monitoring Evaluasi dan Pelaporan": "kasubbag-ppmep",
    "Kasubbag PPMEP": "kasubbag-ppmep",
    "Perencana": "perencana",
    "Analisis Perencanaan Evaluasi dan Pelaporan": "perencana",
    "Tim Sakip": "tim-sakip",
    "Tim SAKIP": "tim-sakip",
    "Staf": "staf-perencanaan",
    "Staf Perencanaan": "staf-perencanaan",
    "Staf Subbag Perencanaan Program Monitoring Evaluasi dan Pelaporan": "staf-perencanaan",
    "Staf Kasubbag PPMEP": "staf-perencanaan",
    "Bidang-Bidang Lain": "kabid-pm",
    "Bidang-Bidang Terkait": "kabid-pm",
    "Bidang- Bidang Lain": "kabid-pm",
}


def seed_files() -> list[Path]:
    return sorted(SEED_DIR.glob("*.yaml"))


def load_demo_sops(office: Office) -> int:
    created = 0
    positions = {p.code: p for p in Position.objects.filter(office=office)}
    for path in seed_files():
        sop, issues = load_sop_file(path)
        if sop is None:
            errors = "; ".join(str(i) for i in issues if i.severity == "error")
            raise ValueError(f"SOP contoh {path.name} tidak valid: {errors}")
        revision, made = load_approved_sop(office=office, data=sop.to_dict(), slug=path.stem[3:] or path.stem)
        created += made
        if made:
            for actor in sop.actors:
                code = ACTOR_POSITIONS.get(actor)
                if code in positions:
                    actor_map(sop=revision.sop, actor=actor, position=positions[code])
    return created
