"""Extraction quality against the development corpus's gold (tests/corpus/README.md).

    .venv/bin/python benchmarks/eval.py                     # tables on stdout
    .venv/bin/python benchmarks/eval.py --verbose           # … and every FP, miss, duplicate, violation
    .venv/bin/python benchmarks/eval.py --json              # overall figures only, as JSON
    .venv/bin/python benchmarks/eval.py --write             # … and regenerate docs/extraction.md
    .venv/bin/python benchmarks/eval.py --write --ratchet   # … and reset benchmarks/eval_floor.json
    .venv/bin/python benchmarks/eval.py --corpus DIR -v     # another corpus in the same layout
    .venv/bin/python benchmarks/eval.py --corpus tests/corpus_extra --ratchet   # its floor

The corpus is ingested into a fresh temporary store (or `--store PATH` is scored as it is) and
read back through `thaw export`'s data. Events are matched to gold by the README's "Matching
rule for scorers"; the assignment is a maximum matching (min-cost flow), and among maximum
matchings the one with the closest type, date, count, actors and source files.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
EXTRA = ROOT / "tests" / "corpus_extra"       # written apart from CORPUS: a guard against fitting it
DOC = ROOT / "docs" / "extraction.md"
FLOOR = ROOT / "benchmarks" / "eval_floor.json"
FLOOR_EXTRA = ROOT / "benchmarks" / "eval_floor_extra.json"
sys.path.insert(0, str(ROOT))

from store.db.connect import connect  # noqa: E402
from store.ingest.run import ingest_paths  # noqa: E402
from store.read.export import export_data  # noqa: E402

# The gold's authority codes (README: US, EU, LT, PL, UK); other codes come from the seeds.
AUTHORITY_NAMES = {"US": "United States", "EU": "European Union", "LT": "Lithuania",
                   "PL": "Poland", "UK": "United Kingdom"}
# Store role -> gold role, where the two vocabularies differ (everything else is compared as is).
ROLE_MAP = {"participant": "participants", "appointee": "appointed", "appointer": "appointing",
            "counterpart": "affected", "negotiator": "negotiating"}
# README: US "potash" mentions map to the rows for these three companies.
US_POTASH = {"belaruskali", "belarusian potash company", "agrorozkvit"}
POTASH = "belarusian potash"
# Figures where higher is better / lower is better (the ratchet test reads these).
HIGHER = ("precision", "recall", "role_accuracy", "date_accuracy", "count_accuracy", "board_right",
          "statement_recall")
LOWER = ("false_positives", "duplicates", "non_event_violations", "junk_actors")


# ---------------------------------------------------------------- names


class Names:
    """Resolves a spelling to a gold canonical name: gold `aliases`, case-insensitive."""

    def __init__(self, gold: dict[str, Any]) -> None:
        self.alias = {k.casefold(): v for k, v in gold["aliases"].items()}
        known: set[str] = set(AUTHORITY_NAMES.values())
        for ev in gold["events"]:
            for names in ev["actors"].values():
                known.update(names)
        known.update(r["target"] for r in gold["sanctions"])
        known.update(st["speaker"] for st in gold["statements"])
        known.update(self.alias.values())
        self.known = {self.key(n) for n in known}

    def key(self, name: str) -> str:
        """The comparison key: canonical name (via aliases), case-folded."""
        name = " ".join(name.split())
        return self.alias.get(name.casefold(), name).casefold()

    def resolve(self, name: str, aliases: Iterable[str] = ()) -> tuple[str, str | None]:
        """(key, alias used): the name's key if gold knows it, else the one gold canonical name
        that the store's own aliases of the actor agree on ("Christopher W. Smith" has the alias
        "Christopher Smith"), else the name's key."""
        k = self.key(name)
        if k in self.known:
            return k, None
        hits = {self.key(a): a for a in aliases if self.key(a) in self.known}
        if len(hits) == 1:
            k2, via = next(iter(hits.items()))
            return k2, via
        return k, None


# ---------------------------------------------------------------- extracted data


@dataclass
class XActor:
    key: str          # resolved comparison key
    name: str         # store name
    role: str         # gold role vocabulary (ROLE_MAP applied)


