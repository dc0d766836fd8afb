"""`?`: the keys, generated from the bindings active where the user pressed it."""

from __future__ import annotations

import re

from textual.app import App, ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

NOTES = (
    "Tab / Shift+Tab move focus · Enter drills down · Esc goes back · mouse works too.\n"
    "/ searches in the current pane (the actor search from panes without a list filter); "
    "q quits unless you are typing; ctrl+p opens the command palette "
    "(jump to any actor or event, switch pane, change theme)."
)


def section_name(app: App[object], node: DOMNode) -> str:
    if node is app:
        return "Everywhere"
    if isinstance(node, Screen):
        return "This pane"
    # TimelineView -> "Timeline view", OptionList -> "Option list"
    words = re.findall(r"[A-Z][a-z]*", type(node).__name__)
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else "Widget"


def key_table(app: App[object], bindings: dict[str, ActiveBinding]) -> list[tuple[str, str, str]]:
    """(section, keys, description) rows: keys bound to the same action are merged."""
    grouped: dict[tuple[str, str, str], list[str]] = {}
    for active in bindings.values():
        binding: Binding = active.binding
        description = binding.description or binding.tooltip
        if not description or binding.system:
            continue
        node = active.node
        section = section_name(app, node)
        keys = grouped.setdefault((section, binding.action, description), [])
        display = app.get_key_display(binding)
        if display not in keys:
            keys.append(display)
    rows = [(section, " ".join(keys), description)
            for (section, _, description), keys in grouped.items()]
    # The focused widget's keys first, app-wide keys last: most specific on top.
    return sorted(rows, key=lambda r: r[0] == "Everywhere")


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "dismiss", "Close help")]

    def __init__(self, bindings: dict[str, ActiveBinding]) -> None:
        super().__init__()
        self.bindings = bindings

    def compose(self) -> ComposeResult:
        rows = key_table(self.app, self.bindings)
        width = max((len(keys) for _, keys, _ in rows), default=4) + 2
        lines: list[Content] = [Content.styled("Keys", "bold $accent")]
        section = None
        for name, keys, description in rows:
            if name != section:
                section = name
                lines.append(Content.styled(f"\n{name}", "bold"))
            lines.append(Content.assemble((keys.rjust(width), "bold $accent"), "  ",
                                          description))
        lines.append(Content.styled("\n" + NOTES, "$text-muted"))
        with VerticalScroll(id="help-body"):
            yield Static(Content("\n").join(lines), markup=False)
