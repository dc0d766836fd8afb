"""Hostile files through ingest: no crash, no traceback, one line per refused file, the rest stored.

Fast: the named corpus, a few hundred generated files, a hypothesis run, the CLI end to end.
Slow (make test-slow): 10,000 generated files, 2,000 hypothesis examples, a 10 MB article.
"""

from __future__ import annotations

import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pytest
from hostile import (
    SLOW,
    THAW,
    Case,
    article_bytes,
    big_article,
    corpus,
    generated,
    slow,
)
from hypothesis import HealthCheck, given, settings

from store.db.connect import connect
from store.ingest.documents import DocumentError, parse_document
from store.ingest.run import extract_document, ingest_paths
from store.ingest.writer import FileResult, Writer

HUGE = {"long-line.md", "many-sentences.md"}   # tens of seconds each: slow suite only


def write_cases(folder: Path, cases: Iterable[Case]) -> dict[str, Case]:
    folder.mkdir(parents=True, exist_ok=True)
    by_path = {}
    for c in cases:
        path = folder / c.name
        path.write_bytes(c.data)
        by_path[str(path)] = c
    return by_path


def stored_paths(db: Path) -> set[str]:
    conn = connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT path FROM documents")}
    finally:
        conn.close()


def check(files: list[FileResult], cases: dict[str, Case], db: Path) -> None:
    """Every file accounted for: refused with one clear line, or stored."""
    assert {f.path for f in files} == set(cases)
    stored = stored_paths(db)
    for f in files:
        case = cases[f.path]
        if f.status == "error":
            assert case.expect != "stored", f"{case.name} refused: {f.message}"
            assert "\n" not in f.message and f.message.startswith(f.path), f.message
            assert "Traceback" not in f.message
            assert f.path not in stored
        else:
            assert case.expect != "refused", f"{case.name} was not refused"
            assert f.status in ("new", "unchanged")
            assert f.status == "unchanged" or f.path in stored, case.name
        for w in f.warnings:
            assert "\n" not in w


def test_named_corpus_through_ingest(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "in", (c for c in corpus() if c.name not in HUGE))
    report = ingest_paths(tmp_path / "s.db", [tmp_path / "in"])
    check(report.files, cases, tmp_path / "s.db")
    by_name = {Path(f.path).name: f for f in report.files}
    # Legacy encodings are decoded and said so; text survives the round trip.
    assert any("UTF-16" in w for w in by_name["utf16-bom.md"].warnings)
    assert any("1251" in w for w in by_name["cp1251.txt"].warnings)
    assert any("latin-1" in w for w in by_name["latin1.txt"].warnings)
    conn = connect(tmp_path / "s.db")
    texts = dict(conn.execute("SELECT path, text FROM documents"))
    assert "Лукашенко" in texts[str(tmp_path / "in" / "cp1251.txt")]
    assert "Café" in texts[str(tmp_path / "in" / "latin1.txt")]
    # Hostile YAML is data, never code: no object built, no alias bomb expanded into a title.
    titles = [r[0] or "" for r in conn.execute("SELECT title FROM documents")]
    assert max(map(len, titles)) <= 1000
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_generated_files_fast(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "in", generated(seed=1, count=150))
    report = ingest_paths(tmp_path / "s.db", [tmp_path / "in"])
    check(report.files, cases, tmp_path / "s.db")
    assert sum(f.status == "new" for f in report.files) >= 120


@slow
@pytest.mark.slow
@pytest.mark.parametrize("seed", range(20))
def test_ten_thousand_generated_files(tmp_path: Path, seed: int) -> None:
    """20 × 500 = 10,000 generated files (small batches balance across -n 2 workers)."""
    cases = write_cases(tmp_path / "in", generated(seed=100 + seed, count=500))
    report = ingest_paths(tmp_path / "s.db", [tmp_path / "in"])
    check(report.files, cases, tmp_path / "s.db")


def test_oversized_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.md"
    with big.open("wb") as f:
        f.truncate(25_000_000)          # sparse: cheap to make, refused on its size alone
    report = ingest_paths(tmp_path / "s.db", [big, tmp_path / "missing.md"])
    assert [f.status for f in report.files] == ["error", "error"]
    assert all("\n" not in f.message for f in report.files)
    assert "too large" in report.files[1].message or "too large" in report.files[0].message


@slow
@pytest.mark.slow
def test_ten_megabyte_article_and_huge_lines(tmp_path: Path) -> None:
    cases = write_cases(tmp_path / "in", [c for c in corpus() if c.name in HUGE]
                        + [Case("big.md", big_article(), "stored")])
    report = ingest_paths(tmp_path / "s.db", [tmp_path / "in"])
    check(report.files, cases, tmp_path / "s.db")


# -- hypothesis: any bytes, through the same reader, extractor and writer ---------------------

_STORE: dict[str, Writer] = {}


def _writer() -> Writer:
    # One store for all examples: hypothesis runs the test body many times per fixture.
    if "w" not in _STORE:
        folder = Path(tempfile.mkdtemp(prefix="thaw-hyp-"))
        _STORE["w"] = Writer(connect(folder / "s.db", write=True))
    return _STORE["w"]


@settings(max_examples=2000 if SLOW else 150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(article_bytes())
def test_any_bytes_are_stored_or_refused_in_one_line(data: bytes) -> None:
    try:
        doc = parse_document("hyp.md", data)
    except DocumentError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("hyp.md: ")
        return
    writer = _writer()
    result = writer.write(doc, extract_document(doc))
    assert result.status in ("new", "unchanged")
    row = writer.conn.execute("SELECT id, text FROM documents WHERE sha256 = ?",
                              (doc.sha256,)).fetchone()
    assert row is not None and row[1] == doc.body


# -- the command line, as a user runs it ------------------------------------------------------

def test_cli_ingest_reports_each_refused_file_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    cases = write_cases(folder, [c for c in corpus() if c.name not in HUGE][:30])
    # A file name made to look like markup and a terminal escape.
    odd = folder / "[bold] \x1b[31mred [EU].md"
    odd.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    out = subprocess.run([*THAW, "ingest", str(folder), "--db", str(tmp_path / "s.db")],
                         capture_output=True, text=True, timeout=600)
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    assert out.returncode == 1     # some files were refused
    errors = [ln for ln in out.stderr.splitlines() if ln.startswith("error: ")]
    refused = [p for p, c in cases.items() if c.expect == "refused"]
    assert len(errors) == len(refused) + 1
    assert all(ln.startswith(("error: ", "warning: ")) for ln in out.stderr.splitlines())
    stored = stored_paths(tmp_path / "s.db")
    assert {p for p, c in cases.items() if c.expect == "stored"} <= stored
    assert "failed" in out.stdout


def test_cli_ingest_nothing_but_bad_paths(tmp_path: Path) -> None:
    out = subprocess.run([*THAW, "ingest", str(tmp_path / "nope.md"), "/dev/null",
                          "--db", str(tmp_path / "s.db")], capture_output=True, text=True,
                         timeout=300)
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len([ln for ln in out.stderr.splitlines() if ln.startswith("error: ")]) == 2
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
