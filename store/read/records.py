"""The records behind the detail views: one event, one actor, the sanctions board.

store.read.queries returns them and re-exports them; they live apart so that the dashboard's first
screen (the timeline) does not pay for creating them: 13 frozen slotted dataclasses take
~20 ms, a noticeable part of a cold start. Imported on the first detail question.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.read.queries import TimelineRow


@dataclass(frozen=True, slots=True)
class EventActor:
    id: int
    name: str
    kind: str
    role: str


@dataclass(frozen=True, slots=True)
class EventSource:
    document_id: int
    title: str | None
    source: str | None
    published: str | None
    url: str | None
    quote: str


@dataclass(frozen=True, slots=True)
class ConflictValue:
    value: str
    document_id: int
    title: str | None
    source: str | None


@dataclass(frozen=True, slots=True)
class EventDetail:
    id: int
    type: str
    cameo: str
    date: str | None
    precision: str | None
    approximate: bool
    date_source: str  # text (stated) | context | published (inferred) | none
    summary: str
    place: str | None
    count: int | None
    target: str | None
    authority: str | None
    actors: list[EventActor]
    sources: list[EventSource]
    conflicts: dict[str, list[ConflictValue]]  # field -> what each source says


@dataclass(frozen=True, slots=True)
class Spelling:
    text: str
    documents: list[str]  # titles (or sources) of the documents it was seen in


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    start: str | None
    end: str | None


@dataclass(frozen=True, slots=True)
class Statement:
    event_id: int
    date: str | None
    quote: str
    title: str | None
    source: str | None
    approximate: bool = False
    document_id: int | None = None      # where the quote is: the source view opens it


@dataclass(frozen=True, slots=True)
class CoActor:
    id: int
    name: str
    shared: int


@dataclass(frozen=True, slots=True)
class ActorProfile:
    id: int
    name: str
    kind: str
    affiliation: str | None
    description: str | None
    discovered: bool
    spellings: list[Spelling]
    roles: list[Role]
    event_roles: list[tuple[str, int]]  # role in events, how many times
    events: list[TimelineRow]
    n_events: int
    statements: list[Statement]
    co_actors: list[CoActor]


@dataclass(frozen=True, slots=True)
class ActorRow:
    id: int
    name: str
    kind: str
    role: str | None  # first gazetteer role, else most frequent event role
    n_events: int


@dataclass(frozen=True, slots=True)
class SanctionCell:
    status: str
    since: str | None             # the change that set the status
    confirmed: str | None = None  # the last date a source gave this status


@dataclass(frozen=True, slots=True)
class SanctionsBoard:
    targets: list[tuple[int, str, str]]  # (actor id, name, kind)
    authorities: list[str]
    cells: dict[tuple[int, str], SanctionCell]
    summaries: dict[str, str]  # authority -> "1 lifted, 2 in force"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    status: str
    date: str | None
    event_id: int | None
    event_summary: str | None
    title: str | None
    source: str | None
    quote: str
    approximate: bool = False
    document_id: int | None = None
