"""A small grammar for the date expressions of news posts, ranges included.

Each expression keeps its precision (day, month, year) and whether the year was printed.
Calendar arithmetic uses the standard library; the grammar is ours because general date
parsers mangle ranges such as "14th and 15th of December 2021".
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9
_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov",
                "Dec")
# a month written in lower case, as hurried staff do ('on 9th of may 2024'), where a day or 'of' comes first;
# 'may' only with its year, as the word is more often a verb
_LOWER_MONTHS = tuple(n.lower() for n in _MONTH_NAMES[:12] if n != "May") + (r"may(?=,?\s+(?:19|20)\d{2}\b)",)
_MONTH = "(" + "|".join(_MONTH_NAMES + _LOWER_MONTHS) + r")\.?"



def word_first(words: tuple[str, ...]) -> str:
    """Words, taken literally, as an alternation that tests for the start of a word after its first character
    ('M(?<!\\wM)arch' rather than '\\bMarch'): the same matches, but a pattern that begins with a character lets
    the regex engine skip ahead to where that character occurs instead of trying every position."""
    return "(?:" + "|".join(f"{re.escape(w[0])}(?<!\\w{re.escape(w[0])}){re.escape(w[1:])}" for w in words) + ")"


_MONTH_FIRST = "(" + word_first(_MONTH_NAMES) + r")\.?"
# in capitals, as headings and datelines print them ('MAY 2022', 'SARAJEVO, 8 MARCH 2024'; 'MAY' only with its
# year): read as if written 'May 2022', the text keeping its length, so that the patterns stay as fast as they are
_UPPER_MONTH = re.compile("(?:" + word_first(tuple(n.upper() for n in _MONTH_NAMES[:12] if n != "May"))
                          + r"|M(?<!\wM)AY(?=,?\s+(?:19|20)\d{2}\b))\b")
_DAY_FIRST = r"(\d(?<!\w\d)\d?)(?:-?(?:st|nd|rd|th))?\.?"  # _DAY at the start of a pattern, 'the' left out
_DAY = r"(?:the\s+)?(\d{1,2})(?:-?(?:st|nd|rd|th))?\.?"  # 14 / 14th / 14-th / 14.
_MORE_DAYS = r"(?:,\s*(?:the\s+)?\d{1,2}(?:-?(?:st|nd|rd|th))?)*"  # the middle days of '7th, 8th and 9th of June'
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_YEAR = r"((?:19|20)\d{2})"
_SEP = r"\s*(?:–|—|-|−|/|&|\bto\b|\band\b|\buntil\b|\btill\b|\bthrough\b)\s*"

PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # 30 November – 2 December 2021 / 14th and 15th of December 2021 / from 15 to 17 March 2022
    ("dmr", re.compile(
        rf"{_DAY_FIRST}(?:\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?)?{_MORE_DAYS}{_SEP}{_WEEKDAY}{_DAY}(?:\s+of)?\s+{_MONTH}"
        rf"(?:,?\s+{_YEAR}\b)?")),
    # March 31 – April 2, 2025
    ("mdmr", re.compile(
        rf"{_MONTH_FIRST}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?{_SEP}{_MONTH}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b"
        rf"(?:,?\s+{_YEAR}\b)?")),
    # February the 25th and 26th 2021 / March 9-10, 2023
    ("mdr", re.compile(
        rf"{_MONTH_FIRST}\s+{_DAY}{_SEP}{_DAY}(?:,?\s+{_YEAR}\b)?")),
    # 14.3.2023 to 16.3.2023 / 30.12.2022 – 2.1.2023
    ("numrr", re.compile(r"(\d(?<!\w\d)\d?)\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\.?\s*(?:–|—|-|\bto\b|\buntil\b)\s*"
                         r"(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")),
    # 14.11. to 16.11.2023 / 14.-16.11.2023
    ("numr", re.compile(r"(\d(?<!\w\d)\d?)(?:\.(?:\s?(\d{1,2})\.)?\s*(?:–|—|-|to|until)|\s?[-–—]\s?)\s*(\d{1,2})\.\s?"
                        r"(\d{1,2})\.\s?((?:19|20)\d{2})\b")),  # also 02-04.10.2023 and 23–24.10.2023
    # 12-13/05/2022 / 30/11-2/12/2022
    ("numr", re.compile(r"(\d(?<!\w\d)\d?)(?:/(\d{1,2}))?\s?(?:–|—|-|to|until)\s?(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")),
    # 22.6.2021 / 2022-03-15
    ("num", re.compile(r"(\d(?<!\w\d)\d?)\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")),
    # 04/10/2023: day first, as the region writes it
    ("num", re.compile(r"(\d(?<!\w\d)\d?)/(\d{1,2})/((?:19|20)\d{2})\b")),
    ("iso", re.compile(r"((?:19|20)(?<!\w\d\d)\d{2})-(\d{2})-(\d{2})\b")),
    # the 20th of April 2022 / On 02. March 2021 / 10th June
    ("dm", re.compile(rf"{_DAY_FIRST}(?:\s+of)?\s+{_MONTH}(?![a-z])(?:,?\s+{_YEAR}\b)?")),
    # February the 23rd 2021 / March 9, 2023
    ("md", re.compile(rf"{_MONTH_FIRST}\s+(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*%)(?:,?\s+{_YEAR}\b)?")),
    # In December 2020 / mid-October 2021
    ("my", re.compile(rf"{_MONTH_FIRST}(?:,)?\s+{_YEAR}\b")),
    # mid of January / during the month of May / in December (no year)
    ("m", re.compile(
        word_first(("in", "during", "of", "since", "until", "by", "from", "mid", "early", "late", "end")) +
        rf"(?:\s+the)?(?:\s+month\s+of)?"
        rf"(?:\s+of)?[\s-]+(?:mid-?\s*|early\s+|late\s+)?{_MONTH}(?![\w-])(?!\s+\d)")),
    # in 2020 / in early 2019
    ("y", re.compile(word_first(("in", "during", "for", "of", "since", "by"))
                     + rf"\s+(?:the\s+year\s+|early\s+|late\s+|mid-?)?{_YEAR}\b")),
]
_PRECISION = {"numrr": "day", "numr": "day", "dmr": "day", "mdmr": "day", "mdr": "day", "num": "day", "iso": "day", "dm": "day", "md": "day",
              "my": "month", "m": "month", "y": "year"}


@dataclass(frozen=True)
class DateExpr:
    """One date expression found in text: start and end as (year|None, month, day|None)."""

    start: tuple[int | None, int | None, int | None]
    end: tuple[int | None, int | None, int | None]
    precision: str  # day | month | year
    pos: int
    text: str

    @property
    def has_year(self) -> bool:
        """Whether the year was printed."""
        return self.start[0] is not None

    def with_year(self, year: int) -> "DateExpr":
        """The same expression with a missing year filled in (end year rolls over a December–January range)."""
        end_year = year + 1 if self.end[1] is not None and self.start[1] is not None and self.end[1] < self.start[1] else year
        return DateExpr((year,) + self.start[1:], (end_year,) + self.end[1:], self.precision, self.pos, self.text)


def _month(name: str | None) -> int | None:
    return MONTHS.get(name.lower().rstrip(".")) if name else None


def _valid(y: int | None, m: int | None, d: int | None) -> bool:
    if m is None or not 1 <= m <= 12:
        return False
    if d is None:
        return True
    days = calendar.monthrange(y if y else 2024, m)[1]
    return 1 <= d <= days


def _build(kind: str, g: tuple) -> tuple[tuple, tuple] | None:
    """Start and end tuples from a pattern's groups; None when the date is impossible."""
    if kind == "dmr":
        d1, m1, y1, d2, m2, y2 = g
        m2n = _month(m2)
        m1n = _month(m1) or m2n
        y2n = int(y2) if y2 else None
        y1n = int(y1) if y1 else (y2n - 1 if y2n and m1n and m2n and m1n > m2n else y2n)
        start, end = (y1n, m1n, int(d1)), (y2n, m2n, int(d2))
    elif kind == "mdmr":
        m1, d1, m2, d2, y = g
        y2n = int(y) if y else None
        y1n = y2n - 1 if y2n and _month(m1) > _month(m2) else y2n
        start, end = (y1n, _month(m1), int(d1)), (y2n, _month(m2), int(d2))
    elif kind == "mdr":
        m, d1, d2, y = g
        yn = int(y) if y else None
        start, end = (yn, _month(m), int(d1)), (yn, _month(m), int(d2))
    elif kind == "numrr":
        d1, m1, y1, d2, m2, y2 = g
        start, end = (int(y1), int(m1), int(d1)), (int(y2), int(m2), int(d2))
    elif kind == "numr":
        d1, m1, d2, m2, y = g
        start, end = (int(y), int(m1 or m2), int(d1)), (int(y), int(m2), int(d2))
        if int(m1 or m2) > int(m2):
            start = (int(y) - 1,) + start[1:]
    elif kind == "num":
        d, m, y = g
        start = end = (int(y), int(m), int(d))
    elif kind == "iso":
        y, m, d = g
        start = end = (int(y), int(m), int(d))
    elif kind == "dm":
        d, m, y = g
        start = end = (int(y) if y else None, _month(m), int(d))
    elif kind == "md":
        m, d, y = g
        start = end = (int(y) if y else None, _month(m), int(d))
    elif kind == "my":
        m, y = g
        start = end = (int(y), _month(m), None)
    elif kind == "m":
        start = end = (None, _month(g[0]), None)
    else:
        start = end = (int(g[0]), None, None)
    if kind != "y" and not (_valid(*start) and _valid(*end)):
        return None
    if start[0] and end[0] and _key(start) > _key(end):
        return None
    return start, end


