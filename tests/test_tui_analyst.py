"""Issue 12, the timeline, event view and actors pane as an analyst uses them, on the REAL seed
store: a filter that finds names in any spelling, quotes, places and dates; keys that scroll at
once and are never lost; type names and quotes that read the same everywhere.

Expectations come from the read API and the seed articles' facts, never from row counts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from test_tmux import THAW, Terminal
from test_tui import press, sync
from test_tui_seed import line_with, screen_text
from textual import events
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from store.db.connect import connect
from store.read.queries import Filters, Queries, TimelineRow, type_name
from tui.actors import ActorScreen
from tui.app import ThawApp
from tui.event_view import EventScreen
from tui.screenshots import settle
from tui.timeline import TimelineScreen, TimelineView


def shown_ids(view: TimelineView) -> list[int]:
    return [row.id for i in range(view.total) if (row := view.row_at(i)) is not None]


async def filter_by(pilot: Pilot[None], text: str) -> TimelineView:
    await press(pilot, "slash", *text)
    return pilot.app.screen.query_one(TimelineView)


def events_with_actor(q: Queries, name: str) -> set[int]:
    actor = q.search_actors(name, limit=1)[0].actor_id
    return {r.id for r in q.timeline_page(0, 1000, Filters(actor_id=actor))}


# -- finding things -------------------------------------------------------------------------

@pytest.mark.parametrize("text,actor", [("Cole", "John Coale"), ("Tikhanovsky", "Tsikhanouski"),
                                        ("Лукашенко", "Lukashenka"), ("Trump", "Donald Trump")])
@sync
async def test_filter_finds_every_event_of_an_actor_in_any_spelling(seed_db: Path, text: str,
                                                                   actor: str) -> None:
    q = Queries(connect(seed_db))
    theirs = events_with_actor(q, actor)
    assert theirs
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await filter_by(pilot, text)
        assert theirs <= set(shown_ids(view)), (text, view.total)


@sync
async def test_filter_finds_trump_where_he_is_only_an_actor(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    only_actor = [i for i in events_with_actor(q, "Donald Trump")
                  if "Trump" not in (q.event(i).summary)]  # type: ignore[union-attr]
    assert only_actor  # the seeds have such events: the test means something
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await filter_by(pilot, "Trump")
        assert set(only_actor) <= set(shown_ids(view))


def quote_only_word(q: Queries) -> tuple[str, int]:
    """A word of some event's quote that no summary has, and that event."""
    summaries = " ".join(r.summary for r in q.timeline_page(0, 1000)).lower()
    for row in q.timeline_page(0, 1000):
        for source in q.event(row.id).sources:  # type: ignore[union-attr]
            for word in re.findall(r"[A-Za-z]{8,}", source.quote):
                if word.lower() not in summaries and not q.search_actors(word, limit=1):
                    return word, row.id
    raise AssertionError("no quote has a word of its own")


