"""Search-as-you-type over 10,000 actors: index build time and time per keystroke.

    .venv/bin/python benchmarks/bench_search.py [--actors 10000] [--queries 200] [--seed 7]

The synthetic actors are the gazetteer plus generated Belarusian/Russian/Polish-style people,
each with three spellings (Russian-style Latin, Belarusian-style Latin or Polish, and one
Cyrillic form), so the index holds ~10k actors and ~30k spellings. The typed queries are
other spellings of those same people, entered keystroke by keystroke.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from store.identity.gazetteer import load_gazetteer  # noqa: E402
from store.identity.search import ActorEntry, ActorIndex, load_index  # noqa: E402

# (Russian, Belarusian) Cyrillic given names, by gender.
GIVEN_M = [
    ("Сергей", "Сяргей"), ("Николай", "Мікалай"), ("Александр", "Аляксандр"),
    ("Игорь", "Ігар"), ("Виктор", "Віктар"), ("Владимир", "Уладзімір"), ("Павел", "Павел"),
    ("Михаил", "Міхаіл"), ("Андрей", "Андрэй"), ("Дмитрий", "Дзмітрый"), ("Иван", "Іван"),
    ("Евгений", "Яўген"), ("Валерий", "Валерый"), ("Юрий", "Юрый"), ("Олег", "Алег"),
    ("Максим", "Максім"), ("Пётр", "Пятро"), ("Григорий", "Рыгор"), ("Леонид", "Леанід"),
    ("Роман", "Раман"), ("Вадим", "Вадзім"), ("Антон", "Антон"), ("Денис", "Дзяніс"),
]
GIVEN_F = [
    ("Светлана", "Святлана"), ("Наталья", "Наталля"), ("Мария", "Марыя"), ("Анна", "Ганна"),
    ("Ольга", "Вольга"), ("Елена", "Алена"), ("Татьяна", "Таццяна"), ("Ирина", "Ірына"),
    ("Юлия", "Юлія"), ("Екатерина", "Кацярына"), ("Людмила", "Людміла"), ("Вера", "Вера"),
]
ONSETS = ["б", "в", "г", "д", "ж", "з", "к", "л", "м", "н", "п", "р", "с", "т", "х", "ц", "ч",
          "ш", "бр", "гр", "кр", "пр", "ст", "сл", "дз", "тр", "шк", "зв", "кл", "пл"]
VOWELS_RU = ["о", "а", "е", "и", "у", "ы"]
# (Russian ending, Belarusian ending, feminine Russian, feminine Belarusian)
ENDINGS = [
    ("ов", "оў", "ова", "ова"), ("ев", "еў", "ева", "ева"), ("ский", "скі", "ская", "ская"),
    ("енко", "енка", "енко", "енка"), ("евич", "евіч", "евич", "евіч"),
    ("ович", "овіч", "ович", "овіч"), ("ук", "ук", "ук", "ук"), ("ин", "ін", "ина", "іна"),
    ("ёнок", "ёнак", "ёнок", "ёнак"), ("цкий", "цкі", "цкая", "цкая"),
]

RU = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ў": "u",
}
BE = {**RU, "г": "h", "е": "ie", "я": "ia", "ё": "io", "ю": "iu", "й": "i", "і": "i"}
PL = {**RU, "в": "w", "х": "ch", "ч": "cz", "ш": "sz", "ж": "ż", "щ": "szcz", "ц": "c",
      "й": "j", "я": "ia", "е": "ie", "ю": "iu", "ё": "io", "ў": "ŭ", "г": "h", "ы": "y"}


def roman(s: str, table: dict[str, str]) -> str:
    out = []
    for ch in s:
        low = ch.lower()
        r = table.get(low, low)
        out.append(r.capitalize() if ch.isupper() else r)
    text = "".join(out)
    # Word-initial е/я after nothing is ye/ya in the Russian style.
    return text.replace("Ie", "Ye").replace("Ia", "Ya") if table is BE else text


def akanne(stem: str) -> str:
    """Belarusian spelling of a Russian stem: unstressed о -> а."""
    return stem.replace("о", "а")


def synthetic_people(n: int, rng: random.Random) -> list[tuple[str, list[str], list[str]]]:
    """(canonical, spellings in the index, other spellings to type) per person."""
    people = []
    seen: set[str] = set()
    while len(people) < n:
        fem = rng.random() < 0.4
        g_ru, g_be = rng.choice(GIVEN_F if fem else GIVEN_M)
        stem = "".join(rng.choice(ONSETS) + rng.choice(VOWELS_RU) for _ in range(rng.randint(1, 3)))
        stem = stem[0].upper() + stem[1:]
        e_ru, e_be, f_ru, f_be = rng.choice(ENDINGS)
        s_ru = stem + (f_ru if fem else e_ru)
        s_be = akanne(stem) + (f_be if fem else e_be)
        if s_ru in seen:
            continue
        seen.add(s_ru)
        cyr_ru, cyr_be = f"{g_ru} {s_ru}", f"{g_be} {s_be}"
        variants = [
            roman(cyr_ru, RU),        # Sergei-style Latin
            roman(cyr_be, BE),        # Siarhiej-style Latin
            roman(cyr_be, PL),        # Polish
            cyr_ru,
            cyr_be,
        ]
        rng.shuffle(variants)
        people.append((variants[0], variants[:3], variants[3:]))
    return people


def build_entries(
    n_actors: int, seed: int
) -> tuple[list[ActorEntry], list[tuple[str, int]]]:
    """The actors, and (query, id of the actor it should find) pairs."""
    rng = random.Random(seed)
    entries: list[ActorEntry] = []
    queries: list[tuple[str, int]] = []
    slugs: dict[str, int] = {}
    for a in load_gazetteer():
        entries.append(ActorEntry(len(entries) + 1, a.name, a.kind, list(a.aliases)))
        slugs[a.id] = len(entries)
    for name, spellings, others in synthetic_people(n_actors - len(entries), rng):
        entries.append(ActorEntry(len(entries) + 1, name, "person", spellings[1:]))
        queries.extend((q, len(entries)) for q in others)
    rng.shuffle(queries)
    gaz_queries = [
        ("Tikhanovskaya", "sviatlana-tsikhanouskaya"), ("Лукашенко", "lukashenka"),
        ("Kolesnikova", "maria-kalesnikava"), ("Nikolai Statkevich", "mikola-statkevich"),
        ("John Cole", "john-coale"), ("Kellog", "keith-kellogg"),
        ("Yuri Zenkovich", "yuras-ziankovich"), ("Igor Karnei", "ihar-karnei"),
    ]
    return entries, [(q, slugs[s]) for q, s in gaz_queries] + queries


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=10_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    entries, queries = build_entries(args.actors, args.seed)
    queries = queries[: args.queries]
    n_aliases = sum(1 + len(e.aliases) for e in entries)

    # A fresh process has cold caches; clear them before each timed build.
    from store.identity import names

    def cold() -> None:
        names.normalise.cache_clear()
        names.token_key.cache_clear()

    cold()
    t0 = time.perf_counter()
    index = ActorIndex(entries)
    index.search("x")  # the search side is built on first use
    build_ms = (time.perf_counter() - t0) * 1000
    cold()
    t0 = time.perf_counter()
    ActorIndex(entries).resolve("x")  # the resolution side likewise
    resolve_build_ms = (time.perf_counter() - t0) * 1000

    # The same through SQLite, as `thaw search` and the dashboard load it.
    conn = sqlite3.connect(":memory:")
    conn.executescript(
        "CREATE TABLE actors (id INTEGER PRIMARY KEY, name TEXT, kind TEXT);"
        "CREATE TABLE aliases (id INTEGER PRIMARY KEY, actor_id INTEGER, alias TEXT);"
    )
    conn.executemany("INSERT INTO actors VALUES (?,?,?)", [(e.id, e.name, e.kind) for e in entries])
    conn.executemany(
        "INSERT INTO aliases (actor_id, alias) VALUES (?,?)",
        [(e.id, a) for e in entries for a in e.aliases],
    )
    cold()
    t0 = time.perf_counter()
    load_index(conn).search("x")
    load_ms = (time.perf_counter() - t0) * 1000

    times: list[float] = []
    top1 = 0
    misses: list[str] = []
    for q, want in queries:
        for i in range(1, len(q) + 1):
            t0 = time.perf_counter()
            hits = index.search(q[:i], limit=20)
            times.append((time.perf_counter() - t0) * 1000)
        if hits and hits[0].actor_id == want:
            top1 += 1
        else:
            misses.append(f"{q!r} -> {[h.matched for h in hits[:2]]} (wanted {want})")
    print(f"actors: {len(entries)}  spellings: {n_aliases}")
    print(f"index build for search (entries -> first search):   {build_ms:.0f} ms")
    print(f"index build for resolve (entries -> first resolve): {resolve_build_ms:.0f} ms")
    print(f"load_index from SQLite -> first search:              {load_ms:.0f} ms")
    print(
        f"keystrokes: {len(times)} over {len(queries)} queries  "
        f"p50 {statistics.median(times):.2f} ms  p95 {percentile(times, 95):.2f} ms  "
        f"max {max(times):.2f} ms"
    )
    print(f"full queries whose own actor came first: {top1}/{len(queries)}")
    for m in misses[:10]:
        print("  miss:", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
