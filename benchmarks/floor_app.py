"""Textual's own floor for page-down: a minimal app scrolling a Line API view; prints JSON.

    .venv/bin/python benchmarks/floor_app.py [--lines 100000] [--presses 30]

One ScrollView of `--lines` lines (each a cached one-segment Strip) filling a 120×40 screen,
nothing else on it; page-down scrolls it by a screen, as the timeline's page-down does. Timed
exactly as benchmarks/dash_session.py times the timeline (its frame hook and key sending): from
the key event until the view has scrolled and a frame has been rendered after that. The
timeline's page-down is reported as a ratio to this, measured in the same run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dash_session import FRAMES  # noqa: E402  (installs the frame hook)
from rich.segment import Segment  # noqa: E402
from textual import events  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.binding import Binding  # noqa: E402
from textual.geometry import Size  # noqa: E402
from textual.scroll_view import ScrollView  # noqa: E402
from textual.strip import Strip  # noqa: E402


class Lines(ScrollView, can_focus=True, inherit_bindings=False):
    BINDINGS = [Binding("pagedown", "page", "Page down")]

    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines
        self._strips: dict[int, Strip] = {}

    def on_mount(self) -> None:
        self.virtual_size = Size(self.size.width, self.lines)

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        strip = self._strips.get(index)
        if strip is None:
            text = f"{index:>7}  2025-06-21  visit    Line {index} of the floor view"
            strip = self._strips[index] = Strip([Segment(text.ljust(self.size.width))])
        return strip

    def action_page(self) -> None:
        self.scroll_to(y=self.scroll_y + self.scrollable_content_region.height,
                       animate=False, immediate=True)


class Floor(App[None]):
    def __init__(self, lines: int) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        yield Lines(self.lines)


async def page_down(app: Floor, view: Lines) -> float:
    """ms from a pagedown key event to the first frame rendered after the view scrolled."""
    before = view.scroll_y
    event = events.Key("pagedown", None)
    event.set_sender(app)
    t = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(event)
    end = t + 30
    while view.scroll_y == before:
        if time.perf_counter() > end:
            raise TimeoutError("the floor view did not scroll")
        await asyncio.sleep(0.0002)
    moved = time.perf_counter()
    while not FRAMES or FRAMES[-1] < moved:
        await asyncio.sleep(0.0002)
    return (FRAMES[-1] - t) * 1000


async def session(lines: int, presses: int) -> dict[str, object]:
    app = Floor(lines)
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.query_one(Lines)
        view.focus()
        await pilot.pause()
        times = [await page_down(app, view) for _ in range(presses)]
    return {"page_down_ms": times}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lines", type=int, default=100_000)
    ap.add_argument("--presses", type=int, default=30)
    args = ap.parse_args(argv)
    print(json.dumps(asyncio.run(session(args.lines, args.presses))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
