"""The benchmark: build stores of several sizes, measure, write results.json and the table.

    .venv/bin/python benchmarks/run.py            # full run (make bench), ~5–10 minutes on 2 cores
    .venv/bin/python benchmarks/run.py --smoke    # smallest sizes, one run each (CI, < 2 min)

Stores: `seeds` (the five bundled articles) and `1k`/`10k` events are built by the real ingest
from the synthetic corpus (benchmarks/corpus.py); `100k` events / 10,000 actors is written
directly through the schema (benchmarks/fill.py), because ingesting the ~17,000 articles it
would take through the extractor is longer than a benchmark run. Ingest at scale: 250 articles
added to an empty store, to one of 4,000 ingested articles and to that store written five times
over, four years apart (20,000, benchmarks/fill.py replicate). Every figure is the median of
several runs with min and max; ratios are taken against a baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

from corpus import START as CORPUS_START  # noqa: E402
from corpus import generate  # noqa: E402
from fill import fill, remove_store, replicate  # noqa: E402

from store.db.connect import connect  # noqa: E402
from store.ingest.run import bundled_seeds_dir, ingest_paths  # noqa: E402
from store.ingest.writer import Writer  # noqa: E402
from store.read.queries import Filters, Queries  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent


@dataclass
class Figure:
    key: str
    label: str
    store: str
    unit: str
    values: list[float]
    goal: float | None = None          # upper bound, or lower bound when `at_least`
    at_least: bool = False
    method: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        return self.median >= self.goal if self.at_least else self.median <= self.goal

    def row(self) -> dict[str, object]:
        d = asdict(self)
        d.update(median=self.median, min=min(self.values), max=max(self.values), met=self.met)
        return d


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- stores --------------------------------------------------------------------------------------

def counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "events", "actors")}
    finally:
        conn.close()


def ingest_until(db: Path, paths: list[Path], events: int, batch: int = 100) -> dict[str, int]:
    """Real ingest of corpus documents, a batch at a time, until the store holds `events`."""
    remove_store(db)
    done = 0
    while done < len(paths):
        ingest_paths(db, paths[done:done + batch])
        done += batch
        if counts(db)["events"] >= events:
            break
    return counts(db)


def scale_stores(work: Path, articles: list[Path], times: int,
                 meta: dict[str, dict[str, object]]) -> dict[str, Path]:
    """An empty store (gazetteer only), the real ingest of `articles`, and that store written
    `times` over, each copy four years before the next (benchmarks/fill.py replicate: a feed
    that ran `times` as long; ingesting that many articles would outlast the run)."""
    n = len(articles)
    empty, base, big = work / "scale-0.db", work / f"scale-{n}.db", work / f"scale-{n * times}.db"
    for db in (empty, base, big):
        remove_store(db)
    conn = connect(empty)
    Writer(conn)
    conn.close()
    ingest_paths(base, articles, jobs=2)
    checkpoint(base)
    shutil.copyfile(base, big)
    replicate(big, times, years_apart=4)
    names = {"empty": empty, f"{n} docs": base, f"{n * times} docs": big}
    meta["empty"] = {"how": "gazetteer and targets only", **counts(empty)}
    meta[f"{n} docs"] = {"how": f"ingest of {n} synthetic articles", **counts(base)}
    meta[f"{n * times} docs"] = {"how": f"the {n} docs store written {times} times over, "
                                 "4 years apart (fill.py replicate)", **counts(big)}
    for db in names.values():
        checkpoint(db)
    return names


def checkpoint(db: Path) -> None:
    conn = connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


# -- cold start ----------------------------------------------------------------------------------

def first_frame(mode: str, args: list[str], out: Path, size: tuple[int, int] = (120, 40)) -> float:
    """Seconds from spawn to the first frame of benchmarks/first_frame.py under a pty."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))

    def drain() -> None:     # a full pty would block the app's writes
        try:
            while os.read(master, 65536):
                pass
        except OSError:
            pass

    threading.Thread(target=drain, daemon=True).start()
    out.unlink(missing_ok=True)
    env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", BENCH_T0=repr(time.time()))
    proc = subprocess.Popen([PY, str(BENCH / "first_frame.py"), str(out), mode, *args],
                            stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    try:
        rc = proc.wait(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    if rc != 0 or not out.exists():
        raise RuntimeError(f"first_frame.py {mode} {args} failed with status {rc}")
    return float(out.read_text())


def cold_start(stores: dict[str, Path], runs: int, work: Path) -> list[Figure]:
    figures = []
    out = work / "frame.txt"
    first_frame("bare", [], out)                # warm the OS file cache once, untimed
    for name, db in stores.items():
        first_frame("thaw", ["--db", str(db)], out)
        bare, thaw, rows = [], [], []
        for _ in range(runs):                   # interleaved: drift hits both alike
            bare.append(first_frame("bare", [], out))
            thaw.append(first_frame("thaw", ["--db", str(db)], out))
            rows.append(first_frame("thaw-rows", ["--db", str(db)], out))
        ratios = [t / b for t, b in zip(thaw, bare, strict=True)]
        figures.append(Figure(
            "cold_start_ratio", "Cold start to first frame, ratio to bare Textual app", name, "×",
            ratios, goal=1.3 if name == "seeds" else 1.4,
            method="`thaw --db X` vs a Header/Static/Footer app, both via first_frame.py in a pty",
            extra={"thaw_s": thaw, "bare_s": bare}))
        figures.append(Figure(
            "first_rows_ratio", "Cold start until timeline rows shown, ratio to bare app", name, "×",
            [r / b for r, b in zip(rows, bare, strict=True)], method="informative: no goal",
            extra={"thaw_rows_s": rows}))
        log(f"cold start {name}: thaw {statistics.median(thaw):.3f}s bare "
            f"{statistics.median(bare):.3f}s rows {statistics.median(rows):.3f}s")
    return figures


# -- ingest --------------------------------------------------------------------------------------

def extraction(runs: int) -> Figure:
    """Pure extraction per article of the development corpus (bench_extract.py), in-process."""
    from bench_extract import per_document_ms
    return Figure("extract_ms", "Extraction per article (development corpus)", "tests/corpus",
                  "ms", per_document_ms(runs),
                  method="informative (absolute times follow the machine's load); against the "
                         "extractor before the factuality rework: benchmarks/notes.md")


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def ingest(name: str, src: Path, runs: int, work: Path, jobs: bool) -> list[Figure]:
    """`thaw ingest` against `sqlite-utils insert` of the same texts, both as commands."""
    files = sorted(p for p in src.rglob("*") if p.suffix in (".md", ".txt"))
    ndjson = work / f"{name}.ndjson"
    with ndjson.open("w", encoding="utf-8") as fh:
        for p in files:
            fh.write(json.dumps({"path": str(p), "text": p.read_text(encoding="utf-8")}) + "\n")
    db = work / f"ingest-{name}.db"
    plain, thaw, thaw2 = [], [], []
    for _ in range(runs):
        remove_store(db)
        plain.append(timed([str(BIN / "sqlite-utils"), "insert", str(db), "documents", str(ndjson),
                            "--nl"]))
        remove_store(db)
        thaw.append(timed([str(BIN / "thaw"), "ingest", str(src), "--db", str(db)]))
        if jobs:
            remove_store(db)
            thaw2.append(timed([str(BIN / "thaw"), "ingest", str(src), "--db", str(db), "--jobs", "2"]))
    n = counts(db)
    log(f"ingest {name}: thaw {statistics.median(thaw):.2f}s plain {statistics.median(plain):.2f}s"
        + (f" jobs2 {statistics.median(thaw2):.2f}s" if thaw2 else ""))
    how = f"{len(files)} documents; `thaw ingest DIR` vs `sqlite-utils insert --nl`"
    figs = [Figure("ingest_ratio", "Ingest time, ratio to `sqlite-utils insert`", name, "×",
                   [t / p for t, p in zip(thaw, plain, strict=True)], goal=3.0, method=how,
                   extra={"thaw_s": thaw, "plain_s": plain, "store": n})]
    if jobs:
        figs.append(Figure("ingest_ratio_jobs2", "Ingest time with `--jobs 2`, ratio to "
                           "`sqlite-utils insert`", name, "×",
                           [t / p for t, p in zip(thaw2, plain, strict=True)], goal=15.0,
                           method=how.replace("DIR`", "DIR --jobs 2`"),
                           extra={"jobs2_s": thaw2, "plain_s": plain}))
        figs.append(Figure("jobs2_speedup", "`thaw ingest --jobs 2` speed-up over 1 job", name, "×",
                           [a / b for a, b in zip(thaw, thaw2, strict=True)], goal=1.7,
                           at_least=True, method=f"{len(files)} documents, 2 cores, runs "
                           "interleaved", extra={"jobs1_s": thaw, "jobs2_s": thaw2}))
    return figs


def add_to_stores(stores: dict[str, Path], added: list[Path], runs: int, work: Path, *,
                  key: str, label: str, goal: float | None, how: str) -> list[Figure]:
    """The same articles ingested into stores of different sizes (each run on a fresh copy),
    as a ratio to ingesting them into the first (empty) store, runs interleaved."""
    times: dict[str, list[float]] = {name: [] for name in stores}
    scratch = work / "add-scratch.db"
    for _ in range(runs):
        for name, db in stores.items():
            remove_store(scratch)
            shutil.copyfile(db, scratch)
            t = time.perf_counter()
            ingest_paths(scratch, added)
            times[name].append(time.perf_counter() - t)
    remove_store(scratch)
    empty, *others = stores
    log(f"{key}: " + ", ".join(f"{n} {statistics.median(times[n]):.2f}s" for n in stores))
    return [Figure(key, label, name, "×", [t / e for t, e in zip(times[name], times[empty], strict=True)],
                   goal=goal, method=f"`ingest_paths` of {len(added)} articles {how} into a fresh "
                   "copy of each store and of the empty one, in-process, one job",
                   extra={"seconds": times[name], "empty_s": times[empty],
                          "per_doc_ms": statistics.median(times[name]) / len(added) * 1000,
                          "empty_per_doc_ms": statistics.median(times[empty]) / len(added) * 1000})
            for name in others]


# -- search, timeline, memory -------------------------------------------------------------------

def search(name: str, db: Path, runs: int, n_queries: int) -> list[Figure]:
    queries = json.loads(Path(f"{db}.queries.json").read_text(encoding="utf-8"))[:n_queries]
    q = Queries(connect(db, readonly=True))
    t = time.perf_counter()
    q.search_actors("x")                        # the index loads on the first keystroke
    load_ms = (time.perf_counter() - t) * 1000
    p50s, p95s = [], []
    for _ in range(runs):
        times = []
        for query in queries:
            for i in range(1, len(query) + 1):
                t = time.perf_counter()
                q.search_actors(query[:i])
                times.append((time.perf_counter() - t) * 1000)
        p50s.append(statistics.median(times))
        p95s.append(percentile(times, 95))
    actors = counts(db)["actors"]
    log(f"search {name}: p50 {statistics.median(p50s):.2f} ms p95 {statistics.median(p95s):.2f} ms")
    how = (f"{actors} actors; {len(times)} keystrokes over {len(queries)} unseen spellings per run;"
           " Queries.search_actors")
    return [Figure("search_p50", "Actor search per keystroke, p50", name, "ms", p50s, goal=10.0,
                   method=how, extra={"index_load_ms": load_ms}),
            Figure("search_p95", "Actor search per keystroke, p95", name, "ms", p95s, goal=10.0,
                   method=how)]


def timeline_queries(name: str, db: Path, runs: int) -> list[Figure]:
    """The read API alone: a 200-row page in the middle and at the end of the timeline."""
    q = Queries(connect(db, readonly=True))
    total = q.timeline_count(Filters())
    mid, end = [], []
    for _ in range(runs):
        t = time.perf_counter()
        q.timeline_page(total // 2, 200)
        mid.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        q.timeline_page(max(0, total - 200), 200)
        end.append((time.perf_counter() - t) * 1000)
    return [Figure("page_query_mid", "Queries.timeline_page, 200 rows mid-timeline", name, "ms", mid,
                   method="store read API only, no widget"),
            Figure("page_query_end", "Queries.timeline_page, last 200 rows", name, "ms", end,
                   method="store read API only, no widget")]


def last_json(cmd: list[str]) -> dict[str, list[float]]:
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def dashboard(name: str, db: Path, runs: int, presses: int, jumps: int) -> list[Figure]:
    sessions, floors = [], []
    for _ in range(runs):      # the floor app right after each session: the same load on both
        sessions.append(last_json([PY, str(BENCH / "dash_session.py"), str(db), "--presses",
                                   str(presses), "--jumps", str(jumps)]))
        floors.append(last_json([PY, str(BENCH / "floor_app.py"), "--presses", str(presses),
                                 "--lines", str(sessions[-1]["total"])]))
    page = [v for s in sessions for v in s["page_down_ms"]]
    floor = [v for f in floors for v in f["page_down_ms"]]
    ratios = [statistics.median(s["page_down_ms"]) / statistics.median(f["page_down_ms"])
              for s, f in zip(sessions, floors, strict=True)]
    jump = [v for s in sessions for v in s["jump_end_ms"]]
    peak = [s["peak_rss_mib"] for s in sessions]
    log(f"dashboard {name}: page-down p50 {statistics.median(page):.1f} ms, end "
        f"{statistics.median(jump):.1f} ms, peak {statistics.median(peak):.0f} MiB")
    how = (f"{runs} headless sessions (120×40), key event to rendered frame with the rows loaded")
    return [
        Figure("page_down", "Timeline page-down latency", name, "ms", page, goal=16.0,
               method=f"{how}; {len(page)} presses", extra={"p95": percentile(page, 95)}),
        Figure("page_down_floor", "Timeline page-down, ratio to Textual's floor", name, "×", ratios,
               goal=1.5, method="per session, median page-down over the median of "
               "benchmarks/floor_app.py (a bare Line API view of as many lines, timed the same "
               "way) run right after it", extra={"floor_ms": floor,
                                                 "floor_p50_ms": statistics.median(floor)}),
        Figure("jump_end", "Timeline jump-to-end latency (page cache emptied)", name, "ms", jump,
               method=f"{how}; {len(jump)} jumps"),
        Figure("peak_rss", "Dashboard peak memory (VmHWM)", name, "MiB", peak, goal=200.0,
               method="timeline paged, jumped, actors searched, sanctions shown",
               extra={"rss_after_load_mib": [s["rss_after_load_mib"] for s in sessions]}),
    ]


# -- output --------------------------------------------------------------------------------------

def fmt(v: float, unit: str) -> str:
    if unit == "×":
        return f"{v:.2f}×"
    if unit == "MiB":
        return f"{v:.0f} MiB"
    return f"{v:.1f} ms" if v >= 10 else f"{v:.2f} ms"


def status(f: Figure) -> str:
    if f.met is None:
        return "—"
    if f.met:
        return "met"
    assert f.goal is not None
    over = f.goal - f.median if f.at_least else f.median - f.goal
    unit = "" if f.unit == "×" else f" {f.unit}"
    return f"missed by {over:.2f}{unit} ({over / f.goal:.0%} {'under' if f.at_least else 'over'})"


def table(figures: list[Figure]) -> str:
    lines = ["| figure | store | median | min – max | goal | status |",
             "|---|---|---|---|---|---|"]
    for f in figures:
        goal = "—" if f.goal is None else ("≥ " if f.at_least else "≤ ") + fmt(f.goal, f.unit)
        lines.append(f"| {f.label} | {f.store} | **{fmt(f.median, f.unit)}** | "
                     f"{fmt(min(f.values), f.unit)} – {fmt(max(f.values), f.unit)} | {goal} | "
                     f"{status(f)} |")
    return "\n".join(lines)


def how(figures: list[Figure]) -> list[str]:
    """One line per (figure, method), naming the stores it was taken on."""
    seen: dict[tuple[str, str], list[str]] = {}
    for f in figures:
        if f.method:
            seen.setdefault((f.label, f.method), []).append(f.store)
    return [f"- **{label}** ({', '.join(stores)}): {method}." for (label, method), stores in seen.items()]


def write_markdown(path: Path, figures: list[Figure], meta: dict[str, object]) -> None:
    stores = meta["stores"]
    assert isinstance(stores, dict)
    store_lines = "\n".join(f"| {k} | {v['how']} | {v['documents']} | {v['events']} | {v['actors']} |"
                            for k, v in stores.items())
    notes_path = BENCH / "notes.md"
    notes = notes_path.read_text(encoding="utf-8") if notes_path.exists() else ""
    path.write_text(f"""# Benchmarks

Generated by `make bench` (`benchmarks/run.py`) on {meta['when']} — {meta['machine']};
1-minute load average {meta['load_average'][0]} at the start, {meta['load_average'][1]} at the end.
Do not edit by hand: the closing notes come from `benchmarks/notes.md`.

Every figure is the median of several runs (min – max beside it); ratios are taken against a
baseline measured in the same run, so they travel between machines better than seconds do.
Raw numbers: `benchmarks/results.json`.

{table(figures)}

## Stores

| store | built by | documents | events | actors |
|---|---|---|---|---|
{store_lines}

The `1k`/`10k` stores come from the real ingest of the synthetic corpus
(`benchmarks/corpus.py`, seed {meta['seed']}); `100k` is written straight through the schema by
`benchmarks/fill.py` (gazetteer and targets bootstrapped by `store.ingest.writer.Writer`, generated
people with three spellings each). Ingest figures use the corpus of {meta['ingest_docs']}
documents and the bundled seeds.

Ingest at scale: the `empty` store holds the gazetteer only; `{meta.get('scale_docs', 4000)} docs` is the real
ingest of that many articles of a corpus published over three years; the largest is that store
written five times over by `benchmarks/fill.py`'s `replicate`, each copy dated four years before
the next (direct writes: ingesting 20,000 articles would outlast the run) — a feed that ran five
times as long. "Adding the next articles" adds articles published in the weeks after the
store's, as many a day as the store's own (the next weeks of the same feed): the work per
article should not grow with the store. "Adding articles of the store's own years" adds the
last articles of the same three-year corpus (the issue's first measurement): every date window
there already holds the 4,000 articles' events, so any merge that weighs each candidate event
does more work per article; it is shown for comparison, without a goal.

## How each figure is taken

{chr(10).join(how(figures))}

{notes}""", encoding="utf-8")


# -- main ----------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--smoke", action="store_true", help="smallest sizes, one run each")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=None, help="scratch directory (default: temp)")
    ap.add_argument("--results", type=Path, default=None)
    ap.add_argument("--table", type=Path, default=None)
    ap.add_argument("--table-only", action="store_true",
                    help="rewrite the table from the results file (after editing notes.md)")
    args = ap.parse_args(argv)
    if args.table_only:
        data = json.loads((args.results or BENCH / "results.json").read_text(encoding="utf-8"))
        keep = {k for k in Figure.__dataclass_fields__}
        figs = [Figure(**{k: v for k, v in f.items() if k in keep}) for f in data["figures"]]
        write_markdown(args.table or ROOT / "docs" / "benchmarks.md", figs, data["meta"])
        return 0
    smoke = args.smoke
    results = args.results or (Path(tempfile.gettempdir()) / "thaw-bench-smoke.json" if smoke
                               else BENCH / "results.json")
    table_path = args.table or (Path(tempfile.gettempdir()) / "thaw-bench-smoke.md" if smoke
                                else ROOT / "docs" / "benchmarks.md")
    work = args.work or Path(tempfile.mkdtemp(prefix="thaw-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    runs = 1 if smoke else 5
    ingest_docs = 10 if smoke else 2000
    scale_docs, scale_added, scale_times = (30, 10, 5) if smoke else (4000, 250, 5)
    t_start = time.perf_counter()
    load_before = os.getloadavg()[0]

    log(f"corpus → {work}")
    corpus_dir = work / "corpus"
    big = generate(corpus_dir / "all", 40 if smoke else 2400, args.seed)
    small_dir = work / "corpus-ingest"
    generate(small_dir, ingest_docs, args.seed)

    stores: dict[str, Path] = {}
    meta_stores: dict[str, dict[str, object]] = {}
    seeds_db = work / "seeds.db"
    remove_store(seeds_db)
    ingest_paths(seeds_db, [bundled_seeds_dir()])
    stores["seeds"] = seeds_db
    meta_stores["seeds"] = {"how": "ingest of the 5 bundled articles", **counts(seeds_db)}
    sizes = [("1k", 1000)] if smoke else [("1k", 1000), ("10k", 10_000)]
    for name, n in sizes:
        db = work / f"events-{name}.db"
        log(f"ingesting corpus until {n} events")
        c = ingest_until(db, big, n)
        stores[name] = db
        meta_stores[name] = {"how": "ingest of synthetic corpus", **c}
    fill_events, fill_actors = (2000, 1000) if smoke else (100_000, 10_000)
    big_name = "2k (filled)" if smoke else "100k"
    fill_db = work / "events-fill.db"
    remove_store(fill_db)
    log(f"filling {fill_events} events / {fill_actors} actors")
    fill(fill_db, fill_events, fill_actors, args.seed)
    stores[big_name] = fill_db
    meta_stores[big_name] = {"how": "benchmarks/fill.py (direct)", **counts(fill_db)}
    for db in stores.values():
        checkpoint(db)
    log(f"scale stores: {scale_docs} articles ingested, then {scale_times} times over")
    # The next articles of the same feed (after the store's, as many a day), and articles
    # dated within the store's own three years (the store's windows already full).
    scale_paths = generate(work / "corpus-scale", scale_docs + scale_added, args.seed)
    next_paths = generate(work / "corpus-next", scale_added, args.seed + 1,
                          start=CORPUS_START + timedelta(days=3 * 365),
                          days=max(1, scale_added * 3 * 365 // scale_docs))
    scaled = scale_stores(work, scale_paths[:scale_docs], scale_times, meta_stores)

    figures: list[Figure] = []
    figures += cold_start(stores, 2 if smoke else runs, work)
    figures += [extraction(1 if smoke else runs)]
    figures += ingest("seeds", bundled_seeds_dir(), 1 if smoke else runs, work, jobs=False)
    figures += ingest(f"{ingest_docs} docs", small_dir, 1 if smoke else 3, work, jobs=True)
    figures += add_to_stores(
        scaled, next_paths, 1 if smoke else 3, work, key="add_ratio", goal=1.2,
        label=f"Adding the next {scale_added} articles, ratio to an empty store",
        how="published after the store's (the next weeks of the same feed, as many a day)")
    figures += add_to_stores(
        {k: scaled[k] for k in list(scaled)[:2]}, scale_paths[scale_docs:], 1 if smoke else 3,
        work, key="add_ratio_same_dates", goal=None,
        label=f"Adding {scale_added} articles of the store's own years, ratio to an empty store",
        how="published within the store's three years (each date window already holds the "
            "store's events: informative)")
    figures += search(big_name, fill_db, 1 if smoke else 3, 20 if smoke else 200)
    figures += timeline_queries(big_name, fill_db, 3 if smoke else 20)
    figures += dashboard(big_name, fill_db, 1 if smoke else 3, 5 if smoke else 30, 2 if smoke else 5)

    meta = {
        "when": time.strftime("%Y-%m-%d %H:%M"), "seed": args.seed, "smoke": smoke,
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
                   f"Python {platform.python_version()}",
        "ingest_docs": ingest_docs, "scale_docs": scale_docs, "stores": meta_stores,
        "seconds": round(time.perf_counter() - t_start, 1),
        # Other work on the machine inflates the absolute times; the ratios less so.
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
    }
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps({"meta": meta, "figures": [f.row() for f in figures]}, indent=1,
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    write_markdown(table_path, figures, meta)
    print(table(figures))
    log(f"done in {meta['seconds']} s → {results}, {table_path}")
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
