"""Start an app, note when its first frame reaches the terminal, and exit at once.

    python benchmarks/first_frame.py OUT bare            # Header, Static, Footer
    python benchmarks/first_frame.py OUT thaw --db X     # exactly what the `thaw` script runs
    python benchmarks/first_frame.py OUT thaw-rows --db X  # … until the timeline shows events

Run under a terminal (benchmarks/run.py gives it a pseudo-terminal). Both apps start through
this same file, so interpreter start-up and the import of Textual count the same for both.
The dashboard needs no hook: `App._display` (where Textual writes a finished frame to the
driver) is wrapped for every app class before the CLI runs. OUT receives the seconds from
`BENCH_T0` (the parent's clock just before it spawned us) to that first frame.
"""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

OUT = sys.argv[1]
MODE = sys.argv[2]
T0 = float(os.environ.get("BENCH_T0", time.time()))
_original = App._display


def _rows_shown(screen: Any) -> bool:
    """The timeline has counted its events and holds the first page of rows."""
    from tui.timeline import TimelineView

    views = list(screen.query(TimelineView))
    return bool(views) and views[0].loaded and bool(views[0]._pages)


def _display(self: App[Any], screen: Any, renderable: Any) -> None:
    _original(self, screen, renderable)
    # The default screen of an app with MODES is empty and never shown: wait for real widgets.
    if renderable is None or not screen.children:
        return
    if MODE == "thaw-rows" and not _rows_shown(screen):
        return
    elapsed = time.time() - T0
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(f"{elapsed:.6f}\n")
    os._exit(0)     # measuring the start, not the shutdown


App._display = _display  # type: ignore[method-assign]


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Hello, thaw.")
        yield Footer()


if __name__ == "__main__":
    if MODE == "bare":
        Bare().run()
    else:
        from tui.cli import main

        main(sys.argv[3:], prog_name="thaw")
