"""Chains the stages: inputs → register, register → exports and reports."""
from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import register as reg
from .config import Config
from .errors import InputError, RegisterError
from .models import Activity

if TYPE_CHECKING:
    from .ingest.reader import Problem


@dataclass
class IngestSummary:
    """What `iisg ingest` did."""

    files: int
    posts: int
    activities: int
    counts: dict[str, int]
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input could not be used."""
        return any(p.fatal for p in self.problems)


def ingest(paths: list[Path], register_path: Path, config: Config,
           notify: Callable[[str], None] | None = None) -> IngestSummary:
    """Read the inputs and merge their activities into the register (under its lock, written atomically)."""
    from .ingest import harvest

    result = harvest(paths, config)
    with reg.locked(register_path, notify=notify):
        existing = reg.load_register(register_path)
        merged, counts = reg.merge(existing, result.activities)
        if counts["new"] or counts["updated"] or counts["missing"] or not register_path.exists():
            reg.save_register(register_path, merged)
    return IngestSummary(result.files, result.posts, len(result.activities), counts, result.problems)


def load(register_path: Path) -> list[Activity]:
    """The register's activities; a clear error when there is none yet."""
    if not register_path.exists():
        raise RegisterError(f"{register_path}: no register yet; run `iisg ingest` first")
    return reg.load_register(register_path)


def select(activities: list[Activity], *, date_from: str | None = None, date_to: str | None = None,
           pillar: str | None = None, country: str | None = None, partner: str | None = None,
           needs_review: bool = False) -> list[Activity]:
    """Filter activities as `register list` does (dates compare at the activity's own precision)."""
    out = []
    for a in activities:
        if date_from and (not a.end or _before(a.end, date_from)):
            continue
        if date_to and (not a.start or _before(date_to, a.start)):
            continue
        if pillar and pillar not in a.pillars:
            continue
        if country and country.upper() not in a.countries and country.upper() != a.country:
            continue
        if partner and not any(partner.casefold() in p.casefold() for p in a.partners):
            continue
        if needs_review and not review_problems(a):
            continue
        out.append(a)
    return out


def _before(a: str, b: str) -> bool:
    """True when date a ends before date b begins, comparing at the coarser of their precisions."""
    n = min(len(a), len(b))
    return a[:n] < b[:n]


def review_problems(activity: Activity) -> list[str]:
    """Why an activity needs a person's look: missing or doubtful values."""
    problems = []
    if not activity.start:
        problems.append("no date")
    if activity.year_inferred and "start" not in activity.review.fields:
        problems.append("year inferred")
    if not activity.country:
        problems.append("no country")
    if not activity.pillars:
        problems.append("no pillar")
    if activity.missing_from_input:
        problems.append("post no longer in the input")
    return problems


def validate(register_path: Path) -> list[str]:
    """Every problem of the register: unreadable values (raised) and activities that need review (listed)."""
    activities = load(register_path)
    return [f"{a.id} {a.title[:60]!r}: {', '.join(review_problems(a))}" for a in activities if review_problems(a)]


def set_values(register_path: Path, ident: str, assignments: list[str],
               notify: Callable[[str], None] | None = None) -> Activity:
    """Apply FIELD=VALUE corrections to one activity and save (under the lock)."""
    pairs: dict[str, str] = {}
    for item in assignments:
        if "=" not in item:
            raise InputError(f"{item!r}: write FIELD=VALUE, e.g. city=Skopje or pillars='WBCTi;WBBSi'")
        key, value = item.split("=", 1)
        pairs[key.strip()] = value
    with reg.locked(register_path, notify=notify):
        activities = load(register_path)
        activity = reg.find_activity(activities, ident)
        reg.set_fields(activity, pairs, getpass.getuser())
        reg.save_register(register_path, activities)
    return activity


def export(register_path: Path, fmt: str, output: Path | None) -> tuple[str | bytes, Path | None]:
    """Export the register as json, csv or xlsx; written atomically when output is given."""
    from . import export as ex

    activities = load(register_path)
    makers = {"json": ex.to_json, "csv": ex.to_csv, "xlsx": ex.to_xlsx}
    if fmt not in makers:
        raise InputError(f"--format {fmt}: use json, csv or xlsx")
    data = makers[fmt](activities)
    if fmt == "xlsx" and output is None:
        raise InputError("--format xlsx needs --output FILE (a workbook cannot go to the terminal)")
    if output is not None:
        reg.write_atomic(output, data)
    return data, output


def report(config: Config, register_path: Path, *, period: str | None, date_from: str | None, date_to: str | None,
           profile: str, formats: list[str] | None, output_dir: Path | None, narrative: Path | None,
           template: str | None, status: str, issue_date: str | None):  # -> ReportResult
    """Register → report context → PDF/DOCX files for one period."""
    from .report import make_report
    from .report.periods import parse_iso_day

    day = parse_iso_day(issue_date, "--date") if issue_date else None
    return make_report(load(register_path), config, period=period, date_from=date_from, date_to=date_to,
                       profile=profile, formats=formats, output_dir=output_dir or config.path("output_dir"),
                       narrative=narrative, template=template, status=status, issue_date=day,
                       register_path=register_path)
