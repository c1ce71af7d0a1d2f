"""What changed in a document's data since a version was made: lines only in the old data
(removed or changed from) and only in today's (added or changed to)."""

from __future__ import annotations


def lines_of(data: dict) -> list[str]:
    lines = []
    for block in data.get("blocks", []):
        kind = block.get("type")
        if kind == "Table":
            caption = block.get("caption", "")
            for row in [*block.get("rows", []), *([block["total"]] if block.get("total") else [])]:
                lines.append(f"{caption}: " + " | ".join(str(cell) for cell in row))
        elif kind in ("Paragraph", "Heading"):
            lines.append(block.get("text", ""))
        elif kind == "Clause":
            lines.extend(f"{block.get('label', '')}: {item}" for item in block.get("items", []))
        elif kind == "BulletList":
            lines.extend(f"• {item}" for item in block.get("items", []))
        elif kind == "Signatures":  # who signs, as what (a Plt. appearing is a change)
            lines.extend(" ".join(str(x) for x in party[:3] if x) for party in block.get("parties", []))
    return lines


def differences(old: dict, new: dict) -> tuple[list[str], list[str]]:
    before, after = lines_of(old), lines_of(new)
    after_set, before_set = set(after), set(before)
    return [x for x in before if x not in after_set], [x for x in after if x not in before_set]
