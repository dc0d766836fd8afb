"""`thaw` from scripts: --json, filters, tab-separated output, exit statuses, store paths."""

from __future__ import annotations

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile import THAW

from tui.cli import main

LISTINGS = ["timeline", "actors", "sanctions"]
SHAPES = {
    "timeline": {"id", "date", "precision", "approximate", "type", "summary", "actors",
                 "sources", "conflict"},
    "actors": {"id", "name", "kind", "role", "events"},
    "sanctions": {"target", "target_id", "target_kind", "authority", "status", "since",
                  "confirmed"},
}


def run(db: Path, *args: str) -> tuple[int, str, str]:
    out = CliRunner().invoke(main, [*args, "--db", str(db)])
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    return out.exit_code, out.stdout, out.stderr


def records(db: Path, *args: str) -> list[dict]:
    status, stdout, _ = run(db, *args, "--json")
    found = json.loads(stdout)                  # one JSON document, nothing else
    assert status == (0 if found else 1), (args, status)
    return found


@pytest.mark.parametrize("command", LISTINGS)
def test_json_is_one_document_of_the_documented_shape(seed_db: Path, command: str) -> None:
    found = records(seed_db, command)
    assert found and all(set(r) == SHAPES[command] for r in found)


def test_timeline_json_event_actors(seed_db: Path) -> None:
    event = next(e for e in records(seed_db, "timeline") if e["type"] == "release"
                 and "Siarhei Tsikhanouski" in {a["name"] for a in e["actors"]})
    assert all(set(a) == {"id", "name", "role"} for a in event["actors"])
    assert {"name": "Siarhei Tsikhanouski", "role": "released"}.items() <= next(
        a for a in event["actors"] if a["name"] == "Siarhei Tsikhanouski").items()


def test_timeline_filters_by_date_range_type_and_actor(seed_db: Path) -> None:
    everything = records(seed_db, "timeline")
    september = records(seed_db, "timeline", "--since", "2025-09", "--until", "2025-09")
    assert september and all(e["date"].startswith("2025-09") for e in september)
    assert len(september) == sum(1 for e in everything if (e["date"] or "").startswith("2025-09"))
    inclusive = records(seed_db, "timeline", "--since", "2025-09-11", "--until", "2025-09-11")
    assert inclusive and all(e["date"] == "2025-09-11" for e in inclusive)
    releases = records(seed_db, "timeline", "--type", "release")
    assert releases and all(e["type"] == "release" for e in releases)
    # The dashboard's names for types work too.
    assert records(seed_db, "timeline", "--type", "sanctions lifted") == \
        records(seed_db, "timeline", "--type", "sanctions_lifted") != []
    # An actor in any spelling or script: the same events.
    lukashenka = records(seed_db, "timeline", "--actor", "Lukashenka")
    assert lukashenka and all("Alyaksandr Lukashenka" in {a["name"] for a in e["actors"]}
                              for e in lukashenka)
    assert records(seed_db, "timeline", "--actor", "Лукашенко") == lukashenka
    both = records(seed_db, "timeline", "--actor", "Lukashenko", "--type", "release",
                   "--since", "2025")
    assert both == [e for e in lukashenka if e["type"] == "release" and e["date"] >= "2025"]


def test_actors_filtered_count_the_events_the_filters_keep(seed_db: Path) -> None:
    events = records(seed_db, "timeline", "--type", "release")
    found = records(seed_db, "actors", "--type", "release")
    counts = {a["id"]: a["events"] for a in found}
    for actor_id, n in counts.items():
        assert n == sum(1 for e in events if actor_id in {a["id"] for a in e["actors"]})
    assert set(counts) == {a["id"] for e in events for a in e["actors"]}
    assert [a["events"] for a in found] == sorted(counts.values(), reverse=True)
    kellogg = records(seed_db, "actors", "--actor", "Kellogg")
    assert "Keith Kellogg" in {a["name"] for a in kellogg}


def test_sanctions_filter_by_target_and_date_of_the_change(seed_db: Path) -> None:
    belavia = records(seed_db, "sanctions", "--actor", "Belavia")
    assert belavia and {s["target"] for s in belavia} == {"Belavia"}
    since = records(seed_db, "sanctions", "--since", "2025-09")
    assert since and all(s["since"] and s["since"] >= "2025-09" for s in since)
    assert len(since) < len(records(seed_db, "sanctions"))


