"""The CLI contract other tools depend on."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tui.cli import main


def test_export_json_contract(seed_db: Path) -> None:
    out = CliRunner().invoke(main, ["export", "--db", str(seed_db)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data) == {"documents", "actors", "events", "sanctions", "corrections"}
    assert set(data["documents"][0]) == {"id", "title", "source", "published", "path"}
    assert set(data["actors"][0]) == {"id", "name", "kind", "aliases", "roles", "discovered"}
    ev = data["events"][0]
    assert set(ev) == {"id", "type", "cameo", "date", "precision", "approximate", "summary",
                       "place", "count", "actors", "sources", "conflicts"}
    assert set(ev["sources"][0]) == {"document", "quote"}
    s = data["sanctions"][0]
    assert set(s) == {"target", "target_aliases", "target_kind", "authority", "status", "since",
                      "history", "sources"}
    assert set(s["history"][0]) == {"status", "date", "event", "sources"}


def test_export_csv_writes_a_spreadsheet_file_per_table(seed_db: Path, tmp_path: Path) -> None:
    """Each table a file a spreadsheet opens: UTF-8 with a byte-order mark (Excel reads
    Cyrillic right), a header row, a quote with line breaks one quoted cell, dates the ISO
    text the store holds."""
    import csv
    import sqlite3

    from store.read.export import CSV_TABLES

    quote = 'He said: "Лукашенко, line one,\nline two"'
    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE event_sources SET quote = ? WHERE id = (SELECT min(id) FROM"
                 " event_sources)", (quote,))
    dates = {str(r[0]) for r in conn.execute("SELECT date FROM events WHERE date IS NOT NULL")}
    conn.commit()
    conn.close()
    folder = tmp_path / "sheets"
    out = CliRunner().invoke(main, ["export", "--db", str(seed_db), "--format", "csv",
                                    "--out", str(folder)])
    assert out.exit_code == 0, out.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t}.csv" for t in CSV_TABLES)
    tables = {}
    for table, columns in CSV_TABLES.items():
        raw = (folder / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table
        with (folder / f"{table}.csv").open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.reader(f))
        assert tuple(rows[0]) == columns, table
        assert all(len(r) == len(columns) for r in rows), table
        tables[table] = [dict(zip(columns, r, strict=True)) for r in rows[1:]]
    assert quote in {r["quote"] for r in tables["event_sources"]}
    assert {r["date"] for r in tables["events"]} - {""} == dates    # 2021, 2025-09 kept as text
    assert any(r["target"] == "Belavia" for r in tables["sanctions"])
    assert "Лукашенко" in next(r["aliases"] for r in tables["actors"]
                                if r["name"] == "Alyaksandr Lukashenka")


def test_export_csv_needs_a_folder(seed_db: Path, tmp_path: Path) -> None:
    out = CliRunner().invoke(main, ["export", "--db", str(seed_db), "--format", "csv"])
    assert out.exit_code == 2 and "give a folder" in out.output


def test_search_json_finds_any_spelling(seed_db: Path) -> None:
    for query in ("Tikhanovsky", "Лукашенко", "lukashenka"):
        out = CliRunner().invoke(main, ["search", query, "--db", str(seed_db), "--json"])
        assert out.exit_code == 0, out.output
        hits = json.loads(out.output)
        assert hits and set(hits[0]) == {"id", "name", "kind", "aliases", "score"}
    out = CliRunner().invoke(main, ["search", "Tikhanovsky", "--db", str(seed_db), "--json"])
    assert "Tsikhanouski" in json.loads(out.output)[0]["name"]


def test_ingest_exit_status_and_summary(tmp_path: Path) -> None:
    (tmp_path / "ok.md").write_text("Belarus pardoned 12 prisoners on 4 May 2025, officials said.\n"
                                    "More text follows here for the reader to see.\n")
    (tmp_path / "bad.txt").write_bytes(b"\x00" * 100)
    out = CliRunner().invoke(main, ["ingest", str(tmp_path), "--db", str(tmp_path / "s.db")])
    assert out.exit_code == 1
    assert "error:" in out.output and "bad.txt" in out.output
    assert "1 new document " in out.output


def test_store_that_is_not_thaw_gives_a_clear_error(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.commit()
    out = CliRunner().invoke(main, ["export", "--db", str(other)])
    assert out.exit_code != 0
    assert "not a thaw store" in out.output
    assert "Traceback" not in out.output


def test_ingest_prints_file_names_literally(tmp_path: Path) -> None:
    """Markup in a file name is text, and an escape sequence in one cannot reach the terminal.

    ("[bold]x[/bold]" cannot be a file name: "/" separates folders. "[bold]" alone is markup too.)
    """
    src = tmp_path / "in"
    src.mkdir()
    (src / "[bold]x[red].txt").write_bytes(b"\x00" * 100)   # refused: binary
    (src / "esc\x1b[31m.txt").write_bytes(b"\x00" * 100)
    out = CliRunner().invoke(main, ["ingest", str(src), "--db", str(tmp_path / "s.db")])
    assert out.exit_code == 1
    errors = [ln for ln in out.output.splitlines() if ln.startswith("error: ")]
    assert len(errors) == 2, out.output
    assert any("[bold]x[red].txt" in ln for ln in errors), out.output
    assert any("esc\u241b[31m.txt" in ln for ln in errors), out.output   # ␛, visible
    assert "\x1b" not in out.output


def test_ingest_progress_bar_shows_file_names_literally() -> None:
    from io import StringIO

    from rich.console import Console

    from tui.cli_commands import file_label, ingest_bar

    sink = StringIO()
    console = Console(file=sink, width=120, color_system=None)
    bar = ingest_bar(console)
    bar.add_task(file_label("/in/[bold]x[red]\x1b[31m\nnext.md"), total=2, completed=1)
    console.print(bar.make_tasks_table(bar.tasks))
    assert "[bold]x[red]\u241b[31m next.md" in sink.getvalue()


PARDON = "Belarus pardoned 12 prisoners on 4 May 2025, officials said.\n"


def test_ingest_summary_counts_only_merges_into_events_stored_before(tmp_path: Path) -> None:
    """Two outlets telling one release in one ingest make one new event and merge into
    nothing that existed; a third outlet later merges into that existing event."""
    first = tmp_path / "first"
    first.mkdir()
    (first / "a.md").write_text(PARDON + "More text follows here for the reader to see.\n")
    (first / "b.md").write_text(PARDON + "A second outlet tells the same story today.\n")
    (tmp_path / "c.md").write_text(PARDON + "A third outlet tells it too.\n")
    db = str(tmp_path / "s.db")
    out = CliRunner().invoke(main, ["ingest", str(first), "--db", db])
    assert out.exit_code == 0, out.output
    assert "2 new documents (0 already stored, 0 failed); 1 new event, 0 merged into existing " \
           "events; 0 new actors" in out.output
    out = CliRunner().invoke(main, ["ingest", str(tmp_path / "c.md"), "--db", db])
    assert "1 new document (0 already stored, 0 failed); 0 new events, 1 merged into an " \
           "existing event; 0 new actors" in out.output


def test_csv_keeps_formula_looking_text_as_text_and_carries_the_corrections(
        seed_db: Path, tmp_path: Path) -> None:
    import csv
    import sqlite3

    from store.correct import Corrections
    from store.db.connect import connect

    conn = sqlite3.connect(seed_db)
    conn.execute("UPDATE event_sources SET quote = '=HYPERLINK(\"http://x\")' WHERE id ="
                 " (SELECT min(id) FROM event_sources)")
    conn.commit()
    conn.close()
    store = connect(seed_db, write=True)
    event = store.execute("SELECT id FROM events ORDER BY id LIMIT 1").fetchone()[0]
    Corrections(store).edit_event(event, "count", 41, note="checked")
    store.close()
    folder = tmp_path / "sheets"
    CliRunner().invoke(main, ["export", "--db", str(seed_db), "--format", "csv", "--out", str(folder)])
    with (folder / "event_sources.csv").open(encoding="utf-8-sig", newline="") as f:
        quotes = [r["quote"] for r in csv.DictReader(f)]
    assert "'=HYPERLINK(\"http://x\")" in quotes
    with (folder / "corrections.csv").open(encoding="utf-8-sig", newline="") as f:
        [row] = list(csv.DictReader(f))
    assert row["kind"] == "edit_event" and row["new"] == "41" and row["note"] == "checked"
