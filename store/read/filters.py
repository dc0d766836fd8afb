"""What a script names in `--actor`, `--type`, `--since`/`--until`, made into Filters values.

Each reader returns the value or raises FilterError with one sentence saying what is wrong.
"""

from __future__ import annotations

import shlex

from store.identity.search import Hit
from store.read.queries import (
    ACTOR_MIN_SCORE,
    Queries,
    iso_prefix,
    parse_date_range,
    type_name,
    until_bound,
)

AMBIGUOUS_SHOWN = 5   # candidates named when a name fits several actors
EXACT_SCORE = 100.0   # a search hit on a spelling the store holds, word for word


class FilterError(ValueError):
    """A filter value that names nothing, or several things."""


def actor_named(q: Queries, text: str) -> Hit:
    """The one actor `text` names in any spelling or script (the dashboard's actor search).

    An exact spelling wins when no other actor has it; otherwise the name must fit one actor
    confidently (the score the timeline's text filter asks of an actor).
    """
    hits = [h for h in q.search_actors(text, limit=20) if h.score >= ACTOR_MIN_SCORE]
    if not hits:
        raise FilterError(f"no actor is named {text!r} (`thaw search {shlex.quote(text)}` lists "
                          "near spellings)")
    exact = [h for h in hits if h.score >= EXACT_SCORE]
    if len(exact) == 1 or len(hits) == 1:
        return (exact or hits)[0]
    names = ", ".join(h.name for h in (exact or hits)[:AMBIGUOUS_SHOWN])
    raise FilterError(f"{text!r} could be {names}: give more of the name")


def event_types(q: Queries) -> list[str]:
    """Every type extraction makes (seeds/triggers.yaml), and any other a store holds."""
    from store.extract.lexicon import lexicon

    return sorted(set(lexicon().cameo) | set(q.event_types()))


def event_type(q: Queries, text: str) -> str:
    """A type as the dashboard names it (`sanctions lifted`) or as stored (`sanctions_lifted`)."""
    wanted = text.strip().lower()
    known = event_types(q)
    for etype in known:
        if wanted in (etype, type_name(etype)):
            return etype
    raise FilterError(f"no event type {text!r}; the types are: "
                      + ", ".join(type_name(t) for t in known))


def date_bound(text: str) -> str:
    """An ISO prefix: a year, month or day."""
    bound = iso_prefix(text)
    if bound is None:
        raise FilterError(f"{text!r} is not a date: give a year, month or day "
                          "(2025, 2025-09, 2025-09-11)")
    return bound


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Both ends checked, and the range not ending before it starts."""
    since = date_bound(since) if since is not None else None
    until = date_bound(until) if until is not None else None
    if since and until and parse_date_range(f"{since}..{until}") is None:
        raise FilterError(f"the range ends ({until}) before it starts ({since})")
    return since, until


def in_range(date: str | None, since: str | None, until: str | None) -> bool:
    """Is an ISO date within the inclusive range? An unknown date is in no range, as in the
    timeline."""
    if since is None and until is None:
        return True
    return date is not None and (since is None or date >= since) and (
        until is None or date <= until_bound(until))
