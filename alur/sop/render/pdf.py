"""The official SOP document as PDF (WeasyPrint), from the same HTML as the web page."""

from __future__ import annotations

from alur.core.durations import WorkingDay
from alur.core.sop.model import Sop
from alur.sop.render.common import MINUTES_PER_DAY, OfficeHeader
from alur.sop.render.html import render_sop_html


def render_sop_pdf(
    sop: Sop,
    office: OfficeHeader,
    steps_per_page: int = 10,
    *,
    minutes_per_day: int = MINUTES_PER_DAY,
    working_day: WorkingDay | None = None,
) -> bytes:
    """A4 landscape PDF: identity page, then the flow pages. The CSS is inlined from the static
    file and images are data URIs, so nothing is fetched over HTTP."""
    import weasyprint

    html = render_sop_html(
        sop, office, steps_per_page=steps_per_page, standalone=True, minutes_per_day=minutes_per_day,
        working_day=working_day,
    )
    return weasyprint.HTML(string=html, base_url=None).write_pdf()
