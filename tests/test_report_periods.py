"""Periods, activity date ranges and how dates are written."""
from __future__ import annotations

import datetime as dt

import pytest

from cli.errors import ReportError
from cli.report.periods import (
    activity_range, format_dates, format_day, overlaps, parse_period, previous_period, resolve_period,
)

D = dt.date


@pytest.mark.parametrize(("text", "start", "end", "code", "label"), [
    ("2022-Q1", D(2022, 1, 1), D(2022, 3, 31), "Q1", "First quarter 2022"),
    ("2022-q4", D(2022, 10, 1), D(2022, 12, 31), "Q4", "Fourth quarter 2022"),
    ("2022-H1", D(2022, 1, 1), D(2022, 6, 30), "H1", "First half of 2022"),
    ("2022-H2", D(2022, 7, 1), D(2022, 12, 31), "H2", "Second half of 2022"),
    ("2022", D(2022, 1, 1), D(2022, 12, 31), "Y", "Year 2022"),
    ("2021-2022", D(2021, 1, 1), D(2022, 12, 31), "2021-2022", "Biennium 2021\u20132022"),
    ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "M02", "February 2024"),
])
def test_each_period_form(text: str, start: dt.date, end: dt.date, code: str, label: str) -> None:
    period = parse_period(text)
    assert (period.start, period.end, period.code, period.label) == (start, end, code, label)


def test_from_to_range() -> None:
    period = resolve_period(None, "2022-01-15", "2022-03-10")
    assert (period.start, period.end, period.code) == (D(2022, 1, 15), D(2022, 3, 10), "20220115-20220310")
    assert period.text == "15 January \u2013 10 March 2022"


@pytest.mark.parametrize("text", ["2022-Q5", "22-Q1", "2022-13", "2021-2023", "Q1 2022", "last quarter", ""])
def test_bad_period_lists_the_accepted_forms(text: str) -> None:
    with pytest.raises(ReportError) as caught:
        resolve_period(text or None, None, None)
    message = str(caught.value)
    for form in ("2022-Q1", "2022-H1", "2021-2022", "2022-03", "--from"):
        assert form in message


@pytest.mark.parametrize(("args", "words"), [
    (("2022-Q1", "2022-01-01", None), "not both"),
    ((None, "2022-01-01", None), "--to is missing"),
    ((None, "2022-02-30", "2022-03-01"), "--from '2022-02-30': not a date"),
    ((None, "2022-03-01", "2022-01-01"), "is after --to"),
])
def test_bad_range_says_what_to_fix(args: tuple, words: str) -> None:
    with pytest.raises(ReportError, match=words):
        resolve_period(*args)


@pytest.mark.parametrize(("text", "previous"), [
    ("2022-Q1", (D(2021, 10, 1), D(2021, 12, 31))),
    ("2022-H1", (D(2021, 7, 1), D(2021, 12, 31))),
    ("2022", (D(2021, 1, 1), D(2021, 12, 31))),
    ("2021-2022", (D(2019, 1, 1), D(2020, 12, 31))),
    ("2022-03", (D(2022, 2, 1), D(2022, 2, 28))),
])
def test_previous_period_has_the_same_length(text: str, previous: tuple[dt.date, dt.date]) -> None:
    before = previous_period(parse_period(text))
    assert (before.start, before.end) == previous


def test_previous_of_a_range_is_the_same_number_of_days() -> None:
    before = previous_period(resolve_period(None, "2022-03-01", "2022-03-10"))
    assert (before.start, before.end) == (D(2022, 2, 19), D(2022, 2, 28))


@pytest.mark.parametrize(("start", "end", "first", "last", "precision"), [
    ("2021-12-14", "2021-12-15", D(2021, 12, 14), D(2021, 12, 15), "day"),
    ("2020-12", "2020-12", D(2020, 12, 1), D(2020, 12, 31), "month"),
    ("2021", None, D(2021, 1, 1), D(2021, 12, 31), "year"),
    ("2021-05-03", "2021-05", D(2021, 5, 3), D(2021, 5, 31), "month"),
    ("2021-05-03", "2021-04-01", D(2021, 5, 3), D(2021, 5, 3), "day"),
])
def test_activity_range_expands_to_first_and_last_day(start: str, end: str | None, first: dt.date, last: dt.date,
                                                       precision: str) -> None:
    span = activity_range(start, end)
    assert span is not None
    assert (span.first, span.last, span.precision) == (first, last, precision)


@pytest.mark.parametrize("start", [None, "", "soon", "2021-13", "2021-02-30"])
def test_no_usable_start(start: str | None) -> None:
    assert activity_range(start, None) is None


def test_overlap_includes_coarse_dates() -> None:
    q4 = parse_period("2021-Q4")
    assert overlaps(activity_range("2021", None), q4)
    assert overlaps(activity_range("2021-09-30", "2021-10-01"), q4)
    assert not overlaps(activity_range("2021-09", None), q4)
    assert not overlaps(activity_range("2022-01-01", None), q4)


@pytest.mark.parametrize(("start", "end", "text"), [
    ("2021-12-14", "2021-12-15", "14 \u2013 15 December 2021"),
    ("2021-11-30", "2021-12-02", "30 November \u2013 2 December 2021"),
    ("2021-12-30", "2022-01-02", "30 December 2021 \u2013 2 January 2022"),
    ("2022-06-20", "2022-06-20", "20 June 2022"),
    ("2022-06-20", None, "20 June 2022"),
    ("2020-12", "2020-12", "December 2020"),
    ("2021-03", "2021-05", "March \u2013 May 2021"),
    ("2021", "2021", "2021"),
    ("2021-05-03", "2021-05", "3 May 2021 \u2013 May 2021"),
    (None, None, "Date not known"),
])
def test_dates_are_written_for_readers(start: str | None, end: str | None, text: str) -> None:
    assert format_dates(start, end) == text


def test_single_day() -> None:
    assert format_day(D(2022, 6, 20)) == "20 June 2022"
