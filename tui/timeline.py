"""Timeline pane: a Line API list that pages events out of SQLite, with filters and a chart.

`TimelineView` is a ScrollView whose virtual height is the event count; `render_line` renders
only visible rows, from pages of PAGE_SIZE rows loaded by thread workers and kept in a small LRU,
so 100,000 events cost what 100 do.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.cache import LRUCache
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Click
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, Select
from textual.worker import get_current_worker

from store.read.queries import (
    TYPE_NAME_WIDTH,
    Filters,
    MonthCount,
    Order,
    TimelineRow,
    date_label,
    iso_prefix,
    parse_date_range,
    type_name,
)
from tui.chrome import PaneScreen, StatsBar, queries, thaw_app
from tui.inputs import SafeInput
from tui.safe import fit, safe

PAGE_SIZE = 200
MAX_PAGES = 16


@dataclass(frozen=True)
class Column:
    name: str
    width: int


def columns(width: int) -> tuple[list[Column], bool]:
    """Column layout for a width, and whether actors get their own column (else they trail
    the summary)."""
    wide = width >= 110
    fixed = [Column("date", 11), Column("type", TYPE_NAME_WIDTH)]
    tail = [Column("src", 3), Column("conflict", 1)]
    actors = [Column("actors", min(40, width // 4))] if wide else []
    used = sum(c.width + 1 for c in fixed + tail + actors)
    return [*fixed, Column("summary", max(10, width - used)), *actors, *tail], wide


def header_strip(width: int, style: Style) -> Strip:
    cols, _ = columns(width)
    titles = {"date": "Date", "type": "Type", "summary": "Summary", "actors": "Actors",
              "src": "Src", "conflict": "≠"}
    text = " ".join(
        fit(titles[c.name], c.width).rjust(c.width) if c.name == "src"
        else fit(titles[c.name], c.width) for c in cols
    )
    return Strip([Segment(fit(text, width), style)])


def type_label(etype: str) -> str:
    """The type's display name (store.read.queries.type_name), safe to show."""
    return safe(type_name(etype), one_line=True)