@dataclass
class XEvent:
    id: int
    type: str
    date: str | None
    count: int | None
    actors: list[XActor]
    sources: list[tuple[str, str]]     # (file name, quote)

    @property
    def keys(self) -> set[str]:
        return {a.key for a in self.actors}

    @property
    def files(self) -> list[str]:
        return list(dict.fromkeys(f for f, _ in self.sources))

    def brief(self) -> str:
        who = ", ".join(f"{a.name}:{a.role}" for a in self.actors) or "no actors"
        n = f" n={self.count}" if self.count is not None else ""
        return f"e{self.id} {self.type} {self.date or '—'}{n} [{who}]"


@dataclass
class Store:
    events: list[XEvent]
    board: list[dict[str, Any]]
    actor_names: dict[int, str]             # referenced actors: id -> store name
    actor_refs: dict[int, list[str]]        # id -> where it is referenced
    resolved_via: dict[str, str]            # store name -> alias used to resolve it


def load_store(conn: sqlite3.Connection, names: Names) -> Store:
    data = export_data(conn)
    files = {d["id"]: Path(d["path"]).name for d in data["documents"]}
    actors = {a["id"]: a for a in data["actors"]}
    via: dict[str, str] = {}

    def key(actor_id: int, name: str) -> str:
        a = actors.get(actor_id, {})
        k, used = names.resolve(name, a.get("aliases", []))
        if used:
            via[name] = used
        return k

    # The event's authority code (not in the export): an authority with no gazetteer actor
    # would otherwise leave a sanctions event without its authority.
    try:
        authority = dict(conn.execute("SELECT id, authority FROM events WHERE authority IS NOT NULL"))
    except sqlite3.OperationalError:
        authority = {}
    events: list[XEvent] = []
    refs: dict[int, list[str]] = defaultdict(list)
    for e in sorted(data["events"], key=lambda e: e["id"]):
        xa = [XActor(key(a["id"], a["name"]), a["name"], ROLE_MAP.get(a["role"], a["role"]))
              for a in e["actors"]]
        for a in e["actors"]:
            refs[a["id"]].append(f"e{e['id']}")
        code = authority.get(e["id"])
        if code and e["type"].startswith("sanctions_") and not any(a.role == "authority" for a in xa):
            name = AUTHORITY_NAMES.get(code, code)
            xa.append(XActor(names.key(name), name, "authority"))
        events.append(XEvent(e["id"], e["type"], e["date"], e["count"], xa,
                             [(files.get(s["document"], f"doc{s['document']}"), s["quote"] or "")
                              for s in e["sources"]]))
    board = []
    for s in data["sanctions"]:
        k, used = names.resolve(s["target"], s.get("target_aliases", []))
        if used:
            via[s["target"]] = used
        board.append({**s, "key": k})
    for r in data["sanctions"]:
        tid = next((a["id"] for a in data["actors"] if a["name"] == r["target"]), None)
        if tid is not None:
            refs[tid].append(f"board {r['authority']}")
    try:
        for actor_id, n in conn.execute("SELECT actor_id, COUNT(*) FROM mentions GROUP BY actor_id"):
            refs[actor_id].append(f"{n} mentions")
    except sqlite3.OperationalError:
        pass
    named = {i: actors[i]["name"] for i in refs if i in actors}
    return Store(events, board, named, dict(refs), via)


# ---------------------------------------------------------------- matching


def matches(g: dict[str, Any], e: XEvent, names: Names) -> bool:
    """README "Matching rule for scorers"."""
    return not failures(g, e, names)


def failures(g: dict[str, Any], e: XEvent, names: Names) -> list[str]:
    """Which of the four conditions fail (empty = a match)."""
    out = []
    if e.type != g["type"] and e.type not in (g.get("accept_types") or []):
        out.append("type")
    dates = [str(g["date"]), *map(str, g.get("accept_dates") or [])]
    if not e.date or not any(e.date.startswith(d) for d in dates):
        out.append("date")
    if not gold_keys(g, names) & e.keys:
        out.append("actors")
    if g.get("count") is not None and e.count is not None and g["count"] != e.count:
        out.append("count")
    return out


def gold_keys(g: dict[str, Any], names: Names) -> set[str]:
    return {names.key(n) for ns in g["actors"].values() for n in ns}


