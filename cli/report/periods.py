"""Reporting periods, activity date ranges at their precision, and how dates are written."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ReportError

PERIOD_FORMS = (
    "2022-Q1 (quarter)",
    "2022-H1 (half year)",
    "2022 (year)",
    "2021-2022 (biennium)",
    "2022-03 (month)",
    "--from 2022-01-15 --to 2022-03-10 (any range)",
)
ORDINALS = {1: "First", 2: "Second", 3: "Third", 4: "Fourth"}
DASH = "\u2013"

_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_BIENNIUM = re.compile(r"^(\d{4})-(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True)
class Period:
    """A closed range of days with its label ("First quarter 2022") and reference code ("Q1")."""

    start: dt.date
    end: dt.date
    label: str
    code: str
    kind: str  # quarter | half | year | biennium | month | range

    @property
    def days(self) -> int:
        """Length in days, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def text(self) -> str:
        """The range written out: "1 January – 31 March 2022"."""
        return format_day_range(self.start, self.end)


@dataclass(frozen=True)
class DateRange:
    """An activity's first and last day, with the precision the register gives."""

    first: dt.date
    last: dt.date
    precision: str  # day | month | year (the coarser of start and end)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _bad_period(text: str, why: str) -> ReportError:
    forms = "\n".join(f"  {form}" for form in PERIOD_FORMS)
    where = f"--period {text!r}: " if text else ""
    return ReportError(f"{where}{why}; give the period in one of these forms:\n{forms}")


def parse_period(text: str) -> Period:
    """Read a period such as 2022-Q1, 2022-H1, 2022, 2021-2022 or 2022-03."""
    value = text.strip()
    if m := _QUARTER.match(value):
        year, q = int(m[1]), int(m[2])
        start = dt.date(year, 3 * q - 2, 1)
        return Period(start, _last_day(year, 3 * q), f"{ORDINALS[q]} quarter {year}", f"Q{q}", "quarter")
    if m := _HALF.match(value):
        year, h = int(m[1]), int(m[2])
        start = dt.date(year, 6 * h - 5, 1)
        return Period(start, _last_day(year, 6 * h), f"{ORDINALS[h]} half of {year}", f"H{h}", "half")
    if m := _YEAR.match(value):
        year = int(m[1])
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), f"Year {year}", "Y", "year")
    if m := _BIENNIUM.match(value):
        first, second = int(m[1]), int(m[2])
        if second != first + 1:
            raise _bad_period(text, f"a biennium is two consecutive years, e.g. {first}-{first + 1}")
        return Period(
            dt.date(first, 1, 1), dt.date(second, 12, 31), f"Biennium {first}{DASH}{second}",
            f"{first}-{second}", "biennium",
        )
    if m := _MONTH.match(value):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise _bad_period(text, f"month {month:02d} does not exist")
        return Period(
            dt.date(year, month, 1), _last_day(year, month), f"{calendar.month_name[month]} {year}",
            f"M{month:02d}", "month",
        )
    raise _bad_period(text, "not a period this tool knows")


