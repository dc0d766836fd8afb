"""The one actor search (CLI + dashboard) and mention resolution at ingest.

Every alias is split into normalised words; each word also has a romanisation-invariant key
(store/identity/names.py). A query word is looked up, per index word, by: the same word, the same key,
the same given-name class, a prefix of the word or key (as-you-type), or a near key (typos,
rapidfuzz over the keys sharing its first letter). Those word scores are combined per alias
and the best alias stands for its actor. Nothing scans all aliases per keystroke.

Resolution (`resolve`) is stricter than search: the same spelling or key, or for people the
same surname key with a compatible given name, or a unique bare surname.
"""

from __future__ import annotations

import bisect
import gc
import heapq
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from store.identity.gazetteer import GazActor, load_gazetteer
from store.identity.names import (
    PARTICLES,
    TITLES,
    given_classes,
    normalise,
    same_ending,
    same_given,
    split_person,
    token_key,
)

MAX_QUERY_CHARS = 200     # a pasted novel is not a name
MAX_QUERY_WORDS = 10
MAX_ALIAS_CHARS = 300
PREFIX_CAP = 300          # index words taken per typed prefix (1-letter prefixes match many)
SELECTIVE = 400           # a query word matching at most this many spellings picks candidates
CANDIDATE_CAP = 4000      # spellings gathered per query word
SCORE_CAP = 600           # spellings fully scored per keystroke
FUZZY_MIN_LEN = 4         # shorter keys are all "near" each other
MIN_SCORE = 55.0

# Scores of one query word against one index word.
S_SAME = 100.0            # same normalised word
S_KEY = 96.0              # same key: another romanisation/script of the word
S_GIVEN = 90.0            # same given name in another language (Mikola / Nikolai)
S_PREFIX = 70.0           # + up to 25 by how much of the word is typed
S_KEY_PREFIX = 68.0
S_FUZZY = 0.85            # times rapidfuzz ratio of the keys

# Kinds that may name the same actor: a mention typed "place" can be a gazetteer country.
_KIND_GROUP = {
    "person": "person",
    "organisation": "org",
    "company": "org",
    "country": "geo",
    "place": "geo",
    "sector": "sector",
}


def _group(kind: str | None) -> str | None:
    return None if kind is None else _KIND_GROUP.get(kind, kind)


@dataclass
class ActorEntry:
    id: int
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)  # incl. every "seen as" spelling


@dataclass
class Hit:
    actor_id: int
    name: str
    kind: str
    score: float      # 0..100, best first
    matched: str      # the spelling that matched best


