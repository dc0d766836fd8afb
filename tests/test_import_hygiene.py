"""store/ must stay free of textual: the CLI, export and ingest run without the UI stack."""

import pkgutil
import subprocess
import sys

import store


def test_store_modules_do_not_import_textual() -> None:
    modules = [m.name for m in pkgutil.walk_packages(store.__path__, "store.")]
    assert modules, "store/ has no modules"
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"store imports textual: {out.stdout}"


def test_no_sql_outside_store() -> None:
    """Widgets and the CLI read through store.read.queries / store.read.export, never raw SQL."""
    import re
    from pathlib import Path

    import tui

    sql = re.compile(r"\b(?:SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|PRAGMA)\b")
    offenders = [
        f"{p.name}:{i}" for p in Path(tui.__path__[0]).glob("*.py")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1) if sql.search(line)
    ]
    assert offenders == []
