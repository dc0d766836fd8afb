"""Date phrases in article text, resolved against the publication date, keeping their precision.

Pure functions. Spans are found with our own bounded regexes (linear time, no nested quantifiers)
and resolved here; dateutil is never given free text (NOTES.md, "Dates": "Dec. 12 and 13" →
2013, "freed 123 prisoners on Saturday" → year 123).

Conventions
- `value` is an ISO prefix at its precision: "2025" | "2025-06" | "2025-06-21".
- `sort_date` is a full ISO date for ordering. A plain period sorts at its first day
  ("June 2025" → 06-01, "2024" → 01-01), so it agrees with sorting `value` as a string; an
  early/mid/late period sorts at the middle of that third: months 5th/15th/25th, years
  03-01/07-01/11-01. "around"/"about" only set `approximate`.
- `relative` is True when the year (or the whole date) came from the publication date.
- Year-less days and months take the year that puts them between 8 months before and 3 months
  after the publication month (news looks back more than ahead).
- Weekdays: the latest such day on or before publication; "last X" strictly before;
  "next X", or a future cue in the sentence ("will", "is due to"), on or after.
- "last week"/"next week" → day precision at publication ∓ 7, approximate; "this week" and
  "earlier this week" → the Monday of the publication week, approximate.
- Without a publication date, only phrases carrying their own year are returned.
"""

from __future__ import annotations

import calendar
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

PRECISIONS = ("day", "month", "year")

_BUNDLED = Path(__file__).resolve().parent.parent / "seeds" / "dates.yaml"
_MIN_YEAR, _MAX_YEAR = 1000, 2999          # explicit years in full dates
_BARE_MIN, _BARE_MAX = 1800, 2100          # a lone 4-digit number counts as a year only here
_BACK, _AHEAD = 8, 3                       # year inference window, in months around publication

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
                 "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}

# Bounded whitespace keeps every pattern linear; dates do wrap across a line break.
_S = r"\s{1,3}"
_ORD = r"(?:st|nd|rd|th)?"
_MOD = (r"(?:(?P<mod>(?i:early|mid|late))(?:-|\s{1,3})"
        r"|(?P<mod2>(?i:(?:the\s{1,3})?(?:end|beginning|start|middle)\s{1,3}of"
        r"|around|about|approximately|roughly|circa|c\.))\s{1,3})")
_YEAR_END = r"(?![^\W_]|[.,]\d|\s?%)"     # not "2025s", "2025.5", "2025,000", "2025%"
_WEEKDAY = "(?P<wd>" + "|".join(_WEEKDAYS) + ")"
_WEEKDAY_PREFIX = "(?:(?:" + "|".join(_WEEKDAYS) + r"),?\s{1,3})?"

# A year directly before one of these is a count ("2000 troops"), not a year.
_COUNT_AFTER = re.compile(
    r"\s{1,3}(?:more\s|other\s)?(?i:people|persons|prisoners|troops|soldiers|servicemen|men|women"
    r"|children|residents|citizens|protesters|detainees|refugees|migrants|workers|employees"
    r"|times|km|kilometres|kilometers|miles|tonnes|tons|dollars|euros|roubles|rubles|units"
    r"|vehicles|tanks|aircraft|drones|cases|votes|signatures|members)\b"
)
# Words that let a weak month ("May", "Mar", alias "Could") stand alone.
_CONTEXT_BEFORE = re.compile(
    r"(?i:\b(?:in|since|until|till|by|from|during|through|throughout|before|after|of|last|next"
    r"|this|starting|between|and|or|to|early|mid|late|around|about))[\s-]{1,3}$"
)
_FUTURE_CUE = re.compile(
    r"(?i:\bwill\b|\bshall\b|'ll\b|\b(?:is|are|am)\s(?:due|scheduled|set|expected|planned|"
    r"going)\s+to\b|\bplans?\s+to\b|\bupcoming\b)"
)
_SENTENCE_END = re.compile(r"[.!?]\s")
_CAPITALISED_WORD = re.compile(r"\s{1,3}[A-ZА-ЯЁ][a-zа-яё]")
_PRECEDING_NAME = re.compile(r"\b([A-Z][a-z]+)\s{1,3}$")
_WEEKDAY_OK_BEFORE = {"On", "Last", "Next", "This", "By", "Until", "Since", "From", "Before",
                      "After", "Between", "And", "Or", "Late", "Early", "Coming"}


@dataclass(frozen=True)
class DateMention:
    start: int           # span in the input string
    end: int
    text: str
    value: str           # ISO prefix at its precision: "2025" | "2025-06" | "2025-06-21"
    precision: str       # "day" | "month" | "year"
    approximate: bool    # early/mid/late, around/about, last/this week
    sort_date: str       # full ISO date for ordering (conventions in the module docstring)
    relative: bool       # resolved against the publication date (no explicit year in the text)