class ActorIndex:
    """In-memory index of actors and their spellings; add() and add_alias() keep it current.

    Searches and resolutions may run from several threads at once; add() and add_alias()
    must not run concurrently with them (ingest has one writer).
    """

    def __init__(self, entries: Iterable[ActorEntry] = ()) -> None:
        self._actors: dict[int, ActorEntry] = {}
        # Aliases by position.
        self._a_actor: list[int] = []
        self._a_text: list[str] = []
        self._a_words: list[list[str]] = []
        self._a_norms: dict[str, set[int]] = {}        # normalised spelling -> actors
        # Search side (built on the first search): words of all aliases.
        self._search_ready = False
        self._post: dict[str, list[int]] = {}          # word -> aliases holding it
        self._key_words: dict[str, list[str]] = {}     # key -> words with that key
        self._class_words: dict[str, list[str]] = {}   # given-name class -> words
        self._words_sorted: list[str] = []
        self._keys_sorted: list[str] = []
        self._bucket: dict[str, list[str]] = {}        # first letter of key -> keys
        # Resolution side (built on the first resolve).
        self._resolve_ready = False
        self._by_key: dict[str, set[int]] = {}
        self._by_surname: dict[str, set[int]] = {}     # people only
        self._surnames: dict[str, set[str]] = {}       # first letter -> surname keys
        self._givens: dict[int, set[str]] = {}         # person -> given-name keys
        self._initials: dict[int, set[str]] = {}       # person -> given-name first letters
        self._build_lock = threading.Lock()
        with _no_gc():
            for e in entries:
                self.add(e)

    # -- building ------------------------------------------------------------------------
    # The dashboard only searches and ingest mostly resolves, so each side is built when
    # first used and then kept current by add() / add_alias().

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def get(self, actor_id: int) -> ActorEntry | None:
        return self._actors.get(actor_id)

    def add(self, entry: ActorEntry) -> None:
        """A new actor (an id already present only gains the spellings)."""
        if entry.id not in self._actors:
            self._actors[entry.id] = ActorEntry(entry.id, entry.name, entry.kind, [])
            self._index_alias(entry.id, entry.name)
        for alias in entry.aliases:
            self.add_alias(entry.id, alias)

    def add_alias(self, actor_id: int, alias: str) -> None:
        """Another spelling of a known actor (KeyError for an unknown id)."""
        entry = self._actors[actor_id]
        if alias and alias not in entry.aliases:
            entry.aliases.append(alias)
            self._index_alias(actor_id, alias)

    def _index_alias(self, actor_id: int, text: str) -> None:
        norm = normalise(text[:MAX_ALIAS_CHARS])
        if not norm:
            return
        actors = self._a_norms.get(norm)
        if actors is None:
            self._a_norms[norm] = {actor_id}
        elif actor_id in actors:
            return  # the same spelling up to case and punctuation
        else:
            actors.add(actor_id)
        words = norm.split()
        if len(words) > 12:
            words = words[:12]
        pos = len(self._a_actor)
        self._a_actor.append(actor_id)
        self._a_text.append(text)
        self._a_words.append(words)
        if self._search_ready:
            self._index_words(pos, bulk=False)
        if self._resolve_ready:
            self._index_names(pos)

    def _ensure_search(self) -> None:
        if self._search_ready:
            return
        with self._build_lock:  # dashboard searches run in worker threads
            if self._search_ready:
                return
            with _no_gc():
                for pos in range(len(self._a_actor)):
                    self._index_words(pos, bulk=True)
            self._words_sorted.sort()
            self._keys_sorted.sort()
            self._search_ready = True

    def _ensure_resolve(self) -> None:
        if self._resolve_ready:
            return
        with self._build_lock:
            if self._resolve_ready:
                return
            with _no_gc():
                for pos in range(len(self._a_actor)):
                    self._index_names(pos)
            self._resolve_ready = True

    def _index_words(self, pos: int, bulk: bool) -> None:
        post = self._post
        for w in self._a_words[pos]:
            p = post.get(w)
            if p is None:
                post[w] = [pos]
                self._new_word(w, bulk)
            elif p[-1] != pos:
                p.append(pos)

    def _new_word(self, w: str, bulk: bool) -> None:
        k = token_key(w)
        words = self._key_words.get(k)
        if words is None:
            words = self._key_words[k] = []
            self._bucket.setdefault(k[0], []).append(k)
            if bulk:
                self._keys_sorted.append(k)
            else:
                bisect.insort(self._keys_sorted, k)
        words.append(w)
        for cls in given_classes(k):
            self._class_words.setdefault(cls, []).append(w)
        if bulk:
            self._words_sorted.append(w)
        else:
            bisect.insort(self._words_sorted, w)

    def _index_names(self, pos: int) -> None:
        actor_id = self._a_actor[pos]
        words = self._a_words[pos]
        self._by_key.setdefault(_key(words), set()).add(actor_id)
        if self._actors[actor_id].kind != "person":
            return
        given, surname = split_person(words)
        surnames = [surname] if surname else []
        last = self._a_text[pos].split()[-1]
        if "-" in last and len(words) > 2:
            # A double surname (Sharenda-Panasiuk): either half alone names the person.
            surnames = normalise(last).split()
        for surname in surnames:
            if surname.isalpha():
                sk = token_key(surname)
                self._by_surname.setdefault(sk, set()).add(actor_id)
                self._surnames.setdefault(sk[0], set()).add(sk)
        if given:
            self._initials.setdefault(actor_id, set()).add(given[0])
            if len(given) > 1:
                self._givens.setdefault(actor_id, set()).add(token_key(given))

    # -- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """Actors for what the user typed, best first; [] for nothing usable."""
        if not query or not isinstance(query, str) or limit <= 0:
            return []
        words = normalise(query[:MAX_QUERY_CHARS]).split()[:MAX_QUERY_WORDS]
        if not words:
            return []
        self._ensure_search()
        per_word = [self._alias_scores(w) for w in words]
        found = [d for d in per_word if d]
        if not found:
            return []
        # Candidates come from the selective words: in "Sergei Tikh" the surname prefix,
        # not the thousand Sergeis. Only common words? Spellings holding all of them.
        selective = [d for d in found if len(d) <= SELECTIVE]
        cands: Iterable[int]
        if selective:
            cands = selective[0].keys() if len(selective) == 1 else set().union(*selective)
        elif len(found) > 1:
            cands = set(found[0]).intersection(*found[1:]) or set().union(*found)
        else:
            cands = found[0].keys()
        if len(cands) > SCORE_CAP:  # one typed letter: score only the likeliest spellings
            if len(found) == 1:
                cands = heapq.nlargest(SCORE_CAP, cands, key=found[0].__getitem__)
            else:
                cands = heapq.nlargest(
                    SCORE_CAP, cands, key=lambda a: sum(d.get(a, 0.0) for d in found)
                )
        # A common word (a given name shared by thousands) weighs half a rare one.
        weights = [1.0 if len(d) <= SELECTIVE else 0.5 for d in found]
        weight_all = sum(weights) + (len(words) - len(found))  # unmatched words count fully
        a_words, a_actor, a_text = self._a_words, self._a_actor, self._a_text
        by_actor: dict[int, tuple[float, int]] = {}
        for a in cands:
            total = 0.0
            weight = 0.0
            matched = 0
            for d, wt in zip(found, weights, strict=True):
                s = d.get(a)
                if s is not None:
                    total += s * wt
                    weight += wt
                    matched += 1
            size = len(a_words[a])
            # Query words the spelling lacks cost more ("Trump administration" still finds
            # Trump); spelling words the query lacks cost a little (Lukashenko before
            # Alexander Lukashenko for "Lukashenko").
            score = (
                total / weight
                * (0.6 + 0.4 * weight / weight_all)
                * (0.9 + 0.1 * min(matched, size) / size)
            )
            actor = a_actor[a]
            prev = by_actor.get(actor)
            if prev is None or score > prev[0] or (
                score == prev[0] and len(a_text[a]) < len(a_text[prev[1]])
            ):
                by_actor[actor] = (score, a)
        ranked = heapq.nsmallest(
            limit,
            (item for item in by_actor.items() if item[1][0] >= MIN_SCORE),
            key=lambda it: (-it[1][0], len(a_text[it[1][1]]), it[0]),
        )
        hits = []
        for actor, (score, a) in ranked:
            e = self._actors[actor]
            hits.append(Hit(actor, e.name, e.kind, round(min(score, 100.0), 1), a_text[a]))
        return hits

    def _alias_scores(self, w: str) -> dict[int, float]:
        """Spellings one query word matches, with the best score of that word in each;
        the best-matching index words first, at most CANDIDATE_CAP spellings."""
        best: dict[int, float] = {}
        post = self._post
        scored = sorted(self._word_scores(w).items(), key=lambda ws: -ws[1])
        for word, s in scored:
            for a in post[word]:
                if a not in best:
                    best[a] = s
            if len(best) >= CANDIDATE_CAP:
                break
        return best

    def _word_scores(self, w: str) -> dict[str, float]:
        """Index words that one query word may stand for, with how well."""
        k = token_key(w)
        scores: dict[str, float] = {}

        def put(word: str, s: float) -> None:
            if s > scores.get(word, 0.0):
                scores[word] = s

        if w in self._post:
            put(w, S_SAME)
        for word in self._key_words.get(k, ()):
            put(word, S_KEY)
        for cls in given_classes(k):
            for word in self._class_words.get(cls, ()):
                put(word, S_GIVEN)
        # As you type: the word or its key is the start of an index word.
        lo = bisect.bisect_left(self._words_sorted, w)
        for word in self._words_sorted[lo : lo + PREFIX_CAP]:
            if not word.startswith(w):
                break
            put(word, S_PREFIX + 25.0 * len(w) / len(word))
        lo = bisect.bisect_left(self._keys_sorted, k)
        for key in self._keys_sorted[lo : lo + PREFIX_CAP] if len(k) > 1 else ():
            if not key.startswith(k):
                break
            s = S_KEY_PREFIX + 25.0 * len(k) / len(key)
            for word in self._key_words[key]:
                put(word, s)
        # Typos: near keys with the same first letter.
        if len(k) >= FUZZY_MIN_LEN:
            bucket = self._bucket.get(k[0])
            if bucket:
                for key, ratio, _ in process.extract(
                    k, bucket, scorer=fuzz.ratio, score_cutoff=75, limit=25
                ):
                    for word in self._key_words[key]:
                        put(word, S_FUZZY * ratio)
        return scores

    # -- resolution ------------------------------------------------------------------------

    def resolve(self, surface: str, kind: str | None = None) -> int | None:
        """The known actor `surface` names, or None (then it is a new actor).

        Same spelling or same key (of a compatible kind) first; for people, the same surname
        key with a compatible given name (another language's form, an initial, or a one-edit
        typo of the surname when the given name agrees), or a bare surname carried by exactly
        one known person. Ambiguity gives None rather than a wrong merge.
        """
        if not surface or not isinstance(surface, str):
            return None
        words = normalise(surface[:MAX_ALIAS_CHARS]).split()[:12]
        if not words:
            return None
        group = _group(kind)
        self._ensure_resolve()

        def fits(actor: int) -> bool:
            return group is None or _group(self._actors[actor].kind) == group

        for table, probe in ((self._a_norms, " ".join(words)), (self._by_key, _key(words))):
            ids = {a for a in table.get(probe, ()) if fits(a)}
            if len(ids) == 1:
                return ids.pop()
            if len(ids) > 1:
                return None
        if group not in (None, "person"):
            return None
        given, surname = split_person(words)
        found = self._resolve_person(given, surname, fits)
        if found is None and given and len(words) == 2:
            # Surname first, as in Russian lists: "Lukashenko Alexander".
            found = self._resolve_person(words[1], words[0], fits, strict=True)
        return found

    def _resolve_person(
        self,
        given: str | None,
        surname: str | None,
        fits: Callable[[int], bool],
        strict: bool = False,
    ) -> int | None:
        if not surname or not surname.isalpha():
            return None
        sk = token_key(surname)
        cands = [a for a in self._by_surname.get(sk, ()) if fits(a)]
        if given is None:
            return cands[0] if len(cands) == 1 else None
        gk = token_key(given)
        if len(given) == 1:  # an initial: "A. Lukashenko", "C. Smith"
            explicit = {a for a in cands if given in self._initials.get(a, ())}
        else:
            explicit = {a for a in cands if any(same_given(gk, g) for g in self._givens.get(a, ()))}
        if len(explicit) == 1:
            return explicit.pop()
        if explicit:
            return None
        if not strict:
            # Known only by surname so far ("Viachorka"), and that surname is unique.
            unknown = [a for a in cands if not self._givens.get(a)]
            if len(unknown) == 1 and len(cands) == 1:
                return unknown[0]
        # A typo in the surname, when a full given name agrees.
        if len(sk) >= 5 and len(gk) > 1 and not cands:
            near: set[int] = set()
            for s in self._surnames.get(sk[0], ()):
                if same_ending(s, sk) and Levenshtein.distance(s, sk, score_cutoff=1) <= 1:
                    near.update(
                        a
                        for a in self._by_surname[s]
                        if fits(a) and any(_full_given_match(gk, g) for g in self._givens.get(a, ()))
                    )
            if len(near) == 1:
                return near.pop()
        return None


