"""Fill a store directly through store/db/schema.py: dashboard-scale stores in seconds.

    .venv/bin/python benchmarks/fill.py OUT.db [--events 100000] [--actors 10000] [--seed 1]

Ingesting the ~17,000 synthetic articles a 100,000-event store needs through the real
extractor takes far longer than a benchmark run, so the dashboard-scale figures use a store
written row by row here instead: the gazetteer and sanction targets exactly as ingest writes
them (store.ingest.writer.Writer bootstraps them), generated people with three spellings each (the
names of benchmarks/bench_search.py), and events of every type with actors in roles, sources
with quotes, conflicts, mentions, sanctions with histories, and both FTS indexes kept by the
schema's own triggers. Deterministic from the seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_search import synthetic_people  # noqa: E402

from store.db.connect import connect  # noqa: E402
from store.extract.lexicon import targets  # noqa: E402
from store.ingest.writer import Writer  # noqa: E402

# (type, CAMEO, roles of its participants) — the extractor's event types.
TYPES = [
    ("visit", "042", ("visitor", "host")), ("meeting", "040", ("participant", "participant")),
    ("call", "041", ("participant", "participant")), ("letter", "051", ("sender", "recipient")),
    ("statement", "010", ("speaker",)), ("release", "0841", ("releasing", "released")),
    ("arrest", "173", ("arresting", "arrested")), ("appointment", "056", ("appointee",)),
    ("sanctions_imposed", "163", ("authority", "target")),
    ("sanctions_eased", "085", ("authority", "target")),
    ("sanctions_lifted", "085", ("authority", "target")),
    ("embassy", "054", ("actor",)), ("exercise", "150", ("participant",)),
]
WEIGHTS = [14, 10, 6, 4, 20, 14, 10, 3, 5, 3, 2, 2, 2]
AUTHORITIES = ["US", "EU", "UK", "LT", "PL", "CA"]
STATUSES = ["in_force", "eased", "lifted", "proposed"]


def summary(etype: str, names: list[str], count: int | None, place: str) -> str:
    if etype == "visit":
        return f"{names[0]} visits {place}, hosted by {names[-1]}"
    if etype in ("meeting", "call"):
        return f"{'Meeting' if etype == 'meeting' else 'Phone call'}: {' and '.join(names)}"
    if etype == "release":
        return f"Release of {count} people, including {names[-1]} by {names[0]}"
    if etype == "arrest":
        return f"Arrest of {names[-1]}"
    if etype == "statement":
        return f"{names[0]}: “dialogue is better than isolation”"
    if etype.startswith("sanctions_"):
        return f"{names[0]} {etype[10:]} sanctions on {names[-1]}"
    return f"{etype.capitalize()}: {', '.join(names)}"


def fill(path: Path, n_events: int, n_actors: int, seed: int = 1) -> dict[str, int]:
    """Write the store; returns its row counts."""
    rng = random.Random(seed)
    conn = connect(path)
    writer = Writer(conn)           # gazetteer actors and targets, as ingest writes them
    slugs = writer.slugs
    ids: list[int] = [i for (i,) in conn.execute("SELECT id FROM actors")]
    names: dict[int, str] = dict(conn.execute("SELECT id, name FROM actors"))
    people = synthetic_people(max(0, n_actors - len(ids)), rng)
    # Spellings the store does not hold (Cyrillic and other romanisations): what users type.
    queries_path = Path(f"{path}.queries.json")
    queries_path.write_text(json.dumps([others[0] for _c, _s, others in people if others],
                                       ensure_ascii=False), encoding="utf-8")
    conn.execute("BEGIN")
    for canonical, spellings, _others in people:
        cur = conn.execute("INSERT INTO actors (name, kind, discovered) VALUES (?, 'person', 1)",
                           (canonical,))
        actor_id = int(cur.lastrowid)
        ids.append(actor_id)
        names[actor_id] = canonical
        conn.executemany("INSERT OR IGNORE INTO aliases (actor_id, alias, origin) VALUES (?,?,'seen')",
                         [(actor_id, s) for s in spellings if s != canonical])
    # A few actors appear in many events, most in few: as in news.
    weights = [1.0 / (i + 10) for i in range(len(ids))]
    rng.shuffle(weights)
    cum = list(accumulate(weights))   # choices() would re-sum 10,000 weights per event
    places = [names[slugs[s]] for s in ("minsk", "vilnius", "warsaw", "washington-dc") if s in slugs]
    target_ids = [slugs[t.id] for t in targets() if t.id in slugs]
    n_docs = max(5, n_events // 5)
    start = date(2019, 1, 1)
    docs = []
    for d in range(n_docs):
        pub = start + timedelta(days=rng.randrange(7 * 365))
        docs.append((f"{seed:04d}{d:012d}", f"fill/doc-{d:06d}.md", f"Synthetic article {d}",
                     rng.choice(["Belarus Wire", "Minsk Monitor", "Eastern Desk"]), None, None,
                     pub.isoformat(), "front_matter",
                     f"Synthetic article {d}. Officials met in Minsk. Prisoners were freed.",
                     "2026-01-01T00:00:00+00:00"))
    conn.executemany(
        "INSERT INTO documents (sha256, path, title, source, author, url, published, published_how,"
        " text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)", docs)
    doc_ids = [i for (i,) in conn.execute("SELECT id FROM documents ORDER BY id")]
    doc_pub = dict(conn.execute("SELECT id, published FROM documents"))
    events, ev_actors, sources, conflicts, mentions = [], [], [], [], []
    first_event = (conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]) + 1
    for n in range(n_events):
        event_id = first_event + n
        etype, cameo, roles = rng.choices(TYPES, WEIGHTS)[0]
        doc = rng.choice(doc_ids)
        pub = date.fromisoformat(doc_pub[doc])
        when = pub - timedelta(days=rng.choice([0, 1, 2, 3, 7, 14, 30]))
        precision = rng.choices(["day", "month", "year", None], [70, 20, 7, 3])[0]
        iso = {"day": when.isoformat(), "month": when.isoformat()[:7], "year": str(when.year),
               None: None}[precision]
        approx = int(precision is not None and rng.random() < 0.15)
        sort_date = when.isoformat() if precision else "9999-12-31"
        if etype.startswith("sanctions_"):
            actors = [rng.choice(ids[:60]), rng.choice(target_ids)]
        else:
            actors = list(dict.fromkeys(rng.choices(ids, cum_weights=cum, k=len(roles) + 1)))[:len(roles)]
        count = rng.choice([2, 5, 14, 18, 52]) if etype == "release" else None
        place = rng.choice(places) if places else None
        ev_names = [names[a] for a in actors]
        authority = rng.choice(AUTHORITIES) if etype.startswith("sanctions_") else None
        events.append((event_id, etype, cameo, iso, precision, approx,
                       "text" if precision else "none", sort_date,
                       summary(etype, ev_names, count, place or "Minsk"), place, count,
                       actors[-1] if authority else None, authority, f"{etype}|{actors[0]}"))
        ev_actors += [(event_id, a, role) for a, role in zip(actors, roles, strict=False)]
        n_src = rng.choices([1, 2, 3], [70, 20, 10])[0]
        for k, src_doc in enumerate(dict.fromkeys([doc, *rng.sample(doc_ids, n_src - 1)])):
            quote = f"{' and '.join(ev_names)} ({etype.replace('_', ' ')}) {k + 1}."
            sources.append((event_id, src_doc, quote, etype, iso, precision,
                            "text" if precision else "none", count))
            mentions += [(a, src_doc, names[a], quote) for a in actors]
        if n_src > 1 and rng.random() < 0.1:
            conflicts += [(event_id, "date", iso or "?", doc),
                          (event_id, "date", (when - timedelta(days=40)).isoformat(), src_doc)]
    conn.executemany(
        "INSERT INTO events (id, type, cameo, date, precision, approximate, date_source, sort_date,"
        " summary, place, count, target_id, authority, merge_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        events)
    conn.executemany("INSERT OR IGNORE INTO event_actors VALUES (?,?,?)", ev_actors)
    conn.executemany(
        "INSERT OR IGNORE INTO event_sources (event_id, document_id, quote, type, date, precision,"
        " date_source, count) VALUES (?,?,?,?,?,?,?,?)", sources)
    conn.executemany("INSERT OR IGNORE INTO conflicts (event_id, field, value, document_id)"
                     " VALUES (?,?,?,?)", conflicts)
    conn.executemany("INSERT INTO mentions (actor_id, document_id, surface, sentence) VALUES (?,?,?,?)",
                     mentions)
    # Sanctions: every (target, authority) pair its events touched, with their history.
    by_pair: dict[tuple[int, str], list[tuple]] = {}
    for e in events:
        if e[12]:
            by_pair.setdefault((e[11], e[12]), []).append(e)
    for sid, pair in enumerate(sorted(by_pair), 1):
        conn.execute("INSERT INTO sanctions (id, target_id, authority, status, since) VALUES (?,?,?,?,?)",
                     (sid, *pair, rng.choice(STATUSES), "2025-09"))
        hist = [(sid, rng.choice(STATUSES), e[3], e[7], e[0], doc_ids[0], e[8])
                for e in by_pair[pair][:50]]
        conn.executemany(
            "INSERT OR IGNORE INTO sanction_history (sanction_id, status, date, sort_date, event_id,"
            " document_id, quote) VALUES (?,?,?,?,?,?,?)", hist)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "events", "actors", "aliases", "mentions", "event_sources")}
    conn.close()
    return counts


def _earlier(column: str) -> str:
    """SQL: an ISO date prefix (2025, 2025-06, 2025-06-21) moved back by `?` years; unknown
    dates stay unknown."""
    return (f"CASE WHEN {column} IS NULL OR {column} = '9999-12-31' THEN {column} ELSE"
            f" printf('%04d', CAST(substr({column}, 1, 4) AS INTEGER) - ?) || substr({column}, 5) END")


def replicate(path: Path, times: int, years_apart: int = 0) -> dict[str, int]:
    """Write an ingested store's documents, events (with their participants and sources),
    mentions and sanction histories `times` over in all: a store of `times` × its articles.
    Each copy is dated `years_apart` years before the one after it (a multiple of 4 keeps
    29 February): a feed that has run `times` as long. With 0 every copy keeps its dates, so
    each date window holds `times` × the events — harder for the merge than any real store,
    where many of those reports would have merged. Direct writes, because ingesting 20,000
    articles takes longer than a benchmark run."""
    conn = connect(path)
    docs, evs = conn.execute("SELECT max(id), (SELECT max(id) FROM events) FROM documents").fetchone()
    conn.execute("BEGIN")
    for k in range(1, times):
        d, e, back = k * docs, k * evs, k * years_apart
        conn.execute(
            "INSERT INTO documents (id, sha256, path, title, source, author, url, published,"
            " published_how, text, ingested_at) SELECT id + ?, sha256 || '-' || ?, path || '#' || ?,"
            f" title, source, author, url, {_earlier('published')}, published_how, text,"
            " ingested_at FROM documents WHERE id <= ?", (d, k, k, back, docs))
        conn.execute(
            "INSERT INTO events (id, type, cameo, date, precision, approximate, date_source,"
            f" sort_date, summary, place, count, target_id, authority, merge_key) SELECT id + ?,"
            f" type, cameo, {_earlier('date')}, precision, approximate, date_source,"
            f" {_earlier('sort_date')}, summary, place, count, target_id, authority, merge_key"
            " FROM events WHERE id <= ?", (e, back, back, evs))
        conn.execute("INSERT INTO event_actors SELECT event_id + ?, actor_id, role FROM event_actors"
                     " WHERE event_id <= ?", (e, evs))
        conn.execute(
            "INSERT INTO event_sources (event_id, document_id, quote, type, date, precision,"
            f" date_source, count) SELECT event_id + ?, document_id + ?, quote, type,"
            f" {_earlier('date')}, precision, date_source, count FROM event_sources"
            " WHERE event_id <= ?", (e, d, back, evs))
        conn.execute(
            "INSERT INTO mentions (actor_id, document_id, surface, sentence) SELECT actor_id,"
            " document_id + ?, surface, sentence FROM mentions WHERE document_id <= ?", (d, docs))
        conn.execute(
            "INSERT INTO sanction_history (sanction_id, status, date, sort_date, event_id,"
            f" document_id, quote) SELECT sanction_id, status, {_earlier('date')},"
            f" {_earlier('sort_date')}, event_id + ?, document_id + ?, quote FROM sanction_history"
            " WHERE document_id <= ?", (back, back, e, d, docs))
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("documents", "events", "actors")}
    conn.close()
    return counts


def remove_store(path: Path) -> None:
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.queries.json")):
        p.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    remove_store(args.out)
    t0 = time.perf_counter()
    counts = fill(args.out, args.events, args.actors, args.seed)
    print(f"{args.out}: {counts} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
