"""Pilot walks through the dashboard on the REAL seed store (built by ingest from seeds/), checking
what is on the screen; plus NO_COLOR and the light/dark switch.

Expectations come from the seed articles (the Kellogg visit of 2025-06-21, Tsikhanouski, Belavia
under US sanctions) and from the read API, never from hard-coded row counts, so extractor work does
not break these tests unless it loses one of those facts.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from rich.console import Console
from test_tui import press, sync
from textual.pilot import Pilot
from textual.widgets import OptionList, Select

from store.db.connect import connect
from store.read.queries import Filters, Queries
from tui.actors import ActorScreen, ActorsScreen
from tui.app import ThawApp
from tui.event_view import EventScreen
from tui.sanctions import BoardTable, HistoryScreen, SanctionsScreen
from tui.screenshots import settle
from tui.timeline import TimelineScreen, TimelineView


def screen_text(app: ThawApp) -> str:
    """The screen as plain text: what a person reads (the same render as export_screenshot)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(
        full=True, screen_stack=app._background_screens))
    return console.export_text()


def line_with(text: str, *parts: str) -> str | None:
    return next((line for line in text.splitlines() if all(p in line for p in parts)), None)


def option_index(widget: OptionList, text: str) -> int:
    prompts = [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]
    return next(i for i, p in enumerate(prompts) if text in p)


async def open_kellogg_visit(pilot: Pilot[None]) -> int:
    """From the start: j down to the Kellogg visit and Enter. Returns its timeline index."""
    app = pilot.app
    await settle(pilot)
    view = app.screen.query_one(TimelineView)
    index = next(i for i in range(view.total)
                 if (row := view.row_at(i)) is not None and row.date == "2025-06-21"
                 and row.type == "visit" and "Kellogg" in row.summary)
    await press(pilot, *["j"] * index)
    assert line_with(screen_text(app), f"{index + 1}/{view.total}")  # the status line
    await press(pilot, "enter")
    return index


@sync
async def test_timeline_kellogg_visit_lukashenka_and_back(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert line_with(shown, "2025-06-21", "visit", "Keith Kellogg visits Minsk"), shown
        index = await open_kellogg_visit(pilot)

        assert isinstance(app.screen, EventScreen)
        shown = screen_text(app)
        assert "Keith Kellogg visits Minsk" in shown
        assert line_with(shown, "2025-06-21", "visit", "CAMEO 042", "Minsk"), shown
        assert line_with(shown, "Keith Kellogg", "visitor"), shown
        assert line_with(shown, "Sources"), shown
        assert line_with(shown, "Eurasia Daily Monitor") and "“" in shown, shown
        assert "Open profile" in shown.splitlines()[-1]  # the Footer

        actors = app.screen.query_one("#event-actors", OptionList)
        await press(pilot, *["j"] * option_index(actors, "Alyaksandr Lukashenka"), "enter")
        assert isinstance(app.screen, ActorScreen)
        shown = screen_text(app)
        assert line_with(shown, "Alyaksandr Lukashenka"), shown
        assert line_with(shown, "President of Belarus"), shown
        assert line_with(shown, "• Lukashenko"), shown  # a spelling seen in the articles
        assert line_with(shown, "2025-06-21", "Keith Kellogg visits Minsk"), shown  # his events

        await press(pilot, "escape")
        assert isinstance(app.screen, EventScreen)
        assert "Keith Kellogg visits Minsk" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, TimelineScreen)
        view = app.screen.query_one(TimelineView)
        assert view.cursor == index  # the place is kept
        assert line_with(screen_text(app), f"{index + 1}/{view.total}")


@pytest.mark.parametrize("query", ["Tikhanovsky", "Тихановский", "Tsikhanouski"])
@sync
async def test_search_any_spelling_lands_on_tsikhanouski(seed_db: Path, query: str) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash", *query)
        hits = screen_text(app)
        assert "Siarhei Tsikhanouski" in hits and "Sviatlana Tsikhanouskaya" in hits, hits
        await press(pilot, "enter")
        assert isinstance(app.screen, ActorsScreen)
        shown = screen_text(app)
        assert line_with(shown, "Siarhei Tsikhanouski", "▕ Siarhei Tsikhanouski"), shown
        assert line_with(shown, "• Sergei Tikhanovsky"), shown
        assert line_with(shown, "2025-06-21", "release"), shown
        assert "Open event" in shown.splitlines()[-1]
        await press(pilot, "enter")  # the first of his events
        assert isinstance(app.screen, EventScreen)
        assert line_with(screen_text(app), "Siarhei Tsikhanouski", "released")