def parse_iso_day(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date given on the command line, or a ReportError naming the option."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ReportError(f"{option} {text!r}: not a date; write it as YYYY-MM-DD, e.g. 2022-03-31") from None


def range_period(date_from: str, date_to: str) -> Period:
    """A period given by --from/--to ISO dates, both days included."""
    start = parse_iso_day(date_from, "--from")
    end = parse_iso_day(date_to, "--to")
    if end < start:
        raise ReportError(f"--from {date_from} is after --to {date_to}; give the earlier date with --from")
    code = f"{start:%Y%m%d}-{end:%Y%m%d}"
    return Period(start, end, format_day_range(start, end), code, "range")


def resolve_period(period: str | None, date_from: str | None, date_to: str | None) -> Period:
    """The period asked for: --period, or both --from and --to."""
    if period and (date_from or date_to):
        raise ReportError("give either --period or --from/--to, not both")
    if period:
        return parse_period(period)
    if date_from and date_to:
        return range_period(date_from, date_to)
    if date_from or date_to:
        missing = "--to" if date_from else "--from"
        raise ReportError(f"{missing} is missing; a range needs both --from and --to (YYYY-MM-DD)")
    raise _bad_period("", "no period given; use --period or --from/--to")


def _shift_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def previous_period(period: Period) -> Period:
    """The period of the same length just before this one."""
    months = {"quarter": 3, "half": 6, "year": 12, "biennium": 24, "month": 1}.get(period.kind)
    if months is None:
        end = period.start - dt.timedelta(days=1)
        start = end - dt.timedelta(days=period.days - 1)
        return Period(start, end, format_day_range(start, end), f"{start:%Y%m%d}-{end:%Y%m%d}", "range")
    start = _shift_months(period.start, -months)
    text = {
        "quarter": f"{start.year}-Q{(start.month + 2) // 3}",
        "half": f"{start.year}-H{(start.month + 5) // 6}",
        "year": f"{start.year}",
        "biennium": f"{start.year}-{start.year + 1}",
        "month": f"{start.year}-{start.month:02d}",
    }[period.kind]
    return parse_period(text)


def precision_of(value: str | None) -> str | None:
    """day, month or year for a register date; None when it is missing or unreadable."""
    if not value:
        return None
    text = str(value).strip()
    try:
        if _DAY.match(text):
            dt.date.fromisoformat(text)
            return "day"
        if (m := _MONTH.match(text)) and 1 <= int(m[2]) <= 12:
            return "month"
        if _YEAR.match(text):
            return "year"
    except ValueError:
        return None
    return None


def _first_day(text: str, precision: str) -> dt.date:
    if precision == "day":
        return dt.date.fromisoformat(text)
    if precision == "month":
        return dt.date(int(text[:4]), int(text[5:7]), 1)
    return dt.date(int(text[:4]), 1, 1)


def _final_day(text: str, precision: str) -> dt.date:
    if precision == "day":
        return dt.date.fromisoformat(text)
    if precision == "month":
        return _last_day(int(text[:4]), int(text[5:7]))
    return dt.date(int(text[:4]), 12, 31)


def activity_range(start: str | None, end: str | None) -> DateRange | None:
    """The days an activity covers; None without a usable start. A bad or earlier end is ignored."""
    start_precision = precision_of(start)
    if start_precision is None:
        return None
    first = _first_day(str(start), start_precision)
    last = _final_day(str(start), start_precision)
    precision = start_precision
    end_precision = precision_of(end)
    if end_precision is not None and _final_day(str(end), end_precision) >= first:
        last = _final_day(str(end), end_precision)
        if _RANK[end_precision] > _RANK[precision]:
            precision = end_precision
    return DateRange(first, last, precision)


def end_problem(start: str | None, end: str | None) -> str | None:
    """Why an activity's end date cannot be used (unreadable, or before the start), else None."""
    if not end or precision_of(start) is None:
        return None
    end_precision = precision_of(end)
    if end_precision is None:
        return f"end date {end!r} is not YYYY-MM-DD, YYYY-MM or YYYY"
    if _final_day(str(end), end_precision) < _first_day(str(start), precision_of(start) or "day"):
        return f"end date {end} is before the start {start}"
    return None


def overlaps(span: DateRange, period: Period) -> bool:
    """True when the activity's days and the period share at least one day."""
    return span.first <= period.end and span.last >= period.start


def format_day(day: dt.date) -> str:
    """20 June 2022."""
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def format_day_range(first: dt.date, last: dt.date) -> str:
    """14 – 15 December 2021; 30 November – 2 December 2021; 30 December 2021 – 2 January 2022."""
    if first == last:
        return format_day(first)
    if first.year != last.year:
        return f"{format_day(first)} {DASH} {format_day(last)}"
    if first.month != last.month:
        return f"{first.day} {calendar.month_name[first.month]} {DASH} {format_day(last)}"
    return f"{first.day} {DASH} {last.day} {calendar.month_name[last.month]} {last.year}"


def _format_part(text: str, precision: str) -> str:
    if precision == "day":
        return format_day(dt.date.fromisoformat(text))
    if precision == "month":
        return f"{calendar.month_name[int(text[5:7])]} {text[:4]}"
    return text[:4]


def format_dates(start: str | None, end: str | None) -> str:
    """An activity's dates as readers write them, at the precision the register gives."""
    start_precision = precision_of(start)
    if start_precision is None:
        return "Date not known"
    end_precision = precision_of(end) if end_problem(start, end) is None else None
    if end_precision is None or str(end) == str(start):
        return _format_part(str(start), start_precision)
    if start_precision == end_precision == "day":
        return format_day_range(dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end)))
    if start_precision == end_precision == "month":
        first_month, last_month = str(start), str(end)
        if first_month[:4] == last_month[:4]:
            return f"{calendar.month_name[int(first_month[5:7])]} {DASH} {_format_part(last_month, 'month')}"
        return f"{_format_part(first_month, 'month')} {DASH} {_format_part(last_month, 'month')}"
    return f"{_format_part(str(start), start_precision)} {DASH} {_format_part(str(end), end_precision)}"
