"""Search input from users: FTS syntax, quotes, regex metacharacters, 10,000 characters — the
actor search, the timeline's text filter and `thaw search` never crash and stay sensible."""

from __future__ import annotations

import json
import subprocess

import pytest
from click.testing import CliRunner
from hostile import ESCAPES, MARKUP, SCRIPTS, SLOW, THAW
from hypothesis import given, settings
from hypothesis import strategies as st

from store.db.connect import connect
from store.read.queries import Filters, Queries
from tui.cli import main

NASTY = [
    "", " ", '"', '""', "'", "*", "-", "+", "^", ":", "(", ")", "()", "NEAR(a b)", "a OR", "OR",
    "AND NOT", "title:x", '"unclosed', "Lukashenko*", "*Lukashenko", "{col}: x", "a - b",
    ".*", "^$", "(?i)x", "[a-z]+", "\\", "\\\\d", "a|b", "(((((", ")))))", "%", "_", "%_%",
    "'; DROP TABLE events; --", "\x00", "\x1b[31m", "\u202e", "\ufeff", "Лукашенко\u200b",
    "x" * 10_000, "Lukashenko " * 1000, "[" * 10_000, '"' * 10_000, "Łukaszenka", "🇧🇾" * 500,
    *MARKUP, *ESCAPES, *SCRIPTS,
]


@pytest.fixture(scope="module")
def q(seed_db_master):  # type: ignore[no-untyped-def]
    return Queries(connect(seed_db_master, readonly=True))


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
def test_nasty_queries_never_crash(q: Queries, text: str) -> None:
    hits = q.search_actors(text, limit=10)
    assert len(hits) <= 10
    n = q.timeline_count(Filters(text=text))
    page = q.timeline_page(0, 20, Filters(text=text))
    assert len(page) == min(20, n)


def test_sensible_results_around_the_noise(q: Queries) -> None:
    for text in ('"Lukashenko"', "Lukashenko*", "(Lukashenko)", "Lukashenko; --", " lukashenko "):
        hits = q.search_actors(text, limit=5)
        assert hits and "Lukashenka" in hits[0].name, (text, hits[:1])
    assert q.timeline_count(Filters(text='"prisoners"')) == q.timeline_count(
        Filters(text="prisoners")) > 0
    assert q.timeline_count(Filters(text="prisoners OR")) <= q.timeline_count(
        Filters(text="prisoners"))
    assert q.timeline_count(Filters(text="*** ((( ")) == 0    # only punctuation: nothing


@settings(max_examples=3000 if SLOW else 200, deadline=None, derandomize=True)
@given(st.text(max_size=300) | st.text(alphabet="\"'*()-+^:{}[]\\.|?$ ORANDNEAR", max_size=60))
def test_any_text_is_a_valid_query(text: str) -> None:
    q = _queries()
    q.search_actors(text, limit=5)
    q.timeline_count(Filters(text=text))


_Q: list[Queries] = []


def _queries() -> Queries:
    if not _Q:   # hypothesis runs the body many times: one store for all of them
        import tempfile
        from pathlib import Path

        from store.ingest.run import bundled_seeds_dir, ingest_paths

        path = Path(tempfile.mkdtemp(prefix="thaw-search-")) / "s.db"
        ingest_paths(path, [bundled_seeds_dir()])
        _Q.append(Queries(connect(path)))
    return _Q[0]


@pytest.mark.parametrize("text", ['"', "NEAR(", "x" * 10_000, "\\", "[/foo]", "\x1b[31m", "*"],
                         ids=range(7))
def test_cli_search_json_never_crashes(seed_db_master, text: str) -> None:  # type: ignore[no-untyped-def]
    out = CliRunner().invoke(main, ["search", text, "--json", "--db", str(seed_db_master)])
    hits = json.loads(out.output)
    assert isinstance(hits, list)
    assert out.exit_code == (0 if hits else 1), out.output     # 1: nothing matches


def test_cli_search_plain_output_never_crashes(seed_db_master) -> None:  # type: ignore[no-untyped-def]
    out = subprocess.run([*THAW, "search", "x" * 10_000, "--db", str(seed_db_master)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1 and "Traceback" not in out.stderr    # 1: nothing matches


def test_cli_search_plain_output_with_markup_in_names(seed_db) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE actors SET name = name || ' [/foo]'")
    conn.commit()
    conn.close()
    out = subprocess.run([*THAW, "search", "Lukashenko", "--db", str(seed_db)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr[-300:]
    assert "[/foo]" in out.stdout
