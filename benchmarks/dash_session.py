"""One scripted dashboard session on a store, headless through Pilot; prints JSON figures.

    .venv/bin/python benchmarks/dash_session.py STORE.db [--presses 30] [--jumps 5]

Measured, each from the key event until the cursor has moved, the rows on screen are loaded and
a frame has been rendered after that: page-down through the timeline, and jump-to-end with the
view's page cache emptied first (so the last page really comes out of SQLite). Keys go to the
driver directly, not through `Pilot.press`, which idles at least 40 ms per key by design.
Then the actors pane with a typed search and the sanctions pane are visited, and the process's
peak resident memory (VmHWM) is reported: one fresh process per session, so the peak is this
dashboard's alone.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from textual import events  # noqa: E402
from textual.app import App  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from tui.app import ThawApp  # noqa: E402
from tui.timeline import PAGE_SIZE, TimelineView  # noqa: E402


def rss_mib(field: str = "VmHWM") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def visible_loaded(view: TimelineView) -> bool:
    """Every row on screen has its page in memory (reads the view's cache, fetches nothing)."""
    if not view.loaded:
        return False
    top = round(view.scroll_y)
    bottom = min(view.total, top + view.scrollable_content_region.height)
    pages = view._pages
    return all(p in pages for p in range(top // PAGE_SIZE, max(top, bottom - 1) // PAGE_SIZE + 1))


async def until(pilot: Pilot[None], done: Callable[[], bool], timeout: float = 30.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        if time.perf_counter() > end:
            raise TimeoutError("dashboard did not load the rows in time")
        await pilot.pause(0.0005)


FRAMES: list[float] = []      # when each rendered frame left the compositor
_display = App._display


def _record(self: App[None], screen: object, renderable: object) -> None:
    _display(self, screen, renderable)  # type: ignore[arg-type]
    if renderable is not None:
        FRAMES.append(time.perf_counter())


App._display = _record  # type: ignore[method-assign]


READY: list[float] = []       # key event → cursor moved and rows loaded (before the frame)


async def key_latency(app: ThawApp, view: TimelineView, key: str, cursor_after: int) -> float:
    """ms from a key event to the first frame rendered with the moved cursor's rows loaded."""
    event = events.Key(key, None)
    event.set_sender(app)
    t = time.perf_counter()
    assert app._driver is not None
    app._driver.send_message(event)
    end = t + 30
    while not (view.cursor == cursor_after and visible_loaded(view)):
        if time.perf_counter() > end:
            raise TimeoutError(f"{key}: rows not loaded")
        await asyncio.sleep(0.0002)
    ready = time.perf_counter()
    READY.append((ready - t) * 1000)
    while not FRAMES or FRAMES[-1] < ready:
        await asyncio.sleep(0.0002)
    return (FRAMES[-1] - t) * 1000


async def session(db: Path, presses: int, jumps: int) -> dict[str, object]:
    t0 = time.perf_counter()
    app = ThawApp(db, poll_interval=None)
    out: dict[str, object] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        view = app.screen.query_one(TimelineView)
        await until(pilot, lambda: visible_loaded(view))
        await pilot.pause()
        out["first_rows_ms"] = (time.perf_counter() - t0) * 1000
        out["rss_after_load_mib"] = rss_mib("VmRSS")
        page_down: list[float] = []
        step = max(1, view.scrollable_content_region.height - 1)
        for _ in range(presses):
            after = min(view.cursor + step, view.total - 1)
            page_down.append(await key_latency(app, view, "pagedown", after))
        jump: list[float] = []
        for _ in range(jumps):
            await pilot.press("home")
            await until(pilot, lambda: visible_loaded(view))
            view._pages.clear()     # cold: the last page must come from SQLite
            view._strips.clear()
            jump.append(await key_latency(app, view, "end", view.total - 1))
        out["page_down_ms"], out["jump_end_ms"] = page_down, jump
        out["page_down_ready_ms"] = READY[:presses]
        out["cursor"], out["total"] = view.cursor, view.total
        # The other panes, for the memory peak: actor search over every actor, the board.
        await pilot.press("2")
        await pilot.pause(0.2)
        await pilot.press("slash", *"lukash")
        await pilot.pause(0.5)
        await pilot.press("escape", "3")
        await pilot.pause(0.3)
        await pilot.press("1")
        await pilot.pause(0.1)
    out["peak_rss_mib"] = rss_mib()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--presses", type=int, default=30)
    ap.add_argument("--jumps", type=int, default=5)
    args = ap.parse_args(argv)
    print(json.dumps(asyncio.run(session(args.db, args.presses, args.jumps))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
