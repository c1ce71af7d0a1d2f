"""Server-side SVG charts: one histogram of a step's actual times against its standard line."""

from __future__ import annotations

from django.utils.html import escape

# Drawn at its own size (the realism table keeps the cell that wide): scaled down into a narrow cell,
# its 9-unit labels shrank to a few pixels (issue 18 item 21).
WIDTH, HEIGHT, PAD = 260, 120, 22
FONT = 11


def histogram_svg(bins: list[tuple[float, float, int]], standard: float | None, *, label: str = "",
                  standard_label: str = "", upper_label: str = "") -> str:
    """Bars of `bins` [(low, high, count)] and a red dashed line at `standard` (same unit as the bins);
    the last bin also holds every longer time, so its right edge is labelled `upper_label`+."""
    if not bins:
        return ""
    top = max(count for _, _, count in bins) or 1
    upper = bins[-1][1]
    plot_w, plot_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD
    bar_w = plot_w / len(bins)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
             f'height="{HEIGHT}" role="img" aria-label="{escape(label)}" class="alur-histogram">',
             f'<title>{escape(label)}</title>']
    for index, (_low, _high, count) in enumerate(bins):
        h = plot_h * count / top
        x, y = PAD + index * bar_w, PAD + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" height="{h:.1f}" fill="#198754">'
                     f'<title>{count}</title></rect>')
        if count:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 3:.1f}" font-size="{FONT}" '
                         f'text-anchor="middle">{count}</text>')
    parts.append(f'<line x1="{PAD}" y1="{PAD + plot_h}" x2="{PAD + plot_w}" y2="{PAD + plot_h}" stroke="#333"/>')
    if standard is not None and upper > 0:
        x = PAD + plot_w * min(standard, upper) / upper
        parts.append(f'<line x1="{x:.1f}" y1="{PAD - 6}" x2="{x:.1f}" y2="{PAD + plot_h}" stroke="#dc3545" '
                     f'stroke-width="2" stroke-dasharray="4 2" data-standard="1"/>')
        # the label sits on the side of the line with room for it
        side = 'text-anchor="end"' if x > PAD + plot_w / 2 else ""
        parts.append(f'<text x="{x + (-3 if side else 3):.1f}" y="{PAD - 8}" font-size="{FONT}" fill="#b02a37" '
                     f'{side}>{escape(standard_label)}</text>')
    parts.append(f'<text x="{PAD}" y="{HEIGHT - 6}" font-size="{FONT}">0</text>')
    parts.append(f'<text x="{PAD + plot_w}" y="{HEIGHT - 6}" font-size="{FONT}" text-anchor="end">'
                 f'{escape(upper_label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


BAR_H, LABEL_W, BAR_MAX = 22, 70, 150  # capaian beyond 150 % is drawn at the edge, its label says the value


def capaian_bars_svg(bars: list[tuple[str, float | None, str, str]], *, label: str) -> str:
    """Horizontal bars of capaian per indicator [(code, percent or None, colour, shown text)] with the
    100 % line; an indicator without a capaian is a labelled gap, never a zero bar."""
    if not bars:
        return ""
    plot_w = WIDTH + 120 - LABEL_W - PAD
    height = PAD + BAR_H * len(bars) + 8
    full = plot_w * 100 / BAR_MAX
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {LABEL_W + plot_w + PAD} {height}" '
             f'width="{LABEL_W + plot_w + PAD}" height="{height}" role="img" aria-label="{escape(label)}" '
             f'class="alur-capaian-bars">', f'<title>{escape(label)}</title>']
    for index, (code, value, colour, shown) in enumerate(bars):
        y = PAD + index * BAR_H
        parts.append(f'<text x="{LABEL_W - 4}" y="{y + BAR_H / 2 + 4:.1f}" font-size="{FONT}" '
                     f'text-anchor="end">{escape(code)}</text>')
        if value is None:
            parts.append(f'<text x="{LABEL_W + 4}" y="{y + BAR_H / 2 + 4:.1f}" font-size="{FONT}" '
                         f'fill="#6c757d">{escape(shown)}</text>')
            continue
        w = plot_w * max(0.0, min(value, BAR_MAX)) / BAR_MAX
        parts.append(f'<rect x="{LABEL_W}" y="{y + 3}" width="{w:.1f}" height="{BAR_H - 6}" '
                     f'fill="{escape(colour)}"><title>{escape(code)}: {escape(shown)}</title></rect>')
        parts.append(f'<text x="{LABEL_W + w + 4:.1f}" y="{y + BAR_H / 2 + 4:.1f}" font-size="{FONT}">'
                     f'{escape(shown)}</text>')
    parts.append(f'<line x1="{LABEL_W + full:.1f}" y1="{PAD - 6}" x2="{LABEL_W + full:.1f}" y2="{height - 4}" '
                 f'stroke="#333" stroke-dasharray="4 2" data-full="1"/>')
    parts.append(f'<text x="{LABEL_W + full:.1f}" y="{PAD - 9}" font-size="{FONT}" text-anchor="middle">100%</text>')
    parts.append("</svg>")
    return "".join(parts)