@dataclass(frozen=True)
class _Month:
    number: int
    weak: bool                        # needs a preposition when bare
    bare_ok: bool                     # may stand alone at all
    abbr: bool = False                # "Sept." takes a dot
    after: frozenset[str] = frozenset()   # alias: only right after one of these words


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, _Month]         # exact surface form (without dot) → month
    patterns: tuple[tuple[str, re.Pattern[str]], ...]


def _data_path() -> Path:
    env = os.environ.get("THAW_SEEDS")
    if env and (Path(env) / "dates.yaml").is_file():
        return Path(env) / "dates.yaml"
    return _BUNDLED


def _forms(word: str, capitalised: bool) -> set[str]:
    # English month names are months only when capitalised ("may", "march" are words).
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
        word = str(alias["word"])
        after = frozenset(str(a).lower() for a in alias.get("after") or [])
        months[word] = _Month(int(alias["month"]), True, True, after)
    return months


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    with open(_data_path(), encoding="utf-8") as fh:
        months = _load_months(yaml.safe_load(fh))
    # Longest first so "September" wins over "Sept" over "Sep"; abbreviations take a dot.
    forms = sorted(months.items(), key=lambda kv: len(kv[0]), reverse=True)
    alts = "|".join(re.escape(f) + (r"\.?" if info.abbr else "") for f, info in forms)
    month = rf"(?P<m>{alts})(?![^\W_])"
    year_tail = rf"(?:,?{_S}(?:of{_S})?(?P<y>\d{{4}}){_YEAR_END})"
    day = rf"(?P<d>\d{{1,2}}){_ORD}"
    day_range = rf"(?:\s{{0,2}}[-–]\s{{0,2}}\d{{1,2}}{_ORD}(?!\d))?"
    rel_year = rf"(?:{_S}(?P<ty>(?i:this|last|next)){_S}(?i:year)\b)"
    patterns = (
        # 21 June 2025 · Tuesday, 4 November 2025 · the 11th of September · 21–22 June
        ("dmy", re.compile(
            rf"{_WEEKDAY_PREFIX}(?:{_MOD})?(?:(?i:the){_S})?(?<![\w.,/:-]){day}{day_range}{_S}"
            rf"(?:of{_S})?{month}{year_tail}?")),
        # June 21 · on June 21, 2025 · Sept. 12 · Dec. 12 and 13 (→ the 12th)
        ("mdy", re.compile(
            rf"{_WEEKDAY_PREFIX}(?:{_MOD})?{month}{_S}{day}(?!\d|[.:,]\d){day_range}"
            rf"(?:,?{_S}(?P<y>\d{{4}}){_YEAR_END})?")),
        # February 2022 · late January · mid-May · June this year
        ("my", re.compile(rf"(?:{_MOD})?{month}(?:{year_tail}|{rel_year})?")),
        # 31.07.2025 · 11/09/2025 · 31-07-2025 (day first unless impossible)
        ("num", re.compile(
            r"(?<![\w.,/:-])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})"
            r"(?![^\W_]|[.,/:-]\d)")),
        # 2025-09-11 · 2025/09/11 · 2025-09-11T10:00
        ("iso", re.compile(
            r"(?<![\w.,/:-])(?P<y>\d{4})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
            r"(?!\d|[.,/:-]\d|(?!T\d)[^\W\d])")),
        # 2019 · late 2024 · mid-2024 — not "Zapad-2025", "$2025", "1,100", "2000 troops"
        ("y", re.compile(
            rf"(?:{_MOD}|(?<![\w$€£¥#.,/])(?<![^\W\d_]-))(?P<y>\d{{4}}){_YEAR_END}")),
        # late last year · this month · earlier this year · last week
        ("rel", re.compile(
            r"(?:(?P<mod>(?i:early|mid|late))(?:-|\s{1,3}))?"
            r"(?P<ea>(?i:earlier|later)\s{1,3})?"
            r"(?P<which>(?i:this|last|next))\s{1,3}(?P<unit>(?i:year|month|week))\b")),
        ("ago", re.compile(
            r"\b(?P<n>\d{1,2}|(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten))"
            r"\s{1,3}(?P<unit>(?i:day|week|month|year))s?\s{1,3}(?i:ago)\b")),
        ("day", re.compile(
            r"\b(?P<w>(?i:yesterday|today|tomorrow|tonight|earlier\s{1,3}today"
            r"|this\s{1,3}(?:morning|afternoon|evening)))\b")),
        # on Tuesday · next Saturday
        ("wd", re.compile(
            rf"(?:(?P<which>(?i:next|last|this|coming)){_S})?{_WEEKDAY}\b")),
    )
    return _Grammar(months, patterns)


