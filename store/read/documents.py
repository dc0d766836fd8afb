"""One stored document whole, for reading the source of a quote."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StoredDocument:
    id: int
    title: str | None
    source: str | None
    published: str | None
    url: str | None             # the page's own URL, else where it was fetched, else as given
    path: str | None
    text: str                   # the body the extractor read


def stored_document(conn: sqlite3.Connection, document_id: int) -> StoredDocument | None:
    row = conn.execute(
        "SELECT id, title, source, published, coalesce(canonical_url, url, fetched_url), path, text"
        " FROM documents WHERE id = ?", (document_id,)).fetchone()
    return StoredDocument(*row) if row else None


def quote_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where the quoted sentence stands in the document (spacing may differ), or None."""
    start = text.find(quote)
    if start >= 0:
        return start, start + len(quote)
    words = quote.split()
    if not words:
        return None
    import re
    pattern = r"\s+".join(map(re.escape, words))
    found = re.search(pattern, text)
    return found.span() if found else None
