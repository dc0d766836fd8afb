"""The benchmark at its smallest size completes (CI smoke test: times are not checked)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmark_smoke_completes(tmp_path: Path) -> None:
    results, table = tmp_path / "results.json", tmp_path / "benchmarks.md"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--smoke", "--work", str(tmp_path / "work"),
         "--results", str(results), "--table", str(table)],
        capture_output=True, text=True, timeout=240,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    data = json.loads(results.read_text(encoding="utf-8"))
    keys = {f["key"] for f in data["figures"]}
    assert {"cold_start_ratio", "ingest_ratio", "ingest_ratio_jobs2", "jobs2_speedup", "add_ratio",
            "search_p95", "page_down", "page_down_floor", "jump_end", "peak_rss"} <= keys
    # Ingest at scale is reported for both larger stores against the empty one.
    assert len([f for f in data["figures"] if f["key"] == "add_ratio"]) == 2
    assert "add_ratio_same_dates" in keys
    assert all(f["values"] and f["median"] > 0 for f in data["figures"])
    assert "| figure |" in table.read_text(encoding="utf-8")
