"""The report context: every figure, sentence and table row of a report, built in one function."""
from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..errors import ConfigError
from ..countries import country_name, is_country_code
from ..models import PILLARS, Activity
from .narrative import Block
from .periods import (
    DASH, DateRange, Period, activity_range, end_problem, format_dates, format_day, overlaps,
    precision_of, previous_period,
)

MINUS = "\u2212"
XK = "XK"
LOGO_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff")
SECTION_KEYS = ("summary", "key_figures", "charts", "pillars", "economies", "partners", "annexes")


@dataclass(frozen=True)
class FrontSheet:
    """What the front sheet and the running header show."""

    issuing_body: str
    host: str
    title: str
    reference: str
    place: str
    issue_date: str
    place_and_date: str
    period: str
    period_label: str
    distribution: str
    prepared_by: str
    version: str
    status: str
    draft: bool
    profile: str
    scope_lead: str
    scope_tail: str
    kosovo: bool


@dataclass(frozen=True)
class Heading:
    """A numbered section heading and the anchor the contents link to."""

    number: str
    title: str
    anchor: str

    @property
    def text(self) -> str:
        """Number and title as printed: "2 Key figures", "Annex A All activities"."""
        return f"{self.number}\u2002{self.title}" if self.number else self.title


@dataclass(frozen=True)
class Headings:
    """The headings of the sections this profile shows; None for a section left out."""

    summary: Heading | None
    key_figures: Heading | None
    charts: Heading | None
    economies: Heading | None
    partners: Heading | None
    annex_activities: Heading | None
    annex_review: Heading | None
    annex_abbreviations: Heading | None
    annex_notes: Heading | None


@dataclass(frozen=True)
class Figure:
    """One line of a key-figures table: this period, the previous one and the change."""

    label: str
    current: int
    previous: int
    change: str
    colour: str = ""


@dataclass(frozen=True)
class FigureTable:
    """A key-figures table (by pillar, economy or type) with its total of distinct activities."""

    key: str
    title: str
    label_heading: str
    rows: list[Figure]
    total: Figure
    note: str
    kosovo: bool


@dataclass(frozen=True)
class ChartSeries:
    """One pillar's bars in a chart."""

    label: str
    colour: str
    values: list[int]


@dataclass(frozen=True)
class Chart:
    """Numbers for one chart; the renderer draws them, SVG for the PDF and PNG for the DOCX."""

    key: str
    title: str
    caption: str
    categories: list[str]
    series: list[ChartSeries]
    note: str
    kosovo: bool


@dataclass(frozen=True)
class Row:
    """One activity as printed in a table."""

    no: str
    id: str
    title: str
    when: str
    place: str
    type: str
    pillars: str
    economies: str
    partners: str
    summary: str
    body: str
    also: str = ""
    kosovo: bool = False


@dataclass(frozen=True)
class Group:
    """A pillar, economy or partner with its count, the previous period's count and its activities."""

    key: str
    title: str
    subtitle: str
    anchor: str
    number: str
    colour: str
    count: int
    previous: int
    intro: str
    rows: list[Row]
    note: str
    kosovo: bool

    @property
    def heading(self) -> str:
        """Number and title as printed."""
        return f"{self.number}\u2002{self.title}" if self.number else self.title


@dataclass(frozen=True)
class ReviewItem:
    """An activity a person should look at, and why."""

    row: Row
    reasons: str


@dataclass(frozen=True)
class Abbreviation:
    """One line of the abbreviations annex."""

    term: str
    meaning: str


@dataclass(frozen=True)
class SourceRow:
    """An input file and how many of the period's activities it reported."""

    file: str
    body: str
    count: int


@dataclass(frozen=True)
class Style:
    """Branding the templates may use: fonts and colours."""

    font_family: str
    accent: str
    pillar_colours: dict[str, str]


