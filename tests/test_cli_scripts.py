"""`thaw` from scripts: --json, filters, tab-separated output when piped, exit statuses, a
missing --db, no dashboard without a terminal, CSV files per table, the ingest summary's words."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main

THAW = Path(sys.executable).parent / "thaw"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args))


def test_timeline_json_with_date_type_and_actor_filters(seed_db: Path) -> None:
    out = run("timeline", "--db", str(seed_db), "--json")
    everything = json.loads(out.output)["events"]
    assert out.exit_code == 0 and len(everything) > 10
    assert set(everything[0]) == {"id", "date", "precision", "approximate", "type", "summary",
                                  "actors", "sources", "conflict"}
    out = run("timeline", "--db", str(seed_db), "--json", "--since", "2025-09", "--until", "2025-09")
    september = json.loads(out.output)["events"]
    assert september and all(e["date"].startswith("2025-09") for e in september)
    assert len(september) < len(everything)
    out = run("timeline", "--db", str(seed_db), "--json", "--type", "release")
    assert {e["type"] for e in json.loads(out.output)["events"]} == {"release"}
    # An actor in another script: the same actor search as the dashboard.
    out = run("timeline", "--db", str(seed_db), "--json", "--actor", "Лукашенко")
    theirs = json.loads(out.output)["events"]
    assert theirs and all("Lukashenka" in e["actors"] for e in theirs)


def test_filters_that_match_nothing_exit_1_and_bad_values_exit_2(seed_db: Path) -> None:
    out = run("timeline", "--db", str(seed_db), "--since", "1990", "--until", "1990")
    assert out.exit_code == 1 and "no events match" in out.output
    out = run("search", "Qwxzvbnm Plkjhgf", "--db", str(seed_db))
    assert out.exit_code == 1
    out = run("timeline", "--db", str(seed_db), "--since", "2025-13")
    assert out.exit_code == 2 and "not a date" in out.output
    out = run("timeline", "--db", str(seed_db), "--type", "picnic")
    assert out.exit_code == 2 and "not an event type" in out.output
    out = run("timeline", "--db", str(seed_db), "--actor", "Qwxzvbnm Plkjhgf")
    assert out.exit_code == 2 and "no actor matches" in out.output


def test_actors_and_sanctions_json_and_filters(seed_db: Path) -> None:
    out = run("actors", "--db", str(seed_db), "--json", "--type", "country")
    countries = json.loads(out.output)["actors"]
    assert countries and {a["kind"] for a in countries} == {"country"}
    out = run("sanctions", "--db", str(seed_db), "--json")
    board = json.loads(out.output)
    assert board["authorities"] and board["targets"]
    assert set(board["targets"][0]) == {"id", "name", "kind", "cells"}
    out = run("sanctions", "--db", str(seed_db), "--json", "--actor", "Belavia")
    [belavia] = json.loads(out.output)["targets"]
    assert belavia["name"] == "Belavia"


def test_piped_output_is_tab_separated_search_included(seed_db: Path) -> None:
    for args in (["timeline"], ["actors"], ["sanctions"], ["search", "Tikhanovsky"]):
        done = subprocess.run([str(THAW), *args, "--db", str(seed_db)], capture_output=True,
                              text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert len(lines) >= 2 and all("\t" in line for line in lines), args
        assert "\x1b" not in done.stdout and "─" not in done.stdout


def test_a_missing_db_is_one_sentence_not_a_new_store(tmp_path: Path) -> None:
    typo = tmp_path / "tpyo.db"
    for command in (["timeline"], ["actors"], ["sanctions"], ["search", "x"], ["export"]):
        out = run(*command, "--db", str(typo))
        assert out.exit_code == 1, command
        assert f"no store at {typo}" in out.output and len(out.output.strip().splitlines()) == 1
    assert not typo.exists()
    out = run("ingest", str(tmp_path), "--db", str(typo))     # ingest still creates a store
    assert typo.exists()


def test_the_dashboard_without_a_terminal_says_what_to_run_instead(tmp_path: Path,
                                                                   seed_db: Path) -> None:
    done = subprocess.run([str(THAW), "--db", str(seed_db)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1 and done.stdout == ""
    assert "needs a terminal" in done.stderr and "thaw timeline" in done.stderr
    assert "\x1b" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_csv_export_writes_one_spreadsheet_file_per_table(seed_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    out = run("export", "--db", str(seed_db), "--format", "csv", "--out", str(folder))
    assert out.exit_code == 0, out.output
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["actors.csv", "corrections.csv", "documents.csv", "events.csv", "sanctions.csv"]
    raw = (folder / "actors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")           # Excel reads UTF-8 only with its mark
    with (folder / "events.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and {"id", "date", "type", "summary", "actors"} <= set(rows[0])
    assert any("(" in r["actors"] for r in rows)     # "Name (role); …", not JSON
    with (folder / "actors.csv").open(encoding="utf-8-sig", newline="") as f:
        assert any("Лукашенко" in r["aliases"] for r in csv.DictReader(f))
    file = tmp_path / "plain.txt"
    file.write_text("x")
    out = run("export", "--db", str(seed_db), "--format", "csv", "--out", str(file))
    assert out.exit_code == 1 and "takes a folder" in out.output


ONE = """---
title: Wire note one
published: 2026-02-03
---
Belarusian authorities freed 9 detained activists on 2 February 2026, a rights monitor said.
"""
TWO = """---
title: Wire note two
published: 2026-02-04
---
On 2 February 2026 Belarusian authorities freed 9 detained activists, their lawyers confirmed.
"""
THREE = """---
title: Wire note three
published: 2026-02-05
---
The 9 activists freed by Belarusian authorities on 2 February 2026 have reached Vilnius, a monitor said.
"""


@pytest.mark.parametrize("n", [1])
def test_ingest_summary_words_and_merges_into_events_stored_before(tmp_path: Path, n: int) -> None:
    db = str(tmp_path / "s.db")
    first = tmp_path / "first"
    first.mkdir()
    (first / "one.md").write_text(ONE, encoding="utf-8")
    (first / "two.md").write_text(TWO, encoding="utf-8")
    out = run("ingest", str(first), "--db", db)
    assert out.output.startswith("2 new documents"), out.output
    # Two reports of one release in one run: one new event, nothing merged into older events.
    assert "1 new event," in out.output and "0 merged into events stored before" in out.output
    later = tmp_path / "later"
    later.mkdir()
    (later / "three.md").write_text(THREE, encoding="utf-8")
    out = run("ingest", str(later), "--db", db)
    assert out.output.startswith(f"{n} new document ("), out.output
    assert "1 merged into events stored before" in out.output, out.output
