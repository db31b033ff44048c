"""A sample report that uses every part of a template: `iisg templates check` renders template sets with it."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..config import Config
from ..models import Activity
from . import format_reference
from .context import SECTION_KEYS, ReportContext, build_context
from .narrative import parse_narrative
from .periods import parse_period

PERIOD = "2022-Q1"
ISSUE_DATE = dt.date(2022, 4, 20)
NARRATIVE = """## Highlights

The Secretariat completed the **coordination round** with the *national focal points*.

- Two regional meetings
- One joint training

1. Follow-up agreed
"""


def _activity(ident: str, title: str, start: str | None, end: str | None, city: str | None, country: str | None,
              pillars: list[str], type_: str, partners: list[str], countries: list[str] | None = None) -> Activity:
    return Activity(id=ident, title=title, sources=[f"news_{2022 if ident[0] == 's' else 2021}.txt"], start=start,
                    end=end, city=city, country=country, countries=countries or ([country] if country else []),
                    pillars=pillars, type=type_, partners=partners,
                    summary="Officials from the region agreed the next steps.",
                    body="CSC WB" if "WBCSCi" in pillars else "IISG")


def sample_activities() -> list[Activity]:
    """Activities of 2022-Q1 and the quarter before: every pillar and economy, shared rows, Kosovo*, gaps."""
    return [
        _activity("s01", "Regional meeting on firearms trafficking", "2022-01-12", "2022-01-13", "Skopje", "MK",
                  ["WBCSCi"], "meeting", ["UNODC", "Europol"], ["MK", "AL", "RS"]),
        _activity("s02", "Coordination meetings in Pristina", "2022-01-18", "2022-01-18", "Pristina", "XK",
                  ["cross-cutting"], "meeting", []),
        _activity("s03", "Training on financial investigations", "2022-02-01", "2022-02-03", "Tirana", "AL",
                  ["WBCTi", "WBCSCi"], "training", ["CEPOL"]),
        _activity("s04", "Workshop on border management", "2022-02", "2022-02", "Podgorica", "ME",
                  ["WBBSi"], "workshop", ["Frontex", "UNODC"], ["ME", "BA"]),
        _activity("s05", "Conference on P/CVE & prevention", "2022-03-09", "2022-03-10", "Vienna", "AT",
                  ["WBCTi"], "conference", ["OSCE"], ["AT", "RS", "XK"]),
        _activity("s06", "Study visit on cybercrime units", "2022-03-21", "2022-03-22", "Sarajevo", "BA",
                  [], "visit", []),
        _activity("s07", "Action day against drug smuggling", None, None, None, "RS", ["WBCSCi"], "operation", []),
        _activity("p01", "Support Group meeting", "2021-11-05", "2021-11-05", "Belgrade", "RS",
                  ["cross-cutting"], "meeting", ["UNODC"]),
        _activity("p02", "Joint operation on migrant smuggling", "2021-12-01", "2021-12-02", "Budva", "ME",
                  ["WBBSi"], "operation", ["Frontex"]),
    ]


def sample_context(config: Config) -> ReportContext:
    """The sample report for a quarter, with every section shown, config.yaml's branding and a narrative."""
    profiles = config["profiles"]
    name = "quarterly" if "quarterly" in profiles else next(iter(profiles))
    profile = {**profiles[name], "sections": list(SECTION_KEYS)}
    shown = replace(config, data={**config.data, "profiles": {**profiles, name: profile}})
    period = parse_period(PERIOD)
    return build_context(
        sample_activities(), shown, period, name, status="draft", issue_date=ISSUE_DATE,
        reference=format_reference(str(profile["reference"]), period, name), narrative=parse_narrative(NARRATIVE),
        register_name="register.yaml",
    )
