"""SVG snapshots of each pane and drill-down view at 80×24 and 120×40, on the fixed fake store
(so extractor changes do not churn UI snapshots). Update with `pytest --snapshot-update`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakestore import build_store, install_search_stand_in
from textual.pilot import Pilot

from tui.app import ThawApp
from tui.screenshots import VIEWS, settle

install_search_stand_in()

SIZES = [(80, 24), (120, 40)]


def keys_then_settle(keys: list[str]):
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name,keys", VIEWS, ids=[name for name, _ in VIEWS])
def test_view(snap_compare, tmp_path: Path, name: str, keys: list[str],
              size: tuple[int, int]) -> None:
    app = ThawApp(build_store(tmp_path / "fake.db"), poll_interval=None)
    assert snap_compare(app, terminal_size=size, run_before=keys_then_settle(keys))


@pytest.mark.parametrize("name,keys", [VIEWS[0], VIEWS[4]], ids=["timeline", "sanctions"])
def test_light_theme(snap_compare, tmp_path: Path, name: str, keys: list[str]) -> None:
    app = ThawApp(build_store(tmp_path / "fake.db"), poll_interval=None, theme="textual-light")
    assert snap_compare(app, terminal_size=(80, 24), run_before=keys_then_settle(keys))
