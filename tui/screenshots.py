"""`python -m tui.screenshots STORE OUTDIR [WxH]`: SVG (and PNG, with rsvg-convert) of each
pane and drill-down view, for the README and for looking at the layout."""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from pathlib import Path

from textual.pilot import Pilot

from tui.app import ThawApp

# (file name, keys pressed from a fresh start): the snapshot tests' views (on the fake store)
VIEWS = [
    ("timeline", []),
    ("event", ["enter"]),
    ("actors", ["2"]),
    ("profile", ["2", "slash", *"tikhanovsky", "enter"]),
    ("sanctions", ["3"]),
    ("history", ["3", "enter"]),
    ("help", ["question_mark"]),
]

# The README's views, on a store built from seeds/: the Kellogg visit rather than the first
# event, and Belavia under the US (board row 3, column 2) rather than the first cell.
README_VIEWS = [
    ("timeline", []),
    ("event", ["slash", *"Kellogg visits", "enter", "enter"]),
    ("actors", ["2"]),
    ("profile", ["2", "slash", *"tikhanovsky", "enter"]),
    ("sanctions", ["3"]),
    ("history", ["3", "j", "j", "l", "enter"]),
    ("help", ["question_mark"]),
]


async def settle(pilot: Pilot[None]) -> None:
    """Until workers and the messages they post have all been handled."""
    for _ in range(4):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def svg_for_rsvg(svg: str) -> str:
    # rsvg-convert drops non-breaking spaces at span edges; plain spaces kept by
    # xml:space="preserve" render the terminal grid faithfully.
    svg = re.sub(r"<svg ", '<svg xml:space="preserve" ', svg.replace("&#160;", " "), count=1)
    # The grid is 0.61 em a cell (Fira Code). Without Fira Code, rsvg's regular fallback
    # (DejaVu Sans Mono, 0.602 em) ends long runs short, leaving gaps before the next span
    # ("years.  ”"); its bold fallback is wide enough. Letter-spacing evens out the regular.
    return re.sub(r"(\.terminal-\d+-r\d+ \{)([^}]*)\}",
                  lambda m: m.group(0) if "bold" in m.group(2)
                  else f"{m.group(1)}{m.group(2).rstrip()}; letter-spacing: 0.16px }}", svg)


async def shoot(db: Path, out: Path, size: tuple[int, int], suffix: str = "",
                theme: str | None = None,
                views: list[tuple[str, list[str]]] = README_VIEWS) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, keys in views:
        app = ThawApp(db, poll_interval=None, theme=theme)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            for key in keys:
                await pilot.press(key)
                await settle(pilot)
            svg = out / f"{name}{suffix}.svg"
            app.save_screenshot(svg.name, str(out))
            written.append(svg)
    if shutil.which("rsvg-convert"):
        for svg in written:
            fixed = svg.with_suffix(".tmp.svg")
            fixed.write_text(svg_for_rsvg(svg.read_text()))
            subprocess.run(["rsvg-convert", str(fixed), "-o", str(svg.with_suffix(".png"))],
                           check=True)
            fixed.unlink()
    return written


def main(argv: list[str]) -> None:
    db, out = Path(argv[0]), Path(argv[1])
    width, height = (int(x) for x in (argv[2] if len(argv) > 2 else "120x40").split("x"))
    asyncio.run(shoot(db, out, (width, height)))


if __name__ == "__main__":
    main(sys.argv[1:])