@sync
async def test_belavia_us_cell_history_with_quote(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        screen = app.screen
        assert isinstance(screen, SanctionsScreen) and screen.board is not None
        shown = screen_text(app)
        assert line_with(shown, "Belavia", "in force", "lifted"), shown  # EU, US
        assert "History" in shown.splitlines()[-1], shown  # Enter's meaning, in the Footer
        row = [name for _, name, _ in screen.board.targets].index("Belavia")
        column = 1 + screen.board.authorities.index("US")
        table = screen.query_one(BoardTable)
        await press(pilot, *["j"] * (row - table.cursor_row),
                    *["l"] * (column - table.cursor_column), "enter")
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert line_with(shown, "Belavia under US: lifted since 2025-09-11"), shown
        assert line_with(shown, "2025-09-11", "lifted", "US lifts sanctions on Belavia"), shown
        quotes = [line for line in shown.splitlines() if "“" in line]
        assert quotes and any("Belavia" in q for q in quotes), shown
        assert "PISM Spotlight" in shown or "Pravda" in shown, shown

        await press(pilot, "G", "enter")  # the newest entry's event
        assert isinstance(app.screen, EventScreen)
        assert line_with(screen_text(app), "US lifts sanctions on Belavia")
        await press(pilot, "escape", "escape")
        assert isinstance(app.screen, SanctionsScreen)


@sync
async def test_filter_timeline_by_type_and_actor(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    lukashenka = q.search_actors("Lukashenka", limit=1)[0].actor_id
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        everything = view.total
        # t opens the type filter; down to "visit"; Enter picks it.
        types = q.event_types()
        await press(pilot, "t", *["down"] * (1 + types.index("visit")), "enter")
        assert isinstance(app.screen.query_one("#filter-type", Select).value, str)
        visits = q.timeline_count(Filters(type="visit"))
        assert 0 < view.total == visits < everything
        await press(pilot, "escape")  # back to the list
        shown = screen_text(app)
        rows = [line for line in shown.splitlines() if re.match(r"~?\d{4}", line)]
        assert len(rows) == visits and all(" visit " in r for r in rows), shown
        assert any("Keith Kellogg visits Minsk" in r for r in rows)

        # Actor: Lukashenka's profile, then t: the timeline keeps the type and adds the actor.
        await press(pilot, "2", "slash", *"Lukashenko", "enter", "t")
        assert isinstance(app.screen, TimelineScreen)
        both = q.timeline_count(Filters(type="visit", actor_id=lukashenka))
        assert 0 < view.total == both <= visits
        shown = screen_text(app)
        assert "actor: Alyaksandr Lukashenka (x clears)" in shown, shown
        rows = [line for line in shown.splitlines() if re.match(r"~?\d{4}", line)]
        assert len(rows) == both and all(" visit " in r for r in rows), shown
        assert any("Keith Kellogg visits Minsk" in r for r in rows)
        assert not any("Mike Pompeo visits Minsk" in r for r in rows)

        await press(pilot, "x")  # clear every filter
        assert view.total == everything
        assert "actor:" not in screen_text(app)


# -- colours --------------------------------------------------------------------------------

# Rich's SVG template, not the app: the window frame's close/minimise/zoom buttons, and the
# terminal's default foreground (title, and text that sets no colour of its own).
FRAME = {"#ff5f57", "#febc2e", "#28c840", "#c5c8c6"}


def colours(svg: str) -> set[str]:
    return {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", svg)} - FRAME


def grey(colour: str) -> bool:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return max(r, g, b) - min(r, g, b) <= 2


VIEW_KEYS = [("timeline", []), ("event", ["enter"]), ("actors", ["2"]),
             ("sanctions", ["3"]), ("history", ["3", "enter"])]


@pytest.mark.parametrize("name,keys", VIEW_KEYS, ids=[n for n, _ in VIEW_KEYS])
@sync
async def test_no_color_renders_in_monochrome(seed_db: Path, monkeypatch: pytest.MonkeyPatch,
                                             name: str, keys: list[str]) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ThawApp(seed_db, poll_interval=None)
    assert app.no_color
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press(pilot, *keys)
        svg = app.export_screenshot()
        coloured = sorted(c for c in colours(svg) if not grey(c))
        assert not coloured, f"{name} under NO_COLOR uses colours {coloured}"
        if name == "sanctions":  # colour is never the only signal: the status words stay
            shown = screen_text(app)
            assert line_with(shown, "Belavia", "in force", "lifted"), shown


@sync
async def test_colour_check_sees_colour_without_no_color(seed_db: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The NO_COLOR test's check is not vacuous: the same screen has colours normally."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "3")
        assert any(not grey(c) for c in colours(app.export_screenshot()))


def background(svg: str) -> tuple[int, int, int]:
    """The most used background colour of the screenshot's cells."""
    fills = re.findall(r'<rect fill="(#[0-9a-fA-F]{6})" x="[\d.]+" y="[\d.]+" width="([\d.]+)"',
                       svg)
    area: dict[str, float] = {}
    for colour, width in fills:
        area[colour] = area.get(colour, 0.0) + float(width)
    best = max(area, key=lambda c: area[c])
    return tuple(int(best[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def light(rgb: tuple[int, int, int]) -> bool:
    return sum(rgb) / 3 > 128


@sync
async def test_switch_between_dark_and_light_from_the_palette(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None, theme="textual-dark")
    async with app.run_test(size=(100, 30)) as pilot:
        await press(pilot, "3")
        assert not light(background(app.export_screenshot()))
        await press(pilot, "ctrl+p", *"Light / dark")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert app.theme == "textual-light" and not app.current_theme.dark
        assert isinstance(app.screen, SanctionsScreen)
        svg = app.export_screenshot()
        assert light(background(svg))
        # The board was redrawn in the light theme's colours, words unchanged.
        success = app.current_theme.success
        assert success is not None and success.lower() in svg.lower()
        assert line_with(screen_text(app), "Belavia", "lifted")
        await press(pilot, "ctrl+p", *"Light / dark")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert app.current_theme.dark and not light(background(app.export_screenshot()))


# -- the README's key table ------------------------------------------------------------------


def test_readme_key_table_is_generated_from_the_bindings() -> None:
    from tui.keys import markdown

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- keys:start -->\n(.*?)<!-- keys:end -->", readme, re.S)
    assert found, "README.md lost its <!-- keys:start --> … <!-- keys:end --> block"
    assert found.group(1) == markdown(), "regenerate it: .venv/bin/python -m tui.keys"
    for key in ("`1`", "`2`", "`3`", "`Tab`", "`Shift+Tab`", "`j`", "`k`", "`↓`", "`g`", "`G`",
                "`Enter`", "`Esc`", "`/`", "`?`", "`Ctrl+P`", "`q`", "`Ctrl+Q`", "`t`", "`x`"):
        assert key in found.group(1), key


def test_an_actor_in_two_roles_is_one_row() -> None:
    """The seed store has Kellogg as visitor and participant of one visit: opening it used to
    crash the app (duplicate option ids). One row per actor, the specific roles first."""
    from store.read.queries import EventActor
    from tui.event_view import actor_roles

    rows = actor_roles([EventActor(29, "Keith Kellogg", "person", "visitor"),
                        EventActor(1, "Alyaksandr Lukashenka", "person", "participant"),
                        EventActor(29, "Keith Kellogg", "person", "participant"),
                        EventActor(1, "Alyaksandr Lukashenka", "person", "host")])
    assert [(a.name, roles) for a, roles in rows] == [("Keith Kellogg", ["visitor"]),
                                                     ("Alyaksandr Lukashenka", ["host"])]
    only = actor_roles([EventActor(4, "Valentin Rybakov", "person", "participant")])
    assert [roles for _, roles in only] == [["participant"]]
