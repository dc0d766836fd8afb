"""The dashboard: three panes as modes, drill-down screens pushed on top, live refresh."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.events import Event
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import AwaitMount
from textual.widgets import Input

from store.db.connect import connect
from store.read.queries import Queries, Stats
from tui.chrome import PaneScreen
from tui.timeline import TimelineScreen

if TYPE_CHECKING:
    from textual.command import Provider


def _thaw_commands() -> type[Provider]:
    from tui.commands import ThawCommands  # loaded when the palette first opens

    return ThawCommands


def _actors_screen() -> Screen[None]:
    from tui.actors import ActorsScreen  # panes 2 and 3 load on first visit: faster start

    return ActorsScreen()


def _sanctions_screen() -> Screen[None]:
    from tui.sanctions import SanctionsScreen

    return SanctionsScreen()


# Keys remembered with the widget they were routed to (ids; a few in flight at a time).
ROUTED_KEYS = 64


class StoreChanged(Message):
    def __init__(self, stats: Stats, first: bool) -> None:
        super().__init__()
        self.stats, self.first = stats, first


class ThawApp(App[None]):
    """`thaw`: timeline, actors and sanctions of one store, driven from the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "thaw"
    # Pane 1 is the default screen (get_default_screen) and joins MODES once it is up
    # (on_mount): Textual starts a MODES screen with a full CSS refresh that parses every rule
    # twice more, and switching to it from the empty default screen restyled it twice.
    DEFAULT_MODE = "timeline"
    MODES = {"actors": _actors_screen, "sanctions": _sanctions_screen}
    COMMANDS = App.COMMANDS | {_thaw_commands}
    BINDINGS = [
        Binding("1", "switch_pane('timeline')", "Timeline", show=False),
        Binding("2", "switch_pane('actors')", "Actors", show=False),
        Binding("3", "switch_pane('sanctions')", "Sanctions", show=False),
        Binding("slash", "search", "Search actors", show=False),
        Binding("L", "corrections", "Corrections", show=False,
                tooltip="Every correction made: undo, redo"),
        Binding("question_mark", "help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    stats: reactive[Stats | None] = reactive(None)

    def __init__(self, db_path: Path, *, poll_interval: float | None = 1.5,
                 theme: str | None = None) -> None:
        super().__init__()
        self.db_path = Path(db_path)
        self.queries = Queries(connect(self.db_path))
        # The workers' scans for the chart and the type list wait for the first frame
        # (on_mount): at 100,000 events they would only slow the drawing of that frame.
        self.queries.hold()
        self.poll_interval = poll_interval
        self.store_generation = 0
        self._routed: dict[int, object] = {}  # key event id -> the widget it was routed to
        self._version: int | None = None
        if theme:
            self.theme = theme

    def get_default_screen(self) -> Screen[None]:
        return TimelineScreen()

    def on_mount(self) -> None:
        # Its stack exists by now, so this only lets switch_mode("timeline") come back to it.
        self.add_mode("timeline", TimelineScreen)
        self.call_after_refresh(self.queries.release)
        self._poll()
        if self.poll_interval:
            self.set_interval(self.poll_interval, self._poll)

    def on_unmount(self) -> None:
        self.queries.release()  # a worker still waiting must not keep the app from exiting

    # -- live refresh -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        version = self.queries.data_version()
        if version != self._version:
            first = self._version is None
            self._version = version
            self.post_message(StoreChanged(self.queries.stats(), first))

    def refresh_store(self) -> None:
        """Our own write (a correction) landed: show it now, not at the next poll."""
        self._poll()

    def on_store_changed(self, message: StoreChanged) -> None:
        self.stats = message.stats
        if message.first:
            return
        self.store_generation += 1
        # The visible pane reloads now (keeping its place); hidden ones when next shown.
        for screen in self.screen_stack:
            if isinstance(screen, PaneScreen):
                screen.on_screen_resume()

    # -- keys -------------------------------------------------------------------------------

    async def on_event(self, event: Event) -> None:
        """No typed letter is lost when focus moves under a burst of keys. Textual routes each
        key to what has focus when the key arrives, and a key's bindings run only once it is
        back at the app: in "2/Kellogg" typed at once, the letters went to the list that the
        `/` (which focuses the search box) was still on its way through, and were dropped.
        A letter that comes back unhandled from a widget that has lost focus to a text box
        since is typed into that box."""
        if isinstance(event, events.Key):
            if not event.is_forwarded:
                self._routed[id(event)] = self.focused or self.screen
                while len(self._routed) > ROUTED_KEYS:
                    self._routed.pop(next(iter(self._routed)))
            else:
                routed = self._routed.pop(id(event), None)
                focused = self.focused
                if (routed is not None and focused is not routed and event.is_printable
                        and isinstance(focused, Input)):
                    focused.post_message(events.Key(event.key, event.character))
                    return
        await super().on_event(event)

    # -- navigation -------------------------------------------------------------------------

    async def action_switch_pane(self, mode: str) -> None:
        # Awaited: keys typed right after ("2/Kellogg" in one burst) wait for the pane to be
        # mounted instead of reaching it half-built, where its on_mount focus would eat them.
        await self.switch_pane(mode)

    def switch_pane(self, mode: str) -> AwaitMount:
        """Show a pane at its root (drill-down screens on it are closed)."""
        mounted = self.switch_mode(mode) if self.current_mode != mode else None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return mounted or AwaitMount(self.screen, [])

    def action_back(self) -> None:
        if len(self.screen_stack) > 1:
            self.pop_screen()

    def open_event(self, event_id: int) -> None:
        from tui.event_view import EventScreen

        self.push_screen(EventScreen(event_id))

    def open_actor(self, actor_id: int) -> None:
        from tui.actors import ActorScreen

        self.push_screen(ActorScreen(actor_id))

    def jump_to_date(self, day: str | None = None) -> None:
        """The timeline, in date order, at the first event on or after `day` (no day: the
        timeline's box that asks for one)."""
        self.switch_pane("timeline")
        screen = self.screen
        if isinstance(screen, TimelineScreen):
            if day:
                screen.jump_to(day)
            else:
                screen.action_jump()

    def filter_timeline_by_actor(self, actor_id: int) -> None:
        """`t` on a profile: the timeline of their events; Esc there comes back here."""
        mode, pushed = self.current_mode, len(self.screen_stack) > 1
        self.switch_pane("timeline")
        screen = self.screen
        if isinstance(screen, TimelineScreen):
            screen.set_actor_filter(actor_id, back=partial(self._back_to_profile, mode,
                                                           actor_id if pushed else None))

    def _back_to_profile(self, mode: str, pushed_actor: int | None) -> None:
        self.switch_pane(mode)
        if pushed_actor is not None:  # a profile opened over the pane: open it again
            self.open_actor(pushed_actor)

    async def action_search(self) -> None:
        """`/` where the pane has no filter of its own: the actor search."""
        await self.switch_pane("actors")
        await self.screen.run_action("focus_search")

    def action_corrections(self) -> None:
        from tui.correct import CorrectionsScreen

        self.push_screen(CorrectionsScreen())

    def action_help(self) -> None:
        from tui.help import HelpScreen

        self.push_screen(HelpScreen(self.screen.active_bindings))

    def action_command_palette(self) -> None:
        # Textual's palette with a box that shows pasted escapes and controls literally.
        from textual.command import CommandPalette

        from tui.inputs import SafeCommandPalette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SafeCommandPalette(id="--command-palette"))

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        # Textual's "Keys" panel says less than our "Help": one entry for the keys, not two.
        yield from (c for c in super().get_system_commands(screen) if c.title != "Keys")
        yield SystemCommand("Light / dark", "Toggle between the light and dark theme",
                            self.action_toggle_theme)
        yield SystemCommand("Help (keys)", "The keys of this screen", self.action_help)
        yield SystemCommand("Corrections", "Every correction made to this store: undo, redo",
                            self.action_corrections)
        yield SystemCommand("Update followed feeds",
                            "Fetch every feed followed with `thaw feeds add` and store what is new",
                            self.action_update_feeds)

    # -- update -----------------------------------------------------------------------------

    def action_update_feeds(self) -> None:
        self.notify("Updating the followed feeds…", timeout=3)
        self._update_feeds()

    @work(thread=True, exclusive=True, group="update", exit_on_error=False)
    def _update_feeds(self) -> str:
        """`thaw update` off the UI thread: the dashboard keeps answering, and the poll shows
        the new events as each batch commits."""
        import sqlite3

        from store.db.connect import StoreError
        from store.ingest.follow import followed_feeds, update_feeds

        try:
            if not followed_feeds(self.db_path):
                self.call_from_thread(self.notify, "No feeds followed: `thaw feeds add URL` first",
                                      severity="warning")
                return ""
            report = update_feeds(self.db_path)
        except (StoreError, sqlite3.Error, OSError) as exc:
            self.call_from_thread(self.notify, f"Update failed: {exc}", severity="error")
            return ""
        failed = len(report.failed)
        self.call_from_thread(self.notify, report.summary(), title="Feeds updated",
                              severity="warning" if failed else "information", timeout=8)
        self.call_from_thread(self._poll)
        return report.summary()


def run_dashboard(db_path: Path) -> None:
    """`thaw`: seed a missing or empty store from the bundled articles, then open the dashboard."""
    if _needs_seeding(db_path):
        _seed(db_path)
    ThawApp(db_path).run()


def _needs_seeding(db_path: Path) -> bool:
    if not db_path.exists():
        return True
    conn = connect(db_path)
    try:
        return Queries(conn).is_empty()
    finally:
        conn.close()


def _seed(db_path: Path) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from store.ingest.run import bundled_seeds_dir, ingest_paths
    from tui.safe import safe

    console = Console(stderr=True)
    console.print(f"No events in {safe(str(db_path))} yet: reading the bundled articles.",
                  markup=False, highlight=False)
    columns = (TextColumn("{task.description}", markup=False), BarColumn(),
               MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("Ingesting", total=None)

        def on_progress(done: int, total: int, name: str) -> None:
            progress.update(task, completed=done, total=total,
                            description=f"Ingesting {safe(name, one_line=True)}")

        ingest_paths(db_path, [bundled_seeds_dir()], progress=on_progress)
