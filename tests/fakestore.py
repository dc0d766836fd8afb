"""Stores filled with realistic rows, for dashboard and query tests that must not wait for the
extractor: a small hand-written thaw (several event types, releases with counts, Belavia's US
sanctions with history and quotes, conflicting sources, actors with several spellings), a hostile
variant whose text is full of markup-like brackets and control characters, and a 100k-event
generator for speed checks.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import types
from dataclasses import dataclass
from pathlib import Path

from store.db.connect import connect

HOSTILE = {
    "markup": "[/foo] [talks](#) Sanctions [EU] list [b]bold[/b] [$primary] [@click=app.quit]x[/]",
    "ansi": "\x1b[31mRED\x1b[0m \x1b]8;;http://x\x07link\x1b]8;;\x07",
    "control": "bell\x07 back\x08space tab\there nul\x00 cr\rX del\x7f c1\x9b",
}
HOSTILE_TEXT = " ".join(HOSTILE.values())

DOCS = [
    # (id, title, source, published, url)
    (
        1,
        "US envoy Kellogg to visit Belarus",
        "Kyiv Independent",
        "2025-06-27",
        "https://kyivindependent.com/x",
    ),
    (2, "Belarus and the US: steps to normalise relations", "Eurasia Daily Monitor", "2025-07-31", None),
    (3, "Lukashenka and Trump: best friends?", "Ukrainska Pravda", "2025-09-11", None),
    (4, "Belarus & US in Sudden Thaw", "unknown news site", "2025-09-11", None),
    (5, "U.S. and Belarus Want to Normalise Bilateral Relations", "PISM Spotlight", "2025-09-12", None),
]

# (id, slug, name, kind, affiliation, aliases seen, gazetteer roles)
ACTORS = [
    (
        1,
        "lukashenka",
        "Alyaksandr Lukashenka",
        "person",
        "belarus",
        ["Lukashenko", "Alexander Lukashenka", "Лукашенко"],
        [("President of Belarus", "1994-07-20")],
    ),
    (
        2,
        "trump",
        "Donald Trump",
        "person",
        "united-states",
        ["Trump"],
        [("President of the United States", "2025-01-20")],
    ),
    (
        3,
        "kellogg",
        "Keith Kellogg",
        "person",
        "united-states",
        ["Kellogg", "Kellog"],
        [("US Special Envoy for Ukraine", "2024-11-27")],
    ),
    (
        4,
        "coale",
        "John Coale",
        "person",
        "united-states",
        ["John Cole", "Coale"],
        [("US deputy special envoy", "2025-03-01")],
    ),
    (
        5,
        "tsikhanouski",
        "Siarhei Tsikhanouski",
        "person",
        "belarus",
        ["Sergei Tikhanovsky", "Tsikhanouski", "Tikhanovsky"],
        [],
    ),
    (
        6,
        "tsikhanouskaya",
        "Sviatlana Tsikhanouskaya",
        "person",
        "belarus",
        ["Svetlana Tikhanovskaya", "Tsikhanouskaya"],
        [("Leader of the Belarusian democratic forces", "2020-08-10")],
    ),
    (7, "statkevich", "Mikola Statkevich", "person", "belarus", ["Statkevich", "Nikolai Statkevich"], []),
    (8, "ziankovich", "Yuras Ziankovich", "person", "belarus", ["Yury Zenkovich"], []),
    (9, "belarus", "Belarus", "country", None, ["Minsk"], []),
    (10, "united-states", "United States", "country", None, ["U.S.", "Washington"], []),
    (11, "belavia", "Belavia", "company", "belarus", ["Belavia Belarusian Airlines"], []),
    (12, "belaruskali", "Belaruskali", "company", "belarus", [], []),
    (13, "potash", "Potash fertilisers", "sector", None, ["potash"], []),
    (
        14,
        "rubio",
        "Marco Rubio",
        "person",
        "united-states",
        ["Rubio"],
        [("US Secretary of State", "2025-01-21")],
    ),
]

# (id, type, cameo, date, precision, approximate, summary, place, count, target, authority,
#  [(actor, role)], [(doc, quote)], merge_key)
EVENTS: list[tuple] = [
    (
        1,
        "release",
        "0841",
        "2025-02-12",
        "day",
        0,
        "Belarus releases three prisoners including a US citizen",
        "Minsk",
        3,
        None,
        None,
        [(1, "agent"), (10, "recipient")],
        [(2, "In February, Belarus freed three prisoners, among them an American citizen.")],
        "r1",
    ),
    (
        2,
        "release",
        "0841",
        "2025-04",
        "month",
        1,
        "Yuras Ziankovich freed and flown to the US",
        None,
        1,
        None,
        None,
        [(8, "released"), (1, "agent")],
        [
            (2, "In late April, Ziankovich was released after a visit by a US delegation."),
            (1, "Belarusian-American lawyer Yury Zenkovich was freed in May."),
        ],
        "r2",
    ),
    (
        3,
        "visit",
        "042",
        "2025-06-21",
        "day",
        0,
        "Keith Kellogg visits Minsk and meets Alyaksandr Lukashenka",
        "Minsk",
        None,
        None,
        None,
        [(3, "visitor"), (1, "host")],
        [
            (1, "Kellogg will go to Minsk on 21 June to meet Lukashenko."),
            (3, "On June 21, Trump's envoy Keith Kellogg met Lukashenka in Minsk."),
        ],
        "v1",
    ),
    (
        4,
        "release",
        "0841",
        "2025-06-21",
        "day",
        0,
        "Belarus releases 14 prisoners including Siarhei Tsikhanouski",
        "Minsk",
        14,
        None,
        None,
        [(1, "agent"), (5, "released")],
        [
            (1, "Belarus freed 14 prisoners, including opposition blogger Sergei Tikhanovsky."),
            (3, "Lukashenka released 14 people, among them Siarhei Tsikhanouski."),
            (2, "On 21 June, 16 prisoners were released, including Tsikhanouski."),
        ],
        "r3",
    ),
    (
        5,
        "statement",
        "010",
        "2025-06-22",
        "day",
        0,
        "Sviatlana Tsikhanouskaya thanks the US for her husband's release",
        "Vilnius",
        None,
        None,
        None,
        [(6, "speaker"), (10, "addressee")],
        [(1, "\u201cI can't describe the joy in my heart,\u201d Tsikhanouskaya said.")],
        "s1",
    ),
    (
        6,
        "phone_call",
        "041",
        "2025-08-15",
        "day",
        0,
        "Donald Trump and Alyaksandr Lukashenka speak by phone",
        None,
        None,
        None,
        None,
        [(2, "caller"), (1, "callee")],
        [(5, "It was preceded by a telephone conversation between Trump and Lukashenka.")],
        "p1",
    ),
    (
        7,
        "statement",
        "010",
        "2025-08-15",
        "day",
        0,
        "Donald Trump calls Lukashenka a 'highly respected President'",
        None,
        None,
        None,
        None,
        [(2, "speaker"), (1, "subject")],
        [
            (
                3,
                "Trump wrote on Truth Social that he had a wonderful conversation with the "
                "highly respected President of Belarus.",
            )
        ],
        "s2",
    ),
    (
        8,
        "visit",
        "042",
        "2025-09-11",
        "day",
        0,
        "John Coale visits Minsk and meets Alyaksandr Lukashenka",
        "Minsk",
        None,
        None,
        None,
        [(4, "visitor"), (1, "host")],
        [
            (
                5,
                "On 11 September, Donald Trump's envoy John Cole was received in Minsk by "
                "Alexander Lukashenka.",
            ),
            (4, "Belarusian President Alexander Lukashenko hosted U.S. presidential envoy John Cole."),
        ],
        "v2",
    ),
    (
        9,
        "release",
        "0841",
        "2025-09-11",
        "day",
        0,
        "Belarus releases 52 prisoners",
        "Minsk",
        52,
        None,
        None,
        [(1, "agent"), (7, "released")],
        [
            (5, "The immediate result of the meeting was the release of 52 political prisoners."),
            (4, "Lukashenko pardoned a total of 52 individuals."),
        ],
        "r4",
    ),
    (
        10,
        "sanctions_lifted",
        "085",
        "2025-09-11",
        "day",
        0,
        "United States lifts sanctions on Belavia",
        None,
        None,
        11,
        "US",
        [(10, "authority"), (11, "target"), (4, "announcer")],
        [
            (
                4,
                "Envoy John Cole officially announced the removal of U.S. sanctions against "
                "Belarus's national airline, Belavia.",
            ),
            (5, "The U.S., in turn, announced the lifting of sanctions on Belavia."),
        ],
        "x1",
    ),
    (
        11,
        "statement",
        "010",
        "2025-09-11",
        "day",
        0,
        "John Coale says the US intends to reopen its embassy in Minsk",
        "Minsk",
        None,
        None,
        None,
        [(4, "speaker"), (10, "subject")],
        [
            (
                4,
                "\u201cThis decision was made by the president, who said, \u2018Do it "
                "immediately,\u2019\u201d Cole stated.",
            )
        ],
        "s3",
    ),
    (
        12,
        "military_exercise",
        "150",
        "2025-09",
        "month",
        0,
        "Belarus and Russia hold the Zapad exercise",
        None,
        None,
        None,
        None,
        [(9, "participant")],
        [
            (
                5,
                "The meeting also took place on the eve of the start of the Belarusian-Russian "
                "military exercises Zapad.",
            )
        ],
        "m1",
    ),
    (
        13,
        "sanctions_imposed",
        "163",
        "2022",
        "year",
        0,
        "United States sanctions Belavia",
        None,
        None,
        11,
        "US",
        [(10, "authority"), (11, "target")],
        [
            (
                5,
                "The U.S. sanctions on Belavia were imposed in 2022 in connection with Belarusian "
                "support for Russian aggression in Ukraine.",
            ),
            (3, "Belavia has been under US sanctions since 2023."),
        ],
        "x0",
    ),
    (
        14,
        "statement",
        "010",
        None,
        None,
        0,
        "Alyaksandr Lukashenka says he is ready for a 'big deal'",
        None,
        None,
        None,
        None,
        [(1, "speaker")],
        [(4, "Lukashenko declared his readiness for a \u201cbig deal\u201d.")],
        "s4",
    ),
]

CONFLICTS = [
    (2, "date", "2025-04", 2),
    (2, "date", "2025-05", 1),
    (4, "count", "14", 1),
    (4, "count", "14", 3),
    (4, "count", "16", 2),
    (13, "date", "2022", 5),
    (13, "date", "2023", 3),
]

# (target, authority, status, since, [(status, date, sort_date, event, doc, quote)])
SANCTIONS = [
    (
        11,
        "US",
        "lifted",
        "2025-09-11",
        [
            ("in_force", "2022", "2022-01-01", 13, 5, EVENTS[12][12][0][1]),
            ("in_force", "2023", "2023-01-01", 13, 3, EVENTS[12][12][1][1]),
            ("lifted", "2025-09-11", "2025-09-11", 10, 4, EVENTS[9][12][0][1]),
            ("lifted", "2025-09-11", "2025-09-11", 10, 5, EVENTS[9][12][1][1]),
        ],
    ),
    (
        11,
        "EU",
        "in_force",
        "2021-12",
        [
            (
                "in_force",
                "2021-12",
                "2021-12-01",
                None,
                2,
                "Belavia remains on the EU sanctions list adopted in December 2021.",
            ),
        ],
    ),
    (
        12,
        "US",
        "in_force",
        "2021-08",
        [
            (
                "in_force",
                "2021-08",
                "2021-08-01",
                None,
                2,
                "Belaruskali has been under US sanctions since August 2021.",
            ),
        ],
    ),
    (
        12,
        "EU",
        "in_force",
        "2021-12",
        [
            (
                "in_force",
                "2021-12",
                "2021-12-01",
                None,
                5,
                "A number of restrictions remain, including an EU embargo on Belaruskali potash.",
            ),
        ],
    ),
    (
        13,
        "US",
        "proposed",
        "2025-09",
        [
            (
                "proposed",
                "2025-09",
                "2025-09-01",
                None,
                3,
                "Washington is discussing easing restrictions on potash fertilisers.",
            ),
        ],
    ),
    (
        13,
        "EU",
        "in_force",
        "2021-06",
        [
            (
                "in_force",
                "2021-06",
                "2021-06-01",
                None,
                5,
                "The EU embargo on the purchase of potash fertilisers remains in place.",
            ),
        ],
    ),
]


def _sort_date(date: str | None) -> str:
    if not date:
        return "9999-12-31"
    return {4: date + "-01-01", 7: date + "-01"}.get(len(date), date)


def build_store(path: Path, *, hostile: bool = False) -> Path:
    """A small store of the thaw. `hostile` salts names, summaries and quotes with HOSTILE_TEXT."""
    conn = connect(path)
    h = (lambda s: f"{s} {HOSTILE_TEXT}") if hostile else (lambda s: s)
    with conn:
        for doc_id, title, source, published, url in DOCS:
            conn.execute(
                """INSERT INTO documents (id, sha256, path, title, source, url, published,
                   published_how, text, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?)""",
                (
                    doc_id,
                    f"sha{doc_id}",
                    f"seeds/{doc_id}.md",
                    h(title),
                    source,
                    url,
                    published,
                    "front_matter",
                    "text",
                    "2025-10-01T00:00:00",
                ),
            )
        for actor_id, slug, name, kind, affiliation, aliases, roles in ACTORS:
            conn.execute(
                "INSERT INTO actors (id, name, kind, affiliation, slug) VALUES (?,?,?,?,?)",
                (actor_id, h(name) if actor_id == 5 else name, kind, affiliation, slug),
            )
            for alias in aliases:
                conn.execute(
                    "INSERT INTO aliases (actor_id, alias, origin) VALUES (?,?,?)",
                    (actor_id, alias, "seen"),
                )
                conn.execute(
                    """INSERT INTO mentions (actor_id, document_id, surface, sentence)
                       VALUES (?,?,?,?)""",
                    (actor_id, 1 + actor_id % 5, alias, f"... {alias} ..."),
                )
            for role, start in roles:
                conn.execute(
                    "INSERT INTO actor_roles (actor_id, role, start) VALUES (?,?,?)",
                    (actor_id, role, start),
                )
        for (
            eid,
            etype,
            cameo,
            date,
            precision,
            approx,
            summary,
            place,
            count,
            target,
            authority,
            actors,
            sources,
            merge_key,
        ) in EVENTS:
            conn.execute(
                """INSERT INTO events (id, type, cameo, date, precision, approximate, date_source,
                   sort_date, summary, place, count, target_id, authority, merge_key)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (
                    eid,
                    etype,
                    cameo,
                    date,
                    precision,
                    approx,
                    "text" if date else "none",
                    _sort_date(date),
                    h(summary),
                    place,
                    count,
                    target,
                    authority,
                    merge_key,
                ),
            )
            for actor_id, role in actors:
                conn.execute(
                    "INSERT INTO event_actors (event_id, actor_id, role) VALUES (?,?,?)",
                    (eid, actor_id, role),
                )
            for doc_id, quote in sources:
                conn.execute(
                    """INSERT INTO event_sources (event_id, document_id, quote, type, date,
                       precision, date_source, count) VALUES (?,?,?,?,?,?,?,?)""",
                    (eid, doc_id, h(quote), etype, date, precision, "text" if date else "none", count),
                )
        conn.executemany(
            "INSERT INTO conflicts (event_id, field, value, document_id) VALUES (?,?,?,?)",
            CONFLICTS,
        )
        for target, authority, status, since, history in SANCTIONS:
            cur = conn.execute(
                "INSERT INTO sanctions (target_id, authority, status, since) VALUES (?,?,?,?)",
                (target, authority, status, since),
            )
            for hstatus, date, sort_date, event_id, doc_id, quote in history:
                conn.execute(
                    """INSERT INTO sanction_history (sanction_id, status, date, sort_date,
                       event_id, document_id, quote) VALUES (?,?,?,?,?,?,?)""",
                    (cur.lastrowid, hstatus, date, sort_date, event_id, doc_id, h(quote)),
                )
    conn.close()
    return path


