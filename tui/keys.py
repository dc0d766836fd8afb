"""The dashboard's key table, generated from the bindings: `python -m tui.keys` prints it as
Markdown (the README's table is this output; a test keeps the two the same)."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from tui.actors import ActorProfileView, ActorScreen, ActorsScreen
from tui.app import ThawApp
from tui.chrome import ActorList, EventList, NavList
from tui.correct import AskScreen, CorrectionsScreen, PickScreen, SourceScreen
from tui.event_view import EventScreen
from tui.help import HelpScreen
from tui.sanctions import BoardTable, HistoryScreen, SanctionsScreen
from tui.timeline import MonthChart, TimelineScreen, TimelineView

KEY_NAMES = {
    "slash": "/", "colon": ":", "question_mark": "?", "enter": "Enter", "escape": "Esc",
    "space": "Space",
    "up": "↑", "down": "↓", "left": "←", "right": "→", "home": "Home", "end": "End",
    "pageup": "PgUp", "pagedown": "PgDn", "tab": "Tab", "shift+tab": "Shift+Tab",
    "ctrl+home": "Ctrl+Home", "ctrl+end": "Ctrl+End", "ctrl+q": "Ctrl+Q", "ctrl+p": "Ctrl+P",
    "ctrl+s": "Ctrl+S",
}

# Where the keys work, and the classes whose own bindings apply there. Movement is the
# timeline's and every list's (NavList), so it is listed once.
CONTEXTS: list[tuple[str, list[type[DOMNode]]]] = [
    ("everywhere", [App, Screen, ThawApp]),
    ("any list", [TimelineView, NavList]),
    ("timeline (1)", [TimelineView, TimelineScreen]),
    ("chart (Tab from the timeline)", [MonthChart]),
    ("actors (2)", [ActorList, ActorsScreen]),
    ("sanctions (3)", [BoardTable, SanctionsScreen]),
    ("event", [ActorList, EventScreen]),
    ("profile", [EventList, ActorScreen, ActorProfileView]),
    ("history", [EventList, HistoryScreen]),
    ("corrections (L)", [CorrectionsScreen]),
    ("source (o)", [SourceScreen]),
    ("correction dialogs", [AskScreen, PickScreen]),
    ("help", [HelpScreen]),
]
# Actions that depend on the context, so not "any list"'s.
PER_CONTEXT = {"open", "select", "select_cursor"}

# Not worth a row: system keys and copying selected text.
SKIP_ACTIONS = {"screen.copy_text", "help_quit"}


def key_label(key: str) -> str:
    return KEY_NAMES.get(key, key)


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares itself (not the ones it inherits)."""
    found: list[Binding] = []
    for item in cls.__dict__.get("BINDINGS", []):
        if isinstance(item, Binding):
            bindings = [item]
        else:
            bindings = [Binding(*item)]
        for binding in bindings:  # "j,down" is two keys
            found += [Binding(key.strip(), binding.action, binding.description,
                              system=binding.system) for key in binding.key.split(",")]
    return found


def key_rows() -> list[tuple[str, str, str]]:
    """(keys, where, what) for every described binding: keys bound to one action share a row,
    list movement is given once, and the same keys doing the same in several places share one."""
    rows: dict[tuple[str, str], list[str]] = {}  # (keys, what) -> where
    general: dict[str, set[str]] = {}  # what -> keys listed everywhere / in any list
    for where, classes in CONTEXTS:
        grouped: dict[str, tuple[list[str], str]] = {}
        for cls in classes:
            for binding in _own_bindings(cls):
                if binding.system or binding.action in SKIP_ACTIONS or not binding.description:
                    continue
                if where == "any list" and binding.action in PER_CONTEXT:
                    continue
                keys, _ = grouped.get(binding.action, ([], ""))
                if binding.key not in keys:
                    keys.append(binding.key)
                grouped[binding.action] = (keys, binding.description)
        if where == "everywhere":
            grouped["command_palette"] = (
                [ThawApp.COMMAND_PALETTE_BINDING],
                "Command palette: jump to any actor or event, switch pane, light / dark theme")
        for keys, what in grouped.values():
            if set(keys) <= general.get(what, set()):
                continue
            if where in ("everywhere", "any list"):
                general.setdefault(what, set()).update(keys)
            # Letters before arrows and named keys: "j ↓", "g Home".
            ordered = sorted(keys, key=lambda k: (len(key_label(k)) > 1, keys.index(k)))
            rows.setdefault((" ".join(key_label(k) for k in ordered), what), []).append(where)
    return [(keys, ", ".join(wheres), what) for (keys, what), wheres in rows.items()]


def markdown() -> str:
    lines = ["| keys | where | what |", "|---|---|---|"]
    for keys, where, what in key_rows():
        cell = " ".join(f"`{k}`" for k in keys.split(" ")).replace("`|`", "`\\|`")
        lines.append(f"| {cell} | {where} | {what} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
