"""Clauses of a sentence: where one predication ends and the next begins.

Cheap and bounded: a clause ends at a semicolon, a dash, a bracket, or a comma before a
subordinating word ("…, which produced the release", "…, after talks with …"). Factuality cues,
dates and roles are looked for inside the clause of their trigger first.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_CLAUSE = re.compile(
    r",\s+(?=(?:which|who|whom|whose|when|while|following|followed|after|before|although|though|but|"
    r"whereas|where)\b|(?:sentenced|convicted|arrested|detained|jailed|elected|born)\s+(?:in|on|to|for|at|of|by)\b"
    # "X, a veteran who ran in 2010, was detained": the verb after an aside begins a clause
    r"|(?:was|were|is|are|has|have|had)\s)"
    r"|;\s+|\s+[—–]\s+|\s+-\s+|\s*\(|\)\s*"
)
# A clause that describes something named just before it ("the visit on 12 February, which
# produced the release"): its time is its antecedent's.
_RELATIVE = re.compile(r"(?:which|who|whom|whose|that|when)\b", re.I)
# A clause set in the time of another happening ("…, when Pompeo came", "…, after talks").
_SUBORDINATE = re.compile(
    r"(?:which|who|whom|whose|when|while|following|followed|after|before|since|although|though|"
    r"whereas|where)\b|\w+ed\s+(?:in|on|to|for|at|of|by)\b", re.I)


@lru_cache(maxsize=64)     # asked for by events, sanctions and dates of the same sentence
def clauses(text: str) -> tuple[tuple[int, int], ...]:
    spans, start = [], 0
    for m in _CLAUSE.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return tuple(spans)


def clause_of(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return spans[-1]


def is_relative(text: str, span: tuple[int, int]) -> bool:
    return _RELATIVE.match(text, span[0]) is not None


def is_subordinate(text: str, span: tuple[int, int]) -> bool:
    return _SUBORDINATE.match(text, span[0]) is not None