def quality(g: dict[str, Any], e: XEvent, names: Names) -> int:
    """Tie-break among maximum matchings: closer type, date, count, actors and files first."""
    q = 8 * (e.type == g["type"]) + 4 * bool(e.date and e.date.startswith(str(g["date"])))
    q += 2 * (g.get("count") is not None and e.count == g["count"])
    q += len(gold_keys(g, names) & e.keys) + min(3, len(set(g["sources"]) & set(e.files)))
    return q


def assign(edges: dict[int, list[tuple[int, int]]], n_gold: int, n_ext: int) -> dict[int, int]:
    """Maximum matching gold -> extracted of maximum total quality (successive shortest paths,
    Bellman-Ford; the graph is tiny). edges[g] = [(e, quality)]. Returns {gold index: ext index}."""
    src, sink = 0, 1 + n_gold + n_ext
    graph: list[list[int]] = [[] for _ in range(sink + 1)]
    to: list[int] = []
    cap: list[int] = []
    cost: list[int] = []

    def add(u: int, v: int, c: int) -> None:
        for a, b, w in ((u, v, c), (v, u, -c)):
            graph[a].append(len(to))
            to.append(b)
            cap.append(1 if a == u else 0)
            cost.append(w)

    for gi in range(n_gold):
        add(src, 1 + gi, 0)
        for ei, q in edges.get(gi, []):
            add(1 + gi, 1 + n_gold + ei, -q)
    for ei in range(n_ext):
        add(1 + n_gold + ei, sink, 0)
    while True:
        dist = [float("inf")] * (sink + 1)
        prev = [-1] * (sink + 1)
        dist[src] = 0
        changed = True
        while changed:
            changed = False
            for u in range(sink + 1):
                if dist[u] == float("inf"):
                    continue
                for ed in graph[u]:
                    if cap[ed] and dist[u] + cost[ed] < dist[to[ed]]:
                        dist[to[ed]] = dist[u] + cost[ed]
                        prev[to[ed]] = ed
                        changed = True
        if dist[sink] == float("inf"):
            break
        v = sink
        while v != src:
            ed = prev[v]
            cap[ed] -= 1
            cap[ed ^ 1] += 1
            v = to[ed ^ 1]
    out = {}
    for gi in range(n_gold):
        for ed in graph[1 + gi]:
            if ed % 2 == 0 and cap[ed] == 0:       # a forward gold -> extracted edge, used
                out[gi] = to[ed] - 1 - n_gold
    return out


# ---------------------------------------------------------------- scoring


@dataclass
class Result:
    overall: dict[str, Any]
    by_type: list[dict[str, Any]]
    board: list[dict[str, Any]]
    extra_board: list[dict[str, Any]]
    fps: list[XEvent] = field(default_factory=list)
    misses: list[tuple[dict[str, Any], list[str]]] = field(default_factory=list)
    dups: list[tuple[XEvent, str, int]] = field(default_factory=list)
    violations: list[tuple[dict[str, Any], XEvent]] = field(default_factory=list)
    junk: list[tuple[str, str, list[str]]] = field(default_factory=list)
    role_errors: list[str] = field(default_factory=list)
    date_errors: list[str] = field(default_factory=list)
    count_errors: list[str] = field(default_factory=list)
    statements_missed: list[dict[str, Any]] = field(default_factory=list)
    unknown_actors: list[str] = field(default_factory=list)
    resolved_via: dict[str, str] = field(default_factory=dict)


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _norm(text: str) -> str:
    return " ".join(text.replace("**", "").split()).casefold()


def evaluate(store_path: str | Path | None = None, corpus: Path = CORPUS) -> Result:
    gold = yaml.safe_load((corpus / "gold.yaml").read_text(encoding="utf-8"))
    names = Names(gold)
    if store_path is None:
        with tempfile.TemporaryDirectory(prefix="thaw-eval-") as tmp:
            path = Path(tmp) / "eval.db"
            report = ingest_paths(path, [corpus / "articles"], jobs=1)
            if not report.ok:
                raise SystemExit("ingest failed: " + "; ".join(f.message for f in report.failed))
            conn = connect(path)
            try:
                store = load_store(conn, names)
            finally:
                conn.close()
    else:
        conn = connect(store_path, create=False, readonly=True)
        try:
            store = load_store(conn, names)
        finally:
            conn.close()
    return _score(gold, names, store)


