"""What every pane shares: the stats bar at the top, and the base of the three pane screens."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.binding import Binding
from textual.content import Content
from textual.css.styles import RulesMap
from textual.screen import Screen
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
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


class Hanging(Visual):
    """Paragraphs one under another, each `(content, indent, hang)`: its first line indented by
    `indent`, the lines it wraps onto by `hang`. Content alone starts wrapped lines at column
    0; list options (an OptionList prompt is one Visual) need this for hanging indents."""

    def __init__(self, *paragraphs: tuple[Content, int, int]) -> None:
        self.paragraphs = [(line, indent, hang) for content, indent, hang in paragraphs
                           for line in content.split("\n", allow_blank=True)]

    def __str__(self) -> str:
        return "\n".join(" " * indent + line.plain for line, indent, _ in self.paragraphs)

    def lines(self, width: int) -> list[Content]:
        out: list[Content] = []
        for paragraph, indent, hang in self.paragraphs:
            first = (paragraph.wrap(max(1, width - indent)) or [Content("")])[0]
            out.append(Content.assemble(" " * indent, first))
            rest = paragraph[len(first.plain):]
            rest = rest[len(rest.plain) - len(rest.plain.lstrip()):]
            if rest.plain:
                out += [Content.assemble(" " * hang, line)
                        for line in rest.wrap(max(1, width - hang))]
        return out

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max((indent + line.cell_length for line, indent, _ in self.paragraphs), default=0)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))

    def render_strips(self, width: int, height: int | None, style: Style,
                      options: RenderOptions) -> list[Strip]:
        strips = [strip for line in self.lines(width)
                  for strip in line.render_strips(width, 1, style, options)]
        return strips if height is None else strips[:height]


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