@sync
async def test_filter_finds_words_of_quotes_and_places(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    word, quoted_event = quote_only_word(q)
    placed = next(r for r in q.timeline_page(0, 1000)
                  if (place := q.event(r.id).place) and place not in r.summary)  # type: ignore[union-attr]
    place = q.event(placed.id).place  # type: ignore[union-attr]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await filter_by(pilot, word)
        assert quoted_event in shown_ids(view), word
        await press(pilot, "ctrl+u", *place)  # type: ignore[misc]
        assert placed.id in shown_ids(view), place


@pytest.mark.parametrize("typed,first,last", [("2025-09-11", "2025-09-11", "2025-09-11"),
                                              ("2025-09", "2025-09-01", "2025-09-30"),
                                              ("2025-09-11..2025-10-31", "2025-09-11",
                                               "2025-10-31")])
@sync
async def test_a_date_or_range_in_the_filter_shows_the_events_dated_in_it(
        seed_db: Path, typed: str, first: str, last: str) -> None:
    q = Queries(connect(seed_db))
    inside = [r for r in q.timeline_page(0, 1000)
              if r.date and first <= (r.date + "-01-01")[:10] <= last]
    assert inside
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = await filter_by(pilot, typed)
        assert sorted(shown_ids(view)) == sorted(r.id for r in inside)
        shown = screen_text(app)
        rows = [line for line in shown.splitlines() if re.match(r"~?\d{4}", line)]
        assert rows and all(typed[:7] in r or "2025-10" in r for r in rows), shown


# -- moving around --------------------------------------------------------------------------

def event_with_conflict(db: Path) -> int:
    q = Queries(connect(db))
    return max((r for r in q.timeline_page(0, 1000) if r.has_conflict),
               key=lambda r: r.n_sources).id


@sync
async def test_event_view_scrolls_from_the_keyboard_at_once(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_event(event_with_conflict(seed_db))
        await settle(pilot)
        body = app.screen.query_one("#event-body", VerticalScroll)
        assert body.max_scroll_y > 0  # at 80x24 the page is longer than the screen
        for key, moved in (("pagedown", lambda: body.scroll_y > 0),
                           ("home", lambda: body.scroll_y == 0),
                           ("space", lambda: body.scroll_y > 0),
                           ("end", lambda: body.scroll_y == body.max_scroll_y),
                           ("g", lambda: body.scroll_y == 0)):
            await press(pilot, key)
            assert moved(), key
        assert isinstance(app.screen, EventScreen)


@sync
async def test_j_scrolls_an_event_past_its_last_actor(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_event(event_with_conflict(seed_db))
        await settle(pilot)
        body = app.screen.query_one("#event-body", VerticalScroll)
        await press(pilot, *["j"] * 12)
        assert body.scroll_y > 0


@sync
async def test_c_jumps_to_the_conflicts(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_event(event_with_conflict(seed_db))
        await settle(pilot)
        assert "sources disagree" not in screen_text(app)  # out of sight at 80x24
        assert "Conflicts" in screen_text(app).splitlines()[-1]  # the Footer says so
        await press(pilot, "c")
        assert "sources disagree" in screen_text(app)


# -- reading ----------------------------------------------------------------------------------

@sync
async def test_type_names_are_the_same_in_table_dropdown_profile_and_event(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    sanctions = q.timeline_page(0, 1000, Filters(type="sanctions_lifted"))
    assert sanctions
    name = type_name("sanctions_lifted")
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        index = next(i for i in range(view.total) if view.row_at(i).id == sanctions[0].id)  # type: ignore[union-attr]
        await press(pilot, *["j"] * index)
        assert line_with(screen_text(app), name), screen_text(app)
        await press(pilot, "t")  # the type list, opened
        assert line_with(screen_text(app), name), screen_text(app)
        await press(pilot, "escape", "escape", "enter")
        assert isinstance(app.screen, EventScreen)
        assert line_with(screen_text(app), name, "CAMEO"), screen_text(app)
        await press(pilot, "enter")  # the first actor's profile lists the event by the same name
        assert isinstance(app.screen, ActorScreen)
        events = app.screen.query_one("#profile-events", OptionList)
        assert any(name in str(events.get_option_at_index(i).prompt)
                   for i in range(events.option_count))
        assert not re.search(r"sanctions_|sanct\. ", screen_text(app))


@sync
async def test_quotes_that_bring_their_own_marks_are_not_doubled(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    event_id = next(r.id for r in q.timeline_page(0, 1000)
                    if any(s.quote.startswith("“") for s in q.event(r.id).sources))  # type: ignore[union-attr]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_event(event_id)
        await settle(pilot)
        shown = screen_text(app)
        assert "“" in shown and "““" not in shown, shown


@sync
async def test_a_wrapped_quote_keeps_its_indent(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    event_id = next(r.id for r in q.timeline_page(0, 1000)
                    if any(len(s.quote) > 200 for s in q.event(r.id).sources))  # type: ignore[union-attr]
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.open_event(event_id)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip() == "Sources")
        quote_lines = [line for line in lines[start + 1:]
                       if line.strip() and not re.match(r"\s*\d+\. ", line)
                       and line.strip() != "Conflicts"][:4]
        assert len(quote_lines) >= 2
        assert all(line.startswith("    ") for line in quote_lines), quote_lines




# -- no key lost ------------------------------------------------------------------------------

def burst(app: ThawApp, text: str) -> None:
    """Keys as a terminal delivers a fast typist's burst: all queued before any is handled
    (Pilot.press waits for each key, which hides the race)."""
    names = {"/": "slash", " ": "space"}
    for ch in text:
        app.post_message(events.Key(names.get(ch, ch), ch))


@pytest.mark.parametrize("keys,box", [("2/Kellogg", "#actor-search"),
                                      ("3/Kellogg", "#actor-search"),
                                      ("/Kellogg", "#filter-text")])
@sync
async def test_no_key_is_lost_when_a_burst_moves_focus(seed_db: Path, keys: str, box: str) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        burst(app, keys)
        await settle(pilot)
        search = app.screen.query_one(box, Input)
        assert search.value == "Kellogg" and app.focused is search


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_no_key_is_lost_in_a_real_terminal(tmp_path: Path, seed_db: Path) -> None:
    term = Terminal(tmp_path, [str(THAW), "--db", str(seed_db)], (120, 40))
    try:
        _type_a_burst_after_switching(term)
    finally:
        term.close()


def _type_a_burst_after_switching(term: Terminal) -> None:
    term.wait_for_text("1 Timeline", "Summary", "Open event")
    term.type("2/Kellogg")  # one burst: the pane switch, the search box, the name
    term.wait_for(lambda s: line_with(s, "Kellogg") is not None
                  and any(line.startswith(" Kellogg") for line in s.splitlines()),
                  "Kellogg typed into the actor search")


# -- the actors pane and back -------------------------------------------------------------------

@sync
async def test_a_search_that_finds_nobody_clears_the_profile(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2", "slash", *"Kellogg")
        assert line_with(screen_text(app), "Spellings seen"), screen_text(app)
        await press(pilot, "ctrl+u", *"zzzzqqq")
        shown = screen_text(app)
        assert "No actor matches." in shown
        assert "Keith Kellogg" not in shown and "Spellings seen" not in shown, shown
        await press(pilot, "ctrl+u", *"Kellogg")  # and a hit shows a profile again
        assert line_with(screen_text(app), "Spellings seen"), screen_text(app)


@pytest.mark.parametrize("pushed", [False, True], ids=["pane", "pushed profile"])
@sync
async def test_esc_after_t_returns_to_the_profile(seed_db: Path, pushed: bool) -> None:
    q = Queries(connect(seed_db))
    kellogg = q.search_actors("Kellogg", limit=1)[0].actor_id
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        if pushed:
            app.open_actor(kellogg)
        else:
            await press(pilot, "2", "slash", *"Kellogg", "enter")
        await settle(pilot)
        before = type(app.screen)
        await press(pilot, "t")
        assert isinstance(app.screen, TimelineScreen)
        view = app.screen.query_one(TimelineView)
        assert view.total == q.timeline_count(Filters(actor_id=kellogg))
        await press(pilot, "escape")
        assert type(app.screen) is before
        assert line_with(screen_text(app), "Keith Kellogg"), screen_text(app)
        await press(pilot, "1")  # the timeline again shows everything
        assert app.screen.query_one(TimelineView).total == q.timeline_count()


# -- sort and jump --------------------------------------------------------------------------------

def rows_shown(view: TimelineView) -> list[TimelineRow]:
    return [row for i in range(view.total) if (row := view.row_at(i)) is not None]


@sync
async def test_s_sorts_by_type_then_by_sources_then_by_date_again(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        by_date = rows_shown(view)
        await press(pilot, "s")
        rows = rows_shown(view)
        assert [r.type for r in rows] == sorted(r.type for r in by_date)
        assert "by type" in screen_text(app)
        await press(pilot, "s")
        rows = rows_shown(view)
        assert [r.n_sources for r in rows] == sorted((r.n_sources for r in by_date), reverse=True)
        assert rows[0].n_sources > rows[-1].n_sources
        assert "by most sources" in screen_text(app)
        await press(pilot, "s")
        assert rows_shown(view) == by_date
        status = line_with(screen_text(app), f"/{view.total}")
        assert status and "by " not in status, status


@sync
async def test_sorting_keeps_the_cursor_on_its_event(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        await press(pilot, *["j"] * 7)
        event = view.row_at(view.cursor).id  # type: ignore[union-attr]
        await press(pilot, "s")
        assert view.row_at(view.cursor).id == event  # type: ignore[union-attr]


def first_on_or_after(rows: list[TimelineRow], day: str) -> int:
    return next(i for i, r in enumerate(rows) if r.date and (r.date + "-01-01")[:10] >= day)


@sync
async def test_colon_jumps_to_a_date(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        rows = rows_shown(view)
        await press(pilot, "colon", *"2025-09", "enter")
        assert view.cursor == first_on_or_after(rows, "2025-09") > 0
        assert view.has_focus
        await press(pilot, "colon", *"Sept", "enter")  # not a date: it says so, nothing moves
        assert any("Not a date" in str(n.message) for n in app._notifications)
        await press(pilot, "escape")
        assert view.cursor == first_on_or_after(rows, "2025-09") and view.has_focus


@sync
async def test_the_palette_jumps_to_a_date(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(TimelineView)
        rows = rows_shown(view)
        await press(pilot, "3", "ctrl+p", *"2025-09-11")
        await pilot.pause(0.5)
        await press(pilot, "enter")
        assert isinstance(app.screen, TimelineScreen)
        assert view.cursor == first_on_or_after(rows, "2025-09-11") > 0


@sync
async def test_profile_statements_show_approximate_dates_and_hang_their_lines(
        seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    speaker = next(s for s in (q.actor(a.id) for a in q.top_actors(200))
                   if s is not None and any(st.approximate and len(st.quote) > 150
                                            for st in s.statements))
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        app.open_actor(speaker.id)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        start = next(i for i, line in enumerate(lines) if line.strip() == "Statements")
        first = lines[start + 1]
        assert re.match(r" ~\d{4}", first), first  # approximate, as in every other list
        column = first.index("“")
        assert lines[start + 2][:column].strip() == "" and lines[start + 2][column:].strip()
