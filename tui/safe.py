"""Text from articles and users, made safe to show literally.

Markup is never parsed (callers build `Content(text)` / rich `Text(text)` or Strips from plain
segments); what remains dangerous is bytes a terminal acts on. Escape and other control
characters become visible Unicode control pictures, so `\\x1b[31m` shows as `␛[31m` instead of
turning the screen red, and bidi overrides cannot reorder the line.
"""

from __future__ import annotations

import re

from rich.cells import cell_len, set_cell_size

# Bidi marks, embeddings, overrides and isolates (a regex class body): they only reorder a line.
BIDI_CONTROLS = r"\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def safe(text: object, *, one_line: bool = False) -> str:
    """`text` with controls made visible; `one_line` also folds newlines and tabs to spaces."""
    if text is None:
        return ""
    s = str(text).replace("\r\n", "\n").replace("\t", "    ")
    if one_line:
        s = " ".join(s.split("\n"))
    return _CONTROL.sub(_picture, s)


def fit(text: str, width: int) -> str:
    """Exactly `width` cells: padded, or cut with an ellipsis."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, width - 1) + "…"
