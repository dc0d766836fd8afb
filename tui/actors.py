"""Actors pane (search box, hit list, profile beside it) and the pushed profile screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from store.read.queries import TYPE_NAME_WIDTH, date_label
from store.read.records import ActorProfile, ActorRow
from tui.chrome import (
    ActorList,
    EventList,
    Hanging,
    PaneScreen,
    StatsBar,
    queries,
    thaw_app,
)
from tui.correct import MARK, ActorCorrections, ask_corrections, who_when_why

if TYPE_CHECKING:
    from store.correct import Correction
from tui.event_view import heading, quoted, source_label
from tui.inputs import SafeInput
from tui.safe import safe
from tui.timeline import type_label

STATEMENT_INDENT = 13  # the date column of a profile's statements (`~2025-06-27` and two)


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def event_option(date: str | None, approximate: bool, etype: str, summary: str,
                 event_id: int) -> Option:
    return Option(
        Content.assemble((date_label(date, approximate).ljust(12), "$text-secondary"),
                         (type_label(etype).ljust(TYPE_NAME_WIDTH + 1), "$text-accent"),
                         safe(summary, one_line=True)),
        id=str(event_id),
    )


class ActorProfileView(ActorCorrections, VerticalScroll):
    """Everything known about one actor. Enter on an event or co-actor drills down. Its
    correction keys work while the focus is in it (pushed, or after Enter on the actors
    pane), never while a search's letters may land in the hit list."""

    BINDINGS = ActorCorrections.CORRECTION_BINDINGS

    def shown_actor(self) -> int | None:
        return self.actor_id

    def reload_actor(self) -> None:
        self.reload()

    class _Loaded(Message):
        def __init__(self, profile: ActorProfile | None, corrected: dict[str, Correction]) -> None:
            super().__init__()
            self.profile, self.corrected = profile, corrected

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="detail")
        self.actor_id: int | None = None
        self.profile: ActorProfile | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Pick an actor.", "$text-muted"), id="profile-name")
        yield Static("", id="profile-meta")
        yield heading("Spellings seen")
        yield Static("", id="profile-spellings")
        yield heading("Roles")
        yield Static("", id="profile-roles")
        yield heading("Events")
        yield EventList(id="profile-events", classes="inline-list")
        yield heading("Statements")
        yield Static("", id="profile-statements")
        yield heading("Appears with")
        yield ActorList(id="profile-coactors", classes="inline-list")
        yield heading("Corrections")
        yield Static("", id="profile-corrections")

    def show_nothing(self, why: str) -> None:
        """No actor: only `why` is shown (no stale profile beside an empty hit list)."""
        self.actor_id = None
        self.add_class("-empty")
        self.query_one("#profile-name", Static).update(Content.styled(why, "$text-muted"))

    def show_actor(self, actor_id: int) -> None:
        self.remove_class("-empty")
        if actor_id != self.actor_id:
            self.actor_id = actor_id
            self._load(actor_id)

    def reload(self) -> None:
        if self.actor_id is not None:
            self._load(self.actor_id)

    @work(thread=True, exclusive=True, group="profile")
    def _load(self, actor_id: int) -> None:
        profile = queries(self).actor(actor_id)
        corrected = ask_corrections(thaw_app(self), lambda log: log.on_actor(actor_id))
        if not get_current_worker().is_cancelled:
            self.post_message(self._Loaded(profile, corrected))

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        message.stop()
        p = message.profile
        if p is None or p.id != self.actor_id:
            return
        self.profile = p
        mark = f" {MARK}" if message.corrected else ""
        self.query_one("#profile-name", Static).update(Content.styled(safe(p.name) + mark, "bold"))
        self.query_one("#profile-corrections", Static).update(
            Content("\n").join(who_when_why(c) for c in message.corrected.values())
            if message.corrected else Content.styled("None: r renames, M merges, S splits a spelling",
                                                     "$text-muted"))
        meta = [safe(p.kind, one_line=True)]
        if p.affiliation:
            meta.append(f"affiliated with {safe(p.affiliation, one_line=True)}")
        if p.discovered:
            meta.append("found in text (not in the gazetteer)")
        meta.append(plural(p.n_events, "event"))
        meta_content = Content.styled(" · ".join(meta), "$text-muted")
        if p.description:
            meta_content = Content("\n").join([meta_content, Content(safe(p.description))])
        self.query_one("#profile-meta", Static).update(meta_content)

        spellings = [
            Content.assemble(
                ("• ", "$text-muted"), safe(s.text, one_line=True),
                (f"  {plural(len(s.documents), 'article')}: "
                 f"{'; '.join(safe(d, one_line=True) for d in s.documents)}"
                 if s.documents else "", "$text-muted"))
            for s in p.spellings
        ]
        self.query_one("#profile-spellings", Static).update(
            Content("\n").join(spellings) if spellings else Content.styled("—", "$text-muted"))

        roles = [
            Content.assemble(("• ", "$text-muted"), safe(r.role, one_line=True),
                             (f"  {r.start or '?'} → {r.end or 'now'}"
                              if r.start or r.end else "", "$text-muted"))
            for r in p.roles
        ]
        if p.event_roles:
            roles.append(Content.styled(
                "in events: " + ", ".join(f"{safe(role, one_line=True)} ×{n}"
                                          for role, n in p.event_roles), "$text-muted"))
        self.query_one("#profile-roles", Static).update(
            Content("\n").join(roles) if roles else Content.styled("—", "$text-muted"))

        events = self.query_one("#profile-events", OptionList)
        events.clear_options()
        events.add_options(event_option(e.date, e.approximate, e.type, e.summary, e.id)
                           for e in p.events)
        if p.events:
            events.highlighted = 0
        if p.n_events > len(p.events):
            events.add_option(Option(Content.styled(
                f"… {p.n_events - len(p.events)} more: press t for the timeline",
                "$text-muted"), disabled=True))

        # Wrapped lines stay under the quote's first word and the source's (hanging indents).
        statements = [
            paragraph for s in p.statements for paragraph in (
                (Content.assemble((date_label(s.date, s.approximate).ljust(STATEMENT_INDENT),
                                   "$text-secondary"), quoted(s.quote)), 0, STATEMENT_INDENT),
                (Content.styled("— " + source_label(s.title, s.source, None), "$text-muted"),
                 3, 5))
        ]
        self.query_one("#profile-statements", Static).update(
            Hanging(*statements) if statements
            else Content.styled("No quoted statements.", "$text-muted"))

        co = self.query_one("#profile-coactors", OptionList)
        co.clear_options()
        co.add_options(
            Option(Content.assemble(safe(c.name, one_line=True),
                                    (f"  {plural(c.shared, 'shared event')}", "$text-muted")),
                   id=str(c.id))
            for c in p.co_actors
        )

    @on(OptionList.OptionSelected, "#profile-events")
    def _open_event(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            thaw_app(self).open_event(int(message.option.id))

    @on(OptionList.OptionSelected, "#profile-coactors")
    def _open_coactor(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            thaw_app(self).open_actor(int(message.option.id))


PROFILE_BINDINGS = [
    Binding("t", "timeline", "Their events", tooltip="Show this actor's events in the timeline"),
]


class ActorScreen(Screen[None]):
    """A profile pushed from an event or a co-actor; Esc goes back."""

    BINDINGS = [Binding("escape", "app.back", "Back"), *PROFILE_BINDINGS,
                Binding("o", "source", "Source", tooltip="Read a statement's whole article")]

    def action_source(self) -> None:
        from tui.correct import PickScreen, SourceScreen, choose_from

        profile = self.query_one(ActorProfileView).profile
        statements = [s for s in (profile.statements if profile else []) if s.document_id]
        if not statements:
            self.notify("No quoted statements to read.")
            return

        def picked(key: str | None) -> None:
            if key is not None:
                s = statements[int(key)]
                self.app.push_screen(SourceScreen(s.document_id, s.quote))
        choices = [(str(i), f"{s.source or s.title or 'unknown source'}: {s.quote}")
                   for i, s in enumerate(statements)]
        self.app.push_screen(PickScreen("Read which statement's article?", choose_from(choices)),
                             picked)


    def __init__(self, actor_id: int) -> None:
        super().__init__()
        self.actor_id = actor_id

    def compose(self) -> ComposeResult:
        yield StatsBar()
        yield ActorProfileView(id="profile")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ActorProfileView).show_actor(self.actor_id)
        self.query_one("#profile-events").focus()

    def on_screen_resume(self) -> None:
        # Back on top after the log (an undo, a redo): show the store as it is now.
        view = self.query_one(ActorProfileView)
        if view.profile is not None:
            view.reload()

    def action_timeline(self) -> None:
        thaw_app(self).filter_timeline_by_actor(self.actor_id)


def actor_option(row: ActorRow) -> Option:
    # The list cuts long lines with an ellipsis (text-wrap: nowrap in app.tcss).
    detail = " · ".join(
        x for x in (safe(row.kind, one_line=True), plural(row.n_events, "event"),
                    safe(row.role or "", one_line=True)) if x)
    return Option(Content.assemble(safe(row.name, one_line=True), "\n",
                                   ("  " + detail, "$text-muted")), id=str(row.id))


class ActorsScreen(PaneScreen):
    """Pane 2. Corrections are made on the profile Enter opens (ActorScreen), not here, where
    letters typed for a search that lost its focus must not start one."""

    # Focused when the pane is shown, unless a key typed during the switch (`2/`) focused
    # something else first: focusing it in on_mount would take the focus back.
    AUTO_FOCUS = "#actor-list"

    BINDINGS = [
        Binding("slash", "focus_search", "Search"),
        Binding("escape", "escape", "Back to list", show=False),
        *PROFILE_BINDINGS,
    ]

    class _Hits(Message):
        def __init__(self, query: str, rows: list[ActorRow]) -> None:
            super().__init__()
            self.query, self.rows = query, rows

    def compose(self) -> ComposeResult:
        yield StatsBar("actors")
        with Horizontal(id="actors-body"):
            with Vertical(id="actors-left"):
                yield SafeInput(placeholder="/ search any spelling or script", id="actor-search",
                                compact=True)
                yield ActorList(id="actor-list")
            yield ActorProfileView(id="actor-profile")
        yield Footer()

    def on_mount(self) -> None:
        self.seen_generation = thaw_app(self).store_generation
        self._search("")

    @on(Input.Changed, "#actor-search")
    def _typed(self, message: Input.Changed) -> None:
        self._search(message.value)

    @work(thread=True, exclusive=True, group="actor-search")
    def _search(self, text: str) -> None:
        q = queries(self)
        if text.strip():
            ids = list(dict.fromkeys(h.actor_id for h in q.search_actors(text, limit=50)))
            rows = q.actors_list(ids)
        else:
            rows = q.top_actors(200)
        if not get_current_worker().is_cancelled:
            self.post_message(self._Hits(text, rows))

    @on(_Hits)
    def _show_hits(self, message: _Hits) -> None:
        if message.query != self.query_one("#actor-search", Input).value:
            return  # typed on since: a newer search is coming
        hits = self.query_one("#actor-list", OptionList)
        keep = self.query_one(ActorProfileView).actor_id
        hits.clear_options()
        hits.add_options(actor_option(r) for r in message.rows)
        if not message.rows:
            hits.add_option(Option(Content.styled("No actor matches.", "$text-muted"),
                                   disabled=True))
            self.query_one(ActorProfileView).show_nothing("No actor matches the search.")
            return
        ids = [r.id for r in message.rows]
        hits.highlighted = ids.index(keep) if keep in ids and not message.query else 0

    @on(OptionList.OptionHighlighted, "#actor-list")
    def _highlighted(self, message: OptionList.OptionHighlighted) -> None:
        if message.option.id is not None:
            self.query_one(ActorProfileView).show_actor(int(message.option.id))

    @on(OptionList.OptionSelected, "#actor-list")
    def _selected(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            self.query_one(ActorProfileView).show_actor(int(message.option.id))
            self.query_one("#profile-events").focus()

    @on(Input.Submitted, "#actor-search")
    def _submitted(self) -> None:
        hits = self.query_one("#actor-list", OptionList)
        self.set_focus(hits)
        if hits.highlighted is not None:
            hits.action_select()

    # At once, not Widget.focus(): keys typed right after must reach the new focus.
    def action_focus_search(self) -> None:
        self.set_focus(self.query_one("#actor-search", Input))

    def action_escape(self) -> None:
        self.set_focus(self.query_one("#actor-list"))

    def action_timeline(self) -> None:
        actor_id = self.query_one(ActorProfileView).actor_id
        if actor_id is not None:
            thaw_app(self).filter_timeline_by_actor(actor_id)

    def store_changed(self) -> None:
        self._search(self.query_one("#actor-search", Input).value)
        self.query_one(ActorProfileView).reload()