@pytest.mark.parametrize(("args", "words"), [
    (["timeline", "--actor", "zzzzqqq"], "no actor is named 'zzzzqqq'"),
    (["actors", "--actor", "John"], "could be John Coale, Ivan Tsertsel"),
    (["timeline", "--since", "2025-13"], "'2025-13' is not a date"),
    (["sanctions", "--until", "Sept"], "'Sept' is not a date"),
    (["timeline", "--since", "2025-10", "--until", "2025-09"], "ends (2025-09) before"),
    (["timeline", "--type", "picnic"], "no event type 'picnic'; the types are:"),
])
def test_bad_filters_are_usage_errors_in_one_sentence(seed_db: Path, args: list[str],
                                                      words: str) -> None:
    status, stdout, stderr = run(seed_db, *args)
    assert status == 2 and stdout == ""
    errors = [ln for ln in stderr.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 1 and words in errors[0], stderr


@pytest.mark.parametrize("args", [["timeline"], ["actors"], ["sanctions"],
                                  ["search", "Lukashenko"]])
def test_piped_output_is_tab_separated(seed_db: Path, args: list[str]) -> None:
    status, stdout, _ = run(seed_db, *args)
    assert status == 0
    lines = stdout.splitlines()
    width = len(lines[0].split("\t"))
    assert width >= 3 and len(lines) >= 2
    assert all(len(ln.split("\t")) == width for ln in lines), stdout
    assert "─" not in stdout and "\x1b" not in stdout      # no table rules, no colours


@pytest.mark.parametrize("args", [["timeline", "--since", "2099"],
                                  ["actors", "--until", "1900"],
                                  ["sanctions", "--actor", "Lukashenko"],   # not a target
                                  ["search", "zzzzqqq"]])
def test_nothing_matches_is_exit_status_1(seed_db: Path, args: list[str]) -> None:
    status, stdout, _ = run(seed_db, *args)
    assert status == 1
    assert len(stdout.splitlines()) == 1 and "\t" in stdout     # the header, no record
    assert records(seed_db, *args) == []


@pytest.mark.parametrize("args", [["timeline"], ["actors"], ["sanctions"], ["search", "x"],
                                  ["export"], ["export", "--format", "csv", "--out", "dir"]])
def test_a_store_that_does_not_exist_is_named_not_built(tmp_path: Path, args: list[str]) -> None:
    typo = tmp_path / "typo.db"
    out = CliRunner().invoke(main, [*args, "--db", str(typo)])
    assert out.exit_code == 1
    assert out.output.strip() == f"Error: no store at {typo} (`thaw ingest FILES --db {typo}` " \
                                 "makes one)"
    assert not typo.exists()


def test_the_default_store_is_built_on_first_use(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    default = tmp_path / "data" / "thaw.db"
    monkeypatch.setenv("THAW_DB", str(default))
    out = CliRunner().invoke(main, ["sanctions"])
    assert out.exit_code == 0, out.output
    assert "Belavia" in out.output and default.exists()


def test_ingest_still_makes_a_new_store(tmp_path: Path) -> None:
    article = Path(__file__).parent / "articles" / "council.md"
    out = CliRunner().invoke(main, ["ingest", str(article), "--db", str(tmp_path / "new.db")])
    assert out.exit_code == 0, out.output
    assert CliRunner().invoke(main, ["timeline", "--db", str(tmp_path / "new.db")]).exit_code == 0


def test_dashboard_without_a_terminal_says_what_to_run_instead(seed_db: Path,
                                                               tmp_path: Path) -> None:
    """`thaw > file`: one sentence on stderr, nothing in the file, a failing status; whether
    the script's fast path or the click group opens the dashboard."""
    target = tmp_path / "out.txt"
    for args in ([], ["--db", str(seed_db)], ["--db=" + str(seed_db)]):
        with target.open("w") as f:
            done = subprocess.run([*THAW, *args], stdout=f, stderr=subprocess.PIPE, text=True,
                                  timeout=60, env={**os.environ, "THAW_DB": str(seed_db)})
        assert done.returncode == 1
        assert target.read_bytes() == b""
        assert done.stderr.count("\n") == 1 and "thaw timeline" in done.stderr, done.stderr
    out = CliRunner().invoke(main, ["--db", str(seed_db)])
    assert out.exit_code == 1 and "needs a terminal" in out.output


def test_dashboard_on_a_store_that_does_not_exist(tmp_path: Path) -> None:
    """On a terminal, `thaw --db typo.db` names the missing file rather than building it."""
    typo = tmp_path / "typo.db"
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([*THAW, "--db", str(typo)], stdout=follower,
                              stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
                              timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: no store at {typo} (`thaw ingest FILES --db {typo}` " \
                                  "makes one)"
    assert not typo.exists()


def test_feeds_list_and_remove_on_a_missing_store_say_so_and_create_nothing(tmp_path: Path) -> None:
    typo = tmp_path / "feeeds.db"
    for args in (["feeds", "list"], ["feeds", "remove", "https://example.org/rss"]):
        out = CliRunner().invoke(main, [*args, "--db", str(typo)])
        assert out.exit_code == 1 and "no store at" in out.output, args
    assert not typo.exists()