# ---------------------------------------------------------------------------------------------
# resolution


def _month_start(year: int, month: int, day: int = 1) -> date | None:
    if not (_MIN_YEAR <= year <= _MAX_YEAR and 1 <= month <= 12):
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def _infer_year(month: int, pub: date) -> int:
    for year in (pub.year - 1, pub.year, pub.year + 1):
        if -_BACK <= (year - pub.year) * 12 + month - pub.month <= _AHEAD:
            return year
    return pub.year  # unreachable: the window covers twelve consecutive months


def _part(m: re.Match[str]) -> tuple[str | None, bool]:
    """(early|mid|late|None, approximate) from the modifier groups."""
    gd = m.groupdict()
    mod, mod2 = gd.get("mod"), gd.get("mod2")
    if mod:
        return mod.lower(), True
    if mod2:
        word = mod2.lower()
        if "end" in word:
            return "late", True
        if "beginning" in word or "start" in word:
            return "early", True
        if "middle" in word:
            return "mid", True
        return None, True
    return None, False


_MONTH_DAY = {None: 1, "early": 5, "mid": 15, "late": 25}
_YEAR_DAY = {None: (1, 1), "early": (3, 1), "mid": (7, 1), "late": (11, 1)}


def _mk(m: re.Match[str], d: date, precision: str, approx: bool, relative: bool,
        part: str | None = None, start: int | None = None) -> DateMention:
    if precision == "day":
        value, sort = d.isoformat(), d
    elif precision == "month":
        value, sort = f"{d.year:04d}-{d.month:02d}", d.replace(day=_MONTH_DAY[part])
    else:
        mo, dd = _YEAR_DAY[part]
        value, sort = f"{d.year:04d}", d.replace(month=mo, day=dd)
    s = m.start() if start is None else start
    return DateMention(s, m.end(), m.string[s:m.end()], value, precision, approx,
                       sort.isoformat(), relative)


def _before(text: str, start: int, reach: int = 24) -> str:
    return text[max(0, start - reach):start]


def _month_allowed(g: _Grammar, m: re.Match[str], text: str, bare: bool) -> _Month | None:
    info = g.months.get(m.group("m").rstrip("."))
    if info is None:
        return None
    has_mod = bool(m.groupdict().get("mod") or m.groupdict().get("mod2"))
    if info.after:
        words = re.findall(r"[^\W\d_]+", _before(text, m.start()))
        if not words or words[-1].lower() not in info.after:
            return None
    if not bare:
        return info
    if not info.bare_ok:
        return None
    has_context = bool(_CONTEXT_BEFORE.search(_before(text, m.start())))
    if info.weak and not (has_mod or has_context):
        return None
    # "June Carter", "August Rush": a capitalised word after a lone month makes it a name.
    if not (has_mod or has_context) and _CAPITALISED_WORD.match(text, m.end()):
        return None
    return info


def _resolve_day(g: _Grammar, m: re.Match[str], text: str, pub: date | None,
                 day: int) -> DateMention | None:
    info = _month_allowed(g, m, text, bare=False)
    if info is None:
        return None
    part, approx = _part(m)
    y = m.group("y")
    if y is not None:
        d = _month_start(int(y), info.number, day)
        return _mk(m, d, "day", approx, False, part) if d else None
    if pub is None:
        return None
    d = _month_start(_infer_year(info.number, pub), info.number, day)
    return _mk(m, d, "day", approx, True, part) if d else None


def _resolve_month(g: _Grammar, m: re.Match[str], text: str,
                   pub: date | None) -> DateMention | None:
    y, ty = m.group("y"), m.group("ty")
    info = _month_allowed(g, m, text, bare=y is None and ty is None)
    if info is None:
        return None
    part, approx = _part(m)
    if y is not None:
        d = _month_start(int(y), info.number)
        return _mk(m, d, "month", approx, False, part) if d else None
    if pub is None:
        return None
    if ty is not None:
        year = pub.year + {"this": 0, "last": -1, "next": 1}[ty.lower()]
    else:
        year = _infer_year(info.number, pub)
    d = _month_start(year, info.number)
    return _mk(m, d, "month", approx, True, part) if d else None


def _resolve_numeric(m: re.Match[str]) -> DateMention | None:
    a, b, y = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    # Day first (European sources); month first only when day-first is impossible.
    d = _month_start(y, b, a) or (_month_start(y, a, b) if b > 12 else None)
    return _mk(m, d, "day", False, False) if d else None


