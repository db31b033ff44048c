"""Chains the stages: inputs → register, register → exports and reports."""
from __future__ import annotations

import getpass
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from . import register as reg
from .bulk import no_cycle_collection
from .config import Config
from .errors import InputError, RegisterError
from .models import Activity

if TYPE_CHECKING:
    from datetime import date

    from .ingest.reader import Problem
    from .report import ReportResult


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

    with no_cycle_collection():
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


@dataclass
class ReportRequest:
    """Everything `iisg report` was asked for."""

    period: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    profile: str = "quarterly"
    formats: list[str] | None = None
    output_dir: Path | None = None
    narrative: Path | None = None
    template: str | None = None
    status: str = "draft"
    issue_date: str | None = None
    pack: bool = False


def report(config: Config, register_path: Path, request: ReportRequest,
           activities: list[Activity] | None = None) -> "ReportResult":
    """Register → report context → PDF/DOCX files for one period (and the submission pack when asked)."""
    import datetime as dt

    from .report import make_report
    from .report.periods import parse_iso_day

    day = parse_iso_day(request.issue_date, "--date") if request.issue_date else dt.date.today()
    output_dir = request.output_dir or config.path("output_dir")
    result = make_report(load(register_path) if activities is None else activities, config,
                         period=request.period, date_from=request.date_from, date_to=request.date_to,
                         profile=request.profile, formats=request.formats, output_dir=output_dir,
                         narrative=request.narrative, template=request.template, status=request.status,
                         issue_date=day, register_path=register_path)
    if request.pack:
        _pack(config, register_path, request, result, day, output_dir)
    return result


def _pack(config: Config, register_path: Path, request: ReportRequest, result: "ReportResult", day: "date",
          output_dir: Path) -> None:
    from importlib.metadata import PackageNotFoundError, version

    from .pack import PackInputs, write_pack

    try:
        tool_version = version("iisg")
    except PackageNotFoundError:
        tool_version = "unknown"
    assert result.period is not None and result.template_dir is not None
    inputs = PackInputs(
        stem=result.stem, reference=result.reference, period=result.period.label, profile=request.profile,
        status=request.status, issue_date=day, tool_version=tool_version, config_path=config.root / "config.yaml",
        template_dir=result.template_dir, register_path=register_path, activities=result.activities,
        groupings=result.groupings(), reports=list(result.files))
    folder, archive = write_pack(inputs, output_dir)
    result.files += [folder, archive]


def batch_groups(config: Config, register_path: Path, by: str) -> list[tuple[str, str, list[Activity]]]:
    """The groups of `--by pillar|economy`: (code, name, activities), in the fixed report order."""
    from .countries import country_name
    from .models import PILLARS

    activities = load(register_path)
    if by == "pillar":
        return [(p, str(config["pillars"][p]["name"]), [a for a in activities if p in a.pillars])
                for p in PILLARS if p in config["pillars"]]
    if by == "economy":
        return [(c, country_name(c), [a for a in activities if c == a.country or c in a.countries])
                for c in config["economies"]]
    raise InputError(f"--by {by}: use pillar or economy")


def scoped_config(config: Config, profile: str, code: str, name: str) -> Config:
    """The config with the profile's title and reference narrowed to one group ('… – Albania', '…/AL')."""
    import copy

    data = copy.deepcopy(config.data)
    if profile not in data["profiles"]:
        raise InputError(f"--profile {profile}: no such profile in config.yaml; use one of {', '.join(data['profiles'])}")
    settings = data["profiles"][profile]
    settings["title"] = f"{settings['title']} – {name}"
    settings["reference"] = f"{settings['reference']}/{code}"
    return Config(root=config.root, data=data)


def _report_in_child(args: tuple) -> tuple[str, list[Path], list[str]]:
    config, register_path, request, code, activities = args
    result = report(config, register_path, request, activities)
    return code, result.files, result.warnings


def report_batch(config: Config, register_path: Path, request: ReportRequest,
                 groups: list[tuple[str, str, list[Activity]]]):
    """One report per pillar or economy, each in its own child process (memory returned after each);
    yields (code, files, warnings) as each finishes."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    jobs = [(scoped_config(config, request.profile, code, name), register_path, request, code, members)
            for code, name, members in groups]
    context = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1), mp_context=context,
                             max_tasks_per_child=1) as pool:
        futures = [pool.submit(_report_in_child, job) for job in jobs]
        for future in as_completed(futures):
            yield future.result()