class TimelineView(ScrollView, can_focus=True, inherit_bindings=False):
    """Every event of the current filters, in date order, one line each (no horizontal
    scrolling, so none of ScrollView's sideways keys)."""

    BINDINGS = [
        Binding("j,down", "cursor(1)", "Down", show=False),
        Binding("k,up", "cursor(-1)", "Up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("enter", "open", "Open event"),
    ]
    COMPONENT_CLASSES = {
        "timeline--cursor", "timeline--date", "timeline--approx", "timeline--type",
        "timeline--actors", "timeline--src", "timeline--conflict", "timeline--loading",
    }
    DEFAULT_CSS = """
    TimelineView { background: $surface; }
    TimelineView > .timeline--cursor { background: $block-cursor-blurred-background; }
    TimelineView:focus > .timeline--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground; text-style: bold;
    }
    TimelineView > .timeline--date { color: $text-secondary; }
    TimelineView > .timeline--approx { color: $text-warning; }
    TimelineView > .timeline--type { color: $text-accent; }
    TimelineView > .timeline--actors { color: $text-muted; }
    TimelineView > .timeline--src { color: $text-muted; }
    TimelineView > .timeline--conflict { color: $text-error; text-style: bold; }
    TimelineView > .timeline--loading { color: $text-disabled; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Opened(Message):
        def __init__(self, event_id: int) -> None:
            super().__init__()
            self.event_id = event_id

    class Changed(Message):
        """Cursor, count or filters changed: for the status line."""

    class _Page(Message):
        def __init__(self, generation: int, page: int, rows: list[TimelineRow]) -> None:
            super().__init__()
            self.generation, self.page, self.rows = generation, page, rows

    class _Count(Message):
        def __init__(self, generation: int, total: int, cursor: int | None) -> None:
            super().__init__()
            self.generation, self.total, self.cursor = generation, total, cursor

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.filters = Filters()
        self.total = 0
        self.loaded = False
        self._generation = 0
        self._pages: OrderedDict[int, list[TimelineRow]] = OrderedDict()
        self._pending: set[int] = set()
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, str, bool], Style] = {}
        self.order = Order.DATE
        self._above: int | None = None  # rows above the kept (or jumped-to) row on screen

    # -- data -------------------------------------------------------------------------------

    def load(self, filters: Filters | None = None, *, keep_place: bool = False,
             order: Order | None = None, jump_to: str | None = None) -> None:
        """(Re)count and page from scratch; `keep_place` keeps the cursor on the same event,
        `jump_to` (an ISO date, in date order) puts it on the first event on or after it."""
        if filters is not None:
            self.filters = filters
        if order is not None:
            self.order = order
        keep_id = None
        if jump_to is not None:
            self._above = 0
        elif keep_place and (row := self.row_at(self.cursor)) is not None:
            keep_id = row.id
            self._above = self.cursor - round(self.scroll_y)
        else:
            self._above = None
        self._generation += 1
        self._pages.clear()
        self._pending.clear()
        self._strips.clear()
        self._count(self._generation, self.filters, self.order, keep_id, jump_to)

    @work(thread=True, exclusive=True, group="timeline-count")
    def _count(self, generation: int, filters: Filters, order: Order, keep_id: int | None,
               jump_to: str | None) -> None:
        q = queries(self)
        total = q.timeline_count(filters)
        index = (q.timeline_index_of(keep_id, filters, order) if keep_id is not None
                 else q.timeline_index_of_date(jump_to, filters) if jump_to is not None
                 else None)
        if not get_current_worker().is_cancelled:
            # The page the cursor lands on first: at the top, or around a kept/jumped-to row.
            page = (index or 0) // PAGE_SIZE
            self.post_message(self._Page(generation, page,
                                         q.timeline_page(page * PAGE_SIZE, PAGE_SIZE, filters,
                                                         order)))
            self.post_message(self._Count(generation, total, index))

    @work(thread=True, group="timeline-page")
    def _fetch(self, generation: int, page: int, filters: Filters, order: Order) -> None:
        rows = queries(self).timeline_page(page * PAGE_SIZE, PAGE_SIZE, filters, order)
        self.post_message(self._Page(generation, page, rows))

    @on(_Page)
    def _on_page(self, message: _Page) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self._pending.discard(message.page)
        self._pages[message.page] = message.rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        self.refresh()

    @on(_Count)
    def _on_count(self, message: _Count) -> None:
        message.stop()
        if message.generation != self._generation:
            return
        self.total = message.total
        self.loaded = True
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        if self._above is not None and message.cursor is not None:
            self.cursor = min(message.cursor, max(0, self.total - 1))
            self.scroll_to(y=max(0, self.cursor - self._above), animate=False, immediate=True)
        else:
            keeping = self._above is not None  # the kept row was filtered out: stay near
            self.cursor = min(self.cursor, max(0, self.total - 1)) if keeping else 0
            if not keeping:
                self.scroll_to(y=0, animate=False, immediate=True)
        self._above = None
        self.refresh()
        self.post_message(self.Changed())

    def row_at(self, index: int) -> TimelineRow | None:
        """The row if its page is loaded; otherwise asks for the page and returns None."""
        if not 0 <= index < self.total:
            return None
        page = index // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            if page not in self._pending:
                self._pending.add(page)
                self._fetch(self._generation, page, self.filters, self.order)
            return None
        self._pages.move_to_end(page)
        offset = index - page * PAGE_SIZE
        # Read ahead: near the end of a page, fetch the next before the user gets there.
        ahead = page + 1 if offset > PAGE_SIZE * 3 // 4 else page - 1 if offset < PAGE_SIZE // 4 else None
        if ahead is not None and 0 <= ahead * PAGE_SIZE < self.total and ahead not in self._pages \
                and ahead not in self._pending:
            self._pending.add(ahead)
            self._fetch(self._generation, ahead, self.filters, self.order)
        return rows[offset] if offset < len(rows) else None

    # -- rendering --------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        base = self._base()
        if index >= self.total:
            return Strip.blank(width, base)
        row = self.row_at(index)
        selected = index == self.cursor
        # Keyed by event, not screen row: a scrolled row is still cached.
        key = (row.id if row else None, width, selected, self.has_focus, self.app.theme)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._render_row(row, width, selected)
            if row is not None:
                self._strips[key] = strip
        return strip.crop(scroll_x, scroll_x + width)

    def _base(self) -> Style:
        """The widget's own style, looked up once per theme and focus: `rich_style` walks every
        ancestor's styles on each call (~0.15 ms, once per line per frame)."""
        key = ("", self.app.theme, self.has_focus)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = self.rich_style
        return found

    def _component(self, name: str) -> Style:
        """Component styles looked up once per theme and focus, not once per cell."""
        key = (name, self.app.theme, self.has_focus)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = self.get_component_rich_style(name, partial=True)
        return found

    def _render_row(self, row: TimelineRow | None, width: int, selected: bool) -> Strip:
        def style(name: str) -> Style:
            # On the cursor row the cursor's colours win, so the row reads as one bar.
            part = self._component(name)
            return part + cursor if selected else part

        cursor = self._component("timeline--cursor")
        base = self._base() + cursor if selected else self._base()
        if row is None:
            return Strip([Segment(fit("  …", width), base + style("timeline--loading"))])
        cols, wide = columns(width)
        segments: list[Segment] = []
        for col in cols:
            if col.name == "date":
                part = style("timeline--approx" if row.approximate else "timeline--date")
                segments.append(Segment(fit(date_label(row.date, row.approximate), col.width),
                                        base + part))
            elif col.name == "type":
                segments.append(Segment(fit(type_label(row.type), col.width),
                                        base + style("timeline--type")))
            elif col.name == "summary":
                summary = safe(row.summary, one_line=True)
                actors = safe(row.actors, one_line=True)
                if wide or not actors:
                    segments.append(Segment(fit(summary, col.width), base))
                else:  # narrow: actors trail the summary, dimmed
                    text = fit(f"{summary} — {actors}", col.width)
                    cut = min(len(summary), len(text))
                    segments.append(Segment(text[:cut], base))
                    segments.append(Segment(text[cut:], base + style("timeline--actors")))
            elif col.name == "actors":
                segments.append(Segment(fit(safe(row.actors, one_line=True), col.width),
                                        base + style("timeline--actors")))
            elif col.name == "src":
                segments.append(Segment(str(row.n_sources).rjust(col.width)[-col.width:],
                                        base + style("timeline--src")))
            elif col.name == "conflict":
                segments.append(Segment("≠" if row.has_conflict else " ",
                                        base + style("timeline--conflict")))
            segments.append(Segment(" ", base))
        return Strip(segments).adjust_cell_length(width, base)

    # -- movement ---------------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        height = self.scrollable_content_region.height
        if cursor < self.scroll_y:
            self.scroll_to(y=cursor, animate=False, immediate=True)
        elif height and cursor >= self.scroll_y + height:
            self.scroll_to(y=cursor - height + 1, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Changed())

    def _move_to(self, index: int) -> None:
        self.cursor = max(0, min(index, self.total - 1))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(self.cursor + direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(self.total - 1)

    def action_open(self) -> None:
        row = self.row_at(self.cursor)
        if row is not None:
            self.post_message(self.Opened(row.id))

    def on_click(self, event: Click) -> None:
        index = round(self.scroll_y) + event.y
        if 0 <= index < self.total:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self.cursor = index

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, self.total)
        self._strips.clear()


class Status(Widget):
    """The "row/total" counter: repainted on every cursor move, so it never asks for a
    relayout (a Label's update would re-lay-out the whole filter bar)."""

    text: reactive[str] = reactive("", layout=False)

    def render(self) -> Content:
        return Content(self.text)


class TimelineHeader(Widget):
    DEFAULT_CSS = "TimelineHeader { height: 1; color: $text-muted; text-style: bold; }"

    def render_line(self, y: int) -> Strip:
        view = self.screen.query_one(TimelineView)
        width = view.scrollable_content_region.width or self.size.width
        return header_strip(width, self.rich_style).adjust_cell_length(self.size.width,
                                                                       self.rich_style)


BARS = " ▁▂▃▄▅▆▇█"


def bars(values: list[int]) -> str:
    peak = max(values, default=0)
    if peak <= 0:
        return " " * len(values)
    return "".join(BARS[0 if v <= 0 else max(1, round(v / peak * 8))] for v in values)


def year_axis(months: list[str]) -> str:
    """One character per month: each year's label from its January (or from the first month
    shown), `2025`, or `’25` where four characters do not fit before the next label."""
    axis = [" "] * len(months)
    starts = [i for i, m in enumerate(months) if i == 0 or m.endswith("-01")]
    for i, end in zip(starts, [*starts[1:], len(months)], strict=True):
        room = end - i - (end < len(months))  # a space before the next label
        year = months[i][:4]
        label = year if room >= 4 else f"’{year[2:]}" if room >= 3 else ""
        axis[i:i + len(label)] = label
    return "".join(axis)


class MonthChart(Widget, can_focus=True):
    """Events per month, prisoners released per month with the running total, and the years
    under them. A month picked (a click, or ←/→ then Enter) filters the timeline to it."""

    BINDINGS = [
        Binding("left,h", "move(-1)", "Earlier month", show=False),
        Binding("right,l", "move(1)", "Later month", show=False),
        Binding("enter", "pick", "Show month"),
    ]
    DEFAULT_CSS = """
    MonthChart { height: 3; padding: 0 1; }
    MonthChart:focus { background: $boost; }
    """
    LABEL_WIDTH = 15
    months: reactive[list[MonthCount]] = reactive(list, always_update=True)
    coarse: reactive[int] = reactive(0)  # events not dated to a month: not in the bars
    cursor: reactive[int] = reactive(-1)  # index into the months shown; -1 = the last

    class Picked(Message):
        def __init__(self, month: str) -> None:
            super().__init__()
            self.month = month

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[MonthCount] = []

    def render(self) -> Content:
        months = self.months
        if not months:
            note = f" ({self.coarse} dated only to the year or not at all)" if self.coarse else ""
            return Content.styled(f"No events dated to the month yet{note}.", "$text-muted")
        label_w, width = self.LABEL_WIDTH, self.content_region.width
        total = months[-1].released_total
        uncounted = sum(m.uncounted for m in months)
        released = [m for m in months if m.released]
        def tails(shown: list[MonthCount]) -> list[str]:
            return [
                f"  {shown[0].month}→{shown[-1].month}, peak {max(m.events for m in shown)}"
                + (f" · +{self.coarse} not by month" if self.coarse else ""),
                f"  total {total}" + (f" +{uncounted} uncounted" if uncounted else "")
                + (f" · last +{released[-1].released} in {released[-1].month}"
                   if released else ""),
            ]

        # Bars get what the labels leave; older months scroll off the left.
        room = max(4, width - label_w - max(len(t) for t in tails(months)))
        shown = self.shown = months[-room:]
        events_tail, released_tail = tails(shown)
        cursor = self.cursor % len(shown) if self.has_focus else None
        lines = [
            Content.assemble(("Events/month".ljust(label_w), "bold"),
                             self._bars([m.events for m in shown], "$text-accent", cursor),
                             (events_tail, "$text-muted")),
            Content.assemble(("Released/month".ljust(label_w), "bold"),
                             self._bars([m.released for m in shown], "$text-success", cursor),
                             (released_tail, "$text-muted")),
            Content.assemble(("" if cursor is None else shown[cursor].month).ljust(label_w),
                             (year_axis([m.month for m in shown]), "$text-muted")),
        ]
        return Content("\n").join(line.truncate(width, ellipsis=True) for line in lines)

    @staticmethod
    def _bars(values: list[int], style: str, cursor: int | None) -> Content:
        text = bars(values)
        if cursor is None:
            return Content.styled(text, style)
        return Content.assemble((text[:cursor], style), (text[cursor] if text[cursor] != " "
                                                          else "·", f"{style} reverse"),
                                (text[cursor + 1:], style))

    def action_move(self, delta: int) -> None:
        if self.shown:
            self.cursor = max(0, min(self.cursor % len(self.shown) + delta, len(self.shown) - 1))

    def action_pick(self) -> None:
        if self.shown:
            self.post_message(self.Picked(self.shown[self.cursor % len(self.shown)].month))

    def on_click(self, event: Click) -> None:
        offset = event.get_content_offset(self)
        index = None if offset is None else offset.x - self.LABEL_WIDTH
        if index is not None and 0 <= index < len(self.shown) and offset.y < 2:
            self.cursor = index
            self.action_pick()


class TimelineScreen(PaneScreen):
    """Pane 1."""

    BINDINGS = [
        Binding("slash", "focus_filter", "Filter", tooltip="Filter the timeline by text"),
        Binding("t", "focus_type", "Type", tooltip="Filter the timeline by event type"),
        Binding("x", "clear_filters", "Clear filters"),
        Binding("s", "sort", "Sort", show=False,
                tooltip="Sort by date, type or number of sources"),
        Binding("colon", "jump", "Jump to date", show=False),
        Binding("escape", "escape", "Back to list", show=False),
    ]
    actor_filter: reactive[tuple[int, str] | None] = reactive(None, init=False)
    back: Callable[[], None] | None = None  # Esc on the list: back to the profile it came from

    def compose(self) -> ComposeResult:
        yield StatsBar("timeline")
        yield MonthChart()
        with Horizontal(id="timeline-filters"):
            yield SafeInput(placeholder="/ filter: words, names, dates",
                            id="filter-text", compact=True)
            yield Select[str]([], prompt="all types", id="filter-type", compact=True)
            yield Label("", id="filter-actor", markup=False)
            yield SafeInput(placeholder=": jump to 2025-09-11", id="jump-date", compact=True)
            yield Status(id="timeline-status")
        yield TimelineHeader()
        yield TimelineView(id="timeline")
        yield Footer()

    def on_mount(self) -> None:
        self.seen_generation = thaw_app(self).store_generation
        self.query_one(TimelineView).focus()
        self.query_one(TimelineView).load()
        self._load_extras(self._filters())

    class _Extras(Message):
        def __init__(self, months: list[MonthCount], coarse: int, types: list[str]) -> None:
            super().__init__()
            self.months, self.coarse, self.types = months, coarse, types

    @work(thread=True, exclusive=True, group="timeline-extras")
    def _load_extras(self, filters: Filters) -> None:
        q = queries(self)
        months = q.monthly_counts(filters)
        coarse = q.coarse_count(filters)
        types = q.event_types()
        if not get_current_worker().is_cancelled:
            self.post_message(self._Extras(months, coarse, types))

    @on(_Extras)
    def _show_extras(self, message: _Extras) -> None:
        months, types = message.months, message.types
        chart = self.query_one(MonthChart)
        chart.coarse = message.coarse
        chart.months = months
        select = self.query_one("#filter-type", Select)
        current = select.value
        with select.prevent(Select.Changed):
            select.set_options([(Content(type_label(t)), t) for t in types])
            if current in types:
                select.value = current

    def _filters(self) -> Filters:
        text = self.query_one("#filter-text", Input).value.strip() or None
        value = self.query_one("#filter-type", Select).value
        etype = value if isinstance(value, str) else None
        actor = self.actor_filter[0] if self.actor_filter else None
        # A date or date range typed in the box (2025-09, 2025-09-11..2025-10-31) is a range.
        since, until = parse_date_range(text or "") or (None, None)
        if since or until:
            text = None
        return Filters(type=etype, actor_id=actor, text=text, since=since, until=until)

    def apply_filters(self) -> None:
        filters = self._filters()
        view = self.query_one(TimelineView)
        if filters != view.filters:
            view.load(filters)
            self._load_extras(filters)

    def set_actor_filter(self, actor_id: int | None,
                         back: Callable[[], None] | None = None) -> None:
        """Show one actor's events; `back` (to their profile) is what Esc on the list does."""
        self.back = back
        self.actor_filter = (actor_id, "…") if actor_id is not None else None
        if actor_id is not None:
            self._load_actor_name(actor_id)

    class _ActorName(Message):
        def __init__(self, actor_id: int, name: str) -> None:
            super().__init__()
            self.actor_id, self.name = actor_id, name

    @work(thread=True, exclusive=True, group="actor-name")
    def _load_actor_name(self, actor_id: int) -> None:
        name = queries(self).actor_name(actor_id) or f"#{actor_id}"
        self.post_message(self._ActorName(actor_id, name))

    @on(_ActorName)
    def _show_actor_name(self, message: _ActorName) -> None:
        if self.actor_filter and self.actor_filter[0] == message.actor_id:
            self.set_reactive(TimelineScreen.actor_filter, (message.actor_id, message.name))
            self._show_actor_label()

    def watch_actor_filter(self) -> None:
        self._show_actor_label()
        self.apply_filters()

    def _show_actor_label(self) -> None:
        value = self.actor_filter
        label = self.query_one("#filter-actor", Label)
        label.update(f"actor: {safe(value[1], one_line=True)} (x clears)" if value else "")
        label.display = value is not None

    @on(Input.Changed, "#filter-text")
    @on(Select.Changed, "#filter-type")
    def _filters_changed(self) -> None:
        self.apply_filters()

    @on(Input.Submitted, "#filter-text")
    def _submitted(self) -> None:
        self.set_focus(self.query_one(TimelineView))

    @on(TimelineView.Changed)
    def _status(self) -> None:
        view = self.query_one(TimelineView)
        status = self.query_one("#timeline-status", Status)
        if not view.loaded:
            status.text = "loading…"
        elif view.total == 0:
            status.text = "no events" + (" match" if view.filters.active else "")
        else:
            status.text = f"{view.cursor + 1}/{view.total}"
            if view.order is not Order.DATE:
                status.text += f" · by {view.order.label}"

    @on(TimelineView.Opened)
    def _open(self, message: TimelineView.Opened) -> None:
        thaw_app(self).open_event(message.event_id)

    # Keys move focus with set_focus, at once: Widget.focus() waits its turn behind keys
    # already typed, which would then go to the old widget (see ThawApp.on_event).
    def action_focus_filter(self) -> None:
        self.set_focus(self.query_one("#filter-text", Input))

    def action_focus_type(self) -> None:
        select = self.query_one("#filter-type", Select)
        self.set_focus(select)
        select.action_show_overlay()  # open at once, on the current type: arrows, Enter

    def action_clear_filters(self) -> None:
        self.query_one("#filter-text", Input).value = ""
        self.query_one("#filter-type", Select).clear()
        self.actor_filter = None
        self.apply_filters()

    def action_escape(self) -> None:
        view = self.query_one(TimelineView)
        self.query_one("#jump-date", Input).display = False
        if self.focused is view and self.back is not None:
            back, self.back = self.back, None
            self.actor_filter = None
            back()
        else:
            self.set_focus(view)

    def action_sort(self) -> None:
        view = self.query_one(TimelineView)
        view.load(order=view.order.next(), keep_place=True)

    def action_jump(self) -> None:
        box = self.query_one("#jump-date", Input)
        box.value = ""
        box.display = True
        self.set_focus(box)

    def jump_to(self, day: str) -> None:
        """The cursor on the first event on or after `day`, in date order."""
        self.query_one(TimelineView).load(order=Order.DATE, jump_to=day)
        self.set_focus(self.query_one(TimelineView))

    @on(Input.Submitted, "#jump-date")
    def _jump_submitted(self, message: Input.Submitted) -> None:
        message.stop()
        day = iso_prefix(message.value)
        if day is None:
            self.notify(f"Not a date: {message.value.strip() or '(empty)'}. "
                        "Type 2025, 2025-09 or 2025-09-11.", severity="warning", markup=False)
            return
        message.input.display = False
        self.jump_to(day)

    def on_screen_suspend(self) -> None:
        self.back = None  # left some other way: Esc no longer leads back to that profile

    def store_changed(self) -> None:
        self.query_one(TimelineView).load(keep_place=True)
        self._load_extras(self._filters())

    @on(MonthChart.Picked)
    def _month_picked(self, message: MonthChart.Picked) -> None:
        """The month as a date range in the filter box: shown, and cleared like any filter."""
        self.query_one("#filter-text", Input).value = message.month
        self.query_one(TimelineView).focus()
