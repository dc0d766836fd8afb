"""Text boxes keep what a user pastes or types literal: no escape sequence or control character in
the value or on the screen, no crash, and a search pasted with colour codes still finds its match.
The dashboard runs on the real seed store; results are compared with the same search typed clean."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from test_tui import press
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, OptionList
from textual.widgets.input import Selection

from tui.actors import ActorsScreen
from tui.app import ThawApp
from tui.inputs import SafeCommandPalette, SafeInput, clean_typed
from tui.screenshots import settle
from tui.timeline import TimelineScreen, TimelineView

# Everything a terminal acts on or that reorders a line: C0, DEL, C1, bidi controls.
RAW = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
COLOURED = "\x1b[31mLukashenko\x1b[0m"
HOSTILE = "\x1b]0;pwn\x07\x1b[2J\x9b31m\x1b(B\u202eLukashenko\x00\x7f\x85"


def run(test: Callable[[], Coroutine[Any, Any, None]]) -> None:
    asyncio.run(test())


async def paste(pilot: Pilot[None], text: str) -> None:
    """What the terminal sends on a bracketed paste: one Paste event to the focused widget."""
    focused = pilot.app.focused
    assert isinstance(focused, Input)
    focused.post_message(events.Paste(text))
    await settle(pilot)


def shown(box: Input) -> str:
    return box.render_line(0).text


def assert_clean(app: ThawApp, box: Input) -> None:
    assert app.is_running
    assert not RAW.search(box.value), repr(box.value)
    assert not RAW.search(shown(box)), repr(shown(box))
    svg = app.export_screenshot()
    for raw in ("\x1b", "\x07", "\x00", "\x9b", "\u202e"):
        assert raw not in svg, f"{raw!r} reached the screen"


def hits(app: ThawApp) -> list[str]:
    widget = app.screen.query_one("#actor-list", OptionList)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


# --- the cleaning itself ---------------------------------------------------------------------


def test_sequences_are_dropped_and_other_controls_become_spaces() -> None:
    cases = {
        COLOURED: "Lukashenko",
        "a\x07b\rc": "a b c",
        "tab\there\nnext": "tab here next",
        "\x1b]0;window title\x07x": "x",  # OSC with its payload (BEL-terminated)
        "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\": "link",  # hyperlink, ST-terminated
        "\x9b1;31mred\x9b0m": "red",  # 8-bit CSI
        "\x1b(Bplain\x1b7": "plain",  # charset switch, save cursor
        "\x1bP1$r0m\x1b\\ok": "ok",  # DCS
        "bell\x07 nul\x00 del\x7f nel\x85": "bell  nul  del  nel ",
        "\u202eevil\u202c \u2066iso\u2069": "evil iso",  # bidi: dropped, never reorders
        "lone \x1b": "lone  ",  # an ESC with nothing after it is still a control
        "\x1b[31": "31",  # an unfinished CSI loses only its introducer
        "Лукашенко Łukašenka 卢卡申科 👩‍👩‍👧 [bold]x[/]": "Лукашенко Łukašenka 卢卡申科 👩‍👩‍👧 [bold]x[/]",
    }
    for raw, want in cases.items():
        assert clean_typed(raw) == want, raw


@given(st.text(st.characters(codec="utf-8")))
def test_clean_text_never_holds_a_control_and_leaves_plain_text_alone(text: str) -> None:
    cleaned = clean_typed(text)
    assert not RAW.search(cleaned)
    assert clean_typed(cleaned) == cleaned
    if not RAW.search(text):
        assert cleaned == text


@given(st.text(st.sampled_from("\x1b[]();0123456789mPX^_\\\x07\x9b\x9c\x9dab \n\r\t")))
def test_escape_soup_never_leaves_an_escape(text: str) -> None:
    assert not RAW.search(clean_typed(text))


# --- the dashboard ---------------------------------------------------------------------------


def test_every_text_box_is_a_safe_input(seed_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(seed_db, poll_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            for pane in ("1", "2", "3"):
                await press(pilot, pane)
                boxes = list(app.screen.query(Input))
                assert all(isinstance(b, SafeInput) for b in boxes), boxes

    run(main)


def test_actor_search_paste_and_typing(seed_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(seed_db, poll_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await press(pilot, "2", "slash")
            assert isinstance(app.screen, ActorsScreen)
            box = app.screen.query_one("#actor-search", Input)
            assert app.focused is box
            # The reference: the name typed clean.
            await press(pilot, *"Lukashenko")
            clean_hits = hits(app)
            assert clean_hits[0].startswith("Alyaksandr Lukashenka")
            box.value = ""
            await settle(pilot)

            await paste(pilot, COLOURED)
            assert box.value == "Lukashenko" and box.cursor_position == len("Lukashenko")
            assert "Lukashenko" in shown(box)
            assert_clean(app, box)
            assert hits(app) == clean_hits

            # Controls become spaces; nothing after a CR is lost (Textual keeps the first line).
            box.value = ""
            await settle(pilot)
            await paste(pilot, "a\x07b\rc")
            assert box.value == "a b c" and "a b c" in shown(box)
            assert_clean(app, box)

            # A paste over a selection replaces it; the cursor ends after the kept text.
            box.value = "Tikhanovsky"
            box.selection = Selection(0, len(box.value))
            await paste(pilot, HOSTILE)
            assert box.value == "Lukashenko   " and box.cursor_position == len(box.value)
            assert_clean(app, box)
            assert hits(app)[0].startswith("Alyaksandr Lukashenka")

            # Typed key by key, ESC and friends included, and set from code.
            box.value = ""
            await press(pilot, *"\x1b[31mLuka\x07\x00")
            assert_clean(app, box)
            box.value = COLOURED + HOSTILE * 50
            await settle(pilot)
            assert_clean(app, box)
            await press(pilot, "enter")  # opens the first hit: the app is still there
            assert app.is_running

    run(main)


def test_timeline_filter_paste_and_typing(seed_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(seed_db, poll_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await press(pilot, "slash")
            assert isinstance(app.screen, TimelineScreen)
            box = app.screen.query_one("#filter-text", Input)
            view = app.screen.query_one(TimelineView)
            assert app.focused is box
            await press(pilot, *"Lukashenko")
            clean_total = view.total
            assert view.filters.text == "Lukashenko" and clean_total > 0
            box.value = ""
            await settle(pilot)

            await paste(pilot, COLOURED)
            assert box.value == "Lukashenko"
            assert view.filters.text == "Lukashenko" and view.total == clean_total
            assert_clean(app, box)

            box.value = ""
            await paste(pilot, "a\x07b\rc\x1b[2J")
            assert box.value == "a b c"
            assert_clean(app, box)

            box.value = ""
            await press(pilot, *"\x1b[31m(\"NEAR\x07")
            assert_clean(app, box)
            box.value = HOSTILE * 200
            await settle(pilot)
            assert_clean(app, box)
            await press(pilot, "enter", "x")
            assert app.is_running and box.value == ""

    run(main)


def test_command_palette_box_is_cleaned_too(seed_db: Path) -> None:
    async def main() -> None:
        app = ThawApp(seed_db, poll_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            await press(pilot, "ctrl+p")     # the key a user presses opens the safe palette
            await settle(pilot)
            assert isinstance(app.screen, SafeCommandPalette)
            box = app.focused
            assert isinstance(box, SafeInput)
            await paste(pilot, COLOURED)
            await pilot.pause(0.5)  # the palette searches on a timer
            await settle(pilot)
            assert box.value == "Lukashenko"
            assert_clean(app, box)
            await press(pilot, "enter")
            assert app.is_running

    run(main)
