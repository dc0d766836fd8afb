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
    ASKED = "asked"             # a question ("Are the checkpoints open again?")


# Where a class's cues are looked for (see the module docstring); the first three must be
# words as written, the rest are read case-blind.
_REACHES = ("near", "scope", "clause", "after", "with_perfect", "relative")
_CASED = frozenset({"near", "scope", "clause"})


@dataclass(frozen=True)
class Cues:
    order: tuple[Factuality, ...]            # classes by precedence: the first found wins
    reaches: dict[str, re.Pattern[str]]      # one regex per reach, a group `c<i>` per class
    infinitive: re.Pattern[str]              # "to" right before the trigger
    decided: re.Pattern[str]                 # "decided to", "took the decision to"


def _combined(classes: list[dict], reach: str) -> re.Pattern[str] | None:
    """One alternation for all classes' cues of a reach, each class its own named group: one
    scan per reach instead of one per class (measured: extraction is a third of ingest)."""
    groups = []
    for i, spec in enumerate(classes):
        cues_ = spec.get(reach)
        if cues_:
            alts = "|".join(f"(?:{p})" for p in sorted(cues_, key=len, reverse=True))
            groups.append(f"(?P<c{i}>{alts})")
    if not groups:
        return None
    return re.compile(rf"(?<![\w-])(?:{'|'.join(groups)})(?![\w])", re.I)


@lru_cache(maxsize=1)
def cues() -> Cues:
    data = load_yaml("factuality.yaml")
    specs = list(data["classes"].values())
    reaches = {r: rx for r in _REACHES if (rx := _combined(specs, r)) is not None}
    return Cues(tuple(Factuality(n) for n in data["classes"]), reaches,
                re.compile(r"\bto\s+$", re.I), word_regex(data["decision_verbs"]))


def _as_word(text: str, m: re.Match[str]) -> bool:
    """A cue as a word, not a capitalised name ("No. 11", "May", "Will Smith"): lower case, or
    capitalised where a sentence or an aside begins."""
    if m.group(0)[:1].islower():
        return True
    before = text[max(0, m.start() - 4):m.start()].rstrip()
    return not before or before[-1] in '.:—–-"“('


def _first_class(c: Cues, reach: str, text: str, lo: int, hi: int) -> int | None:
    rx = c.reaches.get(reach)
    if rx is None or hi <= lo:
        return None
    best: int | None = None
    for m in rx.finditer(text, lo, hi):
        if reach in _CASED and not _as_word(text, m):
            continue
        i = int(m.lastgroup[1:])            # type: ignore[index]
        best = i if best is None else min(best, i)
        if best == 0:
            break
    return best


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
    if text.rstrip().endswith("?"):
        return Factuality.ASKED
    near_lo = near_start(text, lo, t0)
    if c.infinitive.search(text, near_lo, t0) and not c.decided.search(text, max(lo, t0 - 40), t0):
        return Factuality.PLANNED
    comma = text.find(",", t1, hi)
    rel = _RELATIVE_AFTER.match(text, t1)
    spans = {"near": (near_lo, t0), "scope": (0, t0), "clause": (lo, t0),
             "after": (t1, hi if comma < 0 else comma),
             "relative": (rel.start(1), rel.end(1)) if rel else (0, 0),
             "with_perfect": ((0, len(text)) if _PERFECT.search(text, max(lo, t0 - 30), t0)
                              else (0, 0))}
    found = [i for reach, (a, b) in spans.items()
             if (i := _first_class(c, reach, text, a, b)) is not None]
    return c.order[min(found)] if found else Factuality.HAPPENED
