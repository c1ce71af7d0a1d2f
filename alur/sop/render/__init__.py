"""Renderers of one SOP: flowchart SVG, the official HTML/PDF document, DOCX, BPMN.

`render_sop` is the one entry point by format, used by the download view and `alur sop render`.
Django is imported only by `html` and `pdf`; `svg`, `docx` and `common` are plain Python.
"""

from alur.core.durations import WorkingDay
from alur.core.text import without_forbidden
from alur.sop.render.common import MINUTES_PER_DAY, OfficeHeader, format_nip, tanggal, total_waktu

FORMATS = ("pdf", "docx", "svg", "html", "bpmn")


def render_sop(
    core, header: OfficeHeader, fmt: str, *, steps_per_page: int = 10, standalone: bool = True,
    working_day: WorkingDay | None = None,
) -> bytes | str:
    """The SOP `core` as `fmt` (one of FORMATS). `steps_per_page` applies to the paged formats (pdf,
    html); `standalone=False` gives the HTML fragment shown inside an Alur page; `working_day` (the
    office calendar's, see `alur.sop.selectors.working_day_of`) is what "1 Hari" means and the hours
    the document names."""
    core, header = without_forbidden(core), without_forbidden(header)  # rows stored before the text rule
    minutes = working_day.minutes if working_day is not None else MINUTES_PER_DAY
    if fmt == "pdf":
        # lazy: a renderer loads its heavy library (WeasyPrint, python-docx) only when asked
        from alur.sop.render.pdf import render_sop_pdf

        return render_sop_pdf(core, header, steps_per_page, working_day=working_day)
    if fmt == "docx":
        # lazy: a renderer loads its heavy library (WeasyPrint, python-docx) only when asked
        from alur.sop.render.docx import render_sop_docx

        return render_sop_docx(core, header, minutes_per_day=minutes)
    if fmt == "svg":
        # lazy: a renderer loads its heavy library (WeasyPrint, python-docx) only when asked
        from alur.sop.render.svg import flowchart_svg_document

        return flowchart_svg_document(core)
    if fmt == "bpmn":
        # lazy: the BPMN writer is needed only for this format
        from alur.core.sop.bpmn import sop_to_bpmn

        return sop_to_bpmn(core)
    if fmt == "html":
        # lazy: a renderer loads its heavy library (WeasyPrint, python-docx) only when asked
        from alur.sop.render.html import render_sop_html

        return render_sop_html(core, header, steps_per_page=steps_per_page, standalone=standalone,
                               working_day=working_day)
    raise ValueError(f"unknown SOP format {fmt!r}; one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "MINUTES_PER_DAY", "OfficeHeader", "format_nip", "render_sop", "tanggal", "total_waktu"]
