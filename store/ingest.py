"""Files into the store: read, extract, resolve actors, merge events.

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
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from store.db import connect
from store.documents import Document, DocumentError, read_document
from store.events import Report
from store.extract import Extraction, extract
from store.gazetteer import load_gazetteer
from store.mentions import Mention, MentionFinder
from store.merge import Resolved, add_report, record_sanction
from store.search import ActorEntry, ActorIndex, load_index
from store.seeddata import authorities, lexicon, seeds_dir, targets

SUFFIXES = {".md", ".txt", ".markdown"}
Progress = Callable[[int, int, str], None]
# Long enough to share a commit between many documents, short enough that an open dashboard
# shows new events at once and a second writer waits little.
BATCH_SECONDS = 0.25
_PR_SET_PDEATHSIG = 1   # <sys/prctl.h>


def bundled_seeds_dir() -> Path:
    return seeds_dir()


@dataclass
class FileResult:
    path: str
    status: str                      # new | unchanged | error
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    new_events: int = 0
    merged_events: int = 0
    new_actors: int = 0


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

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
        return (
            f"{new} new documents ({same} already stored, {len(self.failed)} failed); "
            f"{self._sum('new_events')} new events, {self._sum('merged_events')} merged into "
            f"existing events; {self._sum('new_actors')} new actors"
        )


def collect_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to read, in a stable order; missing paths are reported, not fatal."""
    files: list[Path] = []
    missing: list[FileResult] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            missing.append(FileResult(str(p), "error", f"{p}: no such file or directory"))
    return files, missing


def make_finder() -> MentionFinder:
    gaz = load_gazetteer()
    return MentionFinder(
        [(a.id, a.kind, [a.name, *a.aliases]) for a in gaz], targets(), authorities(),
        given_names=_given_names(),
    )


def _given_names() -> set[str]:
    try:
        from store.names import given_names
    except ImportError:     # names.py without the table: cues alone find people
        return set()
    return set(given_names())


_worker: tuple[MentionFinder, set[str]] | None = None


def extract_document(doc: Document) -> Extraction:
    """Pure extraction of one document (runs in worker processes with --jobs)."""
    global _worker
    if _worker is None:
        _worker = (make_finder(), {t.id for t in targets()})
    finder, target_ids = _worker
    return extract(doc.body, doc.published, finder, lexicon(), target_ids)


