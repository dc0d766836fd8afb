"""Sanctions pane: targets × authorities, and the history behind one cell."""

from __future__ import annotations

import textwrap

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.read.queries import date_label, status_word
from store.read.records import HistoryEntry, SanctionCell, SanctionsBoard
from tui.chrome import EventList, Hanging, PaneScreen, StatsBar, queries, thaw_app
from tui.event_view import heading, quoted, source_label
from tui.safe import safe

# Theme colour per status; the word is always shown too, so colour is never the only signal.
STATUS_COLOUR = {"in_force": "error", "proposed": "accent", "eased": "warning",
                 "lifted": "success"}


def status_style(widget: Screen[None], status: str) -> Style:
    theme = widget.app.current_theme
    if widget.app.no_color:  # a colour turned grey can be near-invisible: plain bold instead
        return Style(bold=True)
    colour = getattr(theme, STATUS_COLOUR.get(status, "foreground"), None) or theme.foreground
    return Style(color=colour, bold=True) if colour else Style(bold=True)


def date_style(widget: Screen[None]) -> Style:
    return Style() if widget.app.no_color else Style(dim=True)


def cell_text(widget: Screen[None], cell: SanctionCell | None) -> Text:
    """Two lines: the status and the change that set it; the last source that gave it."""
    if cell is None:
        return Text("·", style=date_style(widget))
    text = Text()
    text.append(status_word(cell.status), style=status_style(widget, cell.status))
    text.append(f" since {date_label(cell.since)}\nconfirmed {date_label(cell.confirmed)}",
                style=date_style(widget))
    return text


# Targets wrap onto the row's two lines past this width: the board fits 80 columns.
TARGET_WIDTH = 20


def target_label(name: str, kind: str) -> Text:
    """`Potash (sector)`; the kind left out when the name says it (`Banks and financial
    sector`); on two lines when long, cut with … past them."""
    kind_note = f"({safe(kind, one_line=True)})"
    words = safe(name, one_line=True)
    if kind.lower() not in name.lower().split():
        words += f" {kind_note}"
    lines = textwrap.wrap(words, TARGET_WIDTH) or [""]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[:TARGET_WIDTH - 1] + "…"]
    label = Text("\n".join(lines))
    label.highlight_words([kind_note], style="dim")
    return label


class BoardTable(DataTable):
    """The board. Its own Enter binding (replacing DataTable's hidden one) puts "History" in
    the Footer; j/k/h/l and g/G move like everywhere else."""

    BINDINGS = [
        Binding("enter", "select_cursor", "History"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "first_row", "First", show=False),
        Binding("G", "last_row", "Last", show=False),
    ]

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=max(0, self.row_count - 1))


