"""The one writer: a document's mentions, actors and reports into the store, whole or not at all."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from store.correct import has_corrections, replay
from store.db.schema import ensure_merge_indexes
from store.extract.events import Report
from store.extract.lexicon import authorities, seeds_dir, targets
from store.extract.mentions import Mention, MentionFinder, Ref
from store.extract.pipeline import Extraction
from store.identity.gazetteer import load_gazetteer
from store.identity.search import ActorEntry, ActorIndex, load_index
from store.ingest.documents import Document
from store.merge.history import record_sanction, refresh_status
from store.merge.match import Resolved
from store.merge.write import add_report

CACHE_KIB = 64 * 1024               # the writer's page cache
MMAP_BYTES = 256 * 1024 * 1024      # the store read through the OS page cache, no copy


@dataclass
class FileResult:
    path: str
    status: str                      # new | unchanged | error | warning (about a feed)
    message: str = ""
    warnings: list[str] = field(default_factory=list)
    new_events: int = 0
    merged_events: int = 0           # into events stored before this ingest
    new_actors: int = 0


def make_finder() -> MentionFinder:
    """The finder of the seeds in use, built once per process: the writer (for authorities'
    names) and extraction share it (a second build cost ~12 ms of every `thaw ingest`)."""
    return _finder(seeds_dir())


@lru_cache(maxsize=1)
def _finder(_seeds: Path) -> MentionFinder:
    gaz = load_gazetteer()
    return MentionFinder(
        [(a.id, a.kind, [a.name, *a.aliases]) for a in gaz], targets(), authorities(),
        given_names=_given_names(),
        affiliations={a.id: a.affiliation for a in gaz if a.affiliation},
        titles=[(t, a.id) for a in gaz for t in a.titles],
    )


def _given_names() -> set[str]:
    try:
        from store.identity.names import given_names
    except ImportError:     # names.py without the table: cues alone find people
        return set()
    return set(given_names())


def _plain_fields(rep: Report) -> tuple[object, ...]:
    """A report's fields but its list of actors and where in the document its sentence stands:
    with the actors, what tells one report from the same sentence told again."""
    return tuple(v for k, v in vars(rep).items() if k not in ("sentence", "actors"))


class Writer:
    """The one writer: keeps the actor index in step with the store it writes to."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # The merge reads the events and participants indexes over and over: with SQLite's
        # 2 MiB default page cache a store of thousands of articles is re-read from the file
        # for every report.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
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
                if hit and hit[0].source == "gazetteer" and hit[0].key in self.slugs:
                    self.authority_actor[a.code] = self.slugs[hit[0].key]
                    break
        # Companies in a sector (seeds/sanctions.yaml): the sector's changes are theirs too.
        self.sector_of = {self.slugs[t.id]: self.slugs[t.sector] for t in targets()
                          if t.sector and t.id in self.slugs and t.sector in self.slugs}
        self.members: dict[int, tuple[int, ...]] = {}
        for company, sector in self.sector_of.items():
            self.members[sector] = (*self.members.get(sector, ()), company)
        self._stale: set[int] = set()    # sanctions whose history grew in the open batch
        self._data_version = self._version()
        # Events this writer created: a report merged into one of them adds a source to an
        # event of this ingest, not to one that existed before it.
        self.created: set[int] = set()

    def _version(self) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def bootstrap(self) -> None:
        """Gazetteer actors, sanction targets and the merge's indexes into the store
        (idempotent); inside the caller's transaction when one is open (`thaw reextract`), else
        in its own."""
        if self.conn.in_transaction:
            self._bootstrap()
        else:
            with self.conn:
                self._bootstrap()

    def _bootstrap(self) -> None:
        conn = self.conn
        ensure_merge_indexes(conn)
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
        if m.ref.source in ("gazetteer", "target"):
            return self.slugs[m.ref.key]
        name = m.ref.key
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

    def refresh_board(self) -> None:
        """Each sanction the batch reported on gets its status once, from its whole history."""
        for sanction_id in sorted(self._stale):
            refresh_status(self.conn, sanction_id)
        self._stale.clear()

    def commit(self) -> None:
        if self.conn.in_transaction:
            self.refresh_board()
            # The analyst's corrections stay on top of what this batch merged or re-derived.
            if has_corrections(self.conn):
                replay(self.conn)
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

    def stored(self, doc: Document) -> bool:
        """The same text, or the same page reached another way (a file, a feed item, a URL)."""
        if self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone():
            return True
        return doc.canonical_url is not None and self.conn.execute(
            "SELECT 1 FROM documents WHERE canonical_url = ?", (doc.canonical_url,)).fetchone() is not None

    def _write(self, doc: Document, ex: Extraction) -> FileResult:
        result = FileResult(doc.path, "new", warnings=list(doc.warnings))
        conn = self.conn
        new_actors: list[int] = []
        if self.stored(doc):
            return FileResult(doc.path, "unchanged")
        cur = conn.execute(
            "INSERT INTO documents (sha256, path, title, source, author, url, published,"
            " published_how, text, ingested_at, fetched_url, canonical_url)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.sha256, doc.path, doc.title, doc.source, doc.author, doc.url,
             doc.published.isoformat() if doc.published else None, doc.published_how,
             doc.body, datetime.now(UTC).isoformat(timespec="seconds"), doc.fetched_url,
             doc.canonical_url),
        )
        self.extraction(int(cur.lastrowid), ex, result, new_actors)
        return result

    def extraction(self, doc_id: int, ex: Extraction, result: FileResult,
                   new_actors: list[int]) -> None:
        """A stored document's mentions, spellings and reports (also `thaw reextract`)."""
        conn = self.conn
        ids: dict[Ref, int] = {}
        rows: list[tuple[int, int, str, str]] = []
        spellings: set[tuple[int, str]] = set()
        for sm in ex.mentions:
            for m in sm.mentions:
                actor_id = self._actor(m, new_actors)
                ids[m.ref] = actor_id
                rows.append((actor_id, doc_id, m.surface, sm.text))
                if m.surface != self.names.get(actor_id) and not m.title:
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
        told: dict[tuple[object, ...], list[Report]] = {}
        for rep in ex.reports:
            # The same sentence told again in one document (a page repeated, a pasted block)
            # adds no source, date or actor: skip it rather than merge it again.
            same = told.setdefault(_plain_fields(rep), [])
            if not any(rep.actors == other.actors for other in same):
                same.append(rep)
                self._report(rep, ids, doc_id, result)
        for actor_id, alias in seen_aliases:
            self.index.add_alias(actor_id, alias)
        result.new_actors = len(new_actors)

    def _known(self, ref: Ref) -> int | None:
        """A gazetteer actor a report names without a mention (a place's country)."""
        return self.slugs.get(ref.key) if ref.source == "gazetteer" else None

    def _report(self, rep: Report, ids: dict[Ref, int], doc_id: int, result: FileResult) -> None:
        actors = [(actor_id, a.role) for a in rep.actors
                  if (actor_id := ids.get(a.ref) or self._known(a.ref)) is not None]
        target_ids = [t for t in (ids.get(ref) or self.slugs.get(ref.key) for ref in rep.targets)
                      if t is not None]
        target_id = target_ids[0] if target_ids else None
        if rep.authority and rep.authority in self.authority_actor:
            # Embassies and borders belong to a country; sanctions name their authority.
            role = "actor" if rep.type in ("embassy", "border") else "authority"
            actors.append((self.authority_actor[rep.authority], role))
        actors += [(t, "target") for t in target_ids]
        place = self.names.get(ids[rep.place]) if rep.place in ids else None
        names = {a: self.names.get(a, "?") for a, _ in actors}
        res = Resolved(rep, actors, target_id, place, names)
        event_id: int | None = None
        if rep.type:
            event_id, merged = add_report(self.conn, res, doc_id)
            if event_id is None:
                pass        # a denial with nothing to deny
            elif not merged:
                self.created.add(event_id)
                result.new_events += 1
            elif event_id not in self.created:
                result.merged_events += 1
        if rep.status and rep.authority:
            for t in target_ids:
                self._stale |= record_sanction(
                    self.conn, t, rep.authority, rep.status, event_id, doc_id, rep,
                    sector=self.sector_of.get(t), members=self.members.get(t, ()))
