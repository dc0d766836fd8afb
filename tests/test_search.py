"""Actor search and resolution: one actor for every spelling, found in any script."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.db.schema import ensure_schema
from store.identity.gazetteer import load_gazetteer
from store.identity.search import ActorEntry, ActorIndex, index_from_gazetteer, load_index

# People nobody put in the gazetteer: the generic rules must unite their spellings.
INVENTED = [
    ("hanna-marozava", "Hanna Marozava", "person"),
    ("siarhei-marozau", "Siarhei Marozau", "person"),
    ("uladzislau-kavalenka", "Uladzislau Kavalenka", "person"),
    ("aleh-tsitou", "Aleh Tsitou", "person"),
    ("katsiaryna-dziadok", "Katsiaryna Dziadok", "person"),
    ("palina-sharenda-panasiuk", "Palina Sharenda-Panasiuk", "person"),
    ("raman-pratasevich", "Raman Pratasevich", "person"),
]


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def built(gaz) -> tuple[ActorIndex, dict[str, int]]:
    base = len(gaz)
    extra = [
        ActorEntry(base + i, name, kind, []) for i, (_, name, kind) in enumerate(INVENTED, 1)
    ]
    index, ids = index_from_gazetteer(gaz, extra)
    ids.update({slug: base + i for i, (slug, _, _) in enumerate(INVENTED, 1)})
    return index, ids


@pytest.fixture()
def index(built) -> ActorIndex:
    return built[0]


@pytest.fixture()
def ids(built) -> dict[str, int]:
    return built[1]


# (spelling as a reader might type or an article might print it, the actor it names)
VARIANTS = [
    # Belarusian / Russian romanisations
    ("Alexander Lukashenko", "lukashenka"),
    ("Aliaksandr Lukashenka", "lukashenka"),
    ("Lukashenko", "lukashenka"),
    ("Svetlana Tikhanovskaya", "sviatlana-tsikhanouskaya"),
    ("Sviatlana Tsikhanouskaya", "sviatlana-tsikhanouskaya"),
    ("Svetlana Tikhanovskaia", "sviatlana-tsikhanouskaya"),
    ("Sergey Tikhanovskiy", "siarhei-tsikhanouski"),
    ("Siarhei Tsikhanouski", "siarhei-tsikhanouski"),
    ("Pavel Latushko", "pavel-latushka"),
    ("Ivan Tertel", "ivan-tsertsel"),
    ("Valentin Rybakou", "valentin-rybakov"),
    ("Valery Kovalevsky", "valery-kavaleuski"),
    ("Uladzimir Putsin", "vladimir-putin"),
    # Cyrillic
    ("Лукашенко", "lukashenka"),
    ("Аляксандр Лукашэнка", "lukashenka"),
    ("Тихановская", "sviatlana-tsikhanouskaya"),
    ("Сяргей Ціханоўскі", "siarhei-tsikhanouski"),
    ("Статкевич", "mikola-statkevich"),
    ("Виктор Хренин", "viktar-khrenin"),
    ("Мария Колесникова", "maria-kalesnikava"),
    ("Владимир Путин", "vladimir-putin"),
    # Polish / German / scholarly
    ("Łukaszenka", "lukashenka"),
    ("Lukaschenko", "lukashenka"),
    ("Swiatłana Cichanouska", "sviatlana-tsikhanouskaya"),
    ("Mikola Statkevič", "mikola-statkevich"),
    ("Mikołaj Statkiewicz", "mikola-statkevich"),
    ("Andrzej Poczobut", "andrzej-poczobut"),
    ("Andrei Pochobut", "andrzej-poczobut"),
    ("Wolodymyr Selenskyj", "volodymyr-zelensky"),
    ("Kestutis Budrys", "kestutis-budrys"),
    ("Radoslaw Sikorski", "radoslaw-sikorski"),
    # given names in another language
    ("Nikolai Statkevich", "mikola-statkevich"),
    ("Yuri Zenkovich", "yuras-ziankovich"),
    ("Igor Karnei", "ihar-karnei"),
    ("Maria Kolesnikova", "maria-kalesnikava"),
    ("Viktor Babariko", "viktar-babaryka"),
    ("Yevgeny Preigerman", "yauheni-preiherman"),
    # doubled letters, short forms, typos
    ("Keith Kellog", "keith-kellogg"),
    ("John Cole", "john-coale"),
    ("Natallia Esismant", "natallia-eismont"),
    ("Khristopher Smith", "christopher-w-smith"),
    ("Zelenskyy", "volodymyr-zelensky"),
    # organisations, countries, places
    ("Belarus's KGB", "kgb-belarus"),
    ("Belaruskali", "belaruskali"),
    ("U.S.", "united-states"),
    ("Washington", "united-states"),
    ("Мінск", "minsk"),
    ("Kiev", "kyiv"),
    # invented people (not in the gazetteer)
    ("Anna Morozova", "hanna-marozava"),
    ("Ганна Марозава", "hanna-marozava"),
    ("Анна Морозова", "hanna-marozava"),
    ("Sergei Morozov", "siarhei-marozau"),
    ("Vladislav Kovalenko", "uladzislau-kavalenka"),
    ("Władysław Kowalenko", "uladzislau-kavalenka"),
    ("Oleg Titov", "aleh-tsitou"),
    ("Алег Цітоў", "aleh-tsitou"),
    ("Ekaterina Dedok", "katsiaryna-dziadok"),
    ("Polina Sharenda-Panasyuk", "palina-sharenda-panasiuk"),
    ("Roman Protasevich", "raman-pratasevich"),
    ("Роман Протасевич", "raman-pratasevich"),
]


@pytest.mark.parametrize(("spelling", "slug"), VARIANTS)
def test_search_puts_the_actor_first_for_any_spelling(index, ids, spelling, slug) -> None:
    hits = index.search(spelling)
    assert hits, spelling
    assert hits[0].actor_id == ids[slug], [(h.name, h.score) for h in hits[:3]]


@pytest.mark.parametrize(("spelling", "slug"), VARIANTS)
def test_resolve_names_the_same_actor_for_any_spelling(index, ids, spelling, slug) -> None:
    assert index.resolve(spelling) == ids[slug]


def test_every_gazetteer_spelling_finds_its_actor_first(gaz, index, ids) -> None:
    wrong = []
    for actor in gaz:
        for spelling in [actor.name, *actor.aliases]:
            hits = index.search(spelling, limit=3)
            if not hits or hits[0].actor_id != ids[actor.id] or hits[0].score < 99:
                wrong.append((spelling, actor.id, [(h.name, h.score) for h in hits]))
            if index.resolve(spelling, actor.kind) != ids[actor.id]:
                wrong.append((spelling, actor.id, "resolve"))
    assert not wrong


# -- resolution must not merge different people ---------------------------------------------

def test_wife_and_husband_stay_two_actors(index, ids) -> None:
    assert index.resolve("Tsikhanouskaya", "person") == ids["sviatlana-tsikhanouskaya"]
    assert index.resolve("Tsikhanouski", "person") == ids["siarhei-tsikhanouski"]
    assert index.resolve("Tikhanovskaya") != ids["siarhei-tsikhanouski"]
    assert index.resolve("Sergei Tikhanovsky") != ids["sviatlana-tsikhanouskaya"]
    assert index.resolve("Marozava", "person") == ids["hanna-marozava"]
    assert index.resolve("Morozov", "person") == ids["siarhei-marozau"]


@pytest.mark.parametrize(
    "surface",
    [
        "Viktar Lukashenka",       # the son: same surname, another given name
        "Anna Smith",              # a new Smith is not Christopher W. Smith
        "Maria Tsikhanouskaya",
        "Ivan Karnei",
        "Pavel Statkevich",
        "Nina Coale",
    ],
)
def test_another_given_name_with_a_known_surname_is_a_new_actor(index, surface) -> None:
    assert index.resolve(surface, "person") is None


def test_bare_surname_resolves_only_when_one_person_carries_it(index, ids) -> None:
    assert index.resolve("Smith", "person") == ids["christopher-w-smith"]
    local = ActorIndex(
        [ActorEntry(1, "Christopher W. Smith", "person", []), ActorEntry(2, "Anna Smith", "person", [])]
    )
    assert local.resolve("Smith", "person") is None
    assert local.resolve("Anna Smith", "person") == 2
    assert local.resolve("Chris Smith", "person") == 1
    assert local.resolve("C. Smith", "person") == 1


def test_either_half_of_a_double_surname_names_the_person(index, ids) -> None:
    assert index.resolve("Sharenda", "person") == ids["palina-sharenda-panasiuk"]
    assert index.resolve("Polina Panasyuk", "person") == ids["palina-sharenda-panasiuk"]


def test_kind_must_agree(index, ids) -> None:
    assert index.resolve("Washington", "person") is None
    assert index.resolve("Washington", "place") == ids["united-states"]  # metonym
    assert index.resolve("Minsk", "organisation") is None
    assert index.resolve("Belavia", "company") == ids["belavia"]


def test_titles_and_possessives_do_not_hide_a_name(index, ids) -> None:
    assert index.resolve("President Trump", "person") == ids["donald-trump"]
    assert index.resolve("Kellogg’s", "person") == ids["keith-kellogg"]
    assert index.resolve("Lukashenko Alexander", "person") == ids["lukashenka"]


def test_unknown_names_resolve_to_none(index) -> None:
    for surface in ["Charlie Kirk", "Mars", "", "   ", "!!!", "Zapad-2025"]:
        assert index.resolve(surface) is None, surface


# -- as you type ----------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("Лукаш", "lukashenka"),
        ("luka", "lukashenka"),
        ("kolesn", "maria-kalesnikava"),
        ("Kalesn", "maria-kalesnikava"),
        ("Statk", "mikola-statkevich"),
        ("Статк", "mikola-statkevich"),
        ("Zelen", "volodymyr-zelensky"),
        ("Kello", "keith-kellogg"),
        ("Tikhanovska", "sviatlana-tsikhanouskaya"),
        ("Svetlana Tikh", "sviatlana-tsikhanouskaya"),
        ("Sergei Tikh", "siarhei-tsikhanouski"),
        ("Ziank", "yuras-ziankovich"),
        ("Belaruska", "belaruskali"),
        ("von der", "ursula-von-der-leyen"),
    ],
)
def test_prefix_typing_finds_the_actor_first(index, ids, typed, slug) -> None:
    hits = index.search(typed)
    assert hits and hits[0].actor_id == ids[slug], [(h.name, h.score) for h in hits[:3]]


def test_ambiguous_prefix_offers_both_tsikhanouskis(index, ids) -> None:
    top2 = {h.actor_id for h in index.search("Tikh", limit=2)}
    assert top2 == {ids["sviatlana-tsikhanouskaya"], ids["siarhei-tsikhanouski"]}


def test_every_keystroke_of_a_long_name_keeps_the_actor_in_view(index, ids) -> None:
    name = "Tsikhanouskaya"
    for i in range(4, len(name) + 1):
        hits = index.search(name[:i], limit=5)
        assert ids["sviatlana-tsikhanouskaya"] in {h.actor_id for h in hits}, name[:i]
    assert index.search(name)[0].actor_id == ids["sviatlana-tsikhanouskaya"]


def test_results_are_ranked_scored_and_limited(index) -> None:
    hits = index.search("a", limit=7)
    assert 0 < len(hits) <= 7
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 100 for s in scores)
    assert len({h.actor_id for h in hits}) == len(hits)  # one row per actor
    assert index.search("Lukashenko", limit=0) == []


def test_a_query_with_an_extra_word_still_finds_the_actor(index, ids) -> None:
    assert index.search("Trump administration")[0].actor_id == ids["donald-trump"]


# -- hostile input -----------------------------------------------------------------------------

HOSTILE = [
    "", " ", "\x00", "\n\t", "[/foo]", "[talks](#)", "(((", ")*+?", "\\", ".*", "^$", "|",
    '"', "'", "'; DROP TABLE actors; --", "NEAR(a b)", "a OR b*", "AND", "NOT", "%_%",
    "🙂🙂🙂", "\u202eevil", "e\u0301\u0301\u0301", "ـــ", "x" * 10_000, "Лукашенко " * 2_000,
    "a b c d e f g h i j k l m n o p", "12345", "-", "--", "...", "U.S.A.", "ŭ", "ß" * 50,
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_raise(index, query) -> None:
    hits = index.search(query)
    assert isinstance(hits, list)
    index.resolve(query)
    index.resolve(query, "person")


def test_garbage_gives_no_results(index) -> None:
    for q in ["", "   ", "!!!", "[/]", "xqzvw", "🙂"]:
        assert index.search(q) == [], q


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.integers(min_value=-3, max_value=50))
def test_any_text_is_a_safe_query(query: str, limit: int) -> None:
    index = _small_index()
    hits = index.search(query, limit=limit)
    assert len(hits) <= max(limit, 0)
    index.resolve(query)


def _small_index() -> ActorIndex:
    return ActorIndex(
        [
            ActorEntry(1, "Alyaksandr Lukashenka", "person", ["Лукашенко"]),
            ActorEntry(2, "Belarus", "country", ["Беларусь"]),
        ]
    )


# -- keeping current ---------------------------------------------------------------------------

def test_added_actors_and_spellings_are_found_at_once() -> None:
    index = _small_index()
    assert index.search("Ryzhankou") == []
    index.add(ActorEntry(3, "Maxim Ryzhenkov", "person", []))
    assert index.search("Ryzh")[0].actor_id == 3          # prefix lists stay sorted
    assert index.resolve("Maksim Ryzhenkov", "person") == 3
    index.add_alias(3, "Максім Рыжанкоў")
    assert index.search("Рыжанкоў")[0].matched == "Максім Рыжанкоў"
    assert index.resolve("Ryzhankou", "person") == 3
    with pytest.raises(KeyError):
        index.add_alias(99, "Nobody")


def test_load_index_reads_actors_and_seen_spellings_from_the_store() -> None:
    conn = sqlite3.connect(":memory:")
    ensure_schema(conn)
    conn.execute("INSERT INTO actors (id, name, kind) VALUES (1, 'Siarhei Tsikhanouski', 'person')")
    conn.execute("INSERT INTO actors (id, name, kind) VALUES (2, 'Belavia', 'organisation')")
    conn.execute(
        "INSERT INTO aliases (actor_id, alias, origin) VALUES (1, 'Sergei Tikhanovsky', 'seen')"
    )
    index = load_index(conn)
    assert len(index) == 2
    hit = index.search("Tikhanovsky")[0]
    assert (hit.actor_id, hit.name, hit.kind, hit.matched) == (
        1, "Siarhei Tsikhanouski", "person", "Sergei Tikhanovsky",
    )
    assert index.resolve("Белавія", "company") == 2


# -- scale -------------------------------------------------------------------------------------

def test_ten_thousand_actors_build_and_answer_keystrokes_quickly() -> None:
    """Generous bounds (the benchmark measures the real numbers): catches an accidental
    quadratic build or a full scan per keystroke, not machine noise."""
    import random
    import time

    rng = random.Random(3)
    syll = ["ba", "ka", "lo", "sha", "vi", "dzia", "no", "ru", "tse", "khi", "zhu", "pa"]
    ends = ["enka", "ovich", "ski", "skaya", "au", "ava", "uk", "in"]
    given_names = ["Siarhei", "Sviatlana", "Ihar", "Hanna", "Mikola", "Volha", "Yuras", "Maryia"]
    entries = []
    for i in range(1, 10_001):
        surname = "".join(rng.choice(syll) for _ in range(rng.randint(1, 3))) + rng.choice(ends)
        name = f"{rng.choice(given_names)} {surname.capitalize()}"
        entries.append(ActorEntry(i, name, "person", [surname.capitalize(), name.upper()]))
    t0 = time.perf_counter()
    index = ActorIndex(entries)
    index.search("a")
    assert time.perf_counter() - t0 < 5.0
    slowest = 0.0
    for e in entries[:: 500]:
        for i in range(1, len(e.name) + 1):
            t0 = time.perf_counter()
            index.search(e.name[:i])
            slowest = max(slowest, time.perf_counter() - t0)
        assert index.search(e.name)[0].name == e.name  # random names may repeat
    assert slowest < 0.25
