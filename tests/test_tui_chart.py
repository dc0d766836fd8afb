"""Issue 12, the timeline's chart on the REAL seed store: years on the axis, releases without a
number and events dated only to the year still told, a month picked in the chart filters the
timeline. Expectations come from the read API, never from hard-coded counts."""

from __future__ import annotations

from pathlib import Path

from test_tui import press, sync
from test_tui_seed import line_with, screen_text

from store.db.connect import connect
from store.read.queries import Queries
from tui.app import ThawApp
from tui.screenshots import settle
from tui.timeline import MonthChart, TimelineView, year_axis


def test_year_axis_labels_each_january_and_the_first_month() -> None:
    months = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)][3:]  # from 2024-04
    axis = year_axis(months)
    assert len(axis) == len(months)
    assert axis.index("2024") == 0 and axis.index("2025") == months.index("2025-01")
    # Too little room for 2024 before 2025: the short form, never two labels run together.
    assert year_axis(["2024-09", "2024-10", "2024-11", "2024-12",
                      "2025-01", "2025-02", "2025-03", "2025-04"]) == "’24 2025"


@sync
async def test_chart_tells_years_uncounted_releases_and_year_only_events(seed_db: Path) -> None:
    q = Queries(connect(seed_db))
    rows = q.timeline_page(0, 1000)
    uncounted = sum(1 for r in rows if r.type == "release"
                    and q.event(r.id).count is None  # type: ignore[union-attr]
                    and r.precision in ("day", "month"))
    coarse = sum(1 for r in rows if r.precision not in ("day", "month"))
    assert uncounted and coarse  # the seeds have both
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(MonthChart)
        shown = screen_text(app).splitlines()
        top = chart.region.y
        assert f"+{uncounted} uncounted" in shown[top + 1], shown[top + 1]
        assert f"+{coarse} not by month" in shown[top], shown[top]
        # The third line: each year under its January's bar.
        axis = shown[top + 2]
        x0 = chart.content_region.x + MonthChart.LABEL_WIDTH
        for i, month in enumerate(m.month for m in chart.shown):
            if month.endswith("-01"):
                assert axis[x0 + i:x0 + i + 4] == month[:4], (month, axis)


async def filtered_to(pilot: object, month: str) -> None:
    app = pilot.app  # type: ignore[attr-defined]
    view = app.screen.query_one(TimelineView)
    assert view.filters.since == view.filters.until == month, view.filters
    assert view.total > 0
    assert all((row := view.row_at(i)) is not None and (row.date or "").startswith(month)
               for i in range(view.total))


@sync
async def test_a_month_clicked_in_the_chart_filters_the_timeline(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(MonthChart)
        index, month = next((i, m.month) for i, m in enumerate(chart.shown) if m.events)
        x = chart.content_region.x - chart.region.x + MonthChart.LABEL_WIDTH + index
        await pilot.click(MonthChart, offset=(x, 0))
        await settle(pilot)
        await filtered_to(pilot, month)
        assert line_with(screen_text(app), month)  # the filter box says what is shown
        await press(pilot, "x")
        assert not app.screen.query_one(TimelineView).filters.active


@sync
async def test_a_month_picked_from_the_keyboard_filters_the_timeline(seed_db: Path) -> None:
    app = ThawApp(seed_db, poll_interval=None)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        chart = app.screen.query_one(MonthChart)
        chart.focus()
        await settle(pilot)
        # From the latest month, left to the latest earlier month that has events.
        last = len(chart.shown) - 1
        index = max(i for i, m in enumerate(chart.shown) if m.events and i < last)
        month = chart.shown[index].month
        await press(pilot, *["left"] * (last - index), "enter")
        await filtered_to(pilot, month)
        assert app.focused is app.screen.query_one(TimelineView)
