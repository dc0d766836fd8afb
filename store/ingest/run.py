"""Files, pages and feeds into the store: read, extract, resolve actors, merge events.

Each document is all-or-nothing (a savepoint); ingest commits a batch of whole documents every
BATCH_SECONDS, because a commit per document (FTS segment flush, WAL frames) cost ~20 % of the
ingest. A kill loses at most the documents of the open batch, never part of one.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from store.db.connect import connect
from store.extract.lexicon import lexicon, seeds_dir, targets
from store.extract.mentions import MentionFinder
from store.extract.pipeline import Extraction, extract
from store.ingest.documents import Document
from store.ingest.feeds import FEED_SUFFIXES
from store.ingest.fetch import Validators, is_url
from store.ingest.sources import TEXT_SUFFIXES, Fetcher, Reader, Source, remember
from store.ingest.web import HTML_SUFFIXES
from store.ingest.writer import FileResult, Writer, make_finder

# What a folder is searched for (.xml only when named: too many XML files are no feeds).
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | (FEED_SUFFIXES - {".xml"})
Progress = Callable[[int, int, str], None]
# Long enough to share a commit between many documents, short enough that an open dashboard
# shows new events at once and a second writer waits little.
BATCH_SECONDS = 0.25
_PR_SET_PDEATHSIG = 1   # <sys/prctl.h>


def bundled_seeds_dir() -> Path:
    return seeds_dir()


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    feed_titles: dict[str, str] = field(default_factory=dict)     # feed URL or file: its title

    def _sum(self, attr: str) -> int:
        return sum(getattr(f, attr) for f in self.files)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "error"]

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        new = sum(f.status == "new" for f in self.files)
        same = sum(f.status == "unchanged" for f in self.files)
        merged = self._sum("merged_events")
        return (
            f"{counted(new, 'new document')} ({same} already stored, {len(self.failed)} "
            f"failed); {counted(self._sum('new_events'), 'new event')}, {merged} merged into "
            f"{'an existing event' if merged == 1 else 'existing events'}; "
            f"{counted(self._sum('new_actors'), 'new actor')}"
        )


def counted(n: int, noun: str) -> str:
    """`1 new document`, `0 new documents`, `2 new documents`."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def collect_paths(paths: Iterable[str | Path]) -> tuple[list[Path | str], list[FileResult]]:
    """Files and URLs to read, in a stable order; missing paths are reported, not fatal."""
    files: list[Path | str] = []
    missing: list[FileResult] = []
    for given in paths:
        if isinstance(given, str) and is_url(given):
            files.append(given)
            continue
        p = Path(given)
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            missing.append(FileResult(str(p), "error", f"{p}: no such file or directory"))
    return files, missing


_worker: tuple[MentionFinder, set[str]] | None = None


def extract_document(doc: Document) -> Extraction:
    """Pure extraction of one document (runs in worker processes with --jobs)."""
    global _worker
    if _worker is None:
        _worker = (make_finder(), {t.id for t in targets()})
    finder, target_ids = _worker
    return extract(doc.body, doc.published, finder, lexicon(), target_ids)


def _documents(reader: Reader, inputs: list[Path | str], known: set[str], report: IngestReport,
               sources: list[Source], progress: Progress | None) -> Iterator[Document]:
    """Every input's documents as they are read (URLs fetched); text stored already is left out."""
    for i, given in enumerate(inputs):
        if progress and isinstance(given, str):
            progress(i, 0, given)
        source = Source(str(given))
        sources.append(source)
        reported = 0
        for doc in reader.stream(given, source):
            report.files.extend(source.results[reported:])
            reported = len(source.results)
            if doc.sha256 in known:
                report.files.append(FileResult(doc.path, "unchanged"))
                continue
            known.add(doc.sha256)
            yield doc
        report.files.extend(source.results[reported:])
        if source.title:
            report.feed_titles[source.name] = source.title