def _key(t: tuple) -> tuple[int, int, int]:
    return (t[0] or 0, t[1] or 0, t[2] or 0)


def find_dates(text: str) -> list[DateExpr]:
    """Every date expression in text, in order of position, longest match first where they overlap."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    original = text
    if _UPPER_MONTH.search(text):
        text = _UPPER_MONTH.sub(lambda m: m.group(0).title(), text)
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(text):
            span = match.span()
            if any(span[0] < b and a < span[1] for a, b in taken):
                continue
            built = _build(kind, match.groups())
            if built is None:
                continue
            taken.append(span)
            found.append(DateExpr(built[0], built[1], _PRECISION[kind], span[0], original[span[0]:span[1]]))
    return sorted(found, key=lambda e: e.pos)


# a place and a comma before a date ('Sarajevo, ', 'The Hague, '), or a place, its country and a dash ('LYON, France — ')
PLACE_BEFORE = re.compile(r"\s*(?:[A-Z][\w'’.-]*\s?){1,3}(?:,\s*(?:[A-Z][\w'’.-]*\s?){1,3}\s[–—-]|,)\s*")


def is_dateline(text: str) -> bool:
    """A date, or a place and a date, and nothing else: a post's date line, never its title ('08.11.2021',
    '12-13/05/2022', 'Sarajevo, 4 October 2023', 'Press release | Skopje, 9 November 2021')."""
    if len(text) > 60 or not any(c.isdigit() for c in text):
        return False
    found = find_dates(text)
    if len(found) != 1 or found[0].precision != "day":
        return False
    before, after = text[:found[0].pos], text[found[0].pos + len(found[0].text):]
    before = before.rsplit(" | ", 1)[-1].strip(" *_|·")  # 'Press release | Banja Luka, 25 February 2022'
    if len(before) + len(found[0].text) > 40:
        return False
    return not after.strip(" *_|·.") and (not before or PLACE_BEFORE.fullmatch(before) is not None)


def first_day(t: tuple) -> date:
    """The first calendar day a (year, month|None, day|None) tuple covers."""
    return date(t[0], t[1] or 1, t[2] or 1)


def last_day(t: tuple) -> date:
    """The last calendar day a (year, month|None, day|None) tuple covers."""
    month = t[1] or 12
    return date(t[0], month, t[2] or calendar.monthrange(t[0], month)[1])


def to_iso(t: tuple | None) -> str | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' at the tuple's precision."""
    if t is None or t[0] is None:
        return None
    if t[1] is None:
        return f"{t[0]:04d}"
    if t[2] is None:
        return f"{t[0]:04d}-{t[1]:02d}"
    return f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}"


def parse_iso(value: str) -> tuple[int, int | None, int | None]:
    """'YYYY[-MM[-DD]]' back to a tuple; ValueError when malformed or impossible."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not match:
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    y, m, d = (int(x) if x else None for x in match.groups())
    if m is not None and not _valid(y, m, d):
        raise ValueError(f"{value!r} is not a real date")
    return (y, m, d)
