"""The dashboard's update: 'Last updated' in the stats bar, and ctrl+p 'Update followed feeds'
running `thaw update` in a worker while the dashboard keeps answering keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from fakestore import build_store, install_search_stand_in
from textual.pilot import Pilot
from textual.widgets import OptionList
from web_pages import RELEASE, RELEASE_TITLE, page, rss
from webserver import serving

from store.ingest.follow import add_feed
from tui.actors import ActorsScreen
from tui.app import ThawApp
from tui.chrome import StatsBar
from tui.screenshots import settle

install_search_stand_in()


def test_stats_bar_says_when_the_store_was_last_updated(tmp_path: Path) -> None:
    async def run() -> None:
        app = ThawApp(build_store(tmp_path / "fake.db"), poll_interval=None)
        async with app.run_test(size=(140, 30)) as pilot:
            await settle(pilot)
            bar = str(app.screen.query_one(StatsBar).render())
            assert app.stats is not None and app.stats.last_updated
            assert f"updated {app.stats.last_updated[:10]}" in bar and "UTC" in bar

    asyncio.run(run())


async def palette_shows(pilot: Pilot[None], label: str) -> None:
    """Wait for the palette's search (it runs on a timer) to list `label` first."""
    for _ in range(100):
        options = pilot.app.screen.query(OptionList)
        if options and options.first().option_count and label in str(
                options.first().get_option_at_index(0).prompt):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"the palette never listed {label!r}")


@pytest.mark.usefixtures("local_network_only")
def test_palette_update_runs_in_a_worker_and_notifies(tmp_path: Path) -> None:
    db = build_store(tmp_path / "fake.db")

    async def run(feed: str) -> None:
        add_feed(db, feed)
        app = ThawApp(db, poll_interval=0.2)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("2")          # the actors pane loaded once, before the update
            await settle(pilot)
            await pilot.press("1")
            await settle(pilot)
            before = app.stats.documents if app.stats else 0
            for key in ("ctrl+p", *"Update followed feeds"):
                await pilot.press(key)
            await palette_shows(pilot, "Update followed feeds")
            await pilot.press("enter")
            await pilot.pause(0.2)      # not settle(): it waits for the workers to finish
            # The page takes seconds to arrive: the dashboard answers keys meanwhile.
            await pilot.press("2")
            await pilot.pause(0.2)
            assert isinstance(app.screen, ActorsScreen)
            assert any(w.group == "update" and w.is_running for w in app.workers)
            await app.workers.wait_for_complete()
            for _ in range(50):
                if app.stats and app.stats.documents > before:
                    break
                await pilot.pause(0.1)
            assert app.stats is not None and app.stats.documents == before + 1
            messages = [n.message for n in app._notifications]
            assert any(m.startswith("1 new document ") for m in messages), messages

    with serving() as server:
        server.add("/release", body=page(RELEASE_TITLE, RELEASE).encode(), delay=2.5)
        feed = server.add("/feed", content_type="application/rss+xml", body=rss([
            {"title": RELEASE_TITLE, "link": server.url("/release"), "description": "Freed."}]))
        asyncio.run(run(feed))
