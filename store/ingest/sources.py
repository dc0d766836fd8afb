"""What `thaw ingest` was given, as documents: article files, saved pages, feeds and URLs.

A `Source` is one input as the user named it (a file or a URL) with the documents it yielded,
what it refused (one line each, naming the file or URL) and the HTTP validators to remember
once all its documents are stored. Remembering them only then is what lets an interrupted
update finish next time: an unremembered feed is fetched again, and its items already stored
are recognised by their link without being fetched.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from store.ingest.documents import Document, DocumentError, parse_document, read_bytes
from store.ingest.feeds import FEED_SUFFIXES, Feed, FeedItem, item_document, looks_like_feed, parse_feed
from store.ingest.fetch import Fetched, FetchError, Validators, fetch, is_url
from store.ingest.web import HTML_SUFFIXES, looks_like_html, parse_html
from store.ingest.writer import FileResult

TEXT_SUFFIXES = {".md", ".txt", ".markdown"}
_FEED_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml"}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
Fetcher = Callable[[str, Validators | None], Fetched]
Note = Callable[[str], None]


@dataclass
class Source:
    name: str
    title: str | None = None                                    # a feed's own title
    docs: list[Document] = field(default_factory=list)
    results: list[FileResult] = field(default_factory=list)    # refused or already stored
    remember: list[tuple[str, Validators]] = field(default_factory=list)

    def refuse(self, message: str, path: str | None = None) -> Source:
        self.results.append(FileResult(path or self.name, "error", message))
        return self

    def unchanged(self, path: str | None = None) -> Source:
        self.results.append(FileResult(path or self.name, "unchanged"))
        return self


class Reader:
    """Reads inputs into Sources, knowing which URLs the store already holds."""

    def __init__(self, conn: sqlite3.Connection, fetcher: Fetcher = fetch,
                 note: Note | None = None) -> None:
        self.fetcher = fetcher
        self.note = note or (lambda _name: None)
        self.known_urls = {u for row in conn.execute(
            "SELECT fetched_url, canonical_url FROM documents WHERE fetched_url IS NOT NULL"
            " OR canonical_url IS NOT NULL") for u in row if u}
        self.cache = {url: Validators(etag, modified) for url, etag, modified in conn.execute(
            "SELECT url, etag, last_modified FROM http_cache")}

    def read(self, spec: str | Path) -> Source:
        """All of one input at once."""
        source = Source(str(spec))
        for _doc in self.stream(spec, source):
            pass
        return source

    def stream(self, spec: str | Path, source: Source) -> Iterator[Document]:
        """One input's documents as they are read (a feed's pages as they are fetched, so a
        writer can store each before the next is fetched); refusals go to `source.results`."""
        if isinstance(spec, str) and is_url(spec):
            return self._url(spec, source)
        return self._file(Path(spec), source)

    # -- files ------------------------------------------------------------------------------

    def _file(self, path: Path, source: Source) -> Iterator[Document]:
        try:
            data = read_bytes(path)
            suffix = path.suffix.lower()
            if suffix in TEXT_SUFFIXES:
                yield self._keep(source, parse_document(str(path), data))
            elif suffix not in HTML_SUFFIXES and looks_like_feed(data):
                yield from self._feed(source, parse_feed(str(path), data))
            elif suffix in HTML_SUFFIXES or looks_like_html(data):
                yield self._keep(source, parse_html(str(path), data))
            elif suffix in FEED_SUFFIXES:
                raise DocumentError(f"{path}: not an RSS or Atom feed")
            else:
                yield self._keep(source, parse_document(str(path), data))
        except DocumentError as exc:
            source.refuse(str(exc))

    # -- URLs -------------------------------------------------------------------------------

    def _url(self, url: str, source: Source) -> Iterator[Document]:
        self.note(url)
        try:
            got = self.fetcher(url, self.cache.get(url))
            if got.not_modified:
                source.unchanged()
                return
            if got.content_type in _FEED_TYPES or (
                    got.content_type not in _HTML_TYPES and looks_like_feed(got.body)):
                yield from self._feed(source, parse_feed(url, got.body))
            else:
                yield self._keep(source, self._page(url, got))
        except (FetchError, DocumentError) as exc:
            source.refuse(str(exc))
            return
        if got.validators.etag or got.validators.last_modified:
            source.remember.append((url, got.validators))

    def _page(self, url: str, got: Fetched) -> Document:
        """A fetched page (HTML, or plain text) as a Document that keeps the URL it came from."""
        if got.content_type in _HTML_TYPES or looks_like_html(got.body):
            doc = parse_html(url, got.body, url=got.final_url, charset=got.charset)
        elif got.content_type.startswith("text/") or not got.content_type:
            doc = parse_document(url, got.body)
            doc = replace(doc, canonical_url=doc.url or got.final_url)
        else:
            raise DocumentError(f"{url}: not a web page or feed ({got.content_type})")
        return replace(doc, fetched_url=url)

    # -- feeds ------------------------------------------------------------------------------

    def _feed(self, source: Source, feed: Feed) -> Iterator[Document]:
        source.title = feed.title
        for warning in feed.warnings:
            source.results.append(FileResult(source.name, "warning", warnings=[warning]))
        if not feed.items:
            source.results.append(FileResult(source.name, "warning",
                                             warnings=["the feed has no items"]))
        for item in feed.items:
            name = item.name(source.name)
            if item.link and item.link in self.known_urls:
                source.unchanged(name)
                continue
            try:
                doc = item_document(source.name, feed, item, self._item_page(item))
            except (FetchError, DocumentError) as exc:
                source.refuse(str(exc), name)
                continue
            yield self._keep(source, doc)

    def _item_page(self, item: FeedItem) -> Document | None:
        """The item's page, when the item carries only a summary of it."""
        if item.full or not item.link:
            return None
        self.note(item.link)
        return self._page(item.link, self.fetcher(item.link, None))

    def _keep(self, source: Source, doc: Document) -> Document:
        source.docs.append(doc)
        self.known_urls.update(u for u in (doc.fetched_url, doc.canonical_url) if u)
        return doc


def remember(conn: sqlite3.Connection, validators: list[tuple[str, Validators]]) -> None:
    """Save what makes the next fetch of these URLs conditional (one transaction)."""
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with conn:
        conn.executemany(
            "INSERT INTO http_cache (url, etag, last_modified, fetched_at) VALUES (?,?,?,?)"
            " ON CONFLICT(url) DO UPDATE SET etag = excluded.etag,"
            " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
            [(url, v.etag, v.last_modified, now) for url, v in validators])