def _key(words: list[str]) -> str:
    """Key of a whole spelling; titles and particles do not count ("President Trump")."""
    core = [token_key(w) for w in words if w not in _SKIP]
    return " ".join(core) if core else " ".join(map(token_key, words))


_SKIP = TITLES | PARTICLES


@contextmanager
def _no_gc() -> Iterator[None]:
    # Tens of thousands of small containers: the cyclic GC would rescan them many times
    # during a build (a third of its time); the index holds no reference cycles.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _full_given_match(a: str, b: str) -> bool:
    # Initials are too weak to excuse a misspelt surname.
    return len(a) > 1 and len(b) > 1 and same_given(a, b)


def load_index(conn: sqlite3.Connection) -> ActorIndex:
    """The index of every actor in the store, with all its spellings."""
    entries: dict[int, ActorEntry] = {
        aid: ActorEntry(aid, name, kind, [])
        for aid, name, kind in conn.execute("SELECT id, name, kind FROM actors ORDER BY id")
    }
    for aid, alias in conn.execute("SELECT actor_id, alias FROM aliases ORDER BY id"):
        e = entries.get(aid)
        if e is not None:
            e.aliases.append(alias)
    return ActorIndex(entries.values())


def index_from_gazetteer(
    actors: Iterable[GazActor] | None = None,
    extra: Iterable[ActorEntry] = (),
) -> tuple[ActorIndex, dict[str, int]]:
    """An index of the gazetteer alone (ids 1..n in file order) plus `extra` entries, and the
    slug -> id map. For tests, benchmarks and tools that have no store."""
    gaz = list(actors) if actors is not None else load_gazetteer()
    slugs = {a.id: i for i, a in enumerate(gaz, start=1)}
    entries = [ActorEntry(slugs[a.id], a.name, a.kind, list(a.aliases)) for a in gaz]
    entries.extend(extra)
    return ActorIndex(entries), slugs
