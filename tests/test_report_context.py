"""The report context: exact counts, order of economies, multi-group notes, needs-review list."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing
from pathlib import Path

import pytest

from cli.config import Config
from cli.models import Activity
from cli.report import format_reference, output_stem
from cli.report.context import ReportContext, build_context
from cli.report.narrative import parse_narrative
from cli.report.periods import parse_period

DOCS = Path(__file__).resolve().parents[1] / "docs" / "templates.md"


def act(id: str, start: str | None, end: str | None, country: str | None, pillars: list[str], type: str = "meeting",
        partners: tuple[str, ...] = (), countries: tuple[str, ...] = (), **extra: object) -> Activity:
    return Activity(
        id=id, title=f"Activity {id}", sources=[f"{id}.txt"], start=start, end=end, city=None, country=country,
        countries=list(countries or ([country] if country else [])), pillars=pillars, type=type,
        partners=list(partners), body="IISG", **extra,
    )


ACTIVITIES = [
    act("a1", "2021-12-14", "2021-12-15", "MK", ["WBCSCi"], "conference", ("UNODC",)),
    act("a2", "2021-12-16", "2021-12-17", "XK", ["cross-cutting"]),
    act("a3", "2021-11-30", "2021-12-02", "AL", ["WBCTi", "WBBSi"], "workshop", ("OSCE", "UNODC"),
        ("AL", "RS", "ME")),
    act("a4", "2021-12", "2021-12", "RS", ["WBBSi"], "training", ("Frontex",)),
    act("a5", "2021", "2021", "BA", ["WBCTi"]),
    act("a6", "2021-09-30", "2021-10-01", "AT", ["WBCSCi"], "meeting", (), ("AT", "AL")),
    act("a7", None, None, "RS", ["WBBSi"]),
    act("a8", "2021-10-05", "2021-10-05", "ME", []),
    act("p1", "2021-08-10", "2021-08-10", "AL", ["WBCTi"]),
    act("n1", "2022-01-10", "2022-01-10", "AL", ["WBCTi"]),
]


@pytest.fixture(scope="module")
def context(project_config: Config) -> ReportContext:
    return build_context(
        ACTIVITIES, project_config, parse_period("2021-Q4"), "quarterly", status="draft",
        issue_date=dt.date(2022, 1, 20), reference="IISG/SEC/2021/Q4", narrative=[], register_name="register.yaml",
    )


def figures(context: ReportContext, key: str) -> dict[str, tuple[int, int]]:
    table = next(t for t in context.figures if t.key == key)
    return {row.label: (row.current, row.previous) for row in table.rows}


def test_counts_this_and_previous_period(context: ReportContext) -> None:
    assert (context.count, context.previous_count) == (7, 3)
    assert [row.id for row in context.activities] == ["a5", "a6", "a8", "a3", "a4", "a1", "a2"]
    assert [row.no for row in context.activities] == ["1", "2", "3", "4", "5", "6", "7"]


def test_key_figures_by_pillar_economy_and_type(context: ReportContext) -> None:
    assert figures(context, "pillar") == {
        "Counter-terrorism (WBCTi)": (2, 2), "Serious crime (WBCSCi)": (2, 1),
        "Border security (WBBSi)": (2, 0), "Cross-cutting": (1, 0),
    }
    assert list(figures(context, "economy").items()) == [
        ("Albania", (2, 2)), ("Bosnia and Herzegovina", (1, 1)), ("Kosovo*", (1, 0)), ("Montenegro", (2, 0)),
        ("North Macedonia", (1, 0)), ("Serbia", (2, 0)), ("Austria", (1, 1)),
    ]
    assert figures(context, "type") == {"Meeting": (4, 3), "Conference": (1, 0), "Workshop": (1, 0),
                                        "Training": (1, 0)}
    pillar_table = next(t for t in context.figures if t.key == "pillar")
    assert (pillar_table.total.current, pillar_table.total.previous, pillar_table.total.change) == (7, 3, "+4")
    assert "counted under each" in pillar_table.note


def test_economies_in_fixed_order_then_others(context: ReportContext) -> None:
    assert [g.key for g in context.economy_sections] == ["AL", "BA", "XK", "ME", "MK", "RS", "AT"]
    assert [g.count for g in context.economy_sections] == [2, 1, 1, 2, 1, 2, 1]
    assert context.economy_sections[2].kosovo and not context.economy_sections[0].kosovo


def test_pillar_sections_in_order_with_multi_group_note(context: ReportContext) -> None:
    assert [g.key for g in context.pillar_sections] == ["WBCTi", "WBCSCi", "WBBSi", "cross-cutting"]
    assert [g.number for g in context.pillar_sections] == ["4", "5", "6", "7"]
    ct = context.pillar_sections[0]
    assert [(r.id, r.also) for r in ct.rows] == [("a5", ""), ("a3", "Also counted under WBBSi.")]
    assert "also counted under another pillar" in ct.intro
    assert ct.note and "more than one pillar" in ct.note
    assert context.pillar_sections[3].kosovo


def test_partners_counted_in_each_group(context: ReportContext) -> None:
    assert [(g.title, g.count) for g in context.partner_sections] == [("UNODC", 2), ("Frontex", 1), ("OSCE", 1)]
    unodc = context.partner_sections[0]
    assert [r.also for r in unodc.rows] == ["Also counted under OSCE.", ""]
    assert "4 activities in the period name no partner" in context.partners_note


def test_nothing_is_silently_dropped(context: ReportContext) -> None:
    assert [(i.row.id, i.reasons) for i in context.undated] == [("a7", "no start date")]
    assert [(i.row.id, i.reasons) for i in context.incomplete] == [("a8", "no pillar")]
    assert any("without a usable start date" in w for w in context.warnings)
    assert any("1 activity in the period needs review" in w for w in context.warnings)


def test_data_notes_say_how_many_dates_are_coarse(context: ReportContext) -> None:
    notes = " ".join(context.data_notes)
    assert "1 is dated to the month only and 1 to the year only" in notes
    assert "register.yaml" in notes and "Cut-off date: 20 January 2022" in notes


def test_dates_and_front_sheet(context: ReportContext) -> None:
    assert next(r.when for r in context.activities if r.id == "a1") == "14 \u2013 15 December 2021"
    assert next(r.when for r in context.activities if r.id == "a3") == "30 November \u2013 2 December 2021"
    assert next(r.when for r in context.activities if r.id == "a4") == "December 2021"
    front = context.front
    assert (front.reference, front.period, front.status, front.draft) == (
        "IISG/SEC/2021/Q4", "1 October \u2013 31 December 2021", "Draft", True)
    assert front.scope_lead.endswith("Kosovo") and front.scope_tail.startswith(", Montenegro")
    assert "Sarajevo, 20 January 2022" == front.place_and_date


def test_summary_sentences_come_from_the_figures(context: ReportContext) -> None:
    text = " ".join(context.summary)
    assert "7 activities in the period 1 October \u2013 31 December 2021, 4 more than" in text
    assert "UNODC (2)" in text


def test_empty_period(project_config: Config) -> None:
    empty = build_context(
        ACTIVITIES, project_config, parse_period("2019-Q1"), "quarterly", status="final",
        issue_date=dt.date(2022, 1, 20), reference="R", narrative=[], register_name=None,
    )
    assert empty.empty and empty.count == 0 and empty.charts == [] and empty.activities == []
    assert "no activities" in empty.summary[0]
    assert any("no activities" in w for w in empty.warnings)
    assert [i.row.id for i in empty.undated] == ["a7"]


def test_profile_sections_choose_what_is_shown(project_config: Config) -> None:
    data = {**project_config.data, "profiles": {"short": {"title": "T", "reference": "R",
                                                          "sections": ["summary", "annexes"]}}}
    short = build_context(
        ACTIVITIES, Config(project_config.root, data), parse_period("2021-Q4"), "short", status="final",
        issue_date=dt.date(2022, 1, 20), reference="R", narrative=[], register_name=None,
    )
    assert short.pillar_sections == [] and short.headings.key_figures is None
    assert [h.number for h in short.contents] == ["1", "Annex A", "Annex B", "Annex C", "Annex D"]


def test_reference_and_file_name(project_config: Config) -> None:
    assert format_reference("IISG/SEC/{year}/{period_code}", parse_period("2022-Q1"), "quarterly") == \
        "IISG/SEC/2022/Q1"
    assert format_reference("IISG/SEC/{period_code}", parse_period("2021-2022"), "biennial") == \
        "IISG/SEC/2021-2022"
    assert output_stem("IISG/SEC/2022/Q1", "quarterly") == "IISG-SEC-2022-Q1_quarterly"
    stem = output_stem("../../etc/passwd", "../x/")
    assert "/" not in stem and ".." not in stem


def test_narrative_markdown_blocks() -> None:
    blocks = parse_narrative("## Highlights\n\nThe **board** met in *Tirana* & agreed <next steps>.\n\n- one\n- two")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Highlights"), ("paragraph", "The board met in Tirana & agreed <next steps>."),
        ("bullet", "one"), ("bullet", "two"),
    ]
    assert [r.text for r in blocks[1].runs if r.bold] == ["board"]


def _documented_fields() -> dict[str, dict[str, tuple[str, str]]]:
    """Per type section (### `Type`), each item "- `name` (`type`) — description" as name: (type, description)."""
    sections: dict[str, dict[str, tuple[str, str]]] = {}
    current: dict[str, tuple[str, str]] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        if line.startswith(("## ", "### ")):
            heading = re.match(r"^### `(\w+)`", line)
            current = sections.setdefault(heading.group(1), {}) if heading else None
        elif current is not None and (item := re.match(r"^- `(\w+)`(?: \(`([^`]+)`\))?(?: — (.*))?$", line)):
            current[item.group(1)] = (item.group(2) or "", item.group(3) or "")
    return sections


def _context_types() -> list[type]:
    seen: list[type] = []
    pending: list[type] = [ReportContext]
    while pending:
        kind = pending.pop()
        if kind in seen:
            continue
        seen.append(kind)
        hints = typing.get_type_hints(kind)
        for name in hints:
            for arg in (hints[name], *typing.get_args(hints[name])):
                for inner in (arg, *typing.get_args(arg)):
                    if dataclasses.is_dataclass(inner) and inner not in seen:
                        pending.append(inner)
    return seen


def _public_names(kind: type) -> dict[str, str]:
    """Each name a template can read on an object of this type, with its annotation as written in the code."""
    names = {f.name: str(f.type) for f in dataclasses.fields(kind) if f.name != "warnings"}
    names.update({n: str(v.fget.__annotations__["return"]) for n, v in vars(kind).items() if isinstance(v, property)})
    return names


def test_docs_list_every_template_variable() -> None:
    documented = _documented_fields()
    kinds = _context_types()
    assert set(documented) == {kind.__name__ for kind in kinds}
    for kind in kinds:
        where = f"docs/templates.md, section {kind.__name__}"
        names = documented[kind.__name__]
        assert set(names) == set(_public_names(kind)), where
        for name, annotation in _public_names(kind).items():
            written, description = names[name]
            assert written == annotation, f"{where}: `{name}` is documented as {written!r}, the code says {annotation!r}"
            assert "e.g." in description, f"{where}: `{name}` needs an example (e.g. …)"