def add_event(path: Path, summary: str, date: str = "2025-09-20", etype: str = "meeting") -> int:
    """Another process ingesting: one more event, committed on its own connection."""
    conn = connect(path)
    with conn:
        cur = conn.execute(
            """INSERT INTO events (type, cameo, date, precision, date_source, sort_date, summary,
               merge_key) VALUES (?, '040', ?, 'day', 'text', ?, ?, ?)""",
            (etype, date, date, summary, f"added-{summary}"),
        )
        conn.execute(
            """INSERT INTO event_sources (event_id, document_id, quote, type, date_source)
               VALUES (?, 1, ?, ?, 'text')""",
            (cur.lastrowid, summary, etype),
        )
    conn.close()
    return int(cur.lastrowid or 0)


def build_big_store(path: Path, n_events: int = 100_000, seed: int = 7) -> Path:
    """The small store plus `n_events` generated events spread over 2015-2025."""
    build_store(path)
    rng = random.Random(seed)
    types_ = ["visit", "meeting", "release", "statement", "phone_call", "sanctions_eased"]
    conn = sqlite3.connect(path)
    with conn:
        rows = []
        links = []
        sources = []
        for i in range(n_events):
            eid = 1000 + i
            y, m, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
            date = f"{y:04d}-{m:02d}-{d:02d}"
            etype = rng.choice(types_)
            count = rng.randint(1, 30) if etype == "release" else None
            rows.append(
                (
                    eid,
                    etype,
                    "040",
                    date,
                    "day",
                    0,
                    "text",
                    date,
                    f"Generated {etype} number {i} in Minsk",
                    count,
                    f"g{i}",
                )
            )
            links.append((eid, rng.randint(1, 14), "participant"))
            sources.append((eid, rng.randint(1, 5), f"Quote {i}.", etype, "text"))
        conn.executemany(
            """INSERT INTO events (id, type, cameo, date, precision, approximate, date_source,
               sort_date, summary, count, merge_key) VALUES (?,?,?,?,?,?,?,?,?,?,?)""",
            rows,
        )
        conn.executemany("INSERT INTO event_actors VALUES (?,?,?)", links)
        conn.executemany(
            """INSERT INTO event_sources (event_id, document_id, quote, type, date_source)
               VALUES (?,?,?,?,?)""",
            sources,
        )
    conn.close()
    return path