def _score(gold: dict[str, Any], names: Names, store: Store) -> Result:
    res = Result({}, [], [], [], resolved_via=store.resolved_via)
    gevs: list[dict[str, Any]] = gold["events"]
    xevs = [e for e in store.events if e.type != "statement"]

    # Assignment: maximum matching, best total quality.
    edges: dict[int, list[tuple[int, int]]] = defaultdict(list)
    matched_any: dict[int, list[int]] = defaultdict(list)     # ext index -> gold indexes it matches
    for gi, g in enumerate(gevs):
        for ei, e in enumerate(xevs):
            if matches(g, e, names):
                edges[gi].append((ei, quality(g, e, names)))
                matched_any[ei].append(gi)
    pairs = assign(edges, len(gevs), len(xevs))
    by_ext = {ei: gi for gi, ei in pairs.items()}

    # Duplicates, false positives, misses.
    dup_ext: set[int] = set()
    for ei, e in enumerate(xevs):
        if ei in by_ext:
            continue
        if matched_any.get(ei):
            gi = matched_any[ei][0]
            dup_ext.add(ei)
            res.dups.append((e, gevs[gi]["id"], xevs[pairs[gi]].id if gi in pairs else -1))
        else:
            res.fps.append(e)
    for gi, g in enumerate(gevs):
        if gi not in pairs:
            near = []
            for e in xevs:
                f = failures(g, e, names)
                if len(f) == 1:
                    near.append(f"e{e.id} {e.type} {e.date or '—'} fails {f[0]}")
            res.misses.append((g, near[:3]))

    # Per type: recall by gold type, precision by extracted type.
    types = sorted({g["type"] for g in gevs} | {e.type for e in xevs})
    for t in types:
        g_n = sum(g["type"] == t for g in gevs)
        g_hit = sum(gevs[gi]["type"] == t for gi in pairs)
        x = [ei for ei, e in enumerate(xevs) if e.type == t]
        x_hit = sum(ei in by_ext for ei in x)
        x_dup = sum(ei in dup_ext for ei in x)
        res.by_type.append({
            "type": t, "gold": g_n, "found": g_hit, "recall": _ratio(g_hit, g_n),
            "extracted": len(x), "correct": x_hit, "duplicates": x_dup,
            "false_positives": len(x) - x_hit - x_dup, "precision": _ratio(x_hit, len(x) - x_dup),
        })

    # Roles, dates, counts of matched events.
    role_ok = role_n = date_ok = count_ok = count_n = 0
    for gi, ei in sorted(pairs.items()):
        g, e = gevs[gi], xevs[ei]
        for role, ns in g["actors"].items():
            for n in ns:
                role_n += 1
                k = names.key(n)
                got = sorted({a.role for a in e.actors if a.key == k})
                if role in got:
                    role_ok += 1
                else:
                    res.role_errors.append(f"{g['id']} ~ e{e.id}: {n} {role} -> "
                                           f"{'/'.join(got) or 'absent'}")
        gd = str(g["date"])
        if (e.date or "")[:len(gd)] == gd:
            date_ok += 1
        else:
            res.date_errors.append(f"{g['id']} ~ e{e.id}: gold {gd} -> {e.date}")
        if g.get("count") is not None:
            count_n += 1
            if e.count == g["count"]:
                count_ok += 1
            else:
                res.count_errors.append(f"{g['id']} ~ e{e.id}: gold {g['count']} -> {e.count}")

    # Non-events: an event of the forbidden type whose evidence holds the clause and that
    # matches no gold event reported by that file.
    for ne in gold["non_events"]:
        text = _norm(ne["text"])
        allowed = [g for g in gevs if ne["file"] in g["sources"]]
        for e in store.events:
            if e.type != ne["not"]:
                continue
            hit = any(f == ne["file"] and (text in _norm(q) or (len(q) >= 20 and _norm(q) in text))
                      for f, q in e.sources)
            if hit and not any(matches(g, e, names) for g in allowed):
                res.violations.append((ne, e))

    # Junk actors: any referenced actor whose name resolves to a junk entry.
    junk = {names.key(j): j for j in gold["junk_actors"]}
    for actor_id, name in sorted(store.actor_names.items()):
        k = names.key(name)
        if k in junk:
            res.junk.append((junk[k], name, store.actor_refs.get(actor_id, [])))
        elif k not in names.known and name not in store.resolved_via:
            res.unknown_actors.append(name)

    # Statements (gold list is not exhaustive: recall only), by (speaker, file).
    said = {(a.key, f) for e in store.events if e.type == "statement"
            for a in e.actors if a.role == "speaker" for f, _ in e.sources}
    st_keys = list(dict.fromkeys((names.key(s["speaker"]), s["file"]) for s in gold["statements"]))
    st_hit = sum(k in said for k in st_keys)
    res.statements_missed = [s for s in gold["statements"]
                             if (names.key(s["speaker"]), s["file"]) not in said]

    # The board.
    # Two store rows resolving to one gold (target, authority): the first is scored.
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    clashes = []
    for r in store.board:
        if rows.setdefault((r["key"], r["authority"]), r) is not r:
            clashes.append(r)
    used: set[tuple[str, str]] = set()
    board_ok = 0
    for g in gold["sanctions"]:
        k = (names.key(g["target"]), g["authority"])
        r, note = rows.get(k), ""
        if r is None and g["authority"] == "US" and k[0] in US_POTASH and (POTASH, "US") in rows:
            r, note = rows[(POTASH, "US")], f"via {rows[(POTASH, 'US')]['target']}"
            used.add((POTASH, "US"))
        if r is not None:
            used.add(k)
        since = g.get("since")
        ok = r is not None and r["status"] == g["status"] and (
            since is None or str(r["since"] or "")[:len(str(since))] == str(since))
        board_ok += ok
        res.board.append({"target": g["target"], "authority": g["authority"], "status": g["status"],
                          "since": since, "ok": ok, "store_status": r and r["status"],
                          "store_since": r and r["since"], "note": note})
    res.extra_board = [{"target": r["target"], "authority": r["authority"], "status": r["status"],
                        "since": r["since"]}
                       for r in [*(r for k, r in rows.items() if k not in used), *clashes]]

    matched = len(pairs)
    res.overall = {
        "gold_events": len(gevs), "extracted_events": len(xevs), "matched": matched,
        "precision": _ratio(matched, len(xevs) - len(dup_ext)), "recall": _ratio(matched, len(gevs)),
        "false_positives": len(res.fps), "duplicates": len(dup_ext), "misses": len(gevs) - matched,
        "role_accuracy": _ratio(role_ok, role_n), "date_accuracy": _ratio(date_ok, matched),
        "count_accuracy": _ratio(count_ok, count_n),
        "non_event_violations": len(res.violations), "junk_actors": len({j for j, _, _ in res.junk}),
        "board_right": board_ok, "board_rows": len(gold["sanctions"]),
        "statement_recall": _ratio(st_hit, len(st_keys)),
    }
    return res


