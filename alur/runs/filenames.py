"""Scanner file names ("SCAN_Kantor_…_20261124_152633_0001.pdf") can be very long: they are shortened
to fit, keeping the start, the end (where scanners put date and counter) and the extension."""

from __future__ import annotations

import posixpath


def shorten(name: str, limit: int) -> str:
    """`name` as it is when it fits, else its start + "…" + its end, with the extension, in `limit` chars."""
    name = posixpath.basename(name.replace("\\", "/")) or "berkas"
    if len(name) <= limit:
        return name
    stem, extension = posixpath.splitext(name)
    extension = extension[:12]
    room = max(2, limit - len(extension) - 1)
    head, tail = room - room // 3, room // 3
    return stem[:head] + "…" + (stem[-tail:] if tail else "") + extension
