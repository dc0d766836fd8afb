"""Followed feeds: `thaw feeds add/list/remove` and `thaw update`, which ingests what is new."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from store.db.connect import connect
from store.ingest.run import IngestReport, Progress, ingest_paths
from store.ingest.sources import Fetcher


class FeedUrlError(ValueError):
    """Not a URL a feed can be followed at (one line, naming it)."""


@dataclass(frozen=True)
class FollowedFeed:
    url: str
    title: str | None
    added_at: str
    checked_at: str | None
    error: str | None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def feed_url(text: str) -> str:
    """`text` as the URL to store: http(s) with a host, surrounding blanks dropped."""
    url = text.strip()
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(
            ch.isspace() or ord(ch) < 32 for ch in url):
        raise FeedUrlError(f"{text!r}: not an http(s) URL")
    return url


def add_feed(db: str | Path, url: str) -> bool:
    """Follow `url`; False when it was followed already."""
    url = feed_url(url)
    conn = connect(db, write=True)
    try:
        with conn:
            cur = conn.execute("INSERT OR IGNORE INTO feeds (url, added_at) VALUES (?, ?)",
                               (url, _now()))
        return cur.rowcount == 1
    finally:
        conn.close()


def remove_feed(db: str | Path, url: str) -> bool:
    """Stop following `url` (its documents stay); False when it was not followed."""
    conn = connect(db, write=True)
    try:
        with conn:
            cur = conn.execute("DELETE FROM feeds WHERE url = ?", (url.strip(),))
        return cur.rowcount == 1
    finally:
        conn.close()


def followed_feeds(db: str | Path) -> list[FollowedFeed]:
    conn = connect(db)
    try:
        return [FollowedFeed(*row) for row in conn.execute(
            "SELECT url, title, added_at, checked_at, error FROM feeds ORDER BY added_at, url")]
    finally:
        conn.close()


def update_feeds(db: str | Path, *, progress: Progress | None = None, jobs: int = 1,
                 fetcher: Fetcher | None = None) -> IngestReport:
    """Fetch every followed feed and ingest its new items; each feed records when it was
    checked and what went wrong, if anything did."""
    urls = [f.url for f in followed_feeds(db)]
    report = ingest_paths(db, urls, progress=progress, jobs=jobs, fetcher=fetcher)
    errors = {f.path: f.message for f in report.failed}
    conn = connect(db, write=True)
    try:
        with conn:
            now = _now()
            conn.executemany(
                "UPDATE feeds SET checked_at = ?, error = ?, title = coalesce(?, title) WHERE url = ?",
                [(now, errors.get(url), report.feed_titles.get(url), url) for url in urls])
    finally:
        conn.close()
    return report
