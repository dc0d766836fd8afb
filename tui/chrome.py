"""What every pane shares: the stats bar at the top, and the base of the three pane screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList

from store.read.queries import Queries, Stats, updated_label

if TYPE_CHECKING:
    from tui.app import ThawApp

PANES = (("timeline", "1", "Timeline"), ("actors", "2", "Actors"), ("sanctions", "3", "Sanctions"))


def thaw_app(widget: Widget | Screen) -> ThawApp:
    return cast("ThawApp", widget.app)


def queries(widget: Widget | Screen) -> Queries:
    return thaw_app(widget).queries


class StatsBar(Widget):
    """One line: the pane tabs, then documents · events · actors · newest article."""

    DEFAULT_CSS = """
    StatsBar { height: 1; background: $panel; color: $foreground; }
    """

    def __init__(self, pane: str | None = None) -> None:
        super().__init__()
        self.pane = pane

    def on_mount(self) -> None:
        self.watch(self.app, "stats", lambda _: self.refresh(), init=False)

    def render(self) -> Content:
        parts: list[Content | str | tuple[str, str]] = [("thaw ", "bold $accent")]
        for mode, key, label in PANES:
            style = "reverse bold" if mode == self.pane else "dim"
            parts += [(f" {key} {label} ", style), " "]
        stats: Stats | None = thaw_app(self).stats
        if stats is not None:
            room = self.size.width - Content.assemble(*parts).cell_length - 1
            info = next((i for i in _infos(stats) if len(i) <= room), None)
            if info is not None:
                parts += [" " * (room - len(info)), (info, "$text-muted")]
        return Content.assemble(*parts)


def _infos(stats: Stats) -> list[str]:
    """The stats line from the fullest to the shortest: the first that fits is shown."""
    newest = stats.newest_article or "—"
    updated = f"updated {updated_label(stats.last_updated)}"
    counts = f"{stats.documents} docs · {stats.events} events · {stats.actors} actors"
    short = f"{stats.events} events · {stats.documents} docs"     # 80 columns: the numbers
    return [f"{counts} · newest {newest} · {updated}", f"{short} · newest {newest} · {updated}",
            f"{counts} · newest {newest}", f"{short} · {newest}"]


class PaneScreen(Screen[None]):
    """A pane: reloads its data when the store changed while it was hidden."""

    seen_generation = 0

    def on_screen_resume(self) -> None:
        generation = thaw_app(self).store_generation
        if generation != self.seen_generation:
            self.seen_generation = generation
            self.store_changed()

    def store_changed(self) -> None:
        """Reload after another process wrote to the store (called on the UI thread)."""


class NavList(OptionList):
    """An OptionList that also moves with j/k and g/G, like the timeline."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]


class EventList(NavList):
    """A list of events: Enter opens one (and says so in the Footer, only on an entry that has
    an event: options without an id have none)."""

    BINDINGS = [Binding("enter", "select", "Open event")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "select":
            index = self.highlighted
            return index is not None and self.get_option_at_index(index).id is not None
        return True

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self.refresh_bindings()


class ActorList(NavList):
    """A list of actors: Enter opens a profile (and says so in the Footer)."""

    BINDINGS = [Binding("enter", "select", "Open profile")]
