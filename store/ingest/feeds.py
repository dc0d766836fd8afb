"""RSS and Atom feeds: each item a document, with the item's date and link.

feedparser reads every RSS and Atom dialect and recovers what it can from a malformed feed; it is
only ever given bytes, never a URL (fetching is `fetch.py`'s). An item that carries its full
text becomes a document at once; one that carries only a summary needs its page fetched
(`sources.py` does that and hands the page back to `item_document`).
"""

from __future__ import annotations

import calendar
import html
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from store.ingest.documents import Document, DocumentError
from store.ingest.web import parse_html

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# Less text than this is a teaser: the item's page holds the article.
FULL_TEXT_CHARS = 1000
_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]")
_TAGS = re.compile(r"<[^>]{0,1000}>")


def looks_like_feed(data: bytes) -> bool:
    return bool(_ROOT.search(data[:4096]))


@dataclass(frozen=True)
class FeedItem:
    index: int
    title: str | None
    link: str | None
    guid: str | None
    published: date | None
    author: str | None
    html: str                       # the fullest text the item carries (content, else summary)

    @property
    def full(self) -> bool:
        """Carries the article itself, not a teaser."""
        return len(_TAGS.sub("", self.html).strip()) >= FULL_TEXT_CHARS

    def name(self, feed_name: str) -> str:
        """What messages and the documents table call it: its link, else its place in the feed."""
        return self.link or f"{feed_name}#item-{self.index + 1}"


@dataclass
class Feed:
    title: str | None
    items: list[FeedItem]
    warnings: list[str] = field(default_factory=list)


def _day(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC).date()
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _text(value: Any, limit: int = 1000) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(html.unescape(value).split())[:limit] or None


def _link(entry: Any) -> str | None:
    link = entry.get("link")
    if isinstance(link, str) and link.strip().lower().startswith(("http://", "https://")):
        return link.strip()
    return None


def _fullest(entry: Any) -> str:
    candidates = [c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict)]
    candidates.append(entry.get("summary") or "")
    return max((c for c in candidates if isinstance(c, str)), key=len, default="")


def parse_feed(name: str, data: bytes) -> Feed:
    """The items of an RSS or Atom feed. Raises DocumentError when `data` is no feed at all."""
    import feedparser  # only when a feed is read

    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise DocumentError(f"{name}: not an RSS or Atom feed")
    warnings = []
    if parsed.get("bozo"):
        problem = " ".join(str(parsed.get("bozo_exception", "")).split())[:100]
        warnings.append(f"malformed feed ({problem}): read what could be read")
    items = [FeedItem(i, _text(e.get("title"), 300), _link(e), _text(e.get("id"), 2000), _day(e),
                      _text(e.get("author")), _fullest(e))
             for i, e in enumerate(parsed.entries)]
    return Feed(_text(parsed.feed.get("title"), 300), items, warnings)


def _wrapped(item: FeedItem) -> bytes:
    """The item's HTML as a page trafilatura can read."""
    title = html.escape(item.title or "")
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><article>"
            f"<h1>{title}</h1>{item.html}</article></body></html>").encode()


def item_document(feed_name: str, feed: Feed, item: FeedItem, page: Document | None = None) -> Document:
    """A feed item as a document: its page when fetched, else the text it carries; the item's
    date, link, title and author win over what the page says."""
    name = item.name(feed_name)
    fetched = page is not None
    if page is None:
        if not _TAGS.sub("", item.html).strip():
            raise DocumentError(f"{name}: the feed item has no text and no link to fetch")
        page = parse_html(name, _wrapped(item))
    published, how = (item.published, "feed") if item.published else (page.published, page.published_how)
    warnings = [w for w in page.warnings if not (item.published and w.startswith("no publication date"))]
    return replace(
        page, path=name, title=item.title or page.title, author=item.author or page.author,
        source=page.source if fetched and page.source else (feed.title or page.source),
        published=published, published_how=how, warnings=warnings,
        fetched_url=page.fetched_url or item.link,
        canonical_url=page.canonical_url or item.link, url=page.canonical_url or item.link,
    )
