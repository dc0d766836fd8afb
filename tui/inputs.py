"""Text boxes that keep what a user types or pastes literal.

Textual's Input renders its value as is, so a pasted `\\x1b[31m` would restyle the terminal and a
BEL or CR would be invisible. `SafeInput` cleans text on its way in (typing, paste, Ctrl+V,
programmatic `value = ...`): escape sequences are dropped whole, so pasting
`\\x1b[31mLukashenko\\x1b[0m` still searches for `Lukashenko`; every other control character
(C0 including tab and newline, DEL, C1) becomes a space, so words on either side stay apart;
bidi overrides are dropped, since they only reorder how the line is shown.
"""

from __future__ import annotations

import re

from textual import events
from textual.app import ComposeResult
from textual.command import CommandInput, CommandPalette
from textual.widgets import Input

from tui.safe import BIDI_CONTROLS

# ECMA-48 sequences, 7-bit (ESC …) and 8-bit (C1) forms. String commands (OSC, DCS, SOS, PM,
# APC) go with their payload, which a terminal would not show either (e.g. a window title).
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"  # strings
    r"|\x1b[ -/]*[0-~]"  # the rest: charset switches (ESC ( B), ESC 7, ESC c, …
)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")


def clean_typed(text: str) -> str:
    """`text` as a one-line box may hold it: no escape sequence, no control character."""
    if text.isprintable():  # the common case: a typed letter
        return text
    return _CONTROL.sub(" ", _BIDI.sub("", _SEQUENCE.sub("", text)))


class SafeInput(Input):
    """An Input whose value never holds an escape sequence or a control character."""

    def validate_value(self, value: str) -> str:
        # Textual calls this on every assignment to `value`: the one door all text comes through.
        return clean_typed(value)

    def replace(self, text: str, start: int, end: int) -> None:
        # Clean here too, so the cursor lands after the text as it is kept, not as it was typed.
        super().replace(clean_typed(text), start, end)

    def _on_paste(self, event: events.Paste) -> None:
        # Textual keeps only the first line; a stray CR (`a\x07b\rc`) would silently lose `c`.
        # Lines become spaces instead, so the whole paste is searched and shown.
        if event.text:
            start, end = self.selection
            self.replace(event.text.replace("\r\n", "\n"), start, end)  # CRLF: one space
        event.stop()
        event.prevent_default()  # else Input._on_paste inserts the raw first line as well


class SafeCommandInput(CommandInput, SafeInput):
    """The command palette's box, cleaned the same way.

    CommandInput first: Textual inherits CSS (and type selectors such as the palette's
    AUTO_FOCUS) along the first base only; SafeInput's methods still come before Input's.
    """


class SafeCommandPalette(CommandPalette):
    """Textual's command palette with a `SafeCommandInput`: a paste there is shown too."""

    def compose(self) -> ComposeResult:
        # Swap the one box as it is yielded, inside Textual's own layout, rather than copy it.
        for widget in super().compose():
            if type(widget) is CommandInput:
                yield SafeCommandInput(placeholder=widget.placeholder, select_on_focus=False)
            else:
                yield widget