def score(store_path: str | Path | None = None, corpus: Path = CORPUS) -> dict[str, Any]:
    """Overall figures for a store (None: ingest the corpus into a fresh temporary store)."""
    return evaluate(store_path, corpus).overall


# ---------------------------------------------------------------- output


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:.1f}%"


OVERALL_ROWS = [
    ("precision", "Precision (matched / (extracted − duplicates))", _pct),
    ("recall", "Recall (matched gold / gold)", _pct),
    ("false_positives", "False positives", str),
    ("duplicates", "Duplicates", str),
    ("misses", "Misses", str),
    ("role_accuracy", "Role accuracy (gold role, actor) pairs, matched events", _pct),
    ("date_accuracy", "Date accuracy at gold precision, matched events", _pct),
    ("count_accuracy", "Count accuracy, matched events with a gold count", _pct),
    ("non_event_violations", "Non-event violations", str),
    ("junk_actors", "Junk actors", str),
    ("statement_recall", "Statement recall (speaker, file)", _pct),
]
TYPE_COLS = ["type", "gold", "found", "recall", "extracted", "correct", "duplicates",
             "false_positives", "precision"]


def _cells(row: dict[str, Any]) -> list[str]:
    return [_pct(row[c]) if c in ("recall", "precision") else str(row[c]) for c in TYPE_COLS]