def _resolve_year(m: re.Match[str], text: str) -> DateMention | None:
    year = int(m.group("y"))
    if not _BARE_MIN <= year <= _BARE_MAX or _COUNT_AFTER.match(text, m.end()):
        return None
    part, approx = _part(m)
    return _mk(m, date(year, 1, 1), "year", approx, False, part)


def _resolve_rel(m: re.Match[str], pub: date) -> DateMention | None:
    which, unit = m.group("which").lower(), m.group("unit").lower()
    ea = (m.group("ea") or "").strip().lower()
    part, approx = _part(m)
    step = {"this": 0, "last": -1, "next": 1}[which]
    if ea and which != "this":          # "earlier last year" is not a phrase we trust
        return None
    if unit == "year":
        return _mk(m, date(pub.year + step, 1, 1), "year", approx, True, part)
    if unit == "month":
        n = pub.year * 12 + pub.month - 1 + step
        return _mk(m, date(n // 12, n % 12 + 1, 1), "month", approx, True, part)
    if part or ea == "later":
        return None                      # "late last week", "later this week": no useful day
    if step == 0:
        return _mk(m, pub - timedelta(days=pub.weekday()), "day", True, True)
    return _mk(m, pub + timedelta(days=7 * step), "day", True, True)


def _resolve_ago(m: re.Match[str], pub: date) -> DateMention | None:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    unit = m.group("unit").lower()
    if unit == "day":
        return _mk(m, pub - timedelta(days=n), "day", False, True)
    if unit == "week":
        return _mk(m, pub - timedelta(days=7 * n), "day", True, True)
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 - n
        return _mk(m, date(k // 12, k % 12 + 1, 1), "month", True, True)
    return _mk(m, date(pub.year - n, 1, 1), "year", True, True)


def _resolve_word_day(m: re.Match[str], pub: date) -> DateMention:
    w = m.group("w").lower()
    shift = -1 if w == "yesterday" else 1 if w == "tomorrow" else 0
    return _mk(m, pub + timedelta(days=shift), "day", False, True)


def _resolve_weekday(m: re.Match[str], text: str, pub: date) -> DateMention | None:
    which = (m.group("which") or "").lower()
    prev = _PRECEDING_NAME.search(_before(text, m.start()))
    if not which and prev and prev.group(1) not in _WEEKDAY_OK_BEFORE:
        return None                      # "Super Tuesday", "Bloody Sunday": names
    wd = _WEEKDAYS.index(m.group("wd"))
    sentence = _before(text, m.start(), 100)
    ends = list(_SENTENCE_END.finditer(sentence))
    if ends:
        sentence = sentence[ends[-1].end():]
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    if which == "next":
        d = pub + timedelta(days=ahead or 7)
    elif which == "last":
        d = pub - timedelta(days=back or 7)
    elif which == "coming" or _FUTURE_CUE.search(sentence):
        d = pub + timedelta(days=ahead)
    else:
        d = pub - timedelta(days=back)
    return _mk(m, d, "day", False, True)


def _candidates(text: str, pub: date | None) -> Iterator[DateMention]:
    g = _grammar()
    for kind, rx in g.patterns:
        if kind in ("rel", "ago", "day", "wd") and pub is None:
            continue
        for m in rx.finditer(text):
            r: DateMention | None
            try:
                if kind in ("dmy", "mdy"):
                    r = _resolve_day(g, m, text, pub, int(m.group("d")))
                elif kind == "my":
                    r = _resolve_month(g, m, text, pub)
                elif kind == "num":
                    r = _resolve_numeric(m)
                elif kind == "iso":
                    d = _month_start(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
                    r = _mk(m, d, "day", False, False) if d else None
                elif kind == "y":
                    r = _resolve_year(m, text)
                elif pub is None:
                    r = None
                elif kind == "rel":
                    r = _resolve_rel(m, pub)
                elif kind == "ago":
                    r = _resolve_ago(m, pub)
                elif kind == "day":
                    r = _resolve_word_day(m, pub)
                else:
                    r = _resolve_weekday(m, text, pub)
            except (ValueError, OverflowError):  # date arithmetic off the calendar's ends
                r = None
            if r is not None:
                yield r


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every date phrase in `text`, in text order, non-overlapping (the longest reading wins)."""
    if isinstance(published, datetime):
        published = published.date()
    cands = sorted(_candidates(text, published), key=lambda c: (c.start - c.end, c.start))
    taken: list[DateMention] = []
    used = bytearray(len(text))        # spans are short, so marking them keeps this linear
    for c in cands:
        if not any(used[c.start:c.end]):
            taken.append(c)
            used[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)
