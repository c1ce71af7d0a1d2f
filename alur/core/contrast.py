"""Readable text on a coloured background (WCAG 2.1 relative luminance and contrast ratio).

A category's colour is office data; the label printed on it must still be readable, so the text
colour is chosen from the background rather than fixed to white."""

from __future__ import annotations

import re

DARK = "#212529"
LIGHT = "#ffffff"
_HEX = re.compile(r"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")


def luminance(colour: str) -> float | None:
    """Relative luminance of a #rgb / #rrggbb colour; None for anything else (a CSS name, empty)."""
    match = _HEX.match(colour.strip())
    if not match:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float | None:
    a, b = luminance(first), luminance(second)
    if a is None or b is None:
        return None
    lighter, darker = max(a, b), min(a, b)
    return (lighter + 0.05) / (darker + 0.05)


def text_colour_on(background: str) -> str:
    """Dark or white text, whichever contrasts more with the background (white when unknown)."""
    dark, light = contrast_ratio(DARK, background), contrast_ratio(LIGHT, background)
    if dark is None or light is None:
        return LIGHT
    return DARK if dark > light else LIGHT