def _type_rows(res: Result) -> list[list[str]]:
    o = res.overall
    total = {"type": "ALL", "gold": o["gold_events"], "found": o["matched"], "recall": o["recall"],
             "extracted": o["extracted_events"], "correct": o["matched"], "duplicates": o["duplicates"],
             "false_positives": o["false_positives"], "precision": o["precision"]}
    return [_cells(r) for r in res.by_type] + [_cells(total)]


def _board_rows(res: Result) -> list[list[str]]:
    out = []
    for b in res.board:
        store = f"{b['store_status']} {b['store_since']}" if b["store_status"] else "no row"
        out.append([b["target"], b["authority"], f"{b['status']} {b['since']}",
                    "right" if b["ok"] else "WRONG", store + (f" ({b['note']})" if b["note"] else "")])
    return out


def _table(head: list[str], rows: list[list[str]]) -> str:
    w = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]

    def line(r: list[str]) -> str:
        return "  ".join(c.ljust(n) for c, n in zip(r, w, strict=True)).rstrip()

    return "\n".join([line(head), line(["-" * n for n in w]), *map(line, rows)])


def _md(head: list[str], rows: list[list[str]]) -> str:
    return "\n".join(["| " + " | ".join(head) + " |", "|" + "---|" * len(head),
                      *("| " + " | ".join(r) + " |" for r in rows)])


BOARD_HEAD = ["target", "auth", "gold", "cell", "store"]
TYPE_HEAD = ["type", "gold", "found", "recall", "extracted", "correct", "dup", "FP", "precision"]


def _overall_rows(res: Result) -> list[list[str]]:
    o = res.overall
    rows = [[label, fmt(o[k])] for k, label, fmt in OVERALL_ROWS]
    rows.insert(0, ["Gold events / extracted (non-statement) / matched",
                    f"{o['gold_events']} / {o['extracted_events']} / {o['matched']}"])
    rows.append(["Sanctions board cells right", f"{o['board_right']} / {o['board_rows']}"])
    return rows


def render_text(res: Result) -> str:
    parts = [_table(["figure", "value"], _overall_rows(res)), "",
             "Per type (recall by gold type, precision by extracted type):",
             _table(TYPE_HEAD, _type_rows(res)), "", "Sanctions board:",
             _table(BOARD_HEAD, _board_rows(res))]
    if res.extra_board:
        parts.append("Store rows gold lacks: " + "; ".join(
            f"{r['target']} {r['authority']} {r['status']} {r['since']}" for r in res.extra_board))
    if res.junk:
        parts.append("Junk actors: " + "; ".join(
            f"{n} ({', '.join(refs[:4])})" for _, n, refs in res.junk))
    return "\n".join(parts)


def _clip(s: str, n: int = 140) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "…"


def render_verbose(res: Result) -> str:
    out = [f"FALSE POSITIVES ({len(res.fps)})"]
    for e in res.fps:
        f, q = e.sources[0] if e.sources else ("?", "")
        more = f" +{len(e.files) - 1} files" if len(e.files) > 1 else ""
        out.append(f"  {e.brief()}\n      {f[:2]}{more}: {_clip(q)}")
    out.append(f"MISSES ({len(res.misses)})")
    for g, near in res.misses:
        n = f" n={g['count']}" if g.get("count") is not None else ""
        who = "; ".join(f"{r}: {', '.join(ns)}" for r, ns in g["actors"].items())
        src = ",".join(s[:2] for s in g["sources"])
        out.append(f"  {g['id']} {g['type']} {g['date']}{n} [{who}] in {src}")
        out.extend(f"      near: {x}" for x in near)
    out.append(f"DUPLICATES ({len(res.dups)})")
    for e, gid, first in res.dups:
        out.append(f"  {e.brief()} in {','.join(f[:2] for f in e.files)} = {gid} (matched by e{first})")
    out.append(f"NON-EVENT VIOLATIONS ({len(res.violations)})")
    for ne, e in res.violations:
        out.append(f"  {ne['file'][:2]} not {ne['not']}: \"{_clip(ne['text'], 90)}\" <- {e.brief()}")
    for title, items in (("ROLE ERRORS", res.role_errors), ("DATE ERRORS", res.date_errors),
                         ("COUNT ERRORS", res.count_errors)):
        out.append(f"{title} ({len(items)})")
        out.extend(f"  {x}" for x in items)
    out.append(f"STATEMENTS MISSED ({len(res.statements_missed)})")
    out.extend(f"  {s['file'][:2]} {s['speaker']}: {s['says']}" for s in res.statements_missed)
    if res.resolved_via:
        out.append("Resolved through the store's aliases: " + "; ".join(
            f"{k} (as {v})" for k, v in sorted(res.resolved_via.items())))
    if res.unknown_actors:
        out.append("Actors gold does not know (informational): " + "; ".join(res.unknown_actors))
    return "\n".join(out)


