"""The date that governs a clause: not the nearest date in the sentence, the one its clause states.

- A date inside the trigger's clause governs it, except a date that only describes another noun
  ("the 2022 Nobel Peace Prize", "the disputed August 2020 election").
- A relative clause without a date ("the visit on 12 February, which produced the release of
  three people") takes its antecedent's date: the clause just before it.
- Otherwise a date of the sentence's main clauses ("On 11 September John Coale met Lukashenka;
  52 prisoners were freed"); never one from another subordinate clause, which tells the time of
  something else ("…, when Pompeo came to Minsk in 2020").
- A date across "before", "after", "ahead of" or "following" dates the other happening, not
  this one ("freed 52 on Thursday after Coale held talks" does not date the talks). When the
  clause gives no date but the trigger is followed by such a bound ("was first arrested after
  the December 2010 election"), the bound's date is taken, marked approximate.
- A date without a year that the year window put after publication, in a clause told in the
  past tense ("met Lukashenka on 4 May" in a February article), is last year's: what was done
  cannot lie ahead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from store.extract.clauses import clause_of, clauses, is_relative, is_subordinate
from store.extract.dates import DateMention, a_year_earlier

# Between a trigger and a date: a relative pronoun means the date is someone else's.
_GAP = re.compile(r"\b(?:who|whom|which|whose)\b|,\s+and\b|;", re.I)
_DETERMINER_BEFORE = re.compile(
    r"\b(?:the|a|an|its|his|her|their|this|[\w]+['’]s)\s+(?:[\w-]+\s+)?$", re.I)
_WORD_AFTER = re.compile(r"\s+([A-Za-z][\w-]*)")
# Words that may follow a date phrase without the date describing them.
_FREE_AFTER = {
    "and", "or", "to", "in", "on", "at", "by", "as", "when", "after", "before", "for", "with",
    "was", "were", "is", "are", "had", "has", "have", "the", "a", "an", "that", "which", "who",
    "while", "during", "from", "until", "but", "he", "she", "it", "they", "we", "i", "this",
    "then", "so", "did", "will", "would", "there", "through", "because",
}
# "arrested after the 2010 vote", "detained shortly after …", "freed in Minsk days before …"
_POSSESSIVE_AFTER = re.compile(r"['’]s\s")
_CONTACT_NOUNS = {"visit", "trip", "talks", "meeting", "meetings", "summit", "negotiations",
                  "round", "deal", "agreement", "call", "mission"}
_BOUND_AFTER = re.compile(r"\s+(?:[\w-]+\s+){0,3}?(?:after|following|before)\s+(?:the\s+)?", re.I)
# A trigger told in the past: a past form ("freed", "met", "sat down") or a past auxiliary.
_PAST_FORM = re.compile(
    r"\w+ed\b|(?:met|took|let|left|went|sat|spoke|flew|came|held|made|sent|wrote|gave|began|"
    r"shut|brought|won|struck|set|put|cut|saw|paid|rang|hit|fled|kept)\b", re.I)
_PAST_AUX = re.compile(r"\b(?:was|were|had|did)\s+(?:\w+\s+)?$", re.I)
# "On 4 May", "Two years later, in March 2008,": what may stand before a date opening a sentence
_OPENING = re.compile(r"\W*(?:(?:[\w-]+\s+){0,3}(?:later|earlier|afterwards|after\s+that|then),?\s+)?"
                      r"(?:(?:on|in|by|at|from)\s+)?", re.I)
# "on 28 February 2022 and designated Belavia": the date is the first verb's. Searched up to
# the trigger, so `$` is "and" right before it.
_AND_VERB = re.compile(r"\band\s+(?:then\s+|later\s+|also\s+)?(?:[a-z]+ed\b|$)")
_BOUND_BEFORE = re.compile(r"\b(?:after|before|until|till|following|ahead\s+of)\s+$", re.I)
# A preposition that places a happening relative to another ("after talks"), not the adverb
# of a relative date ("the day before, on Saturday").
_BOUND = re.compile(r"\b(?:before|after|ahead\s+of|following|preceding|preceded\s+by|prior\s+to)"
                    r"(?=\s+[\w“\"])", re.I)


# An aside opened by a relative pronoun: its dates are its own.
_RELATIVE_OPEN = re.compile(r",\s+(?:who|which|whose|whom)\b[^,]*$", re.I)
# "the highest-level visit since Pompeo came to Minsk in February 2020": a date in a clause
# "since" opens is that clause's own (not "closed since February 2022": no verb between).
_SINCE_CLAUSE = re.compile(r"\bsince\s+(?:[\w.’'-]+\s+){0,6}?(?:came|went|took|met|was|were|had|"
                           r"[a-z]+ed)\b", re.I)


def describes_other_noun(text: str, d: DateMention, trigger: tuple[int, int]) -> bool:
    """"the 2020 election": a date used as an adjective of a noun that is not the trigger —
    unless that noun is a contact that brought this about ("a September visit by Coale
    produced the release")."""
    m = _WORD_AFTER.match(text, d.end)
    possessive = _POSSESSIVE_AFTER.match(text, d.end)     # "Today's action follows …"
    if possessive:
        m = _WORD_AFTER.match(text, possessive.end() - 1)
    if m is None or m.group(1).lower() in _FREE_AFTER or m.start(1) == trigger[0] or \
            m.group(1).lower() in _CONTACT_NOUNS:
        return False
    return possessive is not None or \
        _DETERMINER_BEFORE.search(text, max(0, d.start - 40), d.start) is not None


def _usable(text: str, dates: list[DateMention], lo: int, hi: int,
            trigger: tuple[int, int]) -> list[DateMention]:
    return [d for d in dates if lo <= d.start < hi and not describes_other_noun(text, d, trigger)]


def opens_sentence(text: str, d: DateMention) -> bool:
    """"On 21 June 2025 Kellogg met Lukashenka in Minsk, and 14 prisoners walked free": a date
    that opens the sentence dates every conjunct."""
    return _OPENING.fullmatch(text[:d.start]) is not None


def _bounding(text: str, d: DateMention) -> bool:
    """"after 2020", "before 12 September": the date bounds a phrase, it does not date it."""
    return _BOUND_BEFORE.search(text, max(0, d.start - 16), d.start) is not None


def _dates_this(text: str, d: DateMention, near: int) -> bool:
    """Whether a date can date the happening at `near`: not one of another happening, not one
    that only bounds a phrase ("after 2020"), and not behind a relative pronoun or a new
    conjunct (", and …", "on 28 February and designated …") — unless it opens the sentence."""
    if other_happenings_date(text, d, near) or _bounding(text, d):
        return False
    if d.end <= near and "," in text[d.end:near] and _RELATIVE_OPEN.search(text, max(0, d.start - 80),
                                                                            d.start):
        return False    # "Coale, who was appointed in November, arrived on Monday"
    if d.end <= near and _has_later_words(text, d.end, near) and _LATER.search(text, d.end, near):
        return False    # "on Saturday …, and two days later OFAC …": counted from it, not it
    if opens_sentence(text, d):
        return True
    if _GAP.search(text, min(d.end, near), max(d.start, near)):
        return False
    return not (d.end <= near and _AND_VERB.search(text, d.end, near))


def _nearest(text: str, ds: list[DateMention], near: int) -> DateMention | None:
    """The closest date that can date the happening at `near`."""
    ds = [d for d in ds if _dates_this(text, d, near)]
    return min(ds, key=lambda d: abs(d.start - near)) if ds else None


def other_happenings_date(text: str, d: DateMention, near: int) -> bool:
    """A date across "after", "before", "following" dates another happening: "freed 52 on
    Thursday after Coale held talks" does not date the talks, "removed MZKT on Tuesday, weeks
    after Belarus pardoned 18" does not date the pardon, "freed them after talks on 12 May"
    does not date the release — unless the trigger stands past the aside ("On 15 December,
    three days after the talks began, OFAC issued a licence")."""
    if d.start > near:
        return _BOUND.search(text, near, d.start) is not None or (
            "since" in text[near:d.start].lower()
            and _SINCE_CLAUSE.search(text, near, d.start) is not None)
    bounds = list(_BOUND.finditer(text, d.end, near))
    if not bounds:
        return False
    aside_end = text.find(",", bounds[-1].end())
    return aside_end < 0 or near < aside_end


def told_in_past(text: str, trigger: tuple[int, int]) -> bool:
    t0 = trigger[0]
    return _PAST_FORM.match(text, t0) is not None or \
        _PAST_AUX.search(text, max(0, t0 - 20), t0) is not None


def governing_date(text: str, dates: list[DateMention], spans: Sequence[tuple[int, int]],
                   trigger: tuple[int, int], published: date | None = None) -> DateMention | None:
    d = _governing(text, dates, spans, trigger)
    if d is not None and published is not None and d.relative and \
            d.sort_date > published.isoformat() and d.value > published.isoformat()[:len(d.value)] \
            and told_in_past(text, trigger):
        return a_year_earlier(d)
    return d


def _governing(text: str, dates: list[DateMention], spans: Sequence[tuple[int, int]],
               trigger: tuple[int, int]) -> DateMention | None:
    t0 = trigger[0]
    lo, hi = clause_of(spans, t0)
    own = _nearest(text, _usable(text, dates, lo, hi, trigger), t0)
    if own is not None:
        return own
    bound = _BOUND_AFTER.match(text, trigger[1])
    if bound is not None:
        # "was first arrested after the December 2010 election": the bound is all the text
        # says of its time; approximate, never the day.
        after = [d for d in dates if bound.end() <= d.start <= bound.end() + 24]
        if after:
            return replace(after[0], approximate=True)
    i = spans.index((lo, hi))
    if i > 0 and is_relative(text, (lo, hi)):
        a_lo, a_hi = spans[i - 1]
        # The antecedent's own date, adjective or not ("the September 11 visit, which …").
        ds = [d for d in dates if a_lo <= d.start < a_hi]
        if ds:
            return max(ds, key=lambda d: d.start)     # the one nearest the antecedent noun
    main = [d for span in spans if not is_subordinate(text, span)
            for d in _usable(text, dates, *span, trigger)]
    return _nearest(text, main, t0) or _across_bound(text, dates, t0)


# "freed on Saturday, hours after Kellogg sat down with Lukashenko": the talks are placed by
# the release's day; only "hours", "a day" or "shortly" make it near enough to borrow.
_NEAR_BOUND = re.compile(r"\b(?:hours|an\s+hour|minutes|shortly|just|soon|a\s+day|the\s+day|"
                         r"a\s+few\s+days|two\s+days|days)\s+(?:after|before)\s+", re.I)


def _across_bound(text: str, dates: list[DateMention], t0: int) -> DateMention | None:
    """A happening told as "hours after" a dated one, or "after" one dated only by month or
    year ("In September the US lifted …, after Belarus freed 52"): that date, marked
    approximate — a bound, never a stated day."""
    near = [m for m in _NEAR_BOUND.finditer(text, 0, t0) if m.end() <= t0]
    days = [d for d in dates if near and d.end <= near[-1].start() and d.precision == "day"]
    if days:
        return replace(days[-1], approximate=True)
    bound = [m for m in _BOUND.finditer(text, 0, t0)]
    coarse = [d for d in dates if bound and d.end <= bound[-1].start() and d.precision != "day"]
    return replace(coarse[-1], approximate=True) if coarse else None


_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# "two days later", "a week later", "weeks later", "the next day", "the following week"
_LATER = re.compile(
    r"\b(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|several|a few|some)"
    r"\s+)?(?P<unit>day|week|month)s?\s+later\b"
    r"|\bthe\s+(?:next|following)\s+(?P<unit2>day|week|month)\b"
    r"|\b(?P<same>the\s+same\s+day|that\s+(?:same\s+)?day)\b", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}


def _has_later_words(text: str, lo: int, hi: int) -> bool:
    """A cheap test before `_LATER` (most clauses have none of its words)."""
    part = text[lo:hi].lower()
    return any(w in part for w in ("later", "next", "following", "same", "that day"))


def later_date(text: str, lo: int, hi: int, anchor: DateMention | None,
               dates: Sequence[DateMention] = (), near: DateMention | None = None,
               ) -> DateMention | None:
    """"Two weeks later it freed 14 more", "on the same day": the date the sentence before
    set (for "the same day", the paragraph's), moved on by the stated span; approximate unless
    the span is counted in days ("a day later", "the next day"). None when the clause says no
    such thing or there is no day to count from."""
    m = _LATER.search(text, lo, hi) if _has_later_words(text, lo, hi) else None
    if m is None:
        return None
    # counted from a day told earlier in the same sentence, else from the sentences before
    # ("the same day": only this paragraph's day, `near`)
    anchor = next((d for d in reversed(dates) if d.end <= m.start() and d.precision == "day"),
                  near if m.group("same") else anchor)
    if anchor is None or anchor.precision != "day":
        return None
    if m.group("same"):     # "the same day": the day told just before
        return DateMention(m.start(), m.end(), m.group(0), anchor.value, "day", anchor.approximate,
                           anchor.sort_date, anchor.relative)
    unit = (m.group("unit") or m.group("unit2")).lower()
    raw = (m.group("n") or ("1" if m.group("unit2") else "")).lower()
    n = _NUMBERS.get(raw) or (int(raw) if raw.isdigit() else None)
    start = date.fromisoformat(anchor.sort_date)
    if n is None:        # "days later", "several weeks later": only a lower bound
        day = start + timedelta(days=_UNIT_DAYS[unit])
        approximate = True
    else:
        day = start + timedelta(days=n * _UNIT_DAYS[unit])
        approximate = unit != "day" or anchor.approximate
    return DateMention(m.start(), m.end(), m.group(0), day.isoformat(), "day", approximate,
                       day.isoformat(), True)


def carried_dates(text: str, dates: list[DateMention]) -> list[DateMention]:
    """Dates a following sentence may inherit: a day or month of a main clause ("On Friday
    Coale arrived. He met …"); a bare year is usually background ("since 2020"), and a date in
    a subordinate clause or describing a noun is someone else's ("whom Trump appointed last
    month")."""
    if not dates:
        return []
    spans = clauses(text)
    return [d for d in dates if d.precision != "year"
            and not is_subordinate(text, clause_of(spans, d.start))
            and not describes_other_noun(text, d, (-1, -1))]
