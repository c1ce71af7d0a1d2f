"""How the approver's jabatan reads on the SOP document."""

from __future__ import annotations


def approver_jabatan(title: str, office_name: str, government: str) -> str:
    """The approver's jabatan as the document prints it: "Kepala Dinas" of "Dinas Penanaman Modal dan
    PTSP" in "Pemerintah Kabupaten X" reads "Kepala Dinas Penanaman Modal dan PTSP Kabupaten X" (the
    word the title and the office name share is said once; nothing already in the title is repeated)."""
    region = government.removeprefix("Pemerintah").strip()
    words, office_words = title.split(), office_name.split()
    if office_name.lower() not in title.lower():
        overlap = next((n for n in range(min(len(words), len(office_words)), 0, -1)
                        if [w.lower() for w in words[-n:]] == [w.lower() for w in office_words[:n]]), 0)
        words += office_words[overlap:]
    if region and region.lower() not in " ".join(words).lower():
        words += region.split()
    return " ".join(words)