def ingest_paths(db_path: str | Path, paths: Iterable[str | Path], *,
                 progress: Progress | None = None, jobs: int = 1,
                 fetcher: Fetcher | None = None) -> IngestReport:
    """Files, folders and URLs into the store. Nothing is fetched but the URLs given and the
    pages of feed items that carry only a summary."""
    inputs, missing = collect_paths(paths)
    report = IngestReport(list(missing))
    conn = connect(db_path, write=True)
    try:
        writer = Writer(conn)
        known = {r[0] for r in conn.execute("SELECT sha256 FROM documents")}
        note = (lambda url: progress(0, 0, url)) if progress else None
        reader = Reader(conn, fetcher, note) if fetcher else Reader(conn, note=note)
        sources: list[Source] = []
        stream = _documents(reader, inputs, known, report, sources, progress)
        # Files are read first, so the bar knows its total; fetched documents are written as
        # they arrive (total unknown), so a kill mid-update keeps every page fetched before it.
        fetching = any(isinstance(i, str) or i.suffix.lower() in FEED_SUFFIXES for i in inputs)
        pairs: Iterable[tuple[Document, Extraction | BaseException]]
        if fetching:
            total = 0
            pairs = ((d, _safe_extract(d)) for d in stream)       # one at a time, as fetched
        else:
            docs = list(stream)
            total = len(docs)
            pairs = zip(docs, _extract_all(docs, jobs), strict=True)
        if progress:
            progress(0, total, "")
        # Extract until a batch's worth of time has passed, then write the batch in one
        # transaction: the write lock is held only while writing, never while extracting.
        batch: list[tuple[Document, Extraction | BaseException]] = []
        started = time.monotonic()
        done = 0
        for doc, ex in pairs:
            batch.append((doc, ex))
            if time.monotonic() - started >= BATCH_SECONDS:
                done = _write_batch(writer, batch, report, progress, done, total)
                batch, started = [], time.monotonic()
        _write_batch(writer, batch, report, progress, done, total)
        remember(conn, _complete(sources, report))
    finally:
        conn.close()
    return report


def _complete(sources: list[Source], report: IngestReport) -> list[tuple[str, Validators]]:
    """The validators of the sources all of whose documents are stored: a feed with an item
    that failed is fetched whole again next time, so the item gets another try."""
    failed = {f.path for f in report.failed}
    return [v for s in sources
            if not any(r.status == "error" for r in s.results)
            and not any(d.path in failed for d in s.docs)
            for v in s.remember]


def _write_batch(writer: Writer, batch: list[tuple[Document, Extraction | BaseException]],
                 report: IngestReport, progress: Progress | None, done: int, total: int) -> int:
    if not batch:
        return done
    writer.begin()
    try:
        for doc, ex in batch:
            try:
                if isinstance(ex, BaseException):
                    raise ex
                report.files.append(writer.write(doc, ex))
            except (sqlite3.Error, ValueError, KeyError, TypeError, RecursionError) as exc:
                report.files.append(FileResult(doc.path, "error", f"{doc.path}: {exc}"))
            done += 1
            if progress:
                progress(done, total, doc.path)
    finally:
        writer.commit()     # the whole documents so far, even when interrupted
    return done


def _safe_extract(doc: Document) -> Extraction | BaseException:
    try:
        return extract_document(doc)
    except (ValueError, KeyError, TypeError, RecursionError, IndexError) as exc:
        return exc


def _extract_all(docs: list[Document], jobs: int) -> Iterable[Extraction | BaseException]:
    if jobs <= 1 or len(docs) < 2:
        return (_safe_extract(d) for d in docs)
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_exit_with_parent,
                               initargs=(os.getpid(),))
    # Several documents per task: one task per document spent more on pickling and the
    # pool's queues than the workers saved.
    chunk = max(1, min(16, len(docs) // (jobs * 8)))
    results = pool.map(_safe_extract, docs, chunksize=chunk)

    def ordered() -> Iterable[Extraction | BaseException]:
        try:
            yield from results
        finally:
            pool.shutdown(cancel_futures=True)
    return ordered()


def _exit_with_parent(parent: int) -> None:
    """Pool initializer: if `thaw ingest` is killed (SIGKILL, OOM), its idle workers would wait
    on the task queue forever, holding the terminal's pipes; leave as soon as it is gone."""
    if sys.platform.startswith("linux"):
        # The kernel kills us with the parent, even while a long regex holds the GIL and the
        # watch thread below could not run.
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
            if os.getppid() != parent:      # it died before prctl took effect
                os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
