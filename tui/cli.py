"""The `thaw` command: the dashboard at once, everything else through the click group.

`thaw` and `thaw --db FILE` open the dashboard without importing click or building the group
(tui/cli_commands.py): click is ~20 ms of a cold start that has nothing for it to do. Any
other command line — `--help`, `--version`, a subcommand, a `--db` value click would refuse,
shell completion — goes to the click group, so it behaves exactly as it always did.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    import click


def store_trouble(exc: Exception) -> str:
    """The one line for a StoreError or a store SQLite cannot read (shared with the group)."""
    from store.db.connect import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    return f"the store cannot be read ({exc}); `thaw doctor` says what is wrong"


class NoTerminal(Exception):
    """The dashboard was asked for where it cannot draw; the message says what to run instead."""


def require_existing_store(db: Path) -> None:
    """Raises StoreError when the store a command line names does not exist: a typo must not
    become a new store (only the default one is built on first use)."""
    from store.db.connect import StoreError
    from tui.safe import safe

    if not db.exists():
        shown = safe(str(db), one_line=True)
        raise StoreError(f"no store at {shown} (`thaw ingest FILES --db {shown}` makes one)")


def dashboard(db: Path | None) -> None:
    """Open the dashboard on `db`, which must exist, else on $THAW_DB or the store in the
    user data directory (built on first use)."""
    if not sys.stdout.isatty():
        # Its escape codes would land in the file or pipe.
        raise NoTerminal("the dashboard needs a terminal; for a file or a pipe run `thaw "
                         "timeline`, `thaw actors`, `thaw sanctions` or `thaw export`")
    from store.db.connect import default_db_path
    from tui.app import run_dashboard

    if db is not None:
        require_existing_store(db)
    run_dashboard(db or default_db_path())


def _dashboard_db(argv: Sequence[str]) -> tuple[bool, Path | None]:
    """(True, the --db value or None) when `argv` asks for the dashboard and nothing else.

    Only command lines click would accept as they are: anything else answers (False, None)
    and goes to click, which then says what it always said.
    """
    if len(argv) == 0:
        return True, None
    if len(argv) == 2 and argv[0] == "--db":
        value = argv[1]
    elif len(argv) == 1 and argv[0].startswith("--db="):
        value = argv[0][len("--db="):]
    else:
        return False, None
    if not value or value.startswith("-"):
        return False, None
    # click.Path(dir_okay=False) refuses a folder and a file it cannot read.
    try:
        mode = os.stat(value).st_mode
    except OSError:
        return True, Path(value)
    if stat.S_ISDIR(mode) or not os.access(value, os.R_OK):
        return False, None
    return True, Path(value)


def _fail(message: str) -> NoReturn:
    """What click prints and returns for a ClickException: `Error: …`, status 1."""
    import click

    error = click.ClickException(message)
    error.show()
    sys.exit(error.exit_code)


def _dashboard_alone(db: Path | None) -> None:
    """`dashboard` with the click group's error handling (ThawGroup.invoke, Command.main)."""
    import sqlite3

    from store.db.connect import StoreError

    try:
        try:
            dashboard(db)
        except (StoreError, sqlite3.DatabaseError) as exc:
            _fail(store_trouble(exc))
        except NoTerminal as exc:
            _fail(str(exc))
    except (EOFError, KeyboardInterrupt):
        import click

        click.echo(file=sys.stderr)
        click.echo("Aborted!", file=sys.stderr)
        sys.exit(1)


def _completing() -> bool:
    """click's shell completion (`_THAW_COMPLETE=…`) is click's to answer."""
    return any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ)


class _Main:
    """`tui.cli:main`, the `thaw` script: a call that only opens the dashboard skips click.

    Everything else about it is the click group's (`main.main`, `main.commands`, …), so
    `CliRunner().invoke(main, …)` and the subcommands work on the group itself.
    """

    @property
    def group(self) -> click.Group:
        from tui.cli_commands import main as group

        return group

    def __call__(self, args: Sequence[str] | None = None, prog_name: str | None = None,
                 *more: Any, **extra: Any) -> Any:
        # Any other argument of click's Command.main (standalone_mode, …) is click's business.
        if not more and not extra and not _completing():
            alone, db = _dashboard_db(sys.argv[1:] if args is None else args)
            if alone:
                return _dashboard_alone(db)
        return self.group.main(args, prog_name, *more, **extra)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.group, name)

    def __repr__(self) -> str:
        return repr(self.group)


main = _Main()
