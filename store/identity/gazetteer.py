"""Loading seeds/gazetteer.yaml: the curated actors, their spellings and dated roles."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from store.extract.lexicon import SafeLoader

KINDS = frozenset({"person", "organisation", "country", "place"})


class GazetteerError(ValueError):
    """The gazetteer file is malformed; the message names the entry."""


@dataclass
class GazActor:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    roles: list[dict[str, str | None]] = field(default_factory=list)  # {role, start, end}
    affiliation: str | None = None
    titles: list[str] = field(default_factory=list)   # "Head of State": names its holder


def default_path() -> Path:
    """`$THAW_SEEDS/gazetteer.yaml` when set (tests, other seed sets), else the repo's seeds."""
    env = os.environ.get("THAW_SEEDS")
    if env:
        return Path(env).expanduser() / "gazetteer.yaml"
    return Path(__file__).resolve().parents[2] / "seeds" / "gazetteer.yaml"


def _date(value: Any, where: str) -> str | None:
    # YAML turns unquoted 2025-01-21 into a date; keep ISO text either way.
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str | int):
        return str(value)
    raise GazetteerError(f"{where}: date must be ISO text, got {value!r}")


def load_gazetteer(path: str | Path | None = None) -> list[GazActor]:
    """All actors of the gazetteer, in file order; raises GazetteerError on a bad entry."""
    path = Path(path) if path is not None else default_path()
    with open(path, encoding="utf-8") as f:
        data = yaml.load(f, Loader=SafeLoader) or {}  # noqa: S506 - a safe loader
    rows = data.get("actors") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        raise GazetteerError(f"{path}: expected a top-level 'actors:' list")
    actors: list[GazActor] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        where = f"{path.name} actor #{i + 1}"
        if not isinstance(row, dict):
            raise GazetteerError(f"{where}: not a mapping")
        slug, name, kind = row.get("id"), row.get("name"), row.get("kind")
        if not isinstance(slug, str) or not slug:
            raise GazetteerError(f"{where}: missing id")
        where = f"{path.name} actor {slug!r}"
        if slug in seen:
            raise GazetteerError(f"{where}: duplicate id")
        seen.add(slug)
        if not isinstance(name, str) or not name.strip():
            raise GazetteerError(f"{where}: missing name")
        if kind not in KINDS:
            raise GazetteerError(f"{where}: kind must be one of {sorted(KINDS)}, got {kind!r}")
        raw_aliases = row.get("aliases") or []
        if not isinstance(raw_aliases, list):
            raise GazetteerError(f"{where}: aliases must be a list")
        aliases: list[str] = []
        for a in raw_aliases:
            a = str(a).strip()  # YAML may read a bare alias as a number or bool
            if a and a != name and a not in aliases:
                aliases.append(a)
        roles: list[dict[str, str | None]] = []
        titles: list[str] = []
        for r in row.get("roles") or []:
            if not isinstance(r, dict) or not r.get("role"):
                raise GazetteerError(f"{where}: each role needs a 'role'")
            roles.append(
                {
                    "role": str(r["role"]),
                    "start": _date(r.get("start"), where),
                    "end": _date(r.get("end"), where),
                }
            )
            titles += [str(t).strip() for t in r.get("titles") or [] if str(t).strip()]
        affiliation = row.get("affiliation")
        if affiliation is not None and not isinstance(affiliation, str):
            raise GazetteerError(f"{where}: affiliation must be an actor id")
        actors.append(GazActor(slug, name.strip(), kind, aliases, roles, affiliation, titles))
    for a in actors:
        if a.affiliation is not None and a.affiliation not in seen:
            raise GazetteerError(f"actor {a.id!r}: unknown affiliation {a.affiliation!r}")
    return actors
