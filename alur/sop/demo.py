"""Loads the six curated SAKIP SOPs of the seed into the demo office and maps their actors."""

from __future__ import annotations

from pathlib import Path

from alur.core.sop.yaml_format import load_sop_file
from alur.org.models import Office, Position

from .models import Sop
from .services import load_approved_sop, load_confirmed_link, load_confirmed_steps

SEED_DIR = Path(__file__).parent / "seeds"

# The seed's actor column headings, as each SOP spells them, and the demo position(s) that fill them:
# "Bidang-Bidang Lain" means every Bidang, so each Kabid gets its own task of those steps.
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
    "Bidang-Bidang Lain": ("kabid-pm", "kabid-pp"),
    "Bidang-Bidang Terkait": ("kabid-pm", "kabid-pp"),
    "Bidang- Bidang Lain": ("kabid-pm", "kabid-pp"),
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
        actor_positions = {actor: found for actor in sop.actors
                           if (found := _demo_positions(positions, ACTOR_POSITIONS.get(actor)))}
        revision, made = load_approved_sop(office=office, data=sop.to_dict(), slug=path.stem[3:] or path.stem,
                                           actor_positions=actor_positions)
        created += made
        # The demo's inferred actors were checked against the office's SOPs by the people who wrote the
        # seed (each step's actor_reason); confirm them so demo runs may start.
        load_confirmed_steps(revision=revision)
    confirm_obvious_links(office)
    return created


def _demo_positions(positions: dict[str, Position], codes) -> list[Position]:
    codes = (codes,) if isinstance(codes, str) else (codes or ())
    return [positions[code] for code in codes if code in positions]


def confirm_obvious_links(office: Office) -> int:
    """Confirm each Keterangan link of the office's approved SOPs that names exactly one other SOP of
    the office by its full name ("SOP Caraka" → the SOP called "Caraka"). Anything less certain is
    left for a person on the SOP page."""
    sops = list(Sop.objects.filter(office=office).prefetch_related("revisions__links"))
    by_name: dict[str, list[Sop]] = {}
    for sop in sops:
        revision = sop.current_revision()
        if revision is not None:
            by_name.setdefault(revision.nama.strip().lower(), []).append(sop)
    confirmed = 0
    for sop in sops:
        revision = sop.current_revision()
        if revision is None:
            continue
        done = {(link.step_no, link.text) for link in revision.links.all()}
        for step in revision.data.get("steps", []):
            for text in step.get("sop_links") or []:
                targets = by_name.get(text.removeprefix("SOP ").strip().lower(), [])
                if (step.get("no"), text) in done or len(targets) != 1 or targets[0].pk == sop.pk:
                    continue
                load_confirmed_link(revision=revision, step_no=step["no"], text=text, target=targets[0])
                confirmed += 1
    return confirmed
