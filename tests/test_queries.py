"""store.read.queries on the hand-written fake store, plus speed on 100,000 events."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fakestore import add_event, build_big_store, build_store, install_search_stand_in

from store.db.connect import connect
from store.read.queries import Filters, Queries, fts_query

install_search_stand_in()


@pytest.fixture
def q(tmp_path: Path) -> Queries:
    return Queries(connect(build_store(tmp_path / "fake.db")))


def test_timeline_is_in_date_order_with_unknown_dates_last(q: Queries) -> None:
    rows = q.timeline_page(0, 100)
    assert len(rows) == q.timeline_count() == 14
    assert rows[0].date == "2022" and rows[-1].date is None
    assert [r.id for r in q.timeline_page(3, 2)] == [r.id for r in rows[3:5]]


def test_timeline_row_carries_actors_sources_and_conflict(q: Queries) -> None:
    row = next(r for r in q.timeline_page(0, 100) if r.id == 4)
    assert row.actors == "Alyaksandr Lukashenka, Siarhei Tsikhanouski"
    assert row.n_sources == 3 and row.has_conflict
    approx = next(r for r in q.timeline_page(0, 100) if r.id == 2)
    assert approx.approximate and approx.precision == "month"


def test_filters_combine(q: Queries) -> None:
    assert q.timeline_count(Filters(type="release")) == 4
    assert q.timeline_count(Filters(actor_id=5)) == 1
    assert q.timeline_count(Filters(type="release", actor_id=1)) == 4
    assert [r.id for r in q.timeline_page(0, 10, Filters(text="Belavia"))] == [13, 10]
    assert q.timeline_count(Filters(text="Bela")) > 0  # prefix match while typing


@pytest.mark.parametrize("text", ['[/foo]', '"', 'a AND', 'NEAR(', '*', '\x00x', "OR", "'--"])
def test_text_filter_never_raises(q: Queries, text: str) -> None:
    q.timeline_count(Filters(text=text))
    q.timeline_page(0, 10, Filters(text=text))


def test_fts_query_quotes_words() -> None:
    assert fts_query('say "hi" NEAR(') == '"say" "hi" "NEAR"*'
    assert fts_query("[/]") is None


def test_index_of_event_under_filters(q: Queries) -> None:
    rows = q.timeline_page(0, 100)
    assert q.timeline_index_of(rows[5].id) == 5
    releases = q.timeline_page(0, 100, Filters(type="release"))
    assert q.timeline_index_of(releases[2].id, Filters(type="release")) == 2
    assert q.timeline_index_of(3, Filters(type="release")) is None


def test_monthly_counts_fill_gaps_and_run_totals(q: Queries) -> None:
    months = {m.month: m for m in q.monthly_counts()}
    assert months["2025-03"].events == 0
    assert months["2025-06"].released == 14
    assert months["2025-09"].released == 52 and months["2025-09"].released_total == 70


def test_event_detail_has_sources_and_conflicts_by_field(q: Queries) -> None:
    e = q.event(4)
    assert e is not None
    assert [a.role for a in e.actors] == ["agent", "released"]
    assert len(e.sources) == 3 and all(s.quote for s in e.sources)
    assert sorted(v.value for v in e.conflicts["count"]) == ["14", "14", "16"]
    assert q.event(9999) is None


def test_actor_profile(q: Queries) -> None:
    p = q.actor(1)
    assert p is not None
    assert {s.text for s in p.spellings} >= {"Lukashenko", "Лукашенко"}
    assert p.roles[0].role == "President of Belarus"
    assert p.n_events == 9 and len(p.events) == 9
    assert p.statements and "big deal" in p.statements[0].quote
    assert p.co_actors[0].name == "Donald Trump"
    coale = q.actor(4)
    assert coale is not None and "Do it immediately" in coale.statements[0].quote


def test_actor_rows_keep_search_order(q: Queries) -> None:
    rows = q.actors_list([4, 1, 999])
    assert [r.id for r in rows] == [4, 1]
    assert rows[1].role == "President of Belarus" and rows[1].n_events == 9


def test_search_actors_uses_the_actor_index(q: Queries) -> None:
    assert [h.actor_id for h in q.search_actors("Tikhanovsky")][0] == 5


def test_sanctions_board_and_history(q: Queries) -> None:
    board = q.sanctions_board()
    assert board.authorities == ["EU", "US"]
    cell = board.cells[(11, "US")]
    assert (cell.status, cell.since) == ("lifted", "2025-09-11")
    assert board.summaries["US"] == "1 in force, 1 proposed, 1 lifted"
    history = q.sanction_history(11, "US")
    assert [h.status for h in history] == ["in_force", "in_force", "lifted", "lifted"]
    assert history[-1].event_id == 10 and "lifting of sanctions on Belavia" in history[-1].quote


def test_data_version_changes_when_another_connection_commits(tmp_path: Path) -> None:
    path = build_store(tmp_path / "fake.db")
    q = Queries(connect(path))
    before = q.data_version()
    assert q.timeline_count() == 14
    assert q.data_version() == before
    add_event(path, "Rubio meets Belarusian officials")
    assert q.data_version() != before
    assert q.timeline_count() == 15  # the cached count was dropped


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Queries:
    path = build_big_store(tmp_path_factory.mktemp("big") / "big.db")
    return Queries(connect(path))


def test_paging_stays_fast_on_100k_events(big: Queries) -> None:
    for filters in (Filters(), Filters(type="release"), Filters(actor_id=3),
                    Filters(text="Generated release")):
        start = time.perf_counter()
        total = big.timeline_count(filters)
        big.timeline_page(total // 2, 200, filters)
        big.timeline_page(max(0, total - 50), 200, filters)
        assert time.perf_counter() - start < 1.5, filters
    start = time.perf_counter()
    assert big.timeline_count() > 100_000
    big.timeline_index_of(50_000)
    big.stats()
    assert time.perf_counter() - start < 0.5