@dataclass(frozen=True)
class ReportContext:
    """Everything a report template can show; PDF and DOCX are rendered from the same one."""

    front: FrontSheet
    headings: Headings
    contents: list[Heading]
    count: int
    previous_count: int
    empty: bool
    summary: list[str]
    narrative: list[Block]
    figures: list[FigureTable]
    charts: list[Chart]
    pillar_sections: list[Group]
    economy_sections: list[Group]
    partner_sections: list[Group]
    partners_note: str
    activities: list[Row]
    undated: list[ReviewItem]
    incomplete: list[ReviewItem]
    abbreviations: list[Abbreviation]
    data_notes: list[str]
    sources: list[SourceRow]
    kosovo_footnote: str
    kosovo_note: str
    eu_funding: str
    disclaimer: str
    logo: str
    style: Style
    warnings: list[str] = field(default_factory=list)

    def template_vars(self) -> dict[str, object]:
        """The top-level names a template sees: one per field."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "warnings"}


@dataclass
class _Item:
    """An activity of the period with what the groupings need."""

    activity: Activity
    span: DateRange
    row: Row
    pillars: list[str]
    economies: list[str]


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _change(current: int, previous: int) -> str:
    diff = current - previous
    if diff > 0:
        return f"+{diff}"
    if diff < 0:
        return f"{MINUS}{-diff}"
    return "0"


def _anchor(prefix: str, key: str) -> str:
    safe = "".join(ch if ch.isalnum() else "-" for ch in key.lower()).strip("-")
    return f"{prefix}-{safe or 'x'}"


def _economies_of(activity: Activity) -> list[str]:
    codes: list[str] = []
    for code in ([activity.country] if activity.country else []) + list(activity.countries):
        code = str(code).upper()
        if code not in codes:
            codes.append(code)
    return codes


def _economy_order(codes: set[str], wb6: list[str]) -> list[str]:
    others = sorted((c for c in codes if c not in wb6), key=country_name)
    return list(wb6) + others


def _review_reasons(activity: Activity, config: Config) -> list[str]:
    reasons: list[str] = []
    if not activity.title.strip():
        reasons.append("no title")
    if precision_of(activity.start) is None:
        reasons.append("no start date" if not activity.start else f"start date {activity.start!r} unreadable")
    if problem := end_problem(activity.start, activity.end):
        reasons.append(problem)
    if activity.year_inferred and activity.review.status != "reviewed":
        reasons.append("year inferred from neighbouring posts")
    if not activity.pillars:
        reasons.append("no pillar")
    reasons += [f"unknown pillar {p!r}" for p in activity.pillars if p not in config["pillars"]]
    if not activity.type:
        reasons.append("no type")
    elif activity.type not in config["types"]:
        reasons.append(f"unknown type {activity.type!r}")
    codes = _economies_of(activity)
    if not codes:
        reasons.append("no economy")
    reasons += [f"unknown country code {c!r}" for c in codes if not is_country_code(c)]
    if activity.missing_from_input:
        reasons.append("no longer found in the input files")
    return reasons


def _row(activity: Activity, no: str, config: Config) -> Row:
    codes = _economies_of(activity)
    place_parts = [activity.city] if activity.city else []
    if activity.country:
        place_parts.append(country_name(activity.country))
    pillars = [p for p in PILLARS if p in activity.pillars] + [p for p in activity.pillars if p not in PILLARS]
    return Row(
        no=no,
        id=activity.id,
        title=activity.title,
        when=format_dates(activity.start, activity.end),
        place=", ".join(place_parts) or DASH,
        type=config["types"].get(activity.type, activity.type or DASH),
        pillars=", ".join(pillars) or DASH,
        economies=", ".join(country_name(c) for c in codes) or DASH,
        partners=", ".join(activity.partners) or DASH,
        summary=activity.summary.strip(),
        body=activity.body,
        kosovo=XK in codes or any("Kosovo" in text for text in (activity.title, activity.summary,
                                                                  ", ".join(activity.partners))),
    )


def _also(others: list[str], noun: str) -> str:
    if not others:
        return ""
    if len(others) <= 3:
        return f"Also counted under {_join(others)}."
    return f"Also counted under {len(others)} other {noun}."


def _with_also(row: Row, also: str) -> Row:
    """The row with its "also counted under" note (a shallow copy: dataclasses.replace re-runs __init__,
    which costs more than the rest of a long report's grouping)."""
    if row.also == also:
        return row
    noted = copy.copy(row)
    object.__setattr__(noted, "also", also)
    return noted


def _group(
    *, key: str, title: str, subtitle: str, anchor: str, number: str, colour: str, items: list[_Item],
    previous: int, others_of: Callable[[_Item], list[str]], noun_one: str, noun_many: str,
) -> Group:
    rows = [_with_also(item.row, _also(others_of(item), noun_many)) for item in items]
    shared = sum(1 for row in rows if row.also)
    intro = f"{_plural(len(rows), 'activity', 'activities')} in the period (previous period: {previous})."
    if shared:
        intro += f" {shared} of them {'is' if shared == 1 else 'are'} also counted under another {noun_one}."
    note = (
        f"An activity that concerns more than one {noun_one} is listed and counted under each; "
        "the note in its row names the others."
        if shared else ""
    )
    return Group(
        key=key, title=title, subtitle=subtitle, anchor=anchor, number=number, colour=colour,
        count=len(rows), previous=previous, intro=intro, rows=rows, note=note,
        kosovo=any(row.kosovo for row in rows) or title.startswith("Kosovo"),
    )


def _buckets(period: Period) -> tuple[str, list[tuple[dt.date, dt.date, str]]]:
    """Chart time buckets: weeks for up to two months, months up to 13 months, else quarters."""
    out: list[tuple[dt.date, dt.date, str]] = []
    if period.days <= 62:
        start = period.start - dt.timedelta(days=period.start.weekday())
        while start <= period.end:
            end = start + dt.timedelta(days=6)
            label = f"{max(start, period.start).day} {max(start, period.start):%b}"
            out.append((start, end, label))
            start = end + dt.timedelta(days=1)
        return "week", out
    same_year = period.start.year == period.end.year
    if period.days <= 400:
        year, month = period.start.year, period.start.month
        while dt.date(year, month, 1) <= period.end:
            first = dt.date(year, month, 1)
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            out.append((first, nxt - dt.timedelta(days=1), f"{first:%b}" if same_year else f"{first:%b %Y}"))
            year, month = nxt.year, nxt.month
        return "month", out
    year, quarter = period.start.year, (period.start.month - 1) // 3
    while dt.date(year, 3 * quarter + 1, 1) <= period.end:
        first = dt.date(year, 3 * quarter + 1, 1)
        nxt = dt.date(year + (quarter + 1) // 4, (3 * quarter + 3) % 12 + 1, 1)
        out.append((first, nxt - dt.timedelta(days=1), f"Q{quarter + 1} {year}"))
        year, quarter = nxt.year, (nxt.month - 1) // 3
    return "quarter", out


_FINER = {"week": {"day"}, "month": {"day", "month"}, "quarter": {"day", "month"}}


def _charts(items: list[_Item], period: Period, config: Config, wb6: list[str]) -> list[Chart]:
    pillar_codes = [p for p in PILLARS if p in config["pillars"]]
    colours = config["branding"]["pillar_colours"]
    labels = {p: "Cross-cutting" if p == "cross-cutting" else p for p in pillar_codes}
    unit, buckets = _buckets(period)
    values = {p: [0] * len(buckets) for p in pillar_codes}
    left_out = 0
    for item in items:
        if item.span.precision not in _FINER[unit]:
            left_out += 1
            continue
        when = max(item.span.first, period.start)
        index = next(i for i, (first, last, _) in enumerate(buckets) if first <= when <= last)
        for pillar in item.pillars:
            values[pillar][index] += 1
    notes = ["An activity under several pillars adds to the bar of each; each is placed by its start date."]
    if left_out:
        precision = "the year" if unit != "week" else "the month or year"
        notes.append(f"{_plural(left_out, 'activity', 'activities')} dated only to {precision} "
                     f"{'is' if left_out == 1 else 'are'} not shown.")
    year_note = f" ({period.start.year})" if unit == "month" and period.start.year == period.end.year else ""
    timeline = Chart(
        key="timeline",
        title=f"Activities per pillar by {unit}{year_note}",
        caption=f"Activities per pillar by {unit}, {period.text}",
        categories=[label for _, _, label in buckets],
        series=[ChartSeries(labels[p], colours.get(p, "#777777"), values[p]) for p in pillar_codes],
        note=" ".join(notes),
        kosovo=False,
    )
    per_economy = {p: [0] * len(wb6) for p in pillar_codes}
    for item in items:
        for code in item.economies:
            if code in wb6:
                for pillar in item.pillars:
                    per_economy[pillar][wb6.index(code)] += 1
    economies = Chart(
        key="economies",
        title="Activities per economy and pillar",
        caption=f"Activities per Western Balkan economy and pillar, {period.text}",
        categories=[country_name(c) for c in wb6],
        series=[ChartSeries(labels[p], colours.get(p, "#777777"), per_economy[p]) for p in pillar_codes],
        note="An activity involving several economies or pillars adds to the bar of each.",
        kosovo=XK in wb6,
    )
    return [timeline, economies]


def _ranked(counter: Counter[str], limit: int, name: Callable[[str], str]) -> str:
    top = sorted(counter.items(), key=lambda kv: (-kv[1], name(kv[0])))[:limit]
    return _join([f"{name(k)} ({v})" for k, v in top])


def _summary(
    items: list[_Item], previous_items: list[_Item], period: Period, previous: Period, config: Config,
    wb6: list[str], undated: int, incomplete: int, partners: Counter[str],
) -> list[str]:
    n, m = len(items), len(previous_items)
    if n == 0:
        sentences = [f"The register records no activities in the period {period.text} "
                     f"(previous period of the same length, {previous.text}: {m})."]
    else:
        if n > m:
            trend = f"{n - m} more than"
        elif n < m:
            trend = f"{m - n} fewer than"
        else:
            trend = "the same number as"
        sentences = [f"The register records {_plural(n, 'activity', 'activities')} in the period {period.text}, "
                     f"{trend} in the previous period of the same length ({previous.text}: {m})."]
        pillar_counts = Counter(p for item in items for p in item.pillars)
        names = {p: config["pillars"][p]["short"].lower() for p in config["pillars"]}
        ranked = [p for p, _ in sorted(pillar_counts.items(), key=lambda kv: (-kv[1], PILLARS.index(kv[0])))]
        parts = [f"{names[p]} ({p}, {pillar_counts[p]})" if p != "cross-cutting"
                 else f"cross-cutting work ({pillar_counts[p]})" for p in ranked]
        if len(parts) == 1:
            sentences.append(f"All activities fell under {parts[0]}.")
        else:
            sentences.append(f"By pillar, {parts[0]} accounted for the most activities, "
                             f"followed by {_join(parts[1:])}.")
        economy_counts = Counter(c for item in items for c in item.economies if c in wb6)
        absent = [country_name(c) for c in wb6 if economy_counts[c] == 0]
        if economy_counts:
            most = max(economy_counts[c] for c in wb6)
            leaders = [country_name(c) for c in wb6 if economy_counts[c] == most]
            top = (f"{leaders[0]} was involved most often ({most})" if len(leaders) == 1 else
                   f"{_join(leaders)} were involved most often ({most} each)")
            if not absent:
                sentences.append(f"All six Western Balkan economies took part in at least one activity; {top}.")
            else:
                verb = "was" if len(absent) == 1 else "were"
                sentences.append(f"{top}; {_join(absent)} {verb} not involved in any activity recorded for the period.")
        type_counts = Counter(item.activity.type for item in items if item.activity.type in config["types"])
        if type_counts:
            sentences.append("The most frequent types of activity were "
                             f"{_ranked(type_counts, 3, lambda t: config['types'][t].lower() + 's')}."
                             if len(type_counts) > 1 else
                             f"All activities were {config['types'][next(iter(type_counts))].lower()}s.")
        if partners and max(partners.values()) > 1:
            sentences.append(f"The partners named most often were {_ranked(partners, 3, str)}.")
        elif partners:
            names = sorted(partners, key=str.casefold)
            listed = _join(names) if len(names) <= 4 else f"{len(names)} partners"
            sentences.append(f"{listed} {'was' if len(names) == 1 else 'were'} named, "
                             f"{'in one activity' if len(names) == 1 else 'each in one activity'}.")
    review = []
    if incomplete:
        review.append(f"{_plural(incomplete, 'activity', 'activities')} in the period "
                      f"{'has' if incomplete == 1 else 'have'} missing or doubtful data")
    if undated:
        review.append(f"{_plural(undated, 'activity', 'activities')} in the register "
                      f"{'has' if undated == 1 else 'have'} no usable date and {'is' if undated == 1 else 'are'} "
                      "not counted")
    if review:
        text = _join(review)
        sentences.append(f"{text[:1].upper()}{text[1:]}; Annex B lists them for review.")
    return sentences


def _figure_table(
    key: str, title: str, label_heading: str, labels: list[tuple[str, str, str]],
    current: Counter[str], previous: Counter[str], n: int, m: int, noun: str, shared: bool,
) -> FigureTable:
    rows = [Figure(label, current[code], previous[code], _change(current[code], previous[code]), colour)
            for code, label, colour in labels]
    total = Figure("All activities (distinct)", n, m, _change(n, m))
    note = ""
    if shared:
        note = (f"An activity concerning several {noun} is counted under each, so the rows can add up to "
                "more than the number of distinct activities.")
    return FigureTable(key, title, label_heading, rows, total, note, kosovo=any(c == XK for c, _, _ in labels))


def _headings(
    sections: list[str], pillars: list[tuple[str, str]],
) -> tuple[Headings, list[Heading], dict[str, Heading]]:
    """Number the sections the profile shows, in the fixed order; annexes are lettered."""
    contents: list[Heading] = []
    named: dict[str, Heading] = {}
    pillar_headings: dict[str, Heading] = {}

    def add(title: str, anchor: str) -> Heading:
        heading = Heading(str(len(contents) + 1), title, anchor)
        contents.append(heading)
        return heading

    for key, title, anchor in (
        ("summary", "Executive summary", "summary"),
        ("key_figures", "Key figures", "key-figures"),
        ("charts", "Charts", "charts"),
    ):
        if key in sections:
            named[key] = add(title, anchor)
    if "pillars" in sections:
        for code, title in pillars:
            pillar_headings[code] = add(title, _anchor("pillar", code))
    if "economies" in sections:
        named["economies"] = add("Activities by economy", "economies")
    if "partners" in sections:
        named["partners"] = add("Activities by partner", "partners")
    if "annexes" in sections:
        for key, letter, title in (
            ("annex_activities", "A", "All activities in the period"),
            ("annex_review", "B", "Activities that need review"),
            ("annex_abbreviations", "C", "Abbreviations"),
            ("annex_notes", "D", "Data notes"),
        ):
            named[key] = Heading(f"Annex {letter}", title, f"annex-{letter.lower()}")
            contents.append(named[key])
    headings = Headings(**{k: named.get(k) for k in Headings.__dataclass_fields__})
    return headings, contents, pillar_headings


def _data_notes(
    items: list[_Item], period: Period, previous: Period, issue_date: dt.date, register_name: str | None,
    undated: int, branding: dict[str, Any],
) -> list[str]:
    """Paragraphs of Annex D: source, cut-off date, date precision, counting rules, disclaimer."""
    precisions = Counter(item.span.precision for item in items)
    inferred = sum(1 for item in items if item.activity.year_inferred)
    data_notes = [
        f"Source: the activity register{f' ({register_name})' if register_name else ''}, compiled from the news "
        f"posts of the reporting bodies listed below. Cut-off date: {format_day(issue_date)}; activities "
        "recorded after that date are not included.",
        f"An activity belongs to the period when its dates overlap {period.text}. The previous period used "
        f"for comparison is {previous.text}.",
    ]
    months, years = precisions["month"], precisions["year"]
    if months or years:
        parts = [f"{months} {'is' if months == 1 else 'are'} dated to the month only"] if months else []
        if years:
            parts.append(f"{years} to the year only" if months else
                         f"{years} {'is' if years == 1 else 'are'} dated to the year only")
        data_notes.append(
            f"Of the {_plural(len(items), 'activity', 'activities')} in the period, {_join(parts)}; they are "
            "included because their month or year overlaps the period, and may have taken place partly outside it."
        )
    elif items:
        data_notes.append("Every activity in the period is dated to the day.")
    if inferred:
        data_notes.append(f"For {_plural(inferred, 'activity', 'activities')} the year is not printed in the "
                          "news post and was inferred from neighbouring posts.")
    data_notes.append("Figures count activities, not participants or days. An activity that concerns several "
                      "pillars, economies or partners is counted under each of them; the totals of distinct "
                      "activities are given separately.")
    if undated:
        data_notes.append(f"{_plural(undated, 'activity', 'activities')} in the register "
                          f"{'has' if undated == 1 else 'have'} no usable start date; "
                          f"{'it is' if undated == 1 else 'they are'} not counted in any period and "
                          f"{'is' if undated == 1 else 'are'} listed in Annex B.")
    disclaimer = branding.get("disclaimer") or {}
    if disclaimer.get("show"):
        data_notes.append(str(disclaimer.get("text", "")).strip())
    return data_notes


def _logo(config: Config) -> str:
    """The branding logo as an absolute path, or "" when none is set."""
    logo = config["branding"].get("logo")
    if not logo:
        return ""
    path = (config.root / str(logo)).resolve()
    if not path.is_file():
        raise ConfigError(f"config.yaml: branding.logo: {path} not found; give a PNG or JPEG file or set it to null")
    with path.open("rb") as file:
        if not file.read(4).startswith(LOGO_SIGNATURES):
            raise ConfigError(f"config.yaml: branding.logo: {path} is not a PNG or JPEG picture; the PDF and the "
                              "Word file both need one of these (save the logo as PNG)")
    return str(path)


def build_context(
    activities: list[Activity], config: Config, period: Period, profile_name: str, *, status: str,
    issue_date: dt.date, reference: str, narrative: list[Block], register_name: str | None,
) -> ReportContext:
    """Select, group and count the activities of a period into the context both renderers use."""
    profile = config["profiles"][profile_name]
    organisation = config["organisation"]
    branding = config["branding"]
    sections = list(profile.get("sections") or SECTION_KEYS)
    wb6 = [str(c).upper() for c in config["economies"]]
    previous = previous_period(period)
    colours = branding.get("pillar_colours", {})
    pillar_codes = [p for p in PILLARS if p in config["pillars"]]

    dated: list[tuple[Activity, DateRange]] = []
    undated_activities: list[Activity] = []
    for activity in activities:
        span = activity_range(activity.start, activity.end)
        if span is None:
            undated_activities.append(activity)
        else:
            dated.append((activity, span))

    def items_in(p: Period) -> list[_Item]:
        chosen = sorted(
            ((a, s) for a, s in dated if overlaps(s, p)), key=lambda x: (x[1].first, x[1].last, x[0].title, x[0].id),
        )
        return [
            _Item(a, s, _row(a, str(i), config), [q for q in pillar_codes if q in a.pillars], _economies_of(a))
            for i, (a, s) in enumerate(chosen, start=1)
        ]

    items = items_in(period)
    previous_items = items_in(previous)
    n, m = len(items), len(previous_items)

    pillar_titles = [
        f"{config['pillars'][p]['short']} ({p})" if p != "cross-cutting" else config["pillars"][p]["short"]
        for p in pillar_codes
    ]
    headings, contents, pillar_headings = _headings(sections, list(zip(pillar_codes, pillar_titles)))

    previous_pillars = Counter(p for item in previous_items for p in item.pillars)
    pillar_sections = [
        _group(
            key=code, title=title, subtitle=config["pillars"][code]["name"], anchor=pillar_headings[code].anchor,
            number=pillar_headings[code].number, colour=colours.get(code, branding.get("accent_colour", "#1F3864")),
            items=[item for item in items if code in item.pillars], previous=previous_pillars[code],
            others_of=lambda item, code=code: [p for p in item.pillars if p != code],
            noun_one="pillar", noun_many="pillars",
        )
        for code, title in zip(pillar_codes, pillar_titles)
    ] if pillar_headings else []

    current_economies = Counter(c for item in items for c in item.economies)
    previous_economies = Counter(c for item in previous_items for c in item.economies)
    economy_codes = _economy_order(set(current_economies), wb6)
    accent = branding.get("accent_colour", "#1F3864")
    economy_sections = [
        _group(
            key=code, title=country_name(code), subtitle="" if code in wb6 else "Outside the Western Balkans",
            anchor=_anchor("economy", code), number="", colour=accent,
            items=[item for item in items if code in item.economies], previous=previous_economies[code],
            others_of=lambda item, code=code: [country_name(c) for c in item.economies if c != code],
            noun_one="economy", noun_many="economies",
        )
        for code in economy_codes
    ]

    current_partners = Counter(p for item in items for p in dict.fromkeys(item.activity.partners))
    previous_partners = Counter(p for item in previous_items for p in dict.fromkeys(item.activity.partners))
    partner_names = sorted(current_partners, key=lambda p: (-current_partners[p], p.casefold()))
    partner_sections = [
        _group(
            key=name, title=name, subtitle="", anchor=_anchor("partner", f"{i}-{name}"), number="", colour=accent,
            items=[item for item in items if name in item.activity.partners], previous=previous_partners[name],
            others_of=lambda item, name=name: [p for p in dict.fromkeys(item.activity.partners) if p != name],
            noun_one="partner", noun_many="partners",
        )
        for i, name in enumerate(partner_names, start=1)
    ]
    no_partner = sum(1 for item in items if not item.activity.partners)
    partners_note = (
        f"{_plural(no_partner, 'activity', 'activities')} in the period name{'s' if no_partner == 1 else ''} "
        "no partner and {} not listed here.".format("is" if no_partner == 1 else "are")
        if no_partner else ""
    )

    figure_labels_economy = [(c, country_name(c), "") for c in _economy_order(
        set(current_economies) | set(previous_economies), wb6)]
    type_codes = [t for t in config["types"] if any(
        item.activity.type == t for item in items + previous_items)]
    figures = [
        _figure_table(
            "pillar", "Activities by pillar", "Pillar",
            [(p, t, colours.get(p, "")) for p, t in zip(pillar_codes, pillar_titles)],
            Counter(p for item in items for p in item.pillars), previous_pillars, n, m, "pillars",
            any(len(item.pillars) > 1 for item in items + previous_items),
        ),
        _figure_table(
            "economy", "Activities by economy", "Economy", figure_labels_economy,
            current_economies, previous_economies, n, m, "economies",
            any(len(item.economies) > 1 for item in items + previous_items),
        ),
        _figure_table(
            "type", "Activities by type", "Type", [(t, config["types"][t], "") for t in type_codes],
            Counter(item.activity.type for item in items), Counter(item.activity.type for item in previous_items),
            n, m, "types", False,
        ),
    ]

    review_rows: list[ReviewItem] = []
    for item in items:
        reasons = _review_reasons(item.activity, config)
        if reasons:
            review_rows.append(ReviewItem(item.row, "; ".join(reasons)))
    undated = [
        ReviewItem(_row(a, f"U{i}", config), "; ".join(_review_reasons(a, config)))
        for i, a in enumerate(sorted(undated_activities, key=lambda a: (a.title.casefold(), a.id)), start=1)
    ]

    data_notes = _data_notes(items, period, previous, issue_date, register_name, len(undated), branding)
    kosovo_footnote = str(branding.get("kosovo_footnote", "")).strip()
    disclaimer = branding.get("disclaimer") or {}
    source_counts: Counter[tuple[str, str]] = Counter(
        (source, item.activity.body or DASH) for item in items for source in dict.fromkeys(item.activity.sources)
    )
    sources = [SourceRow(f, b, c) for (f, b), c in sorted(source_counts.items())]

    scope = (f"This paper reports the activities recorded in the activity register of the "
             f"{organisation['short_name']} for the period {period.text}, in the six Western Balkan economies: ")
    listing = _join([country_name(c) for c in wb6]) + "."
    if XK in wb6:
        cut = listing.index(country_name(XK)) + len("Kosovo")
        scope_lead, scope_tail = scope + listing[:cut], listing[cut + 1:]
    else:
        scope_lead, scope_tail = scope + listing, ""
    place = str(organisation.get("place", ""))
    front = FrontSheet(
        issuing_body=organisation["name"],
        host=str(organisation.get("host", "")),
        title=profile["title"],
        reference=reference,
        place=place,
        issue_date=format_day(issue_date),
        place_and_date=f"{place}, {format_day(issue_date)}" if place else format_day(issue_date),
        period=period.text,
        period_label=period.label,
        distribution=str(profile.get("distribution", "")),
        prepared_by=str(organisation.get("prepared_by", organisation["name"])),
        version=str(profile.get("version", "1.0")),
        status=status.capitalize(),
        draft=status == "draft",
        profile=profile_name,
        scope_lead=scope_lead,
        scope_tail=scope_tail,
        kosovo=XK in wb6,
    )
    eu = branding.get("eu_funding_line") or {}
    abbreviations = [Abbreviation(k, str(v)) for k, v in sorted(
        (config.get("abbreviations") or {}).items(), key=lambda kv: kv[0].casefold())]
    warnings = []
    if n == 0:
        warnings.append(f"no activities in {period.text}; the report says so")
    if undated:
        warnings.append(f"{_plural(len(undated), 'activity', 'activities')} without a usable start date "
                        "not counted; listed in Annex B for review")
    if review_rows:
        warnings.append(f"{_plural(len(review_rows), 'activity', 'activities')} in the period "
                        f"{'needs' if len(review_rows) == 1 else 'need'} review (missing or doubtful fields); "
                        "listed in Annex B")
    return ReportContext(
        front=front,
        headings=headings,
        contents=contents,
        count=n,
        previous_count=m,
        empty=n == 0,
        summary=_summary(items, previous_items, period, previous, config, wb6, len(undated), len(review_rows),
                         current_partners),
        narrative=narrative,
        figures=figures,
        charts=_charts(items, period, config, wb6) if n else [],
        pillar_sections=pillar_sections,
        economy_sections=economy_sections if "economies" in sections else [],
        partner_sections=partner_sections if "partners" in sections else [],
        partners_note=partners_note,
        activities=[item.row for item in items],
        undated=undated,
        incomplete=review_rows,
        abbreviations=abbreviations,
        data_notes=data_notes,
        sources=sources,
        kosovo_footnote=kosovo_footnote,
        kosovo_note=f"* {kosovo_footnote}" if kosovo_footnote else "",
        eu_funding=str(eu.get("text", "")).strip() if eu.get("show") else "",
        disclaimer=str(disclaimer.get("text", "")).strip() if disclaimer.get("show") else "",
        logo=_logo(config),
        style=Style(
            font_family=str(branding.get("font_family", "sans-serif")),
            accent=accent,
            pillar_colours={p: colours.get(p, accent) for p in pillar_codes},
        ),
        warnings=warnings,
    )
