"""From article text to the sentences the extractor reads: markup out, page furniture out."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from store.extract.lexicon import load_yaml

_LINK = re.compile(r"!?\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
_EMPH = re.compile(r"(\*{1,3}|_{2,3})(?=\S)([^*_\n]{1,300}?)(?<=\S)\1")
_HTML = re.compile(r"<[^>\n]{1,300}>")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_CTRL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_FOOTNOTE = re.compile(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+")
_FOOTNOTE_LINE = re.compile(r"^\s*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\^?\d+\]:?|\d{1,2}\))\s")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# "VILNIUS, Lithuania, Nov. 21, 2025 (AP) — ": where and when it was filed, not what happened.
_DATELINE = re.compile(
    r"^[A-ZÀ-ÞА-ЯЁІЎ][A-ZÀ-ÞА-ЯЁІЎ .'’-]{1,30}(?:,\s*[^,—–()]{1,30}){0,3}"
    r"(?:\s*\([^()]{1,30}\))?\s*[—–]\s+"
)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»)]\s*$")

# Words after which a period does not end a sentence.
_ABBREV = {
    "u.s", "u.k", "e.u", "gen", "mr", "mrs", "ms", "dr", "st", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "lt", "col", "sen", "rep",
    "gov", "prof", "jr", "sr", "inc", "co", "corp", "ltd", "approx", "etc", "e.g", "i.e", "u.n",
}
_SPLIT = re.compile(r"(?<=[.!?…])([\"”’»)]?)\s+(?=[\"“‘«(]?[A-ZА-ЯЁІЎ0-9])")


@dataclass(frozen=True)
class Sentence:
    index: int        # position in the document
    paragraph: int
    text: str


def scrub(text: str) -> str:
    """Remove terminal escapes and invisible controls (they carry no meaning for extraction)."""
    return _CTRL.sub("", _ANSI.sub("", text))


def strip_markup(line: str) -> str:
    line = _LINK.sub(r"\1", line)
    line = _HTML.sub("", line)
    line = _EMPH.sub(r"\2", line)
    line = _HEADING.sub("", line)
    line = _FOOTNOTE.sub("", line)
    return re.sub(r"[ \t]+", " ", line).strip()


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_yaml("furniture.yaml")
    tail = re.compile("|".join(f"(?:{p})" for p in data["tail_markers"]), re.I)
    line = re.compile("|".join(f"(?:{p})" for p in data["line_markers"]), re.I)
    return tail, line


def is_prose(line: str) -> bool:
    """A line a reader would read as article prose, not a heading, menu or caption."""
    words = line.split()
    if len(words) >= 18:
        return True
    return len(words) >= 5 and bool(_SENTENCE_END.search(line))


def is_headline(line: str) -> bool:
    """Title Case with no sentence end: most words capitalised, as prose never is."""
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 4 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def body_lines(body: str) -> list[str]:
    """Prose lines of the article, in order, with furniture removed."""
    tail, single = _markers()
    lines: list[str] = []
    for raw in body.splitlines():
        if _FOOTNOTE_LINE.match(raw):   # "¹ Author's interview with …, 7 May.": a note, not news
            lines.append("")
            continue
        ln = strip_markup(scrub(raw))
        if not ln:
            lines.append("")
            continue
        # Hard-wrapped text: a long line with no sentence end continues on the next — unless
        # it is a headline ("Belarus & US in Sudden Thaw: Prisoners Freed, Sanctions Dropped").
        if lines and len(lines[-1]) >= 50 and not _SENTENCE_END.search(lines[-1]) \
                and not is_headline(lines[-1]):
            lines[-1] += " " + ln
        else:
            lines.append(ln)
    lines = [_DATELINE.sub("", ln) for ln in lines if ln]
    cut = len(lines)
    for i, ln in enumerate(lines):
        # Sidebars and footers come after the story; a marker in the first lines is a menu.
        if i >= 5 and tail.match(ln):
            cut = i
            break
    return [ln for ln in lines[:cut] if not single.match(ln) and is_prose(ln)]


def split_sentences(paragraph: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for m in _SPLIT.finditer(paragraph):
        end = m.start() + len(m.group(1))
        before = paragraph[start:m.start()].rstrip(".!?…")
        last = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        # "U.S. President", "Gen. Kellogg", "Christopher W. Smith": not sentence ends.
        if (last in _ABBREV and not (last == "no" and not paragraph[m.end():m.end() + 1].isdigit())) \
                or (len(last) == 1 and last.isalpha()):
            continue        # ("No. 11" is a number; "For us, no. The …" ends a sentence)
        parts.append(paragraph[start:end].strip())
        start = m.end()
    parts.append(paragraph[start:].strip())
    return [p for p in parts if p]


def sentences(body: str) -> list[Sentence]:
    out: list[Sentence] = []
    for p, line in enumerate(body_lines(body)):
        for s in split_sentences(line):
            out.append(Sentence(len(out), p, s))
    return out