class Writer:
    """The one writer: keeps the actor index in step with the store it writes to."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.bootstrap()
        self.index: ActorIndex = load_index(conn)
        self.slugs = dict(conn.execute("SELECT slug, id FROM actors WHERE slug IS NOT NULL"))
        self.names = dict(conn.execute("SELECT id, name FROM actors"))
        finder = make_finder()
        # Authorities as actors: the gazetteer entry that carries the authority's name.
        self.authority_actor: dict[str, int] = {}
        for a in authorities():
            for alias in (a.name, *a.aliases):
                hit = finder.by_alias.get(alias)
                if hit and hit[0].startswith("g:") and hit[0][2:] in self.slugs:
                    self.authority_actor[a.code] = self.slugs[hit[0][2:]]
                    break
        self._data_version = self._version()

    def _version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def bootstrap(self) -> None:
        """Gazetteer actors and sanction targets into the store (idempotent)."""
        conn = self.conn
        with conn:
            for a in load_gazetteer():
                conn.execute(
                    "INSERT INTO actors (name, kind, affiliation, discovered, slug)"
                    " VALUES (?,?,?,0,?) ON CONFLICT(slug) DO NOTHING",
                    (a.name, a.kind, a.affiliation, a.id),
                )
                actor_id = conn.execute("SELECT id FROM actors WHERE slug = ?", (a.id,)).fetchone()[0]
                conn.executemany(
                    "INSERT OR IGNORE INTO aliases (actor_id, alias, origin) VALUES (?,?,'gazetteer')",
                    [(actor_id, alias) for alias in a.aliases if alias != a.name],
                )
                if not conn.execute("SELECT 1 FROM actor_roles WHERE actor_id = ?", (actor_id,)).fetchone():
                    conn.executemany(
                        "INSERT INTO actor_roles (actor_id, role, start, \"end\") VALUES (?,?,?,?)",
                        [(actor_id, r.get("role"), r.get("start"), r.get("end")) for r in a.roles],
                    )
            for t in targets():
                conn.execute(
                    "INSERT INTO actors (name, kind, discovered, slug) VALUES (?,?,0,?)"
                    " ON CONFLICT(slug) DO NOTHING",
                    (t.name, t.kind, t.id),
                )
                actor_id = conn.execute("SELECT id FROM actors WHERE slug = ?", (t.id,)).fetchone()[0]
                conn.executemany(
                    "INSERT OR IGNORE INTO aliases (actor_id, alias, origin) VALUES (?,?,'gazetteer')",
                    [(actor_id, alias) for alias in t.aliases if alias != t.name],
                )

    def _actor(self, m: Mention, new: list[int]) -> int:
        if m.ref[:2] in ("g:", "t:"):
            return self.slugs[m.ref[2:]]
        name = m.ref[2:]
        found = self.index.resolve(name, m.kind)
        if found is not None:
            return found
        cur = self.conn.execute(
            "INSERT INTO actors (name, kind, discovered) VALUES (?,?,1)", (name, m.kind)
        )
        actor_id = int(cur.lastrowid)
        self.index.add(ActorEntry(actor_id, name, m.kind, [name]))
        self.names[actor_id] = name
        new.append(actor_id)
        return actor_id

    def begin(self) -> None:
        """Open a batch: documents written until commit() share one transaction."""
        self.conn.execute("BEGIN IMMEDIATE")
        version = self._version()
        if version != self._data_version:
            # Another process committed since our last write: its new actors must resolve
            # here too, not be created a second time.
            self._reload()
            self._data_version = version

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def _reload(self) -> None:
        self.index = load_index(self.conn)
        self.names = dict(self.conn.execute("SELECT id, name FROM actors"))

    def write(self, doc: Document, ex: Extraction) -> FileResult:
        """Store one document whole or not at all; commits it unless a batch is open."""
        conn = self.conn
        own = not conn.in_transaction
        if own:
            self.begin()
        conn.execute("SAVEPOINT doc")
        try:
            result = self._write(doc, ex)
            conn.execute("RELEASE doc")
        except BaseException:
            if conn.in_transaction:     # SQLite may have rolled back already (disk full)
                conn.execute("ROLLBACK TO doc")
                conn.execute("RELEASE doc")
                if own:
                    conn.execute("ROLLBACK")
            # Actors added to the in-memory index for this document no longer exist.
            self._reload()
            raise
        if own:
            self.commit()
        return result

    def _write(self, doc: Document, ex: Extraction) -> FileResult:
        result = FileResult(doc.path, "new", warnings=list(doc.warnings))
        conn = self.conn
        new_actors: list[int] = []
        if conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone():
            return FileResult(doc.path, "unchanged")
        cur = conn.execute(
            "INSERT INTO documents (sha256, path, title, source, author, url, published,"
            " published_how, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
            (doc.sha256, doc.path, doc.title, doc.source, doc.author, doc.url,
             doc.published.isoformat() if doc.published else None, doc.published_how,
             doc.body, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        doc_id = int(cur.lastrowid)
        ids: dict[str, int] = {}
        rows: list[tuple[int, int, str, str]] = []
        spellings: set[tuple[int, str]] = set()
        for sm in ex.mentions:
            for m in sm.mentions:
                actor_id = self._actor(m, new_actors)
                ids[m.ref] = actor_id
                rows.append((actor_id, doc_id, m.surface, sm.text))
                if m.surface != self.names.get(actor_id):
                    spellings.add((actor_id, m.surface))
        conn.executemany(
            "INSERT INTO mentions (actor_id, document_id, surface, sentence) VALUES (?,?,?,?)",
            rows,
        )
        seen_aliases: list[tuple[int, str]] = []
        for actor_id, surface in sorted(spellings):
            cur = conn.execute(
                "INSERT OR IGNORE INTO aliases (actor_id, alias, origin) VALUES (?,?,'seen')",
                (actor_id, surface),
            )
            if cur.rowcount:
                seen_aliases.append((actor_id, surface))
        repeated: set[str] = set()
        for rep in ex.reports:
            # The same sentence told again in one document (a page repeated, a pasted block)
            # adds no source, date or actor: skip it rather than merge it again.
            key = repr(replace(rep, sentence=0))
            if key not in repeated:
                repeated.add(key)
                self._report(rep, ids, doc_id, result)
        for actor_id, alias in seen_aliases:
            self.index.add_alias(actor_id, alias)
        result.new_actors = len(new_actors)
        return result

    def _report(self, rep: Report, ids: dict[str, int], doc_id: int, result: FileResult) -> None:
        actors = [(ids[a.ref], a.role) for a in rep.actors if a.ref in ids]
        target_id = ids.get(rep.target) if rep.target else None
        if rep.target and target_id is None:
            target_id = self.slugs.get(rep.target[2:])
        if rep.authority and rep.authority in self.authority_actor:
            # Embassies and borders belong to a country; sanctions name their authority.
            role = "actor" if rep.type in ("embassy", "border") else "authority"
            actors.append((self.authority_actor[rep.authority], role))
        if target_id is not None:
            actors.append((target_id, "target"))
        place = self.names.get(ids[rep.place]) if rep.place in ids else None
        names = {a: self.names.get(a, "?") for a, _ in actors}
        if target_id is not None:
            names[target_id] = self.names.get(target_id, "?")
        res = Resolved(rep, actors, target_id, place, names)
        event_id: int | None = None
        if rep.type:
            event_id, merged = add_report(self.conn, res, doc_id)
            if event_id is None:
                pass        # a denial with nothing to deny
            elif merged:
                result.merged_events += 1
            else:
                result.new_events += 1
        if rep.status and target_id is not None and rep.authority:
            record_sanction(self.conn, target_id, rep.authority, rep.status, event_id, doc_id, rep)


def ingest_paths(db_path: str | Path, paths: Iterable[str | Path], *,
                 progress: Progress | None = None, jobs: int = 1) -> IngestReport:
    files, missing = collect_paths(paths)
    report = IngestReport(list(missing))
    conn = connect(db_path, write=True)
    try:
        writer = Writer(conn)
        known = {r[0] for r in conn.execute("SELECT sha256 FROM documents")}
        docs: list[Document] = []
        for path in files:
            try:
                doc = read_document(path)
            except DocumentError as exc:
                report.files.append(FileResult(str(path), "error", str(exc)))
                continue
            except OSError as exc:
                report.files.append(FileResult(str(path), "error", f"{path}: {exc.strerror or exc}"))
                continue
            if doc.sha256 in known:
                report.files.append(FileResult(str(path), "unchanged"))
                continue
            known.add(doc.sha256)
            docs.append(doc)
        total = len(docs)
        if progress:
            progress(0, total, "")
        # Extract until a batch's worth of time has passed, then write the batch in one
        # transaction: the write lock is held only while writing, never while extracting.
        batch: list[tuple[Document, Extraction | BaseException]] = []
        started = time.monotonic()
        done = 0
        for doc, ex in zip(docs, _extract_all(docs, jobs), strict=True):
            batch.append((doc, ex))
            if time.monotonic() - started >= BATCH_SECONDS:
                done = _write_batch(writer, batch, report, progress, done, total)
                batch, started = [], time.monotonic()
        _write_batch(writer, batch, report, progress, done, total)
    finally:
        conn.close()
    return report


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
