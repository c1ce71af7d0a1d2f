"""The lembar disposisi as a printable PDF (WeasyPrint), from an HTML template in the usual form."""

from __future__ import annotations

from django.template.loader import render_to_string

from .models import Disposition, IncomingLetter


def sheet_context(disposition: Disposition) -> dict:
    task = disposition.task
    run = task.run
    ticked = set(disposition.instructions)
    copies = {c.position_id: c for c in disposition.copies.select_related("acknowledged_by")}
    return {
        "d": disposition, "run": run, "letter": run.letter, "office": run.office,
        "to": list(disposition.to_positions.all()),
        "copies": copies,
        "to_rows": [(p, copies.get(p.pk)) for p in disposition.to_positions.all()],
        "instructions": [(label, code in ticked) for code, label in Disposition.Instruction.choices],
        "sifat": [(label, run.letter is not None and run.letter.sifat == code)
                  for code, label in IncomingLetter.Sifat.choices],
        "author_title": f"{task.acting_prefix} {task.position.name if task.position else task.actor}".strip(),
    }


def sheet_pdf(disposition: Disposition) -> bytes:
    import weasyprint

    html = render_to_string("runs/lembar_disposisi.html", sheet_context(disposition))
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
