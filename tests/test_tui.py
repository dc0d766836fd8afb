"""Pilot walks through the dashboard: the flows a user does, live refresh, hostile text."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from fakestore import HOSTILE, add_event, build_store, install_search_stand_in
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select, Static

from store.db.connect import connect
from store.read.queries import Filters, Queries
from tui.actors import ActorScreen, ActorsScreen
from tui.app import ThawApp
from tui.event_view import EventScreen
from tui.help import HelpScreen
from tui.sanctions import HistoryScreen, SanctionsScreen
from tui.screenshots import settle
from tui.timeline import TimelineScreen, TimelineView

install_search_stand_in()


def sync(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh event loop (no async pytest plugin is installed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture
def fake_db(tmp_path: Path) -> Path:
    return build_store(tmp_path / "fake.db")


def text_of(screen: object, selector: str) -> str:
    widget = screen.query_one(selector)  # type: ignore[attr-defined]
    if isinstance(widget, OptionList):
        return "\n".join(str(widget.get_option_at_index(i).prompt)
                         for i in range(widget.option_count))
    if not isinstance(widget, Static):  # a box of Statics (an event's sources)
        return "\n".join(str(child.content) for child in widget.query(Static))
    return str(widget.content)


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@sync
async def test_timeline_event_actor_and_back(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        assert view.total == 14
        await press(pilot, "j", "j", "j", "j")  # 2025-06-21 release of 14 prisoners
        await press(pilot, "enter")
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == 4
        assert "14 prisoners" in text_of(app.screen, "#event-summary")
        assert "Sergei Tikhanovsky" in text_of(app.screen, "#event-sources")
        assert "16" in text_of(app.screen, "#event-conflicts")
        await press(pilot, "j", "enter")  # second actor: Tsikhanouski
        assert isinstance(app.screen, ActorScreen)
        assert "Siarhei Tsikhanouski" in text_of(app.screen, "#profile-name")
        await press(pilot, "escape")
        assert isinstance(app.screen, EventScreen)
        await press(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen) and view.cursor == 4


@sync
async def test_search_any_spelling_lands_on_profile(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash", *"Tikhanovsky", "enter")
        assert isinstance(app.screen, ActorsScreen)
        assert "Siarhei Tsikhanouski" in text_of(app.screen, "#profile-name")
        assert "Sergei Tikhanovsky" in text_of(app.screen, "#profile-spellings")
        assert "14 prisoners" in text_of(app.screen, "#profile-events")
        await press(pilot, "enter")  # Enter on the profile's first event opens it
        assert isinstance(app.screen, EventScreen) and app.screen.event_id == 4


@sync
async def test_slash_from_anywhere_and_q_types_into_search(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "3", "slash", "q")
        assert isinstance(app.screen, ActorsScreen)
        assert app.screen.query_one("#actor-search", Input).value == "q"
        assert app.is_running
        await press(pilot, "escape", "q")
        assert not app.is_running


@sync
async def test_ctrl_q_quits_from_the_search_box(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "2", "slash", "ctrl+q")
        assert not app.is_running


@sync
async def test_belavia_us_cell_shows_history_with_quote(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "3")
        screen = app.screen
        assert isinstance(screen, SanctionsScreen) and screen.board is not None
        row = [name for _, name, _ in screen.board.targets].index("Belavia")
        column = 1 + screen.board.authorities.index("US")
        table = screen.query_one(DataTable)
        await press(pilot, *["down"] * (row - table.cursor_row),
                    *["right"] * (column - table.cursor_column))
        assert "lifted since 2025-09-11" in str(table.get_cell_at(table.cursor_coordinate))
        await press(pilot, "enter")
        assert isinstance(app.screen, HistoryScreen)
        assert "lifted" in text_of(app.screen, "#history-title")
        history = text_of(app.screen, "#history")
        assert "announced the lifting of sanctions on Belavia" in history
        assert "PISM Spotlight" in history and "2022" in history


@sync
async def test_filter_timeline_by_type_text_and_actor(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    q = Queries(connect(fake_db))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        app.screen.query_one("#filter-type", Select).value = "release"
        await settle(pilot)
        assert view.total == q.timeline_count(Filters(type="release")) == 4
        # Actor filter: from Lukashenka's profile, `t` shows their events in the timeline.
        await press(pilot, "2", "slash", *"Lukashenko", "enter", "t")
        assert isinstance(app.screen, TimelineScreen)
        assert view.filters == Filters(type="release", actor_id=1)
        assert view.total == q.timeline_count(Filters(type="release", actor_id=1))
        assert "Alyaksandr Lukashenka" in str(app.screen.query_one("#filter-actor").render())
        await press(pilot, "slash", *"Ziankovich")
        assert view.total == 1
        await press(pilot, "enter", "x")  # back to the list, clear every filter
        assert view.filters == Filters() and view.total == 14


@sync
async def test_help_is_generated_from_bindings(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = str(app.screen.query_one(Static).content)
        assert "Open event" in body and "Quit" in body and "Timeline" in body
        await press(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)


@sync
async def test_palette_jumps_to_an_actor(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await press(pilot, "ctrl+p", *"Coale")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, ActorScreen)
        assert "John Coale" in text_of(app.screen, "#profile-name")


@sync
async def test_new_events_appear_without_losing_place(fake_db: Path) -> None:
    app = ThawApp(fake_db, poll_interval=0.1)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        await press(pilot, "j", "j", "j")
        before = view.row_at(view.cursor)
        assert before is not None
        add_event(fake_db, "Rubio meets Belarusian officials", date="2024-01-01")  # above
        for _ in range(30):
            await asyncio.sleep(0.1)
            await settle(pilot)
            if view.total == 15:
                break
        assert view.total == 15 and app.stats is not None and app.stats.events == 15
        after = view.row_at(view.cursor)
        assert after is not None and after.id == before.id and view.cursor == 4


@sync
async def test_hostile_text_is_shown_literally_everywhere(tmp_path: Path) -> None:
    db = build_store(tmp_path / "hostile.db", hostile=True)
    app = ThawApp(db, poll_interval=None)

    def check_screen() -> None:
        svg = app.export_screenshot()
        assert "\x1b" not in svg and "\x07" not in svg and "\x00" not in svg

    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        row = view.row_at(0)
        assert row is not None
        line = view._render_row(row, 600, False).text
        assert HOSTILE["markup"] in line and "␛[31mRED␛[0m" in line
        check_screen()
        await press(pilot, "enter")
        assert isinstance(app.screen, EventScreen)
        assert HOSTILE["markup"] in text_of(app.screen, "#event-summary")
        sources = text_of(app.screen, "#event-sources")
        assert HOSTILE["markup"] in sources and "bell␇ back␈space" in sources
        check_screen()
        await press(pilot, "escape", "2", "slash", *"[/foo] [EU] \x1b", "enter")
        check_screen()
        await press(pilot, "escape")
        app.screen.query_one("#actor-search", Input).value = "Tsikhanouski"
        await settle(pilot)
        await press(pilot, "enter")
        assert HOSTILE["markup"] in text_of(app.screen, "#profile-name")
        check_screen()
        await press(pilot, "1", "slash", *"[/foo]", "enter", "3", "enter")
        assert isinstance(app.screen, HistoryScreen)
        assert HOSTILE["markup"] in text_of(app.screen, "#history")
        check_screen()
