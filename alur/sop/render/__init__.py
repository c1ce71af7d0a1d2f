"""Renderers of one SOP: flowchart SVG, the official HTML/PDF document, DOCX.

Django is imported only by `html` and `pdf`; `svg`, `docx` and `common` are plain Python.
"""

from alur.sop.render.common import MINUTES_PER_DAY, OfficeHeader, format_nip, tanggal, total_waktu

__all__ = ["MINUTES_PER_DAY", "OfficeHeader", "format_nip", "tanggal", "total_waktu"]
