"""The report stage: choose the period's activities, build one context, render it as PDF and DOCX."""
from __future__ import annotations

import datetime as dt
import os
import re
import string
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..bulk import no_cycle_collection
from ..config import Config
from ..errors import ConfigError, ReportError
from ..models import Activity
from .context import ReportContext, build_context
from .narrative import read_narrative
from .periods import Period, resolve_period

if TYPE_CHECKING:
    from ..render.templates import TemplateSet

FORMATS = ("pdf", "docx")
STATUSES = ("draft", "final")
REFERENCE_FIELDS = ("year", "end_year", "period_code", "profile")


@dataclass
class ReportResult:
    """What make_report wrote and what the user should know."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reference: str = ""
    count: int = 0
    stem: str = ""
    period: Period | None = None
    context: ReportContext | None = None
    activities: list[Activity] = field(default_factory=list)
    template_dir: Path | None = None

    def groupings(self) -> dict[str, list[tuple[str, list[Activity]]]]:
        """The report's groupings (by pillar, economy, partner) as activity lists, for the annex workbook."""
        if self.context is None:
            return {}
        by_id = {a.id: a for a in self.activities}
        return {name: [(g.title, [by_id[r.id] for r in g.rows if r.id in by_id]) for g in groups]
                for name, groups in (("By pillar", self.context.pillar_sections),
                                     ("By economy", self.context.economy_sections),
                                     ("By partner", self.context.partner_sections))}


def format_reference(pattern: str, period: Period, profile: str) -> str:
    """The reference from the profile's pattern, e.g. IISG/SEC/{year}/{period_code} -> IISG/SEC/2022/Q1."""
    where = f"profiles.{profile}.reference"
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"config.yaml: {where}: {exc}; write placeholders as {{year}}") from None
    unknown = sorted(names - set(REFERENCE_FIELDS))
    if unknown:
        allowed = ", ".join("{" + n + "}" for n in REFERENCE_FIELDS)
        raise ConfigError(f"config.yaml: {where}: unknown placeholder {{{unknown[0]}}}; use {allowed}")
    return pattern.format(
        year=period.start.year, end_year=period.end.year, period_code=period.code, profile=profile,
    )


def output_stem(reference: str, profile: str) -> str:
    """A safe file name stem from reference and profile: IISG/SEC/2022/Q1 + quarterly -> IISG-SEC-2022-Q1_quarterly."""
    def clean(text: str) -> str:
        return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "report"

    return f"{clean(reference)}_{clean(profile)}"


def _check_choices(config: Config, profile: str, formats: list[str] | None, status: str) -> list[str]:
    profiles = config["profiles"]
    if profile not in profiles:
        raise ReportError(f"--profile {profile!r}: unknown profile; use one of {', '.join(profiles)} "
                          "(profiles are set in config.yaml)")
    if status not in STATUSES:
        raise ReportError(f"--status {status!r}: use draft or final")
    chosen = list(formats) if formats else list(profiles[profile].get("formats") or FORMATS)
    for fmt in chosen:
        if fmt not in FORMATS:
            raise ReportError(f"--format {fmt!r}: unknown format; use {' or '.join(FORMATS)}")
    return list(dict.fromkeys(chosen))


def _write_all(
    context: ReportContext, templates: "TemplateSet", formats: list[str], output_dir: Path, stem: str,
    activities: list[Activity], issue_date: dt.date,
) -> list[Path]:
    from ..render import render_all

    output_dir.mkdir(parents=True, exist_ok=True)
    pending: list[tuple[Path, Path]] = []
    try:
        for fmt in formats:
            handle, temp_name = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".{fmt}.part", dir=output_dir)
            os.close(handle)
            pending.append((Path(temp_name), output_dir / f"{stem}.{fmt}"))
        render_all(context, templates, [(fmt, temp) for fmt, (temp, _) in zip(formats, pending)],
                   issue_date=issue_date, activities=activities)
        for temp, final in pending:
            os.replace(temp, final)
    finally:
        for temp, _ in pending:
            temp.unlink(missing_ok=True)
    return [final for _, final in pending]


def make_report(
    activities: list[Activity], config: Config, *, period: str | None, date_from: str | None,
    date_to: str | None, profile: str, formats: list[str] | None, output_dir: Path,
    narrative: Path | None, template: str | None, status: str, issue_date: dt.date | None,
    register_path: Path | None = None,
) -> ReportResult:
    """Build the report context for a period and write it in each format; return the files and warnings."""
    from ..render.templates import resolve_template_set

    chosen_formats = _check_choices(config, profile, formats, status)
    chosen_period = resolve_period(period, date_from, date_to)
    settings = config["profiles"][profile]
    reference = format_reference(str(settings["reference"]), chosen_period, profile)
    blocks = read_narrative(narrative) if narrative is not None else []
    templates = resolve_template_set(template or str(settings.get("template") or "default"), config.root)
    day = issue_date or dt.date.today()
    with no_cycle_collection():
        context = build_context(
            activities, config, chosen_period, profile, status=status, issue_date=day,
            reference=reference, narrative=blocks, register_name=register_path.name if register_path else None,
        )
    if status == "final":
        refuse_final(context)
    stem = output_stem(reference, profile)
    by_id = {a.id: a for a in activities}
    in_period = [by_id[r.id] for r in context.activities if r.id in by_id]
    files = _write_all(context, templates, chosen_formats, Path(output_dir), stem, in_period, day)
    return ReportResult(files=files, warnings=list(context.warnings), reference=reference, count=context.count,
                        stem=stem, period=chosen_period, context=context, activities=in_period,
                        template_dir=templates.folder)


def refuse_final(context: ReportContext) -> None:
    """A final report needs every activity of the period reviewed: list each one and what is wrong."""
    items = context.undated + context.incomplete
    if items:
        lines = "\n".join(f"  {item.row.id} {item.row.title[:70]!r}: {item.reasons}" for item in items)
        raise ReportError(f"--status final refused: {len(items)} activit{'y needs' if len(items) == 1 else 'ies need'} "
                          f"review first (fix them with `iisg register set ID FIELD=VALUE`, or issue a draft):\n{lines}")