# -- a stand-in for store.identity.search until the real one lands ----------------------------


@dataclass(frozen=True)
class StandInHit:
    actor_id: int
    name: str
    kind: str
    score: float
    matched: str


class StandInIndex:
    """Casefolded substring match over names and aliases (the real index does far more)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.names: list[tuple[int, str, str, str]] = []
        for actor_id, name, kind in conn.execute("SELECT id, name, kind FROM actors"):
            self.names.append((actor_id, name, kind, name))
        for actor_id, alias, name, kind in conn.execute(
            "SELECT al.actor_id, al.alias, a.name, a.kind FROM aliases al JOIN actors a ON a.id = al.actor_id"
        ):
            self.names.append((actor_id, name, kind, alias))

    def search(self, query: str, limit: int = 20) -> list[StandInHit]:
        q = query.casefold().strip()
        seen: dict[int, StandInHit] = {}
        for actor_id, name, kind, spelling in self.names:
            if q and q in spelling.casefold() and actor_id not in seen:
                seen[actor_id] = StandInHit(actor_id, name, kind, 100.0, spelling)
        return list(seen.values())[:limit]


def install_search_stand_in() -> None:
    """Provide store.identity.search only when the real module is not there yet."""
    try:
        import store.identity.search  # noqa: F401
    except ImportError:
        module = types.ModuleType("store.identity.search")
        module.load_index = StandInIndex  # type: ignore[attr-defined]
        sys.modules["store.identity.search"] = module