def render_markdown(res: Result) -> str:
    parts = [
        "# Extraction quality",
        "",
        "Generated by `make eval` (`benchmarks/eval.py --write`); never edit by hand.",
        "",
        "Scored against the development corpus `tests/corpus/` (36 articles, exact gold in",
        "`gold.yaml`) by the matching rule in `tests/corpus/README.md`. Store roles are mapped to",
        "gold's where the names differ: " + ", ".join(f"{k} → {v}" for k, v in ROLE_MAP.items()) + ".",
        "Run `.venv/bin/python benchmarks/eval.py --verbose` for every false positive, miss,",
        "duplicate and violation.",
        "",
        "## Overall",
        "",
        _md(["figure", "value"], _overall_rows(res)),
        "",
        "## Per event type",
        "",
        "Recall by gold type; precision by extracted type (a `meeting` accepted for a gold `visit`",
        "counts as correct in the `meeting` row).",
        "",
        _md(TYPE_HEAD, _type_rows(res)),
        "",
        "## Sanctions board",
        "",
        _md(BOARD_HEAD, _board_rows(res)),
    ]
    if res.extra_board:
        parts += ["", "Rows the store has and gold lacks (informational):", "",
                  _md(["target", "auth", "status", "since"],
                      [[r["target"], r["authority"], r["status"], str(r["since"])]
                       for r in res.extra_board])]
    if res.junk:
        parts += ["", "Junk actors: " + ", ".join(sorted({n for _, n, _ in res.junk})) + "."]
    return "\n".join(parts) + "\n"


README = ROOT / "README.md"
_BLOCK = ("<!-- eval:start (generated by make eval) -->", "<!-- eval:end -->")


def write_readme_table(res: Result) -> None:
    """The README's extraction section shows the overall table between two markers."""
    text = README.read_text(encoding="utf-8")
    start, end = text.find(_BLOCK[0]), text.find(_BLOCK[1])
    if start < 0 or end < start:
        return
    table = _md(["figure", "value"], _overall_rows(res))
    README.write_text(text[:start + len(_BLOCK[0])] + "\n" + table + "\n" + text[end:],
                      encoding="utf-8")
    print(f"wrote the table in {README.relative_to(ROOT)}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--store", help="score this store instead of a fresh ingest of the corpus")
    ap.add_argument("--corpus", type=Path, default=CORPUS,
                    help="score another corpus in the same layout (articles/, gold.yaml)")
    ap.add_argument("--verbose", "-v", action="store_true", help="list FPs, misses, duplicates, violations")
    ap.add_argument("--json", action="store_true", help="print the overall figures as JSON only")
    ap.add_argument("--write", action="store_true", help="regenerate docs/extraction.md")
    ap.add_argument("--ratchet", action="store_true",
                    help="with --write: also reset benchmarks/eval_floor.json to these figures")
    args = ap.parse_args(argv)
    corpus = args.corpus.resolve()
    if args.ratchet and not args.write and corpus != EXTRA:
        ap.error("--ratchet needs --write (or --corpus tests/corpus_extra)")
    if args.write and corpus != CORPUS:
        ap.error("--write records the development corpus only")
    res = evaluate(args.store, corpus)
    if args.json:
        print(json.dumps(res.overall, indent=2))
    else:
        print(render_text(res))
        if args.verbose:
            print()
            print(render_verbose(res))
    if args.write:
        DOC.write_text(render_markdown(res), encoding="utf-8")
        print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
        write_readme_table(res)
    if args.ratchet:
        floor = FLOOR if corpus == CORPUS else FLOOR_EXTRA
        floor.write_text(json.dumps(res.overall, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {floor.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
