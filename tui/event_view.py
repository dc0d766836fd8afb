"""One event: summary, actors (Enter opens a profile), every source with its quote, conflicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.read.queries import date_label
from store.read.records import EventActor, EventDetail, EventSource

if TYPE_CHECKING:
    from store.correct import Correction
from store.correct.kinds import EVENT_FIELDS
from tui.chrome import ActorList, StatsBar, queries, thaw_app
from tui.correct import MARK, EventCorrections, ask_corrections, who_when_why
from tui.safe import safe
from tui.timeline import type_label

DATE_SOURCE = {"text": "stated", "context": "from context", "published": "publication date",
               "none": "no date"}


def heading(text: str, id: str | None = None) -> Static:
    return Static(Content.styled(text, "bold $text-accent"), classes="heading", id=id)


QUOTE_MARKS = "“”\"«»„‘’'"


def quoted(text: str, indent: str = "") -> Content:
    """A quoted sentence, shown literally, in quotation marks unless it starts or ends with
    its own (`“There’s no belief,” said…` would otherwise read `““There’s…`)."""
    body = safe(text.strip())
    if body[:1] in QUOTE_MARKS or body[-1:] in QUOTE_MARKS:
        return Content.assemble(indent, body)
    return Content.assemble((indent + "“", "$text-muted"), body, ("”", "$text-muted"))


def source_label(title: str | None, source: str | None, published: str | None) -> str:
    parts = [safe(source, one_line=True) or "unknown source"]
    if title:
        parts.append(safe(title, one_line=True))
    if published:
        parts.append(published)
    return " · ".join(parts)


def actor_roles(actors: list[EventActor]) -> list[tuple[EventActor, list[str]]]:
    """One entry per actor (an actor can take part in several roles, e.g. visitor and
    participant), in first-seen order; the generic "participant" only when nothing else."""
    grouped: dict[int, tuple[EventActor, list[str]]] = {}
    for a in actors:
        _, roles = grouped.setdefault(a.id, (a, []))
        if a.role and a.role not in roles:
            roles.append(a.role)
    return [(a, [r for r in roles if r != "participant"] or roles)
            for a, roles in grouped.values()]


def source_widgets(sources: list[EventSource]) -> list[Static]:
    """One line per article, then each sentence it contributed, indented: a wrapped quote's
    later lines stay under its first (the `.quote` rule in app.tcss), never at column 0."""
    by_document: dict[int, list[EventSource]] = {}
    for src in sources:
        by_document.setdefault(src.document_id, []).append(src)
    widgets: list[Static] = []
    for n, group in enumerate(by_document.values(), 1):
        first = group[0]
        widgets.append(Static(Content.styled(
            f"{n}. {source_label(first.title, first.source, first.published)}", "bold"),
            classes="source-title" if n == 1 else "source-title next"))
        widgets += [Static(quoted(src.quote), classes="quote") for src in group]
    return widgets


class EventActors(ActorList):
    """The event's actors: j/k move between them, then scroll the page past the last one (so
    j scrolls at once when the event has a single actor)."""

    def action_cursor_down(self) -> None:
        if self.highlighted is not None and self.highlighted >= self.option_count - 1:
            self.screen.query_one("#event-body", VerticalScroll).scroll_down(animate=False)
        else:
            super().action_cursor_down()

    def action_cursor_up(self) -> None:
        body = self.screen.query_one("#event-body", VerticalScroll)
        if (self.highlighted or 0) <= 0 and body.scroll_y > 0:
            body.scroll_up(animate=False)
        else:
            super().action_cursor_up()


class EventScreen(EventCorrections):
    """Pushed over a pane; Esc goes back. The page scrolls from the keyboard whatever has focus
    (the actor list keeps Enter for opening a profile)."""

    BINDINGS = [
        Binding("escape", "app.back", "Back"),
        Binding("c", "conflicts", "Conflicts", tooltip="Scroll to where the sources disagree"),
        Binding("pagedown,space", "scroll('page_down')", "Page down", show=False, priority=True),
        Binding("pageup", "scroll('page_up')", "Page up", show=False, priority=True),
        Binding("end,G", "scroll('scroll_end')", "End", show=False, priority=True),
        Binding("home,g", "scroll('scroll_home')", "Top", show=False, priority=True),
        *EventCorrections.CORRECTION_BINDINGS,
    ]

    class _Loaded(Message):
        def __init__(self, detail: EventDetail | None, corrected: dict[str, Correction]) -> None:
            super().__init__()
            self.detail, self.corrected = detail, corrected

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id
        self.detail: EventDetail | None = None

    def compose(self) -> ComposeResult:
        yield StatsBar()
        with VerticalScroll(id="event-body", classes="detail"):
            yield Static(Content.styled("Loading…", "$text-muted"), id="event-summary")
            yield Static("", id="event-meta")
            yield heading("Actors")
            yield EventActors(id="event-actors", classes="inline-list")
            yield heading("Sources")
            yield Vertical(id="event-sources")
            yield heading("Conflicts", id="conflicts-heading")
            yield Static("", id="event-conflicts")
            yield heading("Corrections")
            yield Static("", id="event-corrections")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        # Back on top after the log (an undo, a redo) or a form: show the store as it is now.
        if self.detail is not None:
            self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        corrected = ask_corrections(thaw_app(self), lambda log: log.on_event(self.event_id))
        self.post_message(self._Loaded(queries(self).event(self.event_id), corrected))

    def reload(self) -> None:
        self._load()

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        e = self.detail = message.detail
        fixed = {f: f" {MARK}" if f in message.corrected else "" for f in EVENT_FIELDS}
        if e is None:
            self.query_one("#event-summary", Static).update(
                Content(f"Event {self.event_id} is not in the store."))
            return
        self.query_one("#event-summary", Static).update(
            Content.styled(safe(e.summary) + fixed["summary"], "bold"))
        dated = DATE_SOURCE.get(e.date_source, safe(e.date_source, one_line=True))
        meta = [date_label(e.date, e.approximate)
                + (f" ({e.precision}, {dated})" if e.precision else f" ({dated})") + fixed["date"],
                f"{type_label(e.type)}{fixed['type']} · CAMEO {safe(e.cameo, one_line=True)}"]
        if e.place:
            meta.append(f"in {safe(e.place, one_line=True)}{fixed['place']}")
        if e.count is not None:
            meta.append(f"count {e.count}{fixed['count']}")
        if e.target:
            meta.append(f"target {safe(e.target, one_line=True)}")
        if e.authority:
            meta.append(f"by {safe(e.authority, one_line=True)}")
        meta.append(f"event #{e.id}")
        self.query_one("#event-meta", Static).update(
            Content.styled(" · ".join(meta), "$text-muted"))

        actors = self.query_one("#event-actors", OptionList)
        actors.clear_options()
        actors.add_options(
            Option(Content.assemble(safe(a.name, one_line=True),
                                    (f"  {safe(', '.join(roles), one_line=True)} · "
                                     f"{safe(a.kind, one_line=True)}", "$text-muted")),
                   id=str(a.id))
            for a, roles in actor_roles(e.actors)
        )
        actors.display = bool(e.actors)

        box = self.query_one("#event-sources", Vertical)
        box.remove_children()
        box.mount_all(source_widgets(e.sources) or [Static("No sources recorded.")])

        lines: list[Content] = []
        for field, values in e.conflicts.items():
            lines.append(Content.styled(f"{safe(field)} — sources disagree:", "bold $text-error"))
            for v in values:
                lines.append(Content.assemble(
                    "   ", (safe(v.value, one_line=True), "bold"), "  says ",
                    source_label(v.title, v.source, None)))
        self.query_one("#event-conflicts", Static).update(
            Content("\n").join(lines) if lines else Content.styled("None.", "$text-muted"))
        self.query_one("#event-corrections", Static).update(
            Content("\n").join(who_when_why(c) for c in message.corrected.values())
            if message.corrected else Content.styled("None: e edits a field, d dismisses, m merges …",
                                                     "$text-muted"))
        if e.actors:
            actors.highlighted = 0
            actors.focus()

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#event-body", VerticalScroll), f"action_{how}")()

    def action_conflicts(self) -> None:
        body = self.query_one("#event-body", VerticalScroll)
        body.scroll_to_widget(self.query_one("#conflicts-heading"), animate=False, top=True)

    @on(OptionList.OptionSelected, "#event-actors")
    def _open_actor(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            thaw_app(self).open_actor(int(message.option.id))
