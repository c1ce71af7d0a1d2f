"""Guess each step's actor column(s), its act and its kind from the text alone.

The seed's flowchart symbols were pictures and are lost, so the importer cannot know which
column held each step. This module guesses, says why in `actor_reason` (one Indonesian line),
and leaves `actor_confirmed` false so that a person confirms or changes every guess.

Roles. Each actor column of the SOP is given a role from its name (checked in this order):
  staf       "Staf…", "Pelaksana", "Operator", "Pengadministrasi", "Pengelola", "Caraka"
  kasubbag   "Kasubbag…", "Kasubag…", "Kepala Sub…", "Kasi", "Kepala Seksi"
  sekretaris "Sekretaris…", "Sekdin"
  bidang     "Bidang…", "Kabid", "Kepala Bidang…", "Unit…"
  kepala     "Kepala Dinas", "Kadis", "Kepala Badan", "Kepala Kantor", "Kepala…", "Pimpinan"
  perencana  "Perencana…", "Analis…", "Tim…", "Fungsional", "Pranata…"
and the chain of command is kepala (0) > sekretaris (1) > kasubbag (2) > perencana (3) > staf (4);
bidang and unknown columns are outside the chain. "One level below X" is the chain column with
the smallest level greater than X's (ties: the leftmost); "one level above X" the one with the
largest level smaller than X's (ties: the rightmost).

A role named in the text ("memerintahkan Kasubag PPMEP") matches a column of the same role; if
the text adds words after the role ("PPMEP", "Umum dan Keuangan"), they must match the column's
words, either as an acronym ("PPMEP" = Perencanaan Program Monitoring Evaluasi dan Pelaporan) or
by sharing a word.

Rules, first match wins (text compared in lower case):
  R1 rapat        "rapat …": every column whose role/name the text names, plus the planning
                  actor of R12 (who organises it), in column order (several actors).
  R2 disposisi-1  first step with "memerintahkan/arahan/disposisi/menugaskan": the top column.
  R3 telaah       "menerima/menelaah … memerintahkan X": one level above X (else Sekretaris).
  R4 disposisi-n  a later step starting "memerintahkan/memberi arahan/disposisi": one level above
                  the X it names, else one level below the previous step's actor.
  R5 lapor        "melaporkan/menyampaikan kepada|ke X": one level below X (plus the Bidang
                  column(s) when the step also coordinates with "bidang"); the next step that
                  starts "menerima…" is then given to X (R9).
  R6 decision     "bila setuju … jika tidak …": one level above the actor of the step that
                  "Tidak" goes back to.
  R7 arsip        "didistribusikan/diarsipkan/mengagendakan/menggandakan/mendistribusikan":
                  the staf column, else the lowest column of the chain.
  R8 tanda tangan "menandatangani/tanda tangan/ditandatangani [X]": X, else the top column.
  R9 terima       "menerima …" right after a step that reported to X (R5): X.
  R10 paraf       "paraf/memaraf": the Sekretaris column, else one level below the top.
  R11 ketik       "mengetik": the staf column, else the lowest column of the chain.
  R12 koordinasi  "koordinasi/pengumpulan bahan": the X of the last "memerintahkan X" (R3),
                  else the planning head (kasubbag, else perencana); plus the Bidang column(s)
                  when "bidang" is named.
  R13 terima hasil "menerima hasil …": same planning actor as R12 (without Bidang).
  R14 periksa     "memeriksa/mengoreksi/meneliti/memverifikasi": one level above the previous
                  step's actor.
  R15 kerja       anything else (menyusun, membuat, menelaah, mengedit, perbaikan): the worker,
                  perencana, else staf, else kasubbag, else the first chain column.
Marks in the actor cells (a .docx row whose actor cell holds "X"/"√") win over all rules.

Act (first match): starts with memerintahkan/memberi arahan/disposisi -> disposisi; arsip words
-> arsip; agenda words -> agenda; tanda tangan -> tanda_tangan; paraf -> paraf; memerintahkan/
menugaskan anywhere -> disposisi; rapat/koordinasi/pengumpulan -> koordinasi; a decision or
memeriksa/mengoreksi/meneliti/memverifikasi -> periksa; else kerja.

Kind: a step that says "bila/jika/apabila setuju|disetujui|sesuai|benar|lengkap" and "jika/bila
tidak" is a decision (next_yes = the next step; next_no = the step named "langkah N" in the Tidak
clause, else the latest earlier step done by the role named there, else the previous step);
otherwise the first and last steps are terminators and the rest processes. A step whose text
only allows sending back ("edit jika diperlukan", "perbaikan jika dianggap perlu", "apabila masih
perlu perbaikan", "mengoreksi") stays a process; `may_send_back` lets the reader say so in a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alur.core.sop.model import Act, StepKind

LEVELS = {"kepala": 0, "sekretaris": 1, "kasubbag": 2, "perencana": 3, "staf": 4}
ROLE_NAMES = {
    "kepala": "pimpinan (Kepala Dinas)",
    "sekretaris": "Sekretaris",
    "kasubbag": "Kasubbag",
    "perencana": "Perencana/analis",
    "staf": "Staf",
    "bidang": "Bidang",
}

_ROLE_RULES = [
    ("staf", r"\bstaf+\b|\bstaff\b|\bpelaksana\b|\boperator\b|\bpengadministrasi|\bpengelola\b|\bcaraka\b"),
    ("kasubbag", r"\bkasub+a?g+\w*|\bkepala\s+sub\w*|\bkasi\b|\bkepala\s+seksi"),
    ("sekretaris", r"\bsekretaris|\bsekdin\b|\bsekban\b"),
    ("bidang", r"\bbidang|\bkabid\b|\bunit\b"),
    ("kepala", r"\bkepala\s+dinas|\bkadis\b|\bkepala\s+badan|\bkepala\s+kantor|^kepala\b|\bpimpinan"),
    ("perencana", r"\bperencana\b|\banalis\w*|\btim\b|\bfungsional\b|\bpranata\b"),
]
_ROLE_RES = [(role, re.compile(p, re.I)) for role, p in _ROLE_RULES]

# Role mentions inside a step's text, with the words that may follow the role name.
_MENTION_RES = [
    ("staf", re.compile(r"\bstaf+\b", re.I)),
    ("kasubbag", re.compile(r"\bkasub+a?g+\b|\bkepala\s+sub\s*bag\w*", re.I)),
    ("sekretaris", re.compile(r"\bsekretaris\b", re.I)),
    ("bidang", re.compile(r"\bkabid\b|\bkepala\s+bidang\b|\bbidang\b", re.I)),
    ("kepala", re.compile(r"\bkepala\s+dinas\b|\bkadis\b|\bkepala\s+badan\b|\bpimpinan\b", re.I)),
    ("perencana", re.compile(r"\bperencana\b|\bpejabat\s+fungsional\b|\btim\s+sakip\b|\banalis\w*", re.I)),
]
_STOP_WORDS = {"untuk", "dan", "serta", "yang", "dalam", "atas", "kepada", "ke", "dengan", "membahas"}


def role_of(name: str) -> str | None:
    text = " ".join((name or "").split())
    for role, regex in _ROLE_RES:
        if regex.search(text):
            return role
    return None


@dataclass
class Column:
    index: int
    name: str
    role: str | None

    @property
    def level(self) -> int | None:
        return LEVELS.get(self.role or "")


@dataclass
class Mention:
    role: str
    qualifier: list[str]
    start: int
    end: int
    text: str


def find_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    for role, regex in _MENTION_RES:
        for m in regex.finditer(text):
            qualifier: list[str] = []
            rest = text[m.end() : m.end() + 120].split()
            for word in rest:
                bare = word.strip(",.;:()/")
                if not bare or bare.lower() in _STOP_WORDS or not bare[0].isupper():
                    break
                qualifier.append(bare)
                if word.endswith((",", ";", ".")):
                    break
            if any(o.start <= m.start() < o.end for o in out):
                continue
            out.append(Mention(role, qualifier, m.start(), m.end(), m.group(0)))
    return sorted(out, key=lambda x: x.start)


def _qualifier_matches(qualifier: list[str], column: Column) -> bool:
    if not qualifier:
        return True
    col_words = [w.strip(",.;:()/-") for w in column.name.split()]
    col_words = [w for w in col_words if w]
    # words after the role word in the column name
    role_index = next((i for i, w in enumerate(col_words) if role_of(w) == column.role), 0)
    tail = col_words[role_index + 1 :]
    acronym = "".join(w[0] for w in tail if w.lower() not in _STOP_WORDS).upper()
    for q in qualifier:
        if len(q) >= 3 and q.isupper() and (q == acronym or q in acronym or acronym.startswith(q)):
            return True
        if q.upper() in {w.upper() for w in col_words}:
            return True
    return False


def match_columns(mention: Mention, columns: list[Column]) -> list[Column]:
    same = [c for c in columns if c.role == mention.role]
    if mention.role == "perencana" and mention.text.lower().startswith("tim"):
        same = [c for c in same if "tim" in c.name.lower()] or same
    fitting = [c for c in same if _qualifier_matches(mention.qualifier, c)]
    return fitting


@dataclass
class Inferred:
    actors: list[str]
    reason: str
    act: str
    kind: str
    next_yes: int | None = None
    next_no: int | None = None


_DISPOSISI_START = re.compile(
    r"^(memerintahkan|memberi(?:kan)?\s+arahan|memberi(?:kan)?\s+disposisi|mendisposisikan|disposisi|"
    r"menugaskan|perintah)",
    re.I,
)
_COMMAND = re.compile(r"\b(memerintahkan|menugaskan|mendisposisikan)\b", re.I)
_COMMAND_ANY = re.compile(r"\b(memerintahkan|arahan|disposisi|perintah|menugaskan)\b", re.I)
_REPORT = re.compile(
    r"\b(melaporkan|menyampaikan|menyampaikannya|dilaporkan|disampaikan)\s+(kepada|ke)\s+", re.I
)
_ARSIP = re.compile(r"\b(didistribusikan|diarsipkan|mengarsipkan|arsip)\b", re.I)
_AGENDA = re.compile(r"\b(mengagendakan|menggandakan|manggandakan|mendistribusikan|agenda)\b", re.I)
_SIGN = re.compile(r"\b(menandatangani|tanda\s*tangan|ditandatangani|penandatanganan)\b", re.I)
_SIGNED_BY = re.compile(r"\bditandatangani\s+(?:oleh\s+)?", re.I)
_PARAF = re.compile(r"\b(paraf|memaraf|diparaf)\b", re.I)
_TYPE = re.compile(r"\bmengetik\b", re.I)
_COORD = re.compile(r"\b(koordinasi|pengumpulan\s+bahan|mengumpulkan)\b", re.I)
_RECEIVE = re.compile(r"^\s*menerima\b", re.I)
_RECEIVE_RESULT = re.compile(r"\bmenerima\s+hasil\b", re.I)
_REVIEW = re.compile(r"\b(memeriksa|mengoreksi|meneliti|memverifikasi|mereviu|mereview)\b", re.I)
_RAPAT = re.compile(r"^\s*rapat\b|\brapat\s+koordinasi\b", re.I)
_YES = re.compile(r"\b(bila|jika|apabila|kalau)\s+(setuju|disetujui|sesuai|benar|lengkap|diterima)\b", re.I)
_NO = re.compile(r"\b(jika|bila|apabila|kalau)\s+tidak\b", re.I)
_BACK_TO = re.compile(r"\b(?:langkah|kegiatan|no\.?|nomor)\s*(\d{1,3})\b", re.I)
_BIDANG = re.compile(r"\bbidang", re.I)
_MAX_TEXT = 2000  # the heuristic reads at most this much of a step's text


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ActorGuesser:
    """Walks the steps in order, remembering hand-offs between them."""

    def __init__(self, actor_names: list[str]):
        self.columns = [Column(i, n, role_of(n)) for i, n in enumerate(actor_names)]
        self.chain = [c for c in self.columns if c.level is not None]
        self.handoff: list[Column] = []
        self.ordered: list[Column] = []
        self.previous: list[Column] = []
        self.done: list[tuple[int, list[Column]]] = []  # (step no, actors) so far

    # -- column helpers ---------------------------------------------------------------------
    def top(self) -> list[Column]:
        kepala = [c for c in self.columns if c.role == "kepala"]
        if kepala:
            return kepala[:1]
        return sorted(self.chain, key=lambda c: (c.level, c.index))[:1]

    def role(self, role: str) -> list[Column]:
        return [c for c in self.columns if c.role == role][:1]

    def lowest(self) -> list[Column]:
        staf = self.role("staf")
        if staf:
            return staf
        return sorted(self.chain, key=lambda c: (-c.level, c.index))[:1]

    def below(self, cols: list[Column]) -> list[Column]:
        levels = [c.level for c in cols if c.level is not None]
        if not levels:
            return []
        ref = min(levels)
        cands = [c for c in self.chain if c.level > ref]
        return sorted(cands, key=lambda c: (c.level, c.index))[:1]

    def above(self, cols: list[Column]) -> list[Column]:
        levels = [c.level for c in cols if c.level is not None]
        if not levels:
            return []
        ref = max(levels)
        cands = [c for c in self.chain if c.level < ref]
        return sorted(cands, key=lambda c: (-c.level, -c.index))[:1]

    def planner(self) -> list[Column]:
        if self.ordered:
            return self.ordered
        return self.role("kasubbag") or self.role("perencana") or self.lowest()

    def worker(self) -> list[Column]:
        return self.role("perencana") or self.role("staf") or self.role("kasubbag") or self.chain[:1]

    def mentioned(self, text: str) -> list[Column]:
        out: list[Column] = []
        for mention in find_mentions(text):
            for col in match_columns(mention, self.columns):
                if col not in out:
                    out.append(col)
        return out

    def mention_after(self, text: str, pos: int) -> list[Column]:
        """Columns named right after position `pos` (the object of "kepada", "memerintahkan")."""
        for mention in find_mentions(text):
            if mention.start >= pos and mention.start - pos <= 40:
                return match_columns(mention, self.columns)[:1]
        return []

    # -- the rules --------------------------------------------------------------------------
    def guess(self, no: int, text: str, first: bool, last: bool, next_no_step: int | None) -> Inferred:
        text = " ".join((text or "")[:_MAX_TEXT].split())
        low = text.lower()
        decision = bool(_YES.search(text) and _NO.search(text))
        next_no = None
        if decision:
            next_no = self._back_target(text)
        cols, reason = self._actor(no, text, low, first, decision, next_no)
        handoff: list[Column] = []
        report = _REPORT.search(text)
        if report:
            handoff = self.mention_after(text, report.end())
        command = _COMMAND.search(text)
        if command:
            target = self.mention_after(text, command.end())
            if target:
                self.ordered = target
        self.handoff = handoff
        self.previous = cols
        self.done.append((no, cols))
        if decision:
            kind = StepKind.DECISION.value
        elif first or last:
            kind = StepKind.TERMINATOR.value
        else:
            kind = StepKind.PROCESS.value
        return Inferred(
            actors=[c.name for c in cols],
            reason=reason,
            act=infer_act(text, decision),
            kind=kind,
            next_yes=next_no_step if decision else None,
            next_no=next_no,
        )

    def _back_target(self, text: str) -> int | None:
        m = _NO.search(text)
        clause = text[m.end() :] if m else ""
        explicit = _BACK_TO.search(clause)
        if explicit:
            return int(explicit.group(1))
        named = self.mentioned(clause)
        if named:
            for step_no, cols in reversed(self.done):
                if any(c in cols for c in named):
                    return step_no
        return self.done[-1][0] if self.done else None

    def _actor(self, no, text, low, first, decision, next_no) -> tuple[list[Column], str]:
        if not self.columns:
            return [], "SOP tidak memiliki kolom pelaksana; pilih pelaksana secara manual."
        quote = _short(text)
        names = lambda cols: ", ".join(c.name for c in cols)  # noqa: E731

        if _RAPAT.search(text):
            named = self.mentioned(text)
            cols = sorted({c.index: c for c in named + self.planner()}.values(), key=lambda c: c.index)
            return cols, (
                f"Rapat koordinasi ('{quote}'): pelaksana yang disebut ikut, ditambah penyelenggara "
                f"perencanaan, yaitu {names(cols)}."
            )
        if first and _COMMAND_ANY.search(text):
            cols = self.top()
            return cols, f"Langkah pertama berupa arahan/disposisi ('{quote}'): oleh pimpinan, {names(cols)}."
        command = _COMMAND.search(text)
        if command and re.search(r"\b(menerima|menelaah)\b", low):
            target = self.mention_after(text, command.end())
            cols = self.above(target) if target else []
            cols = cols or self.role("sekretaris") or self.below(self.top())
            who = names(target) if target else "bawahan"
            return cols, f"Menerima/menelaah lalu memerintahkan {who}: atasan langsungnya, {names(cols)}."
        if _DISPOSISI_START.match(text):
            target = self.mention_after(text, _DISPOSISI_START.match(text).end())
            if target:
                cols = self.above(target) or self.top()
                return cols, f"Perintah kepada {names(target)}: diberikan atasannya, {names(cols)}."
            cols = self.below(self.previous) or self.top()
            prev = names(self.previous) or "-"
            return cols, (
                f"Perintah lanjutan setelah langkah sebelumnya ({prev}): diteruskan satu tingkat di "
                f"bawahnya, {names(cols)}."
            )
        report = _REPORT.search(text)
        if report:
            target = self.mention_after(text, report.end())
            if target:
                cols = self.below(target) or self.lowest()
                extra = self.role("bidang") if _COORD.search(text) and _BIDANG.search(text) else []
                reason = f"Melaporkan/menyampaikan kepada {names(target)}: bawahan langsungnya, {names(cols)}"
                if extra:
                    reason += f", bersama {names(extra)} (koordinasi dengan bidang)"
                return cols + [c for c in extra if c not in cols], reason + "."
        if decision:
            back = next((cols for step_no, cols in self.done if step_no == next_no), [])
            cols = self.above(back) or self.above(self.previous) or self.worker()
            return cols, (
                f"Keputusan setuju/tidak atas hasil langkah {next_no} ({names(back) or '-'}): "
                f"diperiksa atasannya, {names(cols)}."
            )
        if _ARSIP.search(text) or _AGENDA.search(text):
            cols = self.lowest()
            return cols, f"Agenda/penggandaan/distribusi/arsip ('{quote}'): tugas staf, {names(cols)}."
        if _SIGN.search(text):
            signed = _SIGNED_BY.search(text)
            cols = self.mention_after(text, signed.end()) if signed else []
            cols = cols or self.top()
            return cols, f"Penandatanganan ('{quote}'): oleh pimpinan, {names(cols)}."
        if _RECEIVE.match(text) and self.handoff:
            cols = self.handoff
            return cols, f"Menerima laporan dari langkah sebelumnya yang ditujukan kepada {names(cols)}."
        if _PARAF.search(text):
            cols = self.role("sekretaris") or self.below(self.top())
            return cols, f"Paraf sebelum tanda tangan pimpinan: biasanya Sekretaris, {names(cols)}."
        if _TYPE.search(text):
            cols = self.lowest()
            return cols, f"Mengetik ('{quote}'): tugas staf, {names(cols)}."
        if _COORD.search(text):
            cols = self.planner()
            extra = self.role("bidang") if _BIDANG.search(text) else []
            reason = f"Koordinasi/pengumpulan bahan ('{quote}'): oleh pelaksana perencanaan, {names(cols)}"
            if extra:
                reason += f", bersama {names(extra)}"
            return cols + [c for c in extra if c not in cols], reason + "."
        if _RECEIVE_RESULT.search(text):
            cols = self.planner()
            return cols, f"Menerima hasil pengumpulan bahan: pelaksana perencanaan, {names(cols)}."
        if _REVIEW.search(text):
            cols = self.above(self.previous) or self.worker()
            return cols, f"Memeriksa hasil langkah sebelumnya: atasan pelaksananya, {names(cols)}."
        cols = self.worker()
        return cols, f"Pekerjaan penyusunan/perbaikan ('{quote}'): pelaksana teknis, {names(cols)}."


_SEND_BACK = re.compile(
    r"\b(jika|bila|apabila)\s+(masih\s+)?(diperlukan|dianggap\s+perlu|perlu)\b|\bmengoreksi\b", re.I
)


def may_send_back(text: str) -> bool:
    """The text allows returning the work for correction without an explicit Ya/Tidak."""
    text = (text or "")[:_MAX_TEXT]
    return bool(_SEND_BACK.search(text)) and not (_YES.search(text) and _NO.search(text))


def infer_act(text: str, decision: bool = False) -> str:
    if _DISPOSISI_START.match(text):
        return Act.DISPOSISI.value
    if _ARSIP.search(text):
        return Act.ARSIP.value
    if _AGENDA.search(text):
        return Act.AGENDA.value
    if _SIGN.search(text):
        return Act.TANDA_TANGAN.value
    if _PARAF.search(text):
        return Act.PARAF.value
    if _COMMAND.search(text):
        return Act.DISPOSISI.value
    if _RAPAT.search(text) or _COORD.search(text):
        return Act.KOORDINASI.value
    if decision or _REVIEW.search(text):
        return Act.PERIKSA.value
    return Act.KERJA.value