class SanctionsScreen(PaneScreen):
    """Pane 3."""

    BINDINGS = [Binding("c", "correct_cell", "Correct cell",
                        tooltip="Set this cell's status and since by hand, with a note")]
    # Focused when the pane is shown, unless a key typed during the switch (`2/`) focused
    # something else first: focusing it in on_mount would take the focus back.
    AUTO_FOCUS = "#board"

    class _Loaded(Message):
        def __init__(self, board: SanctionsBoard, corrected: set[tuple[int, str]]) -> None:
            super().__init__()
            self.board, self.corrected = board, corrected

    def __init__(self) -> None:
        super().__init__()
        self.board: SanctionsBoard | None = None
        self.corrected: set[tuple[int, str]] = set()

    def compose(self) -> ComposeResult:
        yield StatsBar("sanctions")
        with VerticalScroll(id="sanctions-body"):
            yield Static(Content.styled("Sanctions: targets × authorities", "bold"),
                         id="sanctions-title")
            yield BoardTable(id="board", cursor_type="cell", zebra_stripes=True)
            yield Static("", id="sanctions-summary")
            yield Static(Content.styled(
                "Enter on a cell: its history with dates, events and quotes.", "$text-muted"),
                id="sanctions-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.seen_generation = thaw_app(self).store_generation
        self.watch(self.app, "theme", lambda _: self._render_board(), init=False)
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        from tui.correct import ask_corrections

        board = queries(self).sanctions_board()
        cells = ask_corrections(thaw_app(self), lambda log: log.corrected_cells())
        self.post_message(self._Loaded(board, cells))

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        self.board, self.corrected = message.board, message.corrected
        self._render_board()

    def _render_board(self) -> None:
        board = self.board
        if board is None:
            return
        table = self.query_one(DataTable)
        cursor = table.cursor_coordinate
        table.clear(columns=True)
        table.add_column(Text("Target"), key="target")
        for auth in board.authorities:
            table.add_column(Text(safe(auth, one_line=True), style="bold"), key=auth)
        for target_id, name, kind in board.targets:
            table.add_row(target_label(name, kind),
                          *(self._cell(target_id, auth) for auth in board.authorities),
                          key=str(target_id), height=2)
        if board.targets:
            table.cursor_coordinate = cursor if cursor.column else cursor._replace(column=1)
        summary = [
            Content.assemble((safe(auth, one_line=True).ljust(4), "bold"),
                             safe(board.summaries.get(auth, "")))
            for auth in board.authorities
        ]
        self.query_one("#sanctions-summary", Static).update(
            Content("\n").join(summary) if summary
            else Content.styled("No sanctions statements in the store yet.", "$text-muted"))

    def _cell(self, target_id: int, authority: str) -> Text:
        assert self.board is not None
        text = cell_text(self, self.board.cells.get((target_id, authority)))
        if (target_id, authority) in self.corrected:
            text.append(" ✎", style="bold")
        return text

    def _cell_at_cursor(self) -> tuple[int, str] | None:
        """(target id, authority) under the cursor, None on the target column."""
        table = self.query_one(DataTable)
        if self.board is None or not self.board.targets or table.cursor_column == 0:
            return None
        row_key, col_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        if row_key.value is None or col_key.value is None:
            return None
        return int(row_key.value), col_key.value

    @on(DataTable.CellSelected)
    def _selected(self) -> None:
        self.action_history()

    def action_history(self) -> None:
        cell = self._cell_at_cursor()
        if cell is None:
            self.notify("Move to a status cell (→) for its history.", markup=False)
        elif self.board is not None and cell not in self.board.cells:
            name = next(n for i, n, _ in self.board.targets if i == cell[0])
            self.notify(f"No source gives a {cell[1]} sanctions status for {name}.",
                        markup=False)
        else:
            self.app.push_screen(HistoryScreen(*cell))

    def action_correct_cell(self) -> None:
        """Set the cell's status and since by hand (an empty cell too)."""
        from tui.correct import ask_sanction

        table = self.query_one(DataTable)
        if self.board is None or not self.board.targets or table.cursor_column == 0:
            self.notify("Move to a cell under an authority first.")
            return
        row_key, col_key = table.coordinate_to_cell_key(table.cursor_coordinate)
        target_id, authority = int(str(row_key.value)), str(col_key.value)
        now = self.board.cells.get((target_id, authority))
        ask_sanction(self, target_id, authority, now.status if now else "in_force",
                     now.since if now else None, self._load)

    def store_changed(self) -> None:
        self._load()


HISTORY_INDENT = 12  # the date column of the history


class HistoryScreen(Screen[None]):
    """How one target's status under one authority came about, quote by quote."""

    BINDINGS = [Binding("escape", "app.back", "Back"),
                Binding("o", "source", "Source", tooltip="Read the highlighted quote's whole article")]

    class _Loaded(Message):
        def __init__(self, title: Content, entries: list[HistoryEntry]) -> None:
            super().__init__()
            self.title, self.entries = title, entries

    def __init__(self, target_id: int, authority: str) -> None:
        super().__init__()
        self.target_id, self.authority = target_id, authority
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        yield StatsBar()
        with VerticalScroll(classes="detail"):
            yield Static(Content.styled("Loading…", "$text-muted"), id="history-title")
            yield heading("History")
            yield EventList(id="history", classes="inline-list")
        yield Footer()

    def on_mount(self) -> None:
        self._load()

    def on_screen_resume(self) -> None:
        # Back on top after the log (an undo, a redo): show the store as it is now.
        if self.entries:
            self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        q = queries(self)
        found = q.sanction_cell(self.target_id, self.authority)
        if found is None:
            title = Content("No such sanction.")
        else:
            name, cell = found
            title = Content.assemble(
                (safe(name, one_line=True), "bold"), " under ",
                (safe(self.authority, one_line=True), "bold"), ": ",
                (status_word(cell.status), "bold"), f" since {date_label(cell.since)}",
                f", confirmed {date_label(cell.confirmed)}")
        from tui.correct import ask_corrections, who_when_why

        fixed = ask_corrections(thaw_app(self), lambda log: log.on_sanction(self.target_id,
                                                                           self.authority))
        if fixed:
            title = Content("\n").join([title, *map(who_when_why, fixed.values())])
        self.post_message(self._Loaded(title, q.sanction_history(self.target_id,
                                                                 self.authority)))

    @on(_Loaded)
    def _show(self, message: _Loaded) -> None:
        self.entries = message.entries
        self.query_one("#history-title", Static).update(message.title)
        history = self.query_one("#history", OptionList)
        history.clear_options()
        for n, h in enumerate(message.entries):
            head: list[Content | str | tuple[str, str]] = [
                (date_label(h.date, h.approximate).ljust(HISTORY_INDENT), "$text-secondary"),
                (status_word(h.status), f"bold ${STATUS_COLOUR.get(h.status, 'foreground')}"),
            ]
            if h.event_summary:
                head += ["  ", safe(h.event_summary, one_line=True)]
            # Wrapped lines stay under their first: the date column, the quote, the source.
            entry = Hanging(
                (Content.assemble(*head), 0, HISTORY_INDENT),
                (quoted(h.quote), 3, 4),
                (Content.styled("— " + source_label(h.title, h.source, None), "$text-muted"),
                 3, 5))
            history.add_option(Option(entry, id=f"{n}:{h.event_id}" if h.event_id else None))
        if not message.entries:
            history.add_option(Option(Content.styled("No statements recorded.",
                                                     "$text-muted"), disabled=True))
        else:
            history.highlighted = 0
        history.focus()

    def action_source(self) -> None:
        from tui.correct import SourceScreen

        at = self.query_one("#history", OptionList).highlighted
        if at is not None and at < len(self.entries) and self.entries[at].document_id is not None:
            entry = self.entries[at]
            self.app.push_screen(SourceScreen(entry.document_id, entry.quote))

    @on(OptionList.OptionSelected, "#history")
    def _open_event(self, message: OptionList.OptionSelected) -> None:
        if message.option.id is not None:
            thaw_app(self).open_event(int(message.option.id.split(":")[1]))
