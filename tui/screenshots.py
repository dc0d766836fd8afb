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

# (file name, keys pressed from a fresh start)
VIEWS = [
    ("timeline", []),
    ("event", ["enter"]),
    ("actors", ["2"]),
    ("profile", ["2", "slash", *"tikhanovsky", "enter"]),
    ("sanctions", ["3"]),
    ("history", ["3", "enter"]),
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
    return re.sub(r"<svg ", '<svg xml:space="preserve" ', svg.replace("&#160;", " "), count=1)


async def shoot(db: Path, out: Path, size: tuple[int, int], suffix: str = "",
                theme: str | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, keys in VIEWS:
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
