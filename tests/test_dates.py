"""Date phrases → ISO prefix at its precision, resolved against the publication date."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from store.extract.dates import DateMention, find_dates

JUN27 = date(2025, 6, 27)     # Kyiv Independent seed (a Friday)
JUL31 = date(2025, 7, 31)     # EDM seed
SEP11 = date(2025, 9, 11)     # Pravda / sudden-thaw seeds (a Thursday)
SEP12 = date(2025, 9, 12)     # PISM seed

# (text, published, expected span text, value, precision, approximate)
CASES = [
    ("Kellogg's visit to Minsk on June 21 marked", JUN27, "June 21", "2025-06-21", "day", False),
    ("welcomed Kellogg to Minsk on 21 June in the", JUL31, "21 June", "2025-06-21", "day", False),
    ("signed on June 21, 2025.", None, "June 21, 2025", "2025-06-21", "day", False),
    ("signed 21 June 2025.", None, "21 June 2025", "2025-06-21", "day", False),
    ("on the 11th of September", SEP12, "the 11th of September", "2025-09-11", "day", False),
    ("talks on Sept. 12 in Minsk", SEP11, "Sept. 12", "2025-09-12", "day", False),
    ("close its border starting September 12.", SEP11, "September 12", "2025-09-12", "day",
     False),
    ("shut down in February 2022, following", None, "February 2022", "2022-02", "month", False),
    ("the first since February 2020", None, "February 2020", "2020-02", "month", False),
    ("appeared in late January with", JUL31, "late January", "2025-01", "month", True),
    ("as early as early 2024", None, "early 2024", "2024", "year", True),
    ("in mid 2024", None, "mid 2024", "2024", "year", True),
    ("as early as late 2024¹.", None, "late 2024", "2024", "year", True),
    ("by mid-2024", None, "mid-2024", "2024", "year", True),
    ("freed in mid-May", JUN27, "mid-May", "2025-05", "month", True),
    ("visited Minsk in May.", JUN27, "May", "2025-05", "month", False),
    ("taken to Vilnius in June this year", SEP12, "June this year", "2025-06", "month", False),
    ("his second visit this year.", SEP12, "this year", "2025", "year", False),
    ("the same happened last year.", SEP12, "last year", "2024", "year", False),
    ("arrested in 2025 on charges", None, "2025", "2025", "year", False),
    ("In 2019, potash brought", None, "2019", "2019", "year", False),
    ("sanctioned Belavia since 2021", None, "2021", "2021", "year", False),
    ("pardoned 18 prisoners in July 2024, then", None, "July 2024", "2024-07", "month", False),
    ("freed 52 prisoners on Tuesday", SEP11, "Tuesday", "2025-09-09", "day", False),
    ("freed 123 prisoners on Saturday", SEP11, "Saturday", "2025-09-06", "day", False),
    ("on Thursday, the day it was published", SEP11, "Thursday", "2025-09-11", "day", False),
    ("talks will resume next Tuesday", SEP11, "next Tuesday", "2025-09-16", "day", False),
    ("talks will resume on Tuesday", SEP11, "Tuesday", "2025-09-16", "day", False),
    ("met last Thursday", SEP11, "last Thursday", "2025-09-04", "day", False),
    ("arrived yesterday", SEP11, "yesterday", "2025-09-10", "day", False),
    ("Lukashenko said today", SEP11, "today", "2025-09-11", "day", False),
    ("met last week", SEP11, "last week", "2025-09-04", "day", True),
    ("met earlier this week", SEP11, "earlier this week", "2025-09-08", "day", True),
    ("released last month", SEP11, "last month", "2025-08", "month", False),
    ("released last month", date(2025, 1, 10), "last month", "2024-12", "month", False),
    ("freed earlier this month", SEP11, "earlier this month", "2025-09", "month", False),
    ("late last year", SEP11, "late last year", "2024", "year", True),
    ("three days ago", SEP11, "three days ago", "2025-09-08", "day", False),
    ("31.07.2025", None, "31.07.2025", "2025-07-31", "day", False),
    ("05.07.2025", None, "05.07.2025", "2025-07-05", "day", False),   # day first: 5 July
    ("date 2025-09-11 World", None, "2025-09-11", "2025-09-11", "day", False),
    ("11/09/2025", None, "11/09/2025", "2025-09-11", "day", False),
    ("09/13/2025", None, "09/13/2025", "2025-09-13", "day", False),   # day-first impossible
    ("Dec. 12 and 13", date(2025, 12, 20), "Dec. 12", "2025-12-12", "day", False),
    ("the contested 2020 presidential election", None, "2020", "2020", "year", False),
    ("the end of 2025", None, "the end of 2025", "2025", "year", True),
    ("around June 21", SEP11, "around June 21", "2025-06-21", "day", True),
    ("21–22 June", SEP11, "21–22 June", "2025-06-21", "day", False),
    ("Tuesday, 4 November 2025 12:30", None, "Tuesday, 4 November 2025", "2025-11-04", "day",
     False),
    ("MINSK, NOVEMBER 4, 2025 —", None, "NOVEMBER 4, 2025", "2025-11-04", "day", False),
    # Other scripts.
    ("21 июня 2025 года", None, "21 июня 2025", "2025-06-21", "day", False),
    ("в июне", SEP11, "июне", "2025-06", "month", False),
    ("11 верасня", SEP12, "11 верасня", "2025-09-11", "day", False),
    ("11 września 2025", None, "11 września 2025", "2025-09-11", "day", False),
]


@pytest.mark.parametrize(("text", "published", "span", "value", "precision", "approximate"),
                         CASES, ids=[c[0][:40] for c in CASES])
def test_phrase(text: str, published: date | None, span: str, value: str, precision: str,
                approximate: bool) -> None:
    found = find_dates(text, published)
    assert [(d.text, d.value, d.precision, d.approximate) for d in found] == [
        (span, value, precision, approximate)]
    d = found[0]
    assert text[d.start:d.end] == d.text


# Year inference: a year-less month or day lands in [pub − 8 months, pub + 3 months].
@pytest.mark.parametrize(("text", "published", "value"), [
    ("in February", JUN27, "2025-02"),
    ("in November", date(2025, 2, 10), "2024-11"),
    ("in September", JUN27, "2025-09"),
    ("starting September 12", SEP11, "2025-09-12"),
    ("on 30 December", date(2026, 1, 2), "2025-12-30"),
    ("on 5 January", date(2025, 12, 20), "2026-01-05"),
    ("in October", date(2025, 2, 10), "2024-10"),     # 4 months back, not 8 ahead
    ("in June", date(2025, 2, 10), "2024-06"),        # exactly 8 months back
    ("in May", date(2025, 2, 10), "2025-05"),         # 3 months ahead
])
def test_year_inference(text: str, published: date, value: str) -> None:
    (d,) = find_dates(text, published)
    assert d.value == value and d.relative


@pytest.mark.parametrize("text", [
    "Belarus freed 52 prisoners",
    "the Zapad-2025 joint drills",
    "brought in roughly $2.9 billion",
    "dropped from 18% to 8%",
    "some 1,100 people",
    "about 30,000 troops will take part",
    "about 2000 troops",
    "F-35 jets",
    "his 71st birthday",
    "the 18th sanctions package",
    "a post-2020 policy",
    "2025%",
    "version 1.2.2025.4",
    "a 20-year sentence",
    "May I add that he may come",       # modal verb, not the month
    "the Women's March",
    "prices march on",
    "June Carter sang",                 # a name
    "Super Tuesday results",
    "Could you repeat that?",
    "a visit to Minsk in Could facilitated",   # a reworded seed's "May" is no month in English
    "31.02.2025",                       # no 31 February
    "2025-13-01",
    "00.00.0000",
    "0000-01-01",
    "June 31",
    "the 1990s",
])
def test_not_a_date(text: str) -> None:
    assert find_dates(text, SEP11) == []


def test_year_less_phrases_need_a_publication_date() -> None:
    text = "on June 21, in May, last week, yesterday, on Tuesday, this year, in February 2022"
    found = find_dates(text, None)
    assert [d.value for d in found] == ["2022-02"]
    assert not found[0].relative


def test_relative_flag_marks_borrowed_years() -> None:
    found = find_dates("On 21 June 2025 and on 21 June.", JUL31)
    assert [(d.value, d.relative) for d in found] == [("2025-06-21", False), ("2025-06-21", True)]


@pytest.mark.parametrize(("text", "sort_date"), [
    ("in June 2025", "2025-06-01"),
    ("in early June 2025", "2025-06-05"),
    ("in mid-June 2025", "2025-06-15"),
    ("in late June 2025", "2025-06-25"),
    ("at the end of June 2025", "2025-06-25"),
    ("in 2024", "2024-01-01"),
    ("in early 2024", "2024-03-01"),
    ("in mid-2024", "2024-07-01"),
    ("in late 2024", "2024-11-01"),
    ("around 2024", "2024-01-01"),
    ("on 21 June 2025", "2025-06-21"),
])
def test_sort_date_convention(text: str, sort_date: str) -> None:
    (d,) = find_dates(text, None)
    assert d.sort_date == sort_date


def test_sort_dates_order_a_timeline() -> None:
    text = ("In late 2024 contacts began; in early 2025 more; in late January prisoners were freed;"
            " on 21 June Kellogg came; in June this year 14 were released.")
    found = find_dates(text, JUL31)
    assert [d.sort_date for d in found] == ["2024-11-01", "2025-03-01", "2025-01-25",
                                            "2025-06-21", "2025-06-01"]


def test_several_dates_in_text_order_without_overlap() -> None:
    text = ("The EU sanctioned Belavia in 2021, followed by the United States in 2023; on "
            "11 September 2025 the U.S. lifted them, starting September 12.")
    found = find_dates(text, SEP11)
    assert [d.value for d in found] == ["2021", "2023", "2025-09-11", "2025-09-12"]
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_datetime_publication_is_treated_as_its_day() -> None:
    (d,) = find_dates("yesterday", datetime(2025, 9, 11, 23, 30))
    assert d.value == "2025-09-10"


def test_weekday_on_publication_day_and_future_cue() -> None:
    # Published Thursday 11 September 2025.
    assert find_dates("met on Thursday", SEP11)[0].value == "2025-09-11"
    assert find_dates("is due to meet on Monday", SEP11)[0].value == "2025-09-15"
    assert find_dates("They met. He will fly home. On Monday they met", SEP11)[0].value == (
        "2025-09-08")


def test_mention_is_frozen() -> None:
    (d,) = find_dates("in 2025", None)
    assert isinstance(d, DateMention)
    with pytest.raises(AttributeError):
        d.value = "2024"  # type: ignore[misc]


def test_seed_kyiv_independent_dates() -> None:
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "seeds"
            / "2025-06-27-kyiv-independent-kellogg.md").read_text(encoding="utf-8")
    values = [d.value for d in find_dates(text, JUN27)]
    assert "2025-06-21" in values and "2025-05" not in values  # "June 21"; "in Could" is no date
    assert "2025-09" in values                                 # Zapad drills "in September"
    assert values.count("2025") == 2                           # "in 2025", "(West 2025)"
    assert "2052" not in values and "0123" not in values


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.none() | st.dates(min_value=date(1, 1, 1)))
def test_never_raises_and_spans_are_inside(text: str, published: date | None) -> None:
    found = find_dates(text, published)
    for d in found:
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.text
        assert d.precision in ("day", "month", "year")
        assert d.value[:4].isdigit() and d.sort_date.startswith(d.value)
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


DATEY = st.sampled_from(["June", "21", "2025", "late", "mid-", "May", "in", "on", "Tuesday",
                         "next", "last", "week", "year", "this", ".", ",", "-", "/", "ago",
                         "Sept.", "июня", "Could", "the", "of", "11th", "31.07.2025", "0000"])


@settings(max_examples=300, deadline=None)
@given(st.lists(DATEY, max_size=30), st.sampled_from([" ", "", "\n"]),
       st.none() | st.dates(min_value=date(1, 1, 1)))
def test_date_like_soup_never_raises(words: list[str], sep: str, published: date | None) -> None:
    text = sep.join(words)
    for d in find_dates(text, published):
        assert text[d.start:d.end] == d.text


def test_extreme_publication_dates_do_not_raise() -> None:
    text = "yesterday, tomorrow, next week, last month, next year, 3 years ago, in June, Monday"
    assert find_dates(text, date.min) is not None
    assert find_dates(text, date.max) is not None


@pytest.mark.parametrize("blob", [
    "1" * 200_000,
    "June " * 40_000,
    "21 June 2025 " * 15_000,
    "late " * 40_000,
    "\x00\x01\x7f" * 70_000,
    "mid-" * 50_000,
])
def test_large_and_adversarial_inputs_stay_fast(blob: str) -> None:
    t0 = time.perf_counter()
    find_dates(blob, SEP11)
    # Linear patterns: ~0.2 MB in well under the time a backtracking blow-up would take.
    assert time.perf_counter() - t0 < 10
