"""Who is named in a sentence: gazetteer aliases, sanction targets, and people nobody listed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from store.extract.lexicon import Authority, Target, load_yaml, word_regex, word_trie

# Capitalised words that begin or sit inside a name-like run but are not names.
_NOT_NAMES = {
    "the", "a", "an", "in", "on", "at", "of", "and", "but", "however", "according", "after",
    "before", "as", "for", "from", "to", "with", "by", "this", "that", "these", "those", "it",
    "he", "she", "they", "we", "i", "his", "her", "their", "our", "its", "while", "when",
    "president", "presidential", "secretary", "minister", "foreign", "prime", "deputy",
    "assistant", "state", "general", "special", "envoy", "ambassador", "chief", "head",
    "director", "commander", "spokesman", "spokeswoman", "press", "chairman", "chair",
    "vice", "senator", "representative", "former", "ex", "mr", "mrs", "ms", "dr", "sir",
    "u.s", "u.s.", "us", "eu", "un", "kgb", "nato", "defence", "defense", "interior",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "belarusian", "american", "russian", "ukrainian", "polish",
    "lithuanian", "european", "western", "eastern", "national", "opposition", "official",
    "officials", "government", "ministry", "department", "office", "union", "republic",
    "notably", "meanwhile", "moreover", "today", "yesterday", "researcher", "analyst",
    "experts", "analysts", "observers", "sources", "photo", "daily", "times", "news",
    "statement", "party", "council", "committee", "agency", "institute", "center", "centre",
    "company", "initiative", "group", "movement", "team", "bank", "north", "south", "east",
    "west", "new", "york", "embassy", "world", "war", "treaty", "organisation", "organization",
    "spotlight", "monitor", "review", "post", "service", "social", "truth",
}

# Capitalised titles that make the name after them a person's ("Secretary of State X").
_TITLES = {
    "president", "secretary", "minister", "envoy", "ambassador", "general", "chief", "director",
    "spokesman", "spokeswoman", "senator", "representative", "mr", "mrs", "ms", "dr", "sir",
    "chairman", "commander", "state", "deputy",
}

# Lower-case words that, just before a name, say the name is a person.
_PERSON_CUES = re.compile(
    r"(?:activist|blogger|philosopher|researcher|journalist|politician|diplomat|envoy|"
    r"candidate|citizen|adviser|advisor|director|minister|president|secretary|spokesman|"
    r"spokeswoman|leader|chief|deputy|official|analyst|expert|ambassador|lawyer|economist|"
    r"writer|poet|artist|opponent|dissident|prisoner|husband|wife|son|daughter|"
    r"colleague|representative|head|commander|general|figure|mr|mrs|ms|dr|"
    r"гражданин|политик|журналист|активист)\.?\s+$",
    re.I,
)
_AFTER_CUES = re.compile(
    r"^(?:,\s+(?:the|a|an|who|former|head|director|chief|deputy|leader|one of|husband|wife)\b"
    r"|\s+(?:said|says|stated|told|added|argued|argues|noted|wrote|believes|agrees|"
    r"commented|announced|was|is|has|had)\b)",
    re.I,
)
_SPEECH_BEFORE = re.compile(r"(?:said|says|stated|told|according to|added|noted)\s+$", re.I)

_HEAD_AFTER = re.compile(r"\s+([a-z]+)\b")
_DETERMINERS = {"this", "that", "these", "those", "his", "her", "its", "their", "our", "my"}


def _named_after_places(text: str, spans: list[Mention]) -> list[Mention]:
    """"the Minsk Regional Court": a place that begins a discovered organisation's name is part
    of that name, not a mention of the place."""
    if not any(m.kind == "organisation" and m.ref.source == "new" for m in spans):
        return spans
    out: list[Mention] = []
    for m in spans:
        prev = out[-1] if out else None
        if prev is not None and m.kind == "organisation" and m.ref.source == "new" \
                and prev.kind in ("place", "country") and text[prev.end:m.start] == " ":
            surface = text[prev.start:m.end]
            out[-1] = Mention(prev.start, m.end, surface, m.kind, Ref.new(surface))
            continue
        out.append(m)
    return out


@lru_cache(maxsize=1)
def discovery_heads() -> dict[str, str]:
    """Head word → kind, for organisations and places nobody listed."""
    data = load_yaml("discovery.yaml")
    return {**{w: "organisation" for w in data["organisation_heads"]},
            **{w: "place" for w in data["place_heads"]}}


_TOKEN = re.compile(r"[^\W\d_][\w'’.-]*", re.U)


@dataclass(frozen=True)
class Ref:
    """Who a mention names: a gazetteer actor, a sanction target, or someone new (by name)."""
    source: Literal["gazetteer", "target", "new"]
    key: str          # gazetteer slug, target id, or the new person's name

    @classmethod
    def gazetteer(cls, slug: str) -> Ref:
        return cls("gazetteer", slug)

    @classmethod
    def target(cls, target_id: str) -> Ref:
        return cls("target", target_id)

    @classmethod
    def new(cls, name: str) -> Ref:
        return cls("new", name)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str
    kind: str                    # person | organisation | country | place | company | sector
    ref: Ref
    authority: str | None = None  # sanctioning authority code when the words name one
    country: Ref | None = None    # a place's or person's country ("Medininkai" → Lithuania)
    title: bool = False           # named by a title ("the Head of State"), not a name

    def as_country(self) -> Mention:
        """A place standing for its country ("Minsk freed …", "sanctions on Minsk")."""
        assert self.country is not None
        return Mention(self.start, self.end, self.surface, "country", self.country)


_Rx = re.Pattern[str] | None


def _alias_regex(aliases: Iterable[str]) -> tuple[_Rx, _Rx, _Rx]:
    """Names with capitals match as written (US ≠ us); all-lowercase phrases match any case.
    The third regex is the cased one allowed to start right after a hyphen."""
    cased = sorted({a for a in aliases if a and any(c.isupper() for c in a)})
    plain = sorted({a for a in aliases if a and not any(c.isupper() for c in a)})
    def rx(items: list[str], flags: int, after_hyphen: bool = False) -> _Rx:
        return word_trie(items, flags, after_hyphen=after_hyphen) if items else None
    return rx(cased, 0), rx(plain, re.I), rx(cased, 0, after_hyphen=True)


def strip_possessive(surface: str) -> str:
    return re.sub(r"['’]s?$", "", surface)


class MentionFinder:
    """Finds mentions in sentences. Built once per ingest; pure and picklable."""

    def __init__(
        self,
        actors: Iterable[tuple[str, str, Iterable[str]]],   # (slug, kind, names)
        targets: Iterable[Target],
        authorities: Iterable[Authority],
        given_names: Iterable[str] = (),
        affiliations: dict[str, str] | None = None,   # slug → the slug it belongs to
        titles: Iterable[tuple[str, str]] = (),       # (title, slug of its holder)
    ) -> None:
        self.affiliations = dict(affiliations or {})
        self.kinds: dict[str, str] = {}
        self.titles = {title for title, _ in titles}
        self.by_alias: dict[str, tuple[Ref, str]] = {}
        self.by_alias_ci: dict[str, tuple[Ref, str]] = {}
        for slug, kind, names in actors:
            for name in names:
                self._register(name, Ref.gazetteer(slug), kind)
        for title, slug in titles:
            # A title names its holder ("the Head of State" in Minsk's press), not a spelling.
            self._register(title, Ref.gazetteer(slug), "person")
        for t in targets:
            for name in (t.name, *t.aliases):
                # A target that is also a gazetteer organisation keeps the gazetteer identity.
                if name not in self.by_alias and name.lower() not in self.by_alias_ci:
                    self._register(name, Ref.target(t.id), t.kind)
        # cased_tail: the second half of a compound of two known names ("Belarusian-Russian
        # exercises", "the Lukashenka-Kellogg meeting"); `cased` refuses a match after a hyphen
        # so that an unknown double-barrelled surname is not cut in two.
        self.cased, self.plain, self.cased_tail = _alias_regex(
            list(self.by_alias) + list(self.by_alias_ci))
        self.auth_codes: dict[str, str] = {}
        for a in authorities:
            for name in (a.name, *a.aliases):
                self.auth_codes[name] = a.code
                self.auth_codes[name.lower()] = a.code
        self.auth_rx = word_regex([re.escape(n) for n in self.auth_codes if n], 0)
        self.auth_rx_ci = word_regex(
            [re.escape(n) for n in self.auth_codes if n and n[0].islower()], re.I
        ) if any(n and n[0].islower() for n in self.auth_codes) else None
        self.given = {g.lower() for g in given_names}
        self.country = self._countries()      # key → its country, looked up per mention

    def country_of(self, key: str) -> str | None:
        """The country a place or person belongs to, through at most three affiliations
        (Tsertsel → the KGB of Belarus → Belarus)."""
        for _ in range(3):
            key = self.affiliations.get(key, "")
            if self.kinds.get(key) == "country":
                return key
        return None

    def _countries(self) -> dict[str, Ref]:
        """`country_of` for every actor with an affiliation, worked out once."""
        return {key: Ref.gazetteer(c) for key in self.affiliations
                if (c := self.country_of(key)) is not None}

    def _register(self, name: str, ref: Ref, kind: str) -> None:
        self.kinds.setdefault(ref.key, kind)
        if any(c.isupper() for c in name):
            self.by_alias.setdefault(name, (ref, kind))
        else:
            self.by_alias_ci.setdefault(name.lower(), (ref, kind))

    def authorities_in(self, text: str) -> list[tuple[int, int, str]]:
        out = [(m.start(), m.end(), self.auth_codes[m.group(0)]) for m in self.auth_rx.finditer(text)]
        return sorted(out)

    def find(self, text: str, known_people: dict[str, str] | None = None) -> list[Mention]:
        """Mentions in one sentence. `known_people` maps a surname (lower) to the full name
        of a person already named in this document, so a later bare surname is that person."""
        spans: list[Mention] = []
        taken = bytearray(len(text) + 1)        # 1 where a mention already covers the text

        def take(m: re.Match[str] | None, ref_kind: tuple[Ref, str] | None) -> None:
            if m is None or ref_kind is None or taken.find(1, m.start(), m.end()) >= 0:
                return
            ref, kind = ref_kind
            country = self.country.get(ref.key) if kind in ("place", "person") else None
            spans.append(Mention(m.start(), m.end(), m.group(0), kind, ref, country=country,
                                 title=m.group(0) in self.titles))
            taken[m.start():m.end()] = b"\x01" * (m.end() - m.start())

        for rx, table, ci in ((self.cased, self.by_alias, False), (self.plain, self.by_alias_ci, True)):
            if rx is not None:
                for m in rx.finditer(text):
                    take(m, table[m.group(0).lower() if ci else m.group(0)])
        if self.cased_tail is not None:
            for first in list(spans):
                if text[first.end:first.end + 1] == "-":
                    m = self.cased_tail.match(text, first.end + 1)
                    take(m, self.by_alias[m.group(0)] if m else None)
        spans.extend(self._discover(text, taken, known_people or {}))
        return _named_after_places(text, sorted(spans, key=lambda m: m.start))

    def _organisation_or_place(self, text: str, run: list[re.Match[str]]) -> Mention | None:
        """"the State Border Guard Service", "the Homel Region": a capitalised run ending in an
        organisation's or a place's head word (seeds/discovery.yaml)."""
        heads = discovery_heads()
        tail = _HEAD_AFTER.match(text, run[-1].end())
        if run[-1].group(0) not in heads and not (tail and tail.group(1).capitalize() in heads):
            return None                                 # the common case: no head word
        words = [t.group(0) for t in run]
        while words and words[0].lower() in ("the", "a", "an"):
            words.pop(0)
        if not words or any(w.lower() in _DETERMINERS for w in words):
            return None
        start, end = run[len(run) - len(words)].start(), run[-1].end()
        kind = heads.get(words[-1]) if len(words) >= 2 else None
        if kind is None and tail and heads.get(tail.group(1).capitalize()) == "place":
            kind, end = "place", tail.end()            # "the Homel region"
        if kind is None:
            return None
        surface = text[start:end]
        return Mention(start, end, surface, kind, Ref.new(surface))

    def _discover(self, text: str, taken: bytearray, known: dict[str, str]) -> list[Mention]:
        """People the gazetteer does not know, from name shape and cues."""
        out: list[Mention] = []
        run: list[re.Match[str]] = []
        tokens = [t for t in _TOKEN.finditer(text) if taken.find(1, t.start(), t.end()) < 0]

        def flush() -> None:
            named = self._organisation_or_place(text, run)
            if named is not None:
                out.append(named)
                run.clear()
                return
            names = list(run)
            titled = False
            while names and names[0].group(0).lower().rstrip(".") in _NOT_NAMES:
                titled = titled or names[0].group(0).lower().rstrip(".") in _TITLES
                names.pop(0)
            while names and names[-1].group(0).lower().rstrip(".'’s") in _NOT_NAMES:
                names.pop()
            run.clear()
            if not names:
                return
            start, end = names[0].start(), names[-1].end()
            surface = strip_possessive(text[start:end].rstrip("."))
            end = start + len(surface)
            words = surface.split()
            if any(w.lower() in _NOT_NAMES for w in words):
                return
            if len(words) == 1:
                full = known.get(words[0].lower())
                if full:
                    out.append(Mention(start, end, surface, "person", Ref.new(full)))
                return
            if len(words) > 4:
                return
            before, after = text[max(0, start - 40):start], text[end:end + 40]
            cue = (
                titled
                or words[0].lower() in self.given
                or _PERSON_CUES.search(before) is not None
                or _AFTER_CUES.match(after) is not None
                or _SPEECH_BEFORE.search(before) is not None
            )
            if cue:
                out.append(Mention(start, end, surface, "person", Ref.new(surface)))

        prev_end = -1
        for tok in tokens:
            word = tok.group(0)
            capital = word[0].isupper()
            particle = word in {"von", "der", "de", "van", "al", "bin"} and bool(run)
            adjacent = prev_end >= 0 and text[prev_end:tok.start()] in (" ", "")
            if (capital or particle) and (not run or adjacent):
                run.append(tok)
            else:
                if run:
                    flush()
                if capital:
                    run.append(tok)
            prev_end = tok.end()
        if run:
            flush()
        return out
