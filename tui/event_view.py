"""One event: summary, actors (Enter opens a profile), every source with its quote, conflicts."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.queries import EventDetail, date_label
from tui.chrome import NavList, StatsBar, queries, thaw_app
from tui.safe import safe

DATE_SOURCE = {"text": "stated", "context": "from context", "published": "publication date",
               "none": "no date"}


def heading(text: str) -> Static:
    return Static(Content.styled(text, "bold $text-accent"), classes="heading")


def source_label(title: str | None, source: str | None, published: str | None) -> str:
    parts = [safe(source, one_line=True) or "unknown source"]
    if title:
        parts.append(safe(title, one_line=True))
    if published:
        parts.append(published)
    return " · ".join(parts)


class EventScreen(Screen[None]):
    """Pushed over a pane; Esc goes back."""

    BINDINGS = [Binding("escape", "app.back", "Back")]

    class _Loaded(Message):
        def __init__(self, detail: EventDetail | None) -> None:
            super().__init__()
            self.detail = detail

    def __init__(self, event_id: int) -> None:
        super().__init__()
        self.event_id = event_id

    def compose(self) -> ComposeResult:
        yield StatsBar()
        with VerticalScroll(id="event-body", classes="detail"):
            yield Static(Content.styled("Loading…", "$text-muted"), id="event-summary")
            yield Static("", id="event-meta")
            yield heading("Actors")
            yield NavList(id="event-actors", classes="inline-list")
            yield heading("Sources")
            yield Static("", id="event-sources")
            yield heading("Conflicts")
            yield Static("", id="event-conflicts")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        self.post_message(self._Loaded(queries(self).event(self.event_id)))

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        e = message.detail
        if e is None:
            self.query_one("#event-summary", Static).update(
                Content(f"Event {self.event_id} is not in the store."))
            return
        self.query_one("#event-summary", Static).update(
            Content.styled(safe(e.summary), "bold"))
        dated = DATE_SOURCE.get(e.date_source, safe(e.date_source, one_line=True))
        meta = [date_label(e.date, e.approximate)
                + (f" ({e.precision}, {dated})" if e.precision else f" ({dated})"),
                f"{safe(e.type, one_line=True)} · CAMEO {safe(e.cameo, one_line=True)}"]
        if e.place:
            meta.append(f"in {safe(e.place, one_line=True)}")
        if e.count is not None:
            meta.append(f"count {e.count}")
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
                                    (f"  {safe(a.role, one_line=True)} · {a.kind}",
                                     "$text-muted")),
                   id=str(a.id))
            for a in e.actors
        )
        actors.display = bool(e.actors)

        sources = [
            Content.assemble(
                (f"{n}. {source_label(s.title, s.source, s.published)}", "bold"), "\n",
                ("   “", "$text-muted"), safe(s.quote), ("”", "$text-muted"),
            )
            for n, s in enumerate(e.sources, 1)
        ]
        self.query_one("#event-sources", Static).update(
            Content("\n\n").join(sources) if sources else Content("No sources recorded."))

        lines: list[Content] = []
        for field, values in e.conflicts.items():
            lines.append(Content.styled(f"{safe(field)} — sources disagree:", "bold $text-error"))
            for v in values:
                lines.append(Content.assemble(
                    "   ", (safe(v.value, one_line=True), "bold"), "  says ",
                    source_label(v.title, v.source, None)))
        self.query_one("#event-conflicts", Static).update(
            Content("\n").join(lines) if lines else Content.styled("None.", "$text-muted"))
        if e.actors:
            actors.highlighted = 0
            actors.focus()

    @on(OptionList.OptionSelected, "#event-actors")
    def _open_actor(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            thaw_app(self).open_actor(int(message.option.id))
