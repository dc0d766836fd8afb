"""Factuality: what a clause says about its event — that it happened, or something else.

Only a clause that says the event happened (or that its actor announces doing it now) becomes
an event. Everything else — a plan, a condition, a demand, a denial, a negation, a state that
holds, a tally over many happenings, something under discussion or habitual — is not.

One engine reads the cue classes of `seeds/factuality.yaml`; each class has cues and a reach:
- `near`: in the few words right before the trigger, inside its clause ("would lift",
  "plans to reopen", "not among those released", "was discussing the release");
- `scope`: anywhere before the trigger in the sentence, across "that" ("denied that he had
  met", "called on X to adopt");
- `clause`: anywhere in the trigger's clause before it ("it might, if …, consider relief");
- `after`: in the trigger's clause after it ("freed … since July 2024", "arrests continue");
- `relative`: in a relative clause on the trigger's noun ("Zapad-2025, which will begin");
- `with_perfect`: anywhere in the sentence when the trigger is a perfect ("more than 300 people
  … have been freed").
A trigger right after "to" is an infinitive: a plan unless a decision verb governs it
("decided to reopen", "took the decision to pardon" report a decision taken).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from store.extract.lexicon import load_yaml, word_regex

_NEAR_CHARS = 60      # "near" cues: about eight words before the trigger


class Factuality(StrEnum):
    HAPPENED = "happened"
    ANNOUNCED = "announced"     # the actor's own announcement of its act: counts as happened
    NEGATED = "negated"
    DENIED = "denied"
    CONDITIONAL = "conditional"
    PLANNED = "planned"
    DEMANDED = "demanded"
    DISCUSSED = "discussed"
    STATE = "state"
    TALLY = "tally"
    HABITUAL = "habitual"


@dataclass(frozen=True)
class CueClass:
    factuality: Factuality
    near: re.Pattern[str] | None
    scope: re.Pattern[str] | None
    after: re.Pattern[str] | None
    with_perfect: re.Pattern[str] | None = None
    clause: re.Pattern[str] | None = None
    relative: re.Pattern[str] | None = None


@dataclass(frozen=True)
class Cues:
    classes: tuple[CueClass, ...]
    infinitive: re.Pattern[str]          # "to" right before the trigger
    decided: re.Pattern[str]             # "decided to", "took the decision to"


def _rx(patterns: list[str] | None) -> re.Pattern[str] | None:
    return word_regex(patterns) if patterns else None


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = load_yaml("factuality.yaml")
    classes = tuple(
        CueClass(Factuality(name), _rx(spec.get("near")), _rx(spec.get("scope")),
                 _rx(spec.get("after")), _rx(spec.get("with_perfect")), _rx(spec.get("clause")),
                 _rx(spec.get("relative")))
        for name, spec in data["classes"].items()
    )
    decided = word_regex(data["decision_verbs"])
    return Cues(classes, re.compile(r"\bto\s+$", re.I), decided)


def _lower_hit(rx: re.Pattern[str], text: str, lo: int, hi: int) -> bool:
    """A cue as a word, not a capitalised name ("No. 11", "May", "Will Smith")."""
    for m in rx.finditer(text, lo, hi):
        before = text[:m.start()].rstrip()
        if m.group(0)[:1].islower() or not before or before[-1] in '.:—–-"“(':
            return True     # lower case, or capitalised where a sentence or an aside begins
    return False


_COMMA = re.compile(r",\s*")
_RELATIVE_AFTER = re.compile(r"[^,.;]{0,40}?,\s+(?:which|that)\b([^,.;]{0,80})")
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:been\s+)?$", re.I)


def near_start(text: str, lo: int, t0: int) -> int:
    """Where the words governing the trigger begin: the clause start, at most about eight words
    back, and not before a comma — unless what follows the comma is a short aside
    ("did not, however, remove")."""
    start = max(lo, t0 - _NEAR_CHARS)
    commas = list(_COMMA.finditer(text, start, t0))
    for i in range(len(commas) - 1, -1, -1):
        seg_end = commas[i + 1].start() if i + 1 < len(commas) else t0
        aside = i + 1 < len(commas) and len(text[commas[i].end():seg_end].split()) <= 2
        if not aside:
            return commas[i].end()
    return start


def is_happening(f: Factuality) -> bool:
    return f in (Factuality.HAPPENED, Factuality.ANNOUNCED)


def is_asserted(f: Factuality) -> bool:
    """True of the world as the writer tells it: a happening, or a state or tally that holds
    ("sanctions remain in place" is evidence of a status, not a change)."""
    return is_happening(f) or f in (Factuality.STATE, Factuality.TALLY, Factuality.HABITUAL)


def factuality(text: str, t0: int, t1: int, clause: tuple[int, int]) -> Factuality:
    """What the clause around the trigger text[t0:t1] says about its event."""
    c = cues()
    lo, hi = clause
    near_lo = near_start(text, lo, t0)
    before = text[near_lo:t0]
    perfect = _PERFECT.search(text, max(lo, t0 - 30), t0) is not None
    rel = _RELATIVE_AFTER.match(text, t1)
    comma = text.find(",", t1, hi)
    after_end = hi if comma < 0 else comma
    if c.infinitive.search(before) and not c.decided.search(text, max(lo, t0 - 40), t0):
        return Factuality.PLANNED
    for cls in c.classes:
        if cls.near is not None and _lower_hit(cls.near, text, near_lo, t0):
            return cls.factuality
        if cls.scope is not None and _lower_hit(cls.scope, text, 0, t0):
            return cls.factuality
        if cls.clause is not None and _lower_hit(cls.clause, text, lo, t0):
            return cls.factuality
        if cls.after is not None and cls.after.search(text, t1, after_end):
            return cls.factuality
        if perfect and cls.with_perfect is not None and cls.with_perfect.search(text):
            return cls.factuality
        if rel and cls.relative is not None and cls.relative.search(text, rel.start(1), rel.end(1)):
            return cls.factuality
    return Factuality.HAPPENED
