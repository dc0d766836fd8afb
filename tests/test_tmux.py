"""The real `thaw` in a real terminal: tmux runs the console script on a seed store, keys go in
with `send-keys`, and the screen is read back with `capture-pane`, as a person would see it.

Each test has its own tmux server (`-L` socket), so the tests run in parallel under xdist.
Skipped only where tmux is missing (`.ci/run` installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

THAW = Path(sys.executable).parent / "thaw"
TIMEOUT = 15.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it)")


class Terminal:
    """One tmux server with one session running one command in a fixed-size pane."""

    def __init__(self, tmp_path: Path, command: list[str], size: tuple[int, int]) -> None:
        self.socket = f"thaw-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        conf = tmp_path / "tmux.conf"
        # remain-on-exit keeps the last screen after the program ends, for the failure message.
        conf.write_text("set -g remain-on-exit on\nset -g status off\nset -g escape-time 0\n")
        # Textual believes COLUMNS/LINES over the terminal (pytest-xdist workers set them).
        env = {k: v for k, v in os.environ.items()
               if k not in ("TMUX", "TMUX_PANE", "COLUMNS", "LINES")}
        # The exit status goes to a file: tmux's own #{pane_dead_status} is unreliable here
        # (tmux 3.3a sometimes leaves the exited child a zombie and never records a status).
        self.status_file = tmp_path / f"status-{self.socket}"
        shell = f'{" ".join(_quote(c) for c in command)}; echo $? > {_quote(str(self.status_file))}'
        width, height = size
        self._tmux("-f", str(conf), "new-session", "-d", "-s", "thaw", "-x", str(width),
                   "-y", str(height), shell, env=env)

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, env=env, timeout=TIMEOUT, check=False)
        assert done.returncode == 0, f"tmux {' '.join(args)}: {done.stderr}"
        return done.stdout

    def keys(self, *keys: str) -> None:
        """tmux key names: Enter, Escape, Tab, …"""
        self._tmux("send-keys", "-t", "thaw", *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", "thaw", "-l", text)

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "thaw")

    def wait_for(self, check: Callable[[str], bool], what: str) -> str:
        """Poll the screen until `check` holds; fail with what was on screen."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            screen = self.screen()
            if check(screen):
                return screen
            if time.monotonic() > deadline:
                pytest.fail(f"waited {TIMEOUT:.0f} s for {what}; the screen:\n{screen}")
            time.sleep(0.1)

    def wait_for_text(self, *texts: str) -> str:
        return self.wait_for(lambda s: all(t in s for t in texts), " + ".join(map(repr, texts)))

    def pane(self, fmt: str) -> str:
        return self._tmux("display-message", "-p", "-t", "thaw", fmt).strip()

    def wait_for_exit(self) -> int:
        """The program's exit status, once it has ended."""
        deadline = time.monotonic() + TIMEOUT
        while not (self.status_file.exists() and self.status_file.read_text().strip()):
            if time.monotonic() > deadline:
                pytest.fail(f"thaw still running {TIMEOUT:.0f} s after q:\n{self.screen()}")
            time.sleep(0.1)
        return int(self.status_file.read_text())

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True,
                       check=False)


def _quote(arg: str) -> str:
    return "'" + arg.replace("'", "'\\''") + "'"


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[..., Terminal]]:
    opened: list[Terminal] = []

    def start(command: list[str], size: tuple[int, int]) -> Terminal:
        term = Terminal(tmp_path, command, size)
        opened.append(term)
        return term

    yield start
    for term in opened:
        term.close()


def footer(screen: str) -> str:
    """The Footer (the last row), once drawn to its end: tmux may show a frame half-written,
    and a Footer cut before "q Quit" would look like a text box's."""
    lines = screen.splitlines()
    return lines[-1] if lines and lines[-1].rstrip().endswith("palette") else ""


def typing(screen: str, key: str) -> bool:
    """The Footer of a focused text box: its pane's `/` key, and no `q` (q types a q)."""
    return key in footer(screen) and "Quit" not in footer(screen)


