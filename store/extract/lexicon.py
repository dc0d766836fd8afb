"""The curated data files in seeds/: lexicons, sanction targets, authorities."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

# libyaml's parser where the wheel has it: the pure-Python one costs ~0.3 s per gazetteer load
# and ~4 ms per article's front matter.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def seeds_dir() -> Path:
    """`THAW_SEEDS`, else the repository's bundled seeds/."""
    env = os.environ.get("THAW_SEEDS")
    return Path(env) if env else Path(__file__).resolve().parents[2] / "seeds"


@lru_cache(maxsize=16)
def load_yaml(name: str) -> Any:
    with open(seeds_dir() / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=SafeLoader)  # noqa: S506 - a safe loader


def _by_first_letter(patterns: list[str], flags: int) -> str:
    """The alternation, with entries that open with a plain letter grouped under it: at each
    word start the engine tries the few entries of that letter, not all of them (the trigger
    pre-scan runs on every sentence)."""
    groups: dict[str, list[str]] = {}
    rest: list[str] = []
    for p in sorted(patterns, key=len, reverse=True):
        head = p[:1]
        if head.isalpha() and p[1:2] not in ("?", "*", "+", "{", "|") and head.isascii() and \
                "|" not in re.sub(r"\\.|\[[^]]*\]|\((?:[^()]|\([^()]*\))*\)", "", p):
            groups.setdefault(head.lower() if flags & re.I else head, []).append(p[1:])
        else:
            rest.append(p)
    alts = [f"{re.escape(h)}(?:{'|'.join(f'(?:{t})' for t in tails)})"
            for h, tails in groups.items()]
    return "|".join(alts + [f"(?:{p})" for p in rest])


def word_regex(patterns: list[str], flags: int = re.I, *,
               after_hyphen: bool = False) -> re.Pattern[str]:
    """One alternation of lexicon entries, each on word boundaries. A hyphen before an entry
    is a word boundary only with `after_hyphen` (the second half of "Belarusian-Russian")."""
    alts = _by_first_letter(patterns, flags)
    before = r"(?<!\w)" if after_hyphen else r"(?<![\w-])"
    return re.compile(rf"{before}(?:{alts})(?![\w])", flags)


def trie(words: Iterable[str]) -> str:
    """One regex for a list of literal words, factored by shared prefixes: at each position the
    engine follows one branch per character instead of trying every word (an alternation of
    the gazetteer's ~1,000 spellings cost 0.6 ms per article; the trie a fraction of that).
    Longer words are tried first (greedy optional tails)."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        # Greedy optional tail: the longer form ("Sept") is tried before the shorter ("Sep").
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def word_trie(words: Iterable[str], flags: int = 0, *, after_hyphen: bool = False) -> re.Pattern[str]:
    """`word_regex` for literal words, as a trie."""
    before = r"(?<!\w)" if after_hyphen else r"(?<![\w-])"
    return re.compile(rf"{before}(?:{trie(words)})(?![\w])", flags)


@dataclass(frozen=True)
class Polarity:
    name: str
    cameo: str
    cues: re.Pattern[str]


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    triggers: re.Pattern[str]
    polarity: tuple[Polarity, ...] = ()
    require_polarity: bool = False
    denials: re.Pattern[str] | None = None    # "refused to leave": it did not happen to them
    # triggers whose subject undergoes the event ("X walked free"), as a passive's does
    subject_undergoes: re.Pattern[str] | None = None
    # a sentence opening that only lists people: continues the event told just before
    list_openers: re.Pattern[str] | None = None


@dataclass(frozen=True)
class SanctionStatus:
    name: str              # proposed | in_force | eased | lifted | extended
    event: str | None      # event type it makes; None = evidence of a status, not a change
    cameo: str | None
    cues: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    events: tuple[EventType, ...]
    statement_cameo: str
    speech: re.Pattern[str]
    sanction_nouns: re.Pattern[str]
    sanction_partial: re.Pattern[str]   # "lifted some sanctions": an easing
    statuses: tuple[SanctionStatus, ...]
    count_nouns: tuple[str, ...]
    any_trigger: re.Pattern[str]    # every trigger and denial at once: most sentences have none
    cameo: dict[str, str] = field(default_factory=dict)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = load_yaml("triggers.yaml")
    events = []
    cameo: dict[str, str] = {}
    for name, spec in data["events"].items():
        pols = tuple(
            Polarity(p["name"], str(p["cameo"]), word_regex(p["cues"]))
            for p in spec.get("polarity", [])
        )
        denials = word_regex(spec["denials"]) if spec.get("denials") else None
        undergoes = word_regex(spec["subject_undergoes"]) if spec.get("subject_undergoes") else None
        openers = re.compile(rf"^\W*(?:{'|'.join(spec['list_openers'])})\b", re.I) \
            if spec.get("list_openers") else None
        events.append(
            EventType(name, str(spec["cameo"]), word_regex(spec["triggers"]), pols,
                      bool(spec.get("require_polarity")), denials, undergoes, openers)
        )
        cameo[name] = str(spec["cameo"])
    sanc = data["sanctions"]
    statuses = tuple(
        SanctionStatus(s["name"], s.get("event"), s.get("cameo"), word_regex(s["cues"]))
        for s in sanc["statuses"]
    )
    for s in statuses:
        if s.event and s.cameo:
            cameo.setdefault(s.event, s.cameo)
    cameo["statement"] = str(data["statement"]["cameo"])
    return Lexicon(
        events=tuple(events),
        statement_cameo=str(data["statement"]["cameo"]),
        speech=word_regex(data["statement"]["cues"]),
        sanction_nouns=word_regex(sanc["nouns"]),
        sanction_partial=word_regex(sanc["partial"]),
        statuses=statuses,
        any_trigger=word_regex([t for spec in data["events"].values()
                                for t in (*spec["triggers"], *(spec.get("denials") or ()),
                                          *(spec.get("list_openers") or ()))]),
        count_nouns=tuple(data["count_nouns"]),
        cameo=cameo,
    )


@dataclass(frozen=True)
class Authority:
    code: str
    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    sector: str | None = None      # a company's sector: what is done to the sector is done to it


@lru_cache(maxsize=1)
def authorities() -> tuple[Authority, ...]:
    return tuple(
        Authority(a["code"], a["name"], tuple(a["aliases"]))
        for a in load_yaml("sanctions.yaml")["authorities"]
    )


@lru_cache(maxsize=1)
def targets() -> tuple[Target, ...]:
    return tuple(
        Target(t["id"], t["name"], t["kind"], tuple(t["aliases"]), t.get("sector"))
        for t in load_yaml("sanctions.yaml")["targets"]
    )
