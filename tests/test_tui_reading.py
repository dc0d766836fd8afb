"""Issue 12 on the REAL seed store: the sanctions pane as an analyst reads it (each cell's status,
the change that set it and the last source that confirmed it; target names that read naturally
and fit 80 columns; Enter that never fails silently; 'Open event' only where there is an event;
hanging indents and ~ in the history), the command palette, the type dropdown's border, and
NO_COLOR contrast in every view.

Expected dates come from the read API (sanction_history), not hard-coded."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_tui import press, sync
from test_tui_seed import background, line_with, screen_text
from textual.pilot import Pilot
from textual.widgets import OptionList

from store.db.connect import connect
from store.read.queries import Queries
from tui.app import ThawApp
from tui.sanctions import BoardTable, HistoryScreen, SanctionsScreen
from tui.screenshots import settle


def board_of(app: ThawApp) -> SanctionsScreen:
    screen = app.screen
    assert isinstance(screen, SanctionsScreen) and screen.board is not None
    return screen


async def move_to(pilot: Pilot[None], target: str, authority: str) -> None:
    screen = board_of(pilot.app)  # type: ignore[arg-type]
    assert screen.board is not None
    row = [name for _, name, _ in screen.board.targets].index(target)
    column = 1 + screen.board.authorities.index(authority)
    screen.query_one(BoardTable).cursor_coordinate = (row, column)  # type: ignore[assignment]
    await settle(pilot)


def history_dates(db: Path, target: str, authority: str) -> tuple[str, list[str | None]]:
    """(current status, dates of the history rows that gave it) for one cell."""
    q = Queries(connect(db))
    board = q.sanctions_board()
    target_id = next(i for i, name, _ in board.targets if name == target)
    status = board.cells[(target_id, authority)].status
    return status, [h.date for h in q.sanction_history(target_id, authority)
                    if h.status == status]


@sync
async def test_board_cell_shows_since_and_last_confirmed(seed_db: Path) -> None:
    # Potash under the US: in force since the 2021 designation, confirmed by a later report.
    status, dates = history_dates(seed_db, "Potash", "US")
    assert status == "in_force" and len(set(dates)) > 1
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        board_of(app)
        shown = screen_text(app)
        first, last = min(d for d in dates if d), max(d for d in dates if d)
        assert line_with(shown, "Potash", f"in force since {first}"), shown
        assert line_with(shown, f"confirmed {last}"), shown
        # No date for the change: "since ?", and still the date a source confirmed it.
        assert line_with(shown, "Petroleum products", "in force since ?"), shown


@pytest.mark.parametrize("width", [120, 80])
@sync
async def test_target_names_read_naturally_and_the_board_fits(seed_db: Path, width: int) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(width, 40)) as pilot:
        await press(pilot, "3")
        table = board_of(app).query_one(BoardTable)
        labels = [" ".join(str(table.get_row_at(i)[0]).split()) for i in range(table.row_count)]
        assert "Banks and financial sector" in labels and "Potash (sector)" in labels, labels
        assert not any("sector sector" in label for label in labels), labels
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no scrolling


@sync
async def test_enter_on_an_empty_cell_or_the_target_says_why(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        screen = board_of(app)
        assert screen.board is not None
        empty = next((name, auth) for tid, name, _ in screen.board.targets
                     for auth in screen.board.authorities if (tid, auth) not in screen.board.cells)
        await move_to(pilot, *empty)
        await press(pilot, "enter")
        assert isinstance(app.screen, SanctionsScreen)
        messages = [str(n.message) for n in app._notifications]
        assert any(empty[0] in m and empty[1] in m for m in messages), messages
        screen.query_one(BoardTable).cursor_coordinate = (0, 0)  # type: ignore[assignment]
        await press(pilot, "enter")  # on the target column
        assert isinstance(app.screen, SanctionsScreen)
        assert len(app._notifications) == len(messages) + 1


@sync
async def test_history_offers_open_event_only_on_entries_with_an_event(seed_db: Path) -> None:
    # Potash under the US: the designation is an event, a later "remains" report is not.
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        await move_to(pilot, "Potash", "US")
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.query_one("#history", OptionList)
        ids = [history.get_option_at_index(i).id for i in range(history.option_count)]
        assert None in ids and any(ids), ids
        for index, option_id in enumerate(ids):
            history.highlighted = index
            await settle(pilot)
            footer = screen_text(app).splitlines()[-1]
            assert ("Open event" in footer) == (option_id is not None), (index, footer)


def contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two sRGB colours."""
    def lum(c: tuple[int, int, int]) -> float:
        ch = [(v / 255) / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def text_colours(svg: str, pattern: str) -> list[str]:
    """The fill colours of the screenshot's text runs that match `pattern`."""
    classes = dict(re.findall(r"\.(terminal-[\w-]+) \{ fill: (#[0-9a-fA-F]{6})", svg))
    runs = re.findall(r'<text class="(terminal-[\w-]+)"[^>]*>([^<]*)</text>', svg)
    return [classes[c] for c, text in runs if re.search(pattern, text.replace("&#160;", " "))]


NO_COLOR_VIEWS = [("timeline", []), ("event", ["enter"]), ("actors", ["2"]),
                  ("sanctions", ["3"]), ("history", ["3", "enter"])]


@pytest.mark.parametrize("name,keys", NO_COLOR_VIEWS, ids=[n for n, _ in NO_COLOR_VIEWS])
@sync
async def test_no_color_statuses_and_dates_are_readable(seed_db: Path, name: str,
                                                        keys: list[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Colours turned grey must keep their contrast: every status word and date at least 4:1
    against the background (the board's 'in force' was 2.7:1, its dates less)."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        svg = app.export_screenshot()
        ground = background(svg)
        for pattern in ("in force", "lifted", "eased", "proposed", r"20\d\d"):
            found = text_colours(svg, pattern)
            worst = min((contrast(rgb(c), ground) for c in found), default=21.0)
            assert worst >= 4.0, (pattern, worst)


async def palette_entries(pilot: Pilot[None], text: str) -> list[str]:
    from textual.command import CommandList

    await press(pilot, "ctrl+p")
    await pilot.pause(0.5)
    for ch in text:
        await pilot.press(ch)
    await pilot.pause(1.0)
    await settle(pilot)
    hits = pilot.app.screen.query_one(CommandList)
    entries = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
    await press(pilot, "escape")
    return entries


@sync
async def test_palette_finds_the_events_of_an_actor_typed_in_cyrillic(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    lukashenka = q.search_actors("Лукашенко", 1)[0]
    theirs = {r.summary for r in q.actor(lukashenka.actor_id).events}  # type: ignore[union-attr]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        entries = await palette_entries(pilot, "Лукашенко")
        assert any(e.startswith(f"Actor {lukashenka.name}") for e in entries), entries
        events = [e for e in entries if e.startswith("Event ")]
        assert events and all(any(s in e for s in theirs) for e in events), entries


@sync
async def test_palette_lists_one_entry_for_the_keys(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        for typed in ("", "help", "keys"):
            entries = [e.split("\n")[0] for e in await palette_entries(pilot, typed)]
            keys = [e for e in entries if e.startswith(("Help", "Keys"))]
            assert len(keys) == 1, (typed, entries)


@sync
async def test_the_type_dropdown_has_a_visible_border(seed_db: Path) -> None:
    from textual.widgets import Select
    from textual.widgets._select import SelectOverlay

    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#filter-type", Select)
        select.focus()
        await press(pilot, "enter")
        assert select.expanded
        overlay = select.query_one(SelectOverlay)
        region = overlay.region
        rows = screen_text(app).splitlines()
        top, bottom = rows[region.y], rows[region.bottom - 1]
        corners = "╭╮╰╯┌┐└┘▊▎▔▁"
        assert top[region.x] in corners and bottom[region.right - 1] in corners, (top, bottom)


@sync
async def test_history_lines_hang_under_their_first(seed_db: Path) -> None:
    """At 80 columns quotes wrap: every wrapped line stays indented, none starts at column 0
    of the list, where only the dates are."""
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3")
        await move_to(pilot, "Belavia", "US")
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.query_one("#history", OptionList)
        region = history.content_region
        rows = screen_text(app).splitlines()[region.y:region.bottom]
        texts = [row[region.x:region.right].rstrip() for row in rows]
        assert any(t.startswith("    ") and not t.startswith("   “") for t in texts), texts
        for text in filter(None, texts):
            assert re.match(r"~?\d{4}|   ", text), texts


@sync
async def test_history_marks_approximate_dates(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    board = q.sanctions_board()
    cell = next(((tid, name, auth) for tid, name, _ in board.targets for auth in board.authorities
                 if any(h.approximate for h in q.sanction_history(tid, auth))), None)
    assert cell is not None  # the seeds date the EU's proposal only roughly
    entries = q.sanction_history(cell[0], cell[2])
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        await move_to(pilot, cell[1], cell[2])
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        history = app.screen.query_one("#history", OptionList)
        heads = [str(history.get_option_at_index(i).prompt).split("\n")[0]
                 for i in range(history.option_count)]
        for entry, head in zip(entries, heads, strict=True):
            assert head.startswith(("~" if entry.approximate else "") + (entry.date or "?")), head