def line_with(screen: str, *parts: str) -> str | None:
    return next((line for line in screen.splitlines() if all(p in line for p in parts)), None)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_real_thaw_in_tmux(terminal: Callable[..., Terminal], seed_db: Path,
                           size: tuple[int, int]) -> None:
    assert THAW.exists(), f"no console script at {THAW}: is the package installed in the venv?"
    term = terminal([str(THAW), "--db", str(seed_db)], size)

    # The timeline: header, stats, the column titles, the keys that matter in the Footer.
    screen = term.wait_for_text("1 Timeline", "Date", "Summary", "Open event", "Quit")
    assert line_with(screen, "thaw", "events ·", "docs"), screen  # the stats in the header
    assert all(len(line) <= size[0] for line in screen.splitlines())
    if size[1] >= 40:  # everything up to the summer of 2025 fits without scrolling
        assert line_with(screen, "2025-06-21", "visit", "Kellogg"), screen

    # Filter to the Kellogg visit, as a person would on a small terminal. The Footer says
    # where the keys go: while typing it offers no single-letter keys (q types a q).
    term.type("/")
    term.wait_for(lambda s: typing(s, "Filter"), "the filter box to take the keys")
    term.type("Kellogg visits")  # "Kellogg" alone also finds the events he is quoted in
    term.wait_for(lambda s: line_with(s, "2025-06-21", "visit", "Kellogg") is not None
                  and "Pompeo" not in s and "1/1" in s,
                  "the timeline filtered to the Kellogg visit of 2025-06-21")
    term.keys("Enter")  # leave the filter box for the list
    term.wait_for(lambda s: "Open event" in footer(s), "the list to have the focus again")
    term.keys("Enter")

    # The event: summary, actors with their roles, every source with its quoted sentence.
    screen = term.wait_for(lambda s: all(t in s for t in ("Keith Kellogg visits Minsk", "Actors",
                                                          "Sources", "“"))
                           and "Open profile" in footer(s), "the Kellogg visit's event view")
    assert line_with(screen, "Keith Kellogg", "visitor"), screen
    assert line_with(screen, "Alyaksandr Lukashenka", "host"), screen
    assert "1. Kyiv Independent" in screen or "1. Eurasia Daily Monitor" in screen, screen
    assert "Open profile" in footer(screen) and "Back" in footer(screen)
    term.keys("Escape")
    term.wait_for(lambda s: line_with(s, "2025-06-21", "Kellogg") is not None and "Date" in s,
                  "the filtered timeline again after Esc")

    # Actors: `/` searches; the Russian romanisation finds the Belarusian spelling.
    term.keys("2")
    term.wait_for(lambda s: "2 Actors" in s and "Open profile" in footer(s), "the actors pane")
    term.type("/")
    term.wait_for(lambda s: typing(s, "Search"), "the search box to take the keys")
    term.type("Tikhanovsky")
    # The hit list is the left column; the profile beside it may already show the first hit.
    term.wait_for(lambda s: line_with(s, "Tikhanovsky") is not None
                  and any(line.startswith(" Siarhei Tsikhanouski") for line in s.splitlines()),
                  "Siarhei Tsikhanouski in the hit list")
    term.keys("Enter")  # the profile of the first hit
    term.wait_for(lambda s: "Open event" in footer(s) and "Spellings seen" in s
                  and "Sergei Tikhanovsky" in s, "his profile, with every spelling seen")

    # Sanctions: the board, colour plus a word, and Enter → History in the Footer.
    term.keys("3")
    screen = term.wait_for(lambda s: line_with(s, "Belavia", "lifted") is not None
                           and "History" in footer(s), "the sanctions board")
    assert line_with(screen, "Belavia", "lifted"), screen
    assert line_with(screen, "EU", "US"), screen
    assert "History" in footer(screen), screen

    # q quits cleanly: the process ends with status 0 and no traceback.
    term.keys("q")
    assert term.wait_for_exit() == 0
    after = term.screen()
    assert "Traceback" not in after and "Error" not in after, after


def _shows(term: Terminal, check: Callable[[str], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check(term.screen()):
            return True
        time.sleep(0.1)
    return False


def test_a_correction_made_in_the_dashboard_is_there_after_quitting(
        terminal: Callable[..., Terminal], seed_db: Path, tmp_path: Path) -> None:
    """Open an event, correct its place with a note, quit; the reopened dashboard shows it."""
    size = (120, 40)
    term = terminal([str(THAW), "--db", str(seed_db)], size)
    term.wait_for_text("1 Timeline", "Open event", "Quit")
    term.type("/")
    term.wait_for(lambda s: typing(s, "Filter"), "the filter box")
    term.type("Kellogg visits Minsk")
    term.wait_for(lambda s: line_with(s, "2025-06-21", "Kellogg") is not None, "the Kellogg visit")
    term.keys("Enter")
    term.wait_for(lambda s: "Open event" in footer(s), "the list")
    term.keys("Enter")
    # The list may take the focus a moment after its Footer shows: press again if need be.
    for _ in range(3):
        if _shows(term, lambda s: "Actors" in s and "Edit" in footer(s), 4.0):
            break
        term.keys("Enter")
    term.wait_for(lambda s: "Keith Kellogg visits Minsk" in s and "Edit" in footer(s), "the event")
    term.keys("e")
    term.wait_for_text("Correct the event", "Place")
    # Enter moves to the next box (type, date, count, place): replace the place, then write the
    # note and save. Each step waits for the focus to arrive, as a person looking would.
    for _ in range(3):
        term.keys("Enter")
        time.sleep(0.3)
    term.keys("C-u")
    term.type("Zaslawye residence")
    time.sleep(0.3)
    term.keys("Enter")
    time.sleep(0.3)
    term.keys("Enter")
    time.sleep(0.3)
    term.type("state TV footage")
    time.sleep(0.3)
    term.keys("C-s")
    term.wait_for(lambda s: "Zaslawye residence ✎" in s and "state TV footage" in s,
                  "the corrected place with its mark and note")
    term.keys("q")
    assert term.wait_for_exit() == 0

    again = Terminal(tmp_path, [str(THAW), "--db", str(seed_db)], size)
    try:
        again.wait_for_text("1 Timeline", "Quit")
        again.keys("L")
        again.wait_for(lambda s: "applied" in s and "place" in s and "Zaslawye residence" in s
                       and "state TV footage" in s, "the correction in the log after a restart")
        again.keys("q")
        assert again.wait_for_exit() == 0
    finally:
        again.close()
