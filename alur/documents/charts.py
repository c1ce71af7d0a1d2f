"""Bar charts as SVG from a content Chart: inline (vector) in the PDF; in the DOCX the SVG for Word
2016+ with a PNG (CairoSVG) fallback for LibreOffice and older Word (alur.kit.docx_svg)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from alur.core.numbers import angka

from .content import Chart

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 560, 240, 44, 30, 14
COLOURS = ("#2f6f9f", "#e0a030")


def alt_text(chart: Chart) -> str:
    """The chart's figures in words, for whoever cannot see the bars: "S1: Target 100 %, Realisasi 98,4 %; …"."""
    def shown(value: float | None) -> str:
        return "tanpa data" if value is None else f"{angka(Decimal(f'{value:.2f}'))} {chart.unit}".strip()

    return "; ".join(
        f"{label}: " + ", ".join(f"{name} {shown(series[i])}" for name, series in chart.series)
        for i, label in enumerate(chart.labels)
    ) + "."


def svg(chart: Chart) -> str:
    values = [v for _name, series in chart.series for v in series if v is not None]
    top = max([100.0, *values]) * 1.1
    plot_w, plot_h = WIDTH - LEFT - 10, HEIGHT - BOTTOM - TOP
    slot = plot_w / max(1, len(chart.labels))
    bar = slot * 0.7 / max(1, len(chart.series))
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="DejaVu Sans, sans-serif" font-size="10" role="img">',
             f"<title>{escape(chart.caption)}</title><desc>{escape(alt_text(chart))}</desc>",
             f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>']
    for tick in range(0, int(top) + 1, 25 if top <= 200 else 50):
        y = TOP + plot_h - tick / top * plot_h
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end">{tick}</text>')
    for i, label in enumerate(chart.labels):
        x0 = LEFT + i * slot + slot * 0.15
        for s, (_name, series) in enumerate(chart.series):
            value = series[i]
            x = x0 + s * bar
            if value is None:
                parts.append(f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - 4}" text-anchor="middle" '
                             f'font-size="8">n/a</text>')
                continue
            h = value / top * plot_h
            parts.append(f'<rect x="{x:.1f}" y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % 2]}"/>'
                         f'<text x="{x + bar / 2:.1f}" y="{TOP + plot_h - h - 3:.1f}" text-anchor="middle" '
                         f'font-size="8">{angka(value, 2)}</text>')
        parts.append(f'<text x="{LEFT + i * slot + slot / 2:.1f}" y="{HEIGHT - BOTTOM + 14}" '
                     f'text-anchor="middle">{escape(label)}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - 10}" y2="{TOP + plot_h}" stroke="#333"/>')
    parts.append("</svg>")
    return "".join(parts)


def png(chart: Chart, drawn: str | None = None) -> bytes:
    """The PNG fallback of the same drawing (`drawn`: its SVG when the caller has it already)."""
    import cairosvg

    return cairosvg.svg2png(bytestring=(drawn or svg(chart)).encode(), output_width=WIDTH * 2,
                            output_height=HEIGHT * 2)
