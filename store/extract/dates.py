"""Date phrases in article text, resolved against the publication date, keeping their precision.

Pure functions. Spans are found with our own bounded regexes and resolved here; dateutil is never
given free text (NOTES.md, "Dates": "Dec. 12 and 13" → 2013, "freed 123 prisoners on Saturday"
→ year 123).

Conventions
- `value` is an ISO prefix at its precision: "2025" | "2025-06" | "2025-06-21".
- `sort_date` is a full ISO date for ordering. A plain period sorts at its first day
  ("June 2025" → 06-01, "2024" → 01-01), which agrees with sorting `value` as a string; an
  early/mid/late period sorts in the middle of that third: months on the 5th/15th/25th, years on
  03-01/07-01/11-01. "around"/"about" only set `approximate`.
- `relative` is True when the year (or the whole date) came from the publication date.
- Year-less days and months take the year that puts them between 8 months before and 3 months
  after the publication month (news looks back more than ahead).
- "last July" is the latest July before the publication month, "next March" the first after it.
- Weekdays: the latest such day on or before publication; "last X" strictly before;
  "next X", "coming X" or a future cue in the sentence ("will", "is due to") on or after.
- "last week"/"next week" → day precision at publication ∓ 7 days, approximate; "this week" and
  "earlier this week" → the Monday of the publication week, approximate.
- Without a publication date only phrases that carry their own year are returned.

Speed: each core pattern starts with a literal or a character class (a digit, a month form, a
keyword) so the regex engine skips non-candidate positions in C; optional words before a core
match (weekday, "late", "the end of", "next") are found by small end-anchored regexes over the
few characters before it. Every quantifier is bounded, so the cost is linear in the text.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from store.extract.lexicon import SafeLoader, trie

_BUNDLED = Path(__file__).resolve().parents[2] / "seeds" / "dates.yaml"
_MIN_YEAR, _MAX_YEAR = 1000, 2999          # explicit years in full dates
_BARE_MIN, _BARE_MAX = 1800, 2100          # a lone 4-digit number counts as a year only here
_BACK, _AHEAD = 8, 3                       # year inference window, months around publication
_REACH = 48                                # characters looked at before a core match

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DAY_WORDS = ["yesterday", "today", "tomorrow", "tonight", "this morning", "this afternoon",
              "this evening"]
_MONTH_DAY = {None: 1, "early": 5, "mid": 15, "late": 25}
_YEAR_DAY = {None: (1, 1), "early": (3, 1), "mid": (7, 1), "late": (11, 1)}

_S = r"\s{1,3}"                            # dates do wrap across a line break
_ORD = r"(?:st|nd|rd|th)?"
# Not followed by a letter or digit: "2025s", "2025.5", "2025,000", "2025%" are not years; a
# footnote mark is fine ("late 2024¹").
_WORD_END = r"(?!\d|[^\W\d_¹²³⁰⁴⁵⁶⁷⁸⁹])"
_YEAR_END = rf"{_WORD_END}(?![.,]\d|\s?%)"
_MOD = (r"(?:(?P<mod>(?i:early|mid|late))(?:-|\s{1,3})"
        r"|(?P<mod2>(?i:(?:the\s{1,3})?(?:end|beginning|start|middle)\s{1,3}of"
        r"|around|about|approximately|roughly|circa|c\.))\s{1,3})")
_WD_ALT = "|".join(_WEEKDAYS)

# End-anchored: the words allowed right before a core match. `(?<![^\W_])` = at a word start.
_PRE_DMY = re.compile(rf"(?<![^\W_])(?:(?:{_WD_ALT}),?{_S})?(?:{_MOD})?(?:(?i:the){_S})?\Z")
_PRE_MDY = re.compile(rf"(?<![^\W_])(?:(?:{_WD_ALT}),?{_S})?(?:{_MOD})?\Z")
_PRE_MOD = re.compile(rf"(?<![^\W_])(?:{_MOD})\Z")
_PRE_REL = re.compile(r"(?<![^\W_])(?:(?P<mod>(?i:early|mid|late))(?:-|\s{1,3}))?"
                      r"(?:(?P<ea>(?i:earlier|later))\s{1,3})?\Z")
_PRE_WD = re.compile(rf"(?<![^\W_])(?P<which>(?i:next|last|this|coming)){_S}\Z")
_PRE_AGO = re.compile(r"(?<![^\W_])(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight"
                      rf"|nine|ten)){_S}(?P<unit>(?i:day|week|month|year))s?{_S}\Z")

# A year right before one of these is a count ("2000 troops"), not a year.
_COUNT_AFTER = re.compile(
    r"\s{1,3}(?:more\s|other\s)?(?i:people|persons|prisoners|troops|soldiers|servicemen|men|women"
    r"|children|residents|citizens|protesters|detainees|refugees|migrants|workers|employees"
    r"|times|km|kilometres|kilometers|miles|tonnes|tons|dollars|euros|roubles|rubles|units"
    r"|vehicles|tanks|aircraft|drones|cases|votes|signatures|members)\b"
)
# Words that let a weak month ("May", "Mar") stand alone.
_CONTEXT_BEFORE = re.compile(
    r"(?<![^\W_])(?i:in|since|until|till|by|from|during|through|throughout|before|after|of|last"
    r"|next|this|starting|between|and|or|to)\s{1,3}\Z"
)
_FUTURE_CUE = re.compile(
    r"(?i:\bwill\b|\bshall\b|'ll\b|\b(?:is|are|am)\s(?:due|scheduled|set|expected|planned|"
    r"going)\s{1,3}to\b|\bplans?\s{1,3}to\b|\bupcoming\b)"
)
_DAY_AFTER = re.compile(r"\s{1,3}\d\d?(?:st|nd|rd|th)?(?!\d|[.,]\d)")
_SENTENCE_END = re.compile(r"[.!?]\s")
_CAPITALISED_WORD = re.compile(r"\s{1,3}[A-ZА-ЯЁІЎ][a-zа-яёіў]")
_PRECEDING_NAME = re.compile(r"(?<![^\W_])([A-Z][a-z]+)\s{1,3}\Z")
_WEEKDAY_OK_BEFORE = {"On", "By", "Until", "Since", "From", "Before", "After", "Between", "And",
                      "Or", "Late", "Early", "Last", "Next", "This", "Coming"}


@dataclass(frozen=True)
class DateMention:
    start: int           # span in the input string
    end: int
    text: str
    value: str           # ISO prefix at its precision: "2025" | "2025-06" | "2025-06-21"
    precision: str       # "day" | "month" | "year"
    approximate: bool    # early/mid/late, around/about, last/this week, weeks ago
    sort_date: str       # full ISO date for ordering (conventions in the module docstring)
    relative: bool       # resolved against the publication date (no explicit year in the text)


@dataclass(frozen=True)
class _Month:
    number: int
    weak: bool                             # needs a preposition when it stands alone
    bare_ok: bool                          # may stand alone at all
    abbr: bool = False                     # "Sept." takes a dot
    after: frozenset[str] = frozenset()    # alias: counts only right after one of these words


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, _Month]              # exact surface form (no dot) → month
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _data_path() -> Path:
    env = os.environ.get("THAW_SEEDS")
    if env and (Path(env) / "dates.yaml").is_file():
        return Path(env) / "dates.yaml"
    return _BUNDLED


def _cases(words: list[str]) -> list[str]:
    return [f for w in words for f in {w.lower(), w[:1].upper() + w[1:].lower(), w.upper()}]


def _forms(word: str, capitalised: bool) -> set[str]:
    # English month names count only capitalised: "may" and "march" are ordinary words.
    forms = {word[:1].upper() + word[1:], word.upper()}
    if not capitalised:
        forms.add(word.lower())
    return forms


def _load_months(data: Any) -> dict[str, _Month]:
    months: dict[str, _Month] = {}
    for lang in (data or {}).get("languages", {}).values():
        cap, bare = bool(lang.get("capitalised", True)), bool(lang.get("bare", True))
        weak = {str(w) for w in lang.get("weak") or []}
        for number, entry in enumerate(lang.get("months") or [], start=1):
            for name in entry.get("names") or []:
                for f in _forms(str(name), cap):
                    months.setdefault(f, _Month(number, str(name) in weak, bare))
            for abbr in entry.get("abbr") or []:
                for f in _forms(str(abbr), cap):
                    months.setdefault(f, _Month(number, True, bare, abbr=True))
    for alias in (data or {}).get("aliases") or []:
        after = frozenset(str(a).lower() for a in alias.get("after") or [])
        months[str(alias["word"])] = _Month(int(alias["month"]), True, True, after=after)
    return months


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    with open(_data_path(), encoding="utf-8") as fh:
        months = _load_months(yaml.load(fh, Loader=SafeLoader))  # noqa: S506 - a safe loader
    # Abbreviations may take a dot ("Sept."); "June." at a sentence end keeps its full stop.
    forms = list(months) + [f + "." for f, info in months.items() if info.abbr]
    month = rf"(?P<m>{trie(forms)}){_WORD_END}"
    year_tail = rf"(?:,?{_S}(?:of{_S})?(?P<y>\d{{4}}){_YEAR_END})"
    day = rf"(?P<d>\d\d?){_ORD}"
    day_range = rf"(?:\s{{0,2}}[-–]\s{{0,2}}\d{{1,2}}{_ORD}(?!\d))?"   # "21–22 June" → the 21st
    which = trie(_cases(["this", "last", "next"]))
    patterns = (
        # 21 June 2025 · (Tuesday,) 4 November 2025 · (the) 11th of September · 21–22 June
        ("dmy", re.compile(rf"{day}{day_range}{_S}(?:of{_S})?{month}{year_tail}?")),
        # June 21 · June 21, 2025 · Sept. 12 · Dec. 12 and 13 (→ the 12th)
        ("mdy", re.compile(
            rf"{month}{_S}{day}(?!\d|[.:,]\d){day_range}(?:,?{_S}(?P<y>\d{{4}}){_YEAR_END})?")),
        # February 2022 · (late) January · (mid-)May · June this year
        ("my", re.compile(
            rf"{month}(?:{year_tail}|{_S}(?P<ty>{which}){_S}(?i:year)\b)?")),
        # 31.07.2025 · 11/09/2025 · 31-07-2025 (day first unless impossible)
        ("num", re.compile(r"(?P<a>\d\d?)(?P<sep>[./-])(?P<b>\d\d?)(?P=sep)(?P<y>\d{4})"
                           r"(?![^\W_]|[.,/:-]\d)")),
        # 2025-09-11 · 2025/09/11 · 2025-09-11T10:00
        ("iso", re.compile(r"(?P<y>\d\d\d\d)(?P<sep>[-/.])(?P<mo>\d\d?)(?P=sep)(?P<d>\d\d?)"
                           r"(?!\d|[.,/:-]\d|(?!T\d)[^\W\d])")),
        # 2019 · (late) 2024 · mid-2024 — not "Zapad-2025", "$2025", "1,100", "2000 troops"
        # (a year opening an invalid numeric date, "2025-13-01", is no year either)
        ("y", re.compile(rf"(?P<y>\d\d\d\d){_YEAR_END}(?!-\d\d?-\d|/\d)")),
        # (late) last year · this month · (earlier) this week
        ("rel", re.compile(
            rf"(?P<which>{which}){_S}(?P<unit>{trie(_cases(['year', 'month', 'weekend', 'week']))})\b")),
        ("ago", re.compile(rf"{trie(_cases(['ago']))}\b")),
        ("day", re.compile(rf"(?P<w>{trie(_cases(_DAY_WORDS))})\b")),
        # (on|next|last) Tuesday
        ("wd", re.compile(rf"(?P<wd>{trie(list(_WEEKDAYS))})\b")),
    )
    return _Grammar(months, patterns)


# ---------------------------------------------------------------------------------------------
# resolution


def _valid(year: int, month: int, day: int = 1) -> date | None:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def a_year_earlier(d: DateMention) -> DateMention:
    """The same day or month a year before (29 February becomes the 28th)."""
    def back(iso: str) -> str:
        out = f"{int(iso[:4]) - 1:04d}{iso[4:]}"
        return out.replace("-02-29", "-02-28")
    return replace(d, value=back(d.value), sort_date=back(d.sort_date))


def _infer_year(month: int, pub: date) -> int:
    for year in (pub.year - 1, pub.year, pub.year + 1):
        if -_BACK <= (year - pub.year) * 12 + month - pub.month <= _AHEAD:
            return year
    return pub.year  # unreachable: the window covers twelve consecutive months


def _starts_word(text: str, i: int) -> bool:
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")


@dataclass(frozen=True)
class _Pre:
    start: int               # where the phrase starts, prefix words included
    part: str | None         # early | mid | late
    approx: bool


def _prefix(rx: re.Pattern[str], text: str, start: int) -> tuple[_Pre, re.Match[str] | None]:
    p = rx.search(text, max(0, start - _REACH), start)
    if p is None or p.start() == start:
        return _Pre(start, None, False), p
    gd = p.groupdict()
    mod, mod2 = gd.get("mod"), gd.get("mod2")
    if mod:
        return _Pre(p.start(), mod.lower(), True), p
    if mod2:
        w = mod2.lower()
        part = ("late" if "end" in w else "early" if ("beginning" in w or "start" in w)
                else "mid" if "middle" in w else None)
        return _Pre(p.start(), part, True), p
    return _Pre(p.start(), None, False), p


def _mk(text: str, start: int, end: int, d: date, precision: str, approx: bool, relative: bool,
        part: str | None = None) -> DateMention:
    if precision == "day":
        value, sort = d.isoformat(), d
    elif precision == "month":
        value, sort = f"{d.year:04d}-{d.month:02d}", d.replace(day=_MONTH_DAY[part])
    else:
        mo, dd = _YEAR_DAY[part]
        value, sort = f"{d.year:04d}", d.replace(month=mo, day=dd)
    return DateMention(start, end, text[start:end], value, precision, approx, sort.isoformat(),
                       relative)


def _month_ok(g: _Grammar, m: re.Match[str], text: str, pre: _Pre, bare: bool) -> _Month | None:
    info = g.months.get(m.group("m").rstrip("."))
    if info is None:
        return None
    if info.after:
        words = re.findall(r"[^\W\d_]+", text[max(0, pre.start - 24):pre.start])
        if not words or words[-1].lower() not in info.after:
            return None
    if not bare or pre.start < m.start():      # a day, a year or a modifier makes it a date
        return info
    if not info.bare_ok:
        return None
    context = bool(_CONTEXT_BEFORE.search(text, max(0, m.start() - 24), m.start()))
    if info.weak and not context:
        return None                            # "May I ask", "the Women's March"
    if not context and _CAPITALISED_WORD.match(text, m.end()):
        return None                            # "June Carter", "August Rush": a name
    return info


def _day_month(g: _Grammar, kind: str, m: re.Match[str], text: str,
               pub: date | None) -> DateMention | None:
    if kind == "dmy" and m.start() > 0 and text[m.start() - 1] in "._,/:-" + "0123456789":
        return None                            # inside "1.5 June"-like numbers
    if not _starts_word(text, m.start()):
        return None
    pre, _ = _prefix(_PRE_DMY if kind == "dmy" else _PRE_MDY, text, m.start())
    info = _month_ok(g, m, text, pre, bare=False)
    if info is None:
        return None
    day, y = int(m.group("d")), m.group("y")
    if y is not None:
        d = _valid(int(y), info.number, day)
        return _mk(text, pre.start, m.end(), d, "day", pre.approx, False) if d else None
    if pub is None:
        return None
    d = _valid(_infer_year(info.number, pub), info.number, day)
    return _mk(text, pre.start, m.end(), d, "day", pre.approx, True) if d else None


def _month(g: _Grammar, m: re.Match[str], text: str, pub: date | None) -> DateMention | None:
    if not _starts_word(text, m.start()):
        return None
    y, ty = m.group("y"), m.group("ty")
    if y is None and ty is None and _DAY_AFTER.match(text, m.end()):
        return None                            # "June 31": the day reading failed, not a month
    pre, _ = _prefix(_PRE_MOD, text, m.start())
    info = _month_ok(g, m, text, pre, bare=y is None and ty is None)
    if info is None:
        return None
    if y is not None:
        d = _valid(int(y), info.number)
        return _mk(text, pre.start, m.end(), d, "month", pre.approx, False, pre.part) if d else None
    if pub is None:
        return None
    start = pre.start
    which = _PRE_WD.search(text, max(0, m.start() - 16), m.start()) if pre.start == m.start() else None
    if ty is not None:
        year = pub.year + {"this": 0, "last": -1, "next": 1}[ty.lower()]
    elif which is not None:
        # "last July" is the latest July before this month, "next March" the first after it.
        step = which.group("which").lower()
        if step == "last":
            year = pub.year if info.number < pub.month else pub.year - 1
        elif step == "next":
            year = pub.year if info.number > pub.month else pub.year + 1
        else:
            year = pub.year
        start = which.start()
    else:
        year = _infer_year(info.number, pub)
    d = _valid(year, info.number)
    return _mk(text, start, m.end(), d, "month", pre.approx, True, pre.part) if d else None


def _numeric(kind: str, m: re.Match[str], text: str) -> DateMention | None:
    if m.start() > 0 and (text[m.start() - 1] in "._,/:-" or not _starts_word(text, m.start())):
        return None                            # part of a version, an IP address, a longer code
    y = int(m.group("y"))
    if kind == "iso":
        d = _valid(y, int(m.group("mo")), int(m.group("d")))
    else:
        a, b = int(m.group("a")), int(m.group("b"))
        # Day first (European sources); month first only when day-first is impossible.
        d = _valid(y, b, a) or (_valid(y, a, b) if b > 12 else None)
    return _mk(text, m.start(), m.end(), d, "day", False, False) if d else None


def _year(m: re.Match[str], text: str) -> DateMention | None:
    year = int(m.group("y"))
    if not _BARE_MIN <= year <= _BARE_MAX or _COUNT_AFTER.match(text, m.end()):
        return None
    pre, _ = _prefix(_PRE_MOD, text, m.start())
    if pre.start == m.start():
        prev = text[m.start() - 1] if m.start() else ""
        if prev and (prev in "$€£¥#.,/" or not _starts_word(text, m.start())):
            return None                        # "$2025", "1,2025", "v2025"
        if prev == "-" and m.start() > 1 and text[m.start() - 2].isalpha():
            return None                        # "Zapad-2025", "F-2025": part of a name
    return _mk(text, pre.start, m.end(), date(year, 1, 1), "year", pre.approx, False, pre.part)


def _relative(m: re.Match[str], text: str, pub: date) -> DateMention | None:
    if not _starts_word(text, m.start()):
        return None
    pre, p = _prefix(_PRE_REL, text, m.start())
    which, unit = m.group("which").lower(), m.group("unit").lower()
    ea = ((p.group("ea") if p else None) or "").lower()
    step = {"this": 0, "last": -1, "next": 1}[which]
    if ea and which != "this":
        return None                            # "earlier last year": not a phrase we trust
    s, e = pre.start, m.end()
    if unit == "year":
        return _mk(text, s, e, date(pub.year + step, 1, 1), "year", pre.approx, True, pre.part)
    if unit == "month":
        n = pub.year * 12 + pub.month - 1 + step
        return _mk(text, s, e, date(n // 12, n % 12 + 1, 1), "month", pre.approx, True, pre.part)
    if pre.part or ea == "later":
        return None                            # "late last week", "later this week": no day
    if unit == "weekend":
        # The Saturday of the weekend meant: "this weekend" the one of the publication week,
        # "last weekend" the one before it; a weekend is two days, so approximate.
        saturday = pub + timedelta(days=5 - pub.weekday() + 7 * step)
        return _mk(text, s, e, saturday, "day", True, True)
    if step == 0:
        return _mk(text, s, e, pub - timedelta(days=pub.weekday()), "day", True, True)
    return _mk(text, s, e, pub + timedelta(days=7 * step), "day", True, True)


def _ago(m: re.Match[str], text: str, pub: date) -> DateMention | None:
    p = _PRE_AGO.search(text, max(0, m.start() - 24), m.start())
    if p is None:
        return None
    raw, unit = p.group("n").lower(), p.group("unit").lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    s, e = p.start(), m.end()
    if unit == "day":
        return _mk(text, s, e, pub - timedelta(days=n), "day", False, True)
    if unit == "week":
        return _mk(text, s, e, pub - timedelta(days=7 * n), "day", True, True)
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 - n
        return _mk(text, s, e, date(k // 12, k % 12 + 1, 1), "month", True, True)
    return _mk(text, s, e, date(pub.year - n, 1, 1), "year", True, True)


def _word_day(m: re.Match[str], text: str, pub: date) -> DateMention | None:
    if not _starts_word(text, m.start()):
        return None
    w = m.group("w").lower()
    shift = -1 if w == "yesterday" else 1 if w == "tomorrow" else 0
    return _mk(text, m.start(), m.end(), pub + timedelta(days=shift), "day", False, True)


def _weekday(m: re.Match[str], text: str, pub: date) -> DateMention | None:
    if not _starts_word(text, m.start()):
        return None
    p = _PRE_WD.search(text, max(0, m.start() - 16), m.start())
    which = p.group("which").lower() if p else ""
    name = _PRECEDING_NAME.search(text, max(0, m.start() - 24), m.start())
    if not which and name and name.group(1) not in _WEEKDAY_OK_BEFORE:
        return None                            # "Super Tuesday", "Bloody Sunday": names
    wd = _WEEKDAYS.index(m.group("wd"))
    lo = max(0, m.start() - 100)
    ends = list(_SENTENCE_END.finditer(text, lo, m.start()))
    sentence = text[ends[-1].end() if ends else lo:m.start()]
    back, ahead = (pub.weekday() - wd) % 7, (wd - pub.weekday()) % 7
    if which == "next":
        d = pub + timedelta(days=ahead or 7)
    elif which == "last":
        d = pub - timedelta(days=back or 7)
    elif which == "coming" or _FUTURE_CUE.search(sentence):
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return _mk(text, p.start() if p else m.start(), m.end(), d, "day", False, True)


_NEEDS_PUB = {"rel", "ago", "day", "wd"}


def _candidates(text: str, pub: date | None, year_from: date | None) -> Iterator[DateMention]:
    g = _grammar()
    for kind, rx in g.patterns:
        if kind in _NEEDS_PUB and pub is None:
            continue
        for m in rx.finditer(text):
            r: DateMention | None
            try:
                if kind in ("dmy", "mdy"):
                    r = _day_month(g, kind, m, text, pub or year_from)
                elif kind == "my":
                    r = _month(g, m, text, pub or year_from)
                elif kind in ("num", "iso"):
                    r = _numeric(kind, m, text)
                elif kind == "y":
                    r = _year(m, text)
                elif pub is None:
                    r = None
                elif kind == "rel":
                    r = _relative(m, text, pub)
                elif kind == "ago":
                    r = _ago(m, text, pub)
                elif kind == "day":
                    r = _word_day(m, text, pub)
                else:
                    r = _weekday(m, text, pub)
            except (ValueError, OverflowError):  # date arithmetic off the calendar's ends
                r = None
            if r is not None:
                yield r


# A wire story's dateline: "VILNIUS, Lithuania, Nov. 21, 2025 (AP) —", "MINSK/VILNIUS, Dec 13
# (Reuters) -": a place (with up to two regions after it), a day, an agency, a dash.
_DATELINE_PLACE = re.compile(r"[A-ZА-ЯЁІЎ][A-Za-zА-Яа-яЁёІіЎў'’./ -]{1,40}?,\s{1,3}")
_DATELINE_TAIL = re.compile(r"\s{0,3}(?:\([^()\n]{1,40}\)\s{0,3})?[—–-]{1,2}")


def dateline_date(line: str, published: date | None = None) -> DateMention | None:
    """The day a line's dateline gives, if it opens with one (without `published`, only a
    date with its year)."""
    start = len(line) - len(line.lstrip())
    place = _DATELINE_PLACE.match(line, start)
    if place is None:
        return None
    dates = find_dates(line, published)
    for _ in range(3):
        first = next((d for d in dates if d.start == place.end()), None)
        if first is not None and first.precision == "day" and _DATELINE_TAIL.match(line, first.end):
            return first
        place = _DATELINE_PLACE.match(line, place.end())
        if place is None:
            return None
    return None


def find_dates(text: str, published: date | None,
               year_from: date | None = None) -> list[DateMention]:
    """Every date phrase in `text`, in text order, non-overlapping (the longest reading wins)."""
    if isinstance(published, datetime):
        published = published.date()
    # `year_from`: in a document with no publication date, "On 9 November" takes its year from
    # the last full date the text stated ("On 4 November 2025 …"); weekdays and "yesterday"
    # stay unresolved — they need the day the text was written.
    cands = sorted(_candidates(text, published, year_from),
                   key=lambda c: (c.start - c.end, c.start))
    taken: list[DateMention] = []
    used = bytearray(len(text))        # spans are short, so marking them keeps this linear
    for c in cands:
        if not any(used[c.start:c.end]):
            taken.append(c)
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
    return _that_year(text, sorted(taken, key=lambda c: c.start), year_from)


_THAT_BEFORE = re.compile(r"\b(?:that|the\s+same)\s+$", re.I)


# (months only: "later the same year" often names a year that other reports contradict)
_THAT_UNIT = re.compile(r"\b(?:(?P<ea>later|earlier)\s+)?(?:that|the\s+same)\s+(?P<unit>month)\b",
                        re.I)


def _that_year(text: str, dates: list[DateMention], year_from: date | None) -> list[DateMention]:
    """"in June 2021 … that August": a month after "that" is in the year last stated (in this
    text, else `year_from`), not the one around publication; "later that month" is the month
    last stated."""
    last = year_from.year if year_from else None
    out = []
    for d in dates:
        if not d.relative:
            last = int(d.value[:4])
        elif last is not None and d.precision in ("day", "month") and \
                _THAT_BEFORE.search(text, max(0, d.start - 12), d.start) and \
                _valid(last, int(d.sort_date[5:7]), int(d.sort_date[8:10])):
            d = replace(d, value=f"{last:04d}{d.value[4:]}", sort_date=f"{last:04d}{d.sort_date[4:]}",
                        relative=False)
        out.append(d)
    if "that" in text or "same" in text:
        out = sorted([*out, *_that_month(text, dates)], key=lambda d: d.start)
    return out


def _that_month(text: str, dates: list[DateMention]) -> list[DateMention]:
    """"later that month": the month of the last date stated before it, if that gave one."""
    out = []
    for m in _THAT_UNIT.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in dates):
            continue
        stated = [d for d in dates if not d.relative and d.start < m.start()]
        if stated and stated[-1].precision in ("day", "month"):
            first = date(int(stated[-1].value[:4]), int(stated[-1].value[5:7]), 1)
            out.append(_mk(text, m.start(), m.end(), first, "month", m.group("ea") is not None,
                           False))
    return out
