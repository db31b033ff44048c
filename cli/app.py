"""The `iisg` command line: parse arguments, call one pipeline function, print a summary."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperGroup

from . import pipeline
from .config import Config, load_config
from .errors import UserError

class _Group(TyperGroup):
    """Root command group: errors meant for the user become a message and an exit code; bugs keep tracebacks."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except UserError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(cls=_Group, add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="Activity register and board reports for the IISG Secretariat and CSC WB.")
register_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                           help="Review, correct and export the activity register.")
app.add_typer(register_app, name="register")

_state: dict[str, Optional[Path]] = {"config": None}

RegisterOpt = typer.Option(None, "--register", help="Register file (default: `register` in config.yaml).")


@app.callback()
def _main(config: Optional[Path] = typer.Option(None, "--config", help="config.yaml to use (default: ./config.yaml).")) -> None:
    _state["config"] = config


def _config() -> Config:
    return load_config(_state["config"])


def _say(message: str) -> None:
    typer.echo(message, err=True)


def _register_path(config: Config, given: Optional[Path]) -> Path:
    return given if given is not None else config.path("register")


@app.command()
def ingest(paths: list[Path] = typer.Argument(None, help="Files or folders of news posts (default: `seeds` in config.yaml)."),
           register: Optional[Path] = RegisterOpt) -> None:
    """Read news posts and merge their activities into the register."""
    config = _config()
    summary = pipeline.ingest(paths or [config.path("seeds")], _register_path(config, register), config, notify=_say)
    for problem in summary.problems:
        typer.echo(f"{'error' if problem.fatal else 'warning'}: {problem.path}: {problem.message}", err=True)
    counts = summary.counts
    typer.echo(f"{summary.files} file(s), {summary.posts} post(s), {summary.activities} activities: "
               f"{counts.get('new', 0)} new, {counts.get('updated', 0)} updated, {counts.get('unchanged', 0)} unchanged, "
               f"{counts.get('missing', 0)} no longer in the input → {_register_path(config, register)}")
    if summary.failed:
        raise typer.Exit(1)


@register_app.command("list")
def register_list(register: Optional[Path] = RegisterOpt,
                  date_from: Optional[str] = typer.Option(None, "--from", help="Only activities ending on or after YYYY[-MM[-DD]]."),
                  date_to: Optional[str] = typer.Option(None, "--to", help="Only activities starting on or before YYYY[-MM[-DD]]."),
                  pillar: Optional[str] = typer.Option(None, help="WBCTi, WBCSCi, WBBSi or cross-cutting."),
                  country: Optional[str] = typer.Option(None, help="ISO code of a country involved (Kosovo* = XK)."),
                  partner: Optional[str] = typer.Option(None, help="Part of a partner's name."),
                  needs_review: bool = typer.Option(False, "--needs-review", help="Only activities with missing or doubtful values.")) -> None:
    """List activities as a table."""
    config = _config()
    rows = pipeline.select(pipeline.load(_register_path(config, register)), date_from=date_from, date_to=date_to,
                           pillar=pillar, country=country, partner=partner, needs_review=needs_review)
    typer.echo(f"{'ID':<10} {'START':<10} {'END':<10} {'PLACE':<16} {'PILLARS':<16} {'TYPE':<10} TITLE")
    for a in rows:
        place = a.city or a.country or "—"
        typer.echo(f"{a.id:<10} {a.start or '—':<10} {a.end or '—':<10} {place[:16]:<16} "
                   f"{','.join(a.pillars)[:16]:<16} {a.type:<10} {a.title[:70]}")
    typer.echo(f"{len(rows)} activit{'y' if len(rows) == 1 else 'ies'}")


@register_app.command("show")
def register_show(ident: str = typer.Argument(..., metavar="ID", help="Activity id (a unique prefix is enough)."),
                  register: Optional[Path] = RegisterOpt) -> None:
    """Show every field of one activity with its evidence."""
    from .register import find_activity

    config = _config()
    activity = find_activity(pipeline.load(_register_path(config, register)), ident)
    data = activity.to_dict()
    for key, value in data.items():
        if key in ("evidence", "review"):
            continue
        shown = ", ".join(value) if isinstance(value, list) else ("—" if value in (None, "") else value)
        typer.echo(f"{key:>18}: {shown}")
        for ev in activity.evidence.get(key, []):
            typer.echo(f"{'':>20}← {ev.file}:{ev.line}: “{ev.words[:90]}”")
    review = activity.review
    typer.echo(f"{'review':>18}: {review.status}" + (f" by {review.by} at {review.at}; set by hand: {', '.join(review.fields)}" if review.by else ""))
    problems = pipeline.review_problems(activity)
    if problems:
        typer.echo(f"{'needs review':>18}: {', '.join(problems)}")


@register_app.command("validate")
def register_validate(register: Optional[Path] = RegisterOpt) -> None:
    """Check the register; exit 1 listing missing or doubtful values."""
    config = _config()
    problems = pipeline.validate(_register_path(config, register))
    for line in problems:
        typer.echo(line)
    if problems:
        typer.echo(f"{len(problems)} activit{'y needs' if len(problems) == 1 else 'ies need'} review; "
                   "correct them with `iisg register set ID FIELD=VALUE`", err=True)
        raise typer.Exit(1)
    typer.echo("register is valid")


@register_app.command("set")
def register_set(ident: str = typer.Argument(..., metavar="ID"),
                 assignments: list[str] = typer.Argument(..., metavar="FIELD=VALUE...",
                                                         help="Lists take ';' between items: partners='UNODC;OSCE'."),
                 register: Optional[Path] = RegisterOpt) -> None:
    """Correct fields of one activity; corrected fields survive re-ingest."""
    config = _config()
    activity = pipeline.set_values(_register_path(config, register), ident, assignments, notify=_say)
    typer.echo(f"{activity.id}: set {', '.join(a.split('=', 1)[0] for a in assignments)}; marked reviewed")


@register_app.command("export")
def register_export(fmt: str = typer.Option("json", "--format", help="json, csv or xlsx."),
                    output: Optional[Path] = typer.Option(None, "--output", help="File to write (default: print; xlsx needs a file)."),
                    register: Optional[Path] = RegisterOpt) -> None:
    """Export the register as JSON, CSV or XLSX."""
    config = _config()
    data, written = pipeline.export(_register_path(config, register), fmt, output)
    if written is None:
        sys.stdout.write(data if isinstance(data, str) else "")
    else:
        typer.echo(f"wrote {written}", err=True)


@app.command()
def report(period: Optional[str] = typer.Option(None, "--period", help="2022-Q1, 2022-H1, 2022, 2021-2022 (biennium) or 2022-03."),
           date_from: Optional[str] = typer.Option(None, "--from", help="Start of a custom period, YYYY-MM-DD (with --to)."),
           date_to: Optional[str] = typer.Option(None, "--to", help="End of a custom period, YYYY-MM-DD (with --from)."),
           profile: str = typer.Option("quarterly", "--profile", help="A profile of config.yaml: quarterly, biennial, …"),
           formats: Optional[list[str]] = typer.Option(None, "--format", help="pdf and/or docx (repeat the option); default: the profile's."),
           output_dir: Optional[Path] = typer.Option(None, "--output-dir", help="Folder for the reports (default: `output_dir` in config.yaml)."),
           register: Optional[Path] = RegisterOpt,
           narrative: Optional[Path] = typer.Option(None, "--narrative", help="Markdown file with the staff's narrative for the executive summary."),
           template: Optional[str] = typer.Option(None, "--template", help="Template set name (under report_templates/) or folder."),
           status: str = typer.Option("draft", "--status", help="draft (watermarked) or final (refused while anything needs review)."),
           issue_date: Optional[str] = typer.Option(None, "--date", help="Date of issue, YYYY-MM-DD (default: today); fixes every date in the files."),
           pack: bool = typer.Option(False, "--pack", help="Also write the submission pack: a folder and a zip with the reports, annex XLSX/CSV and manifest.json."),
           by: Optional[str] = typer.Option(None, "--by", help="pillar or economy: one report per group, each in its own process.")) -> None:
    """Write the board report for a period as PDF and DOCX."""
    config = _config()
    request = pipeline.ReportRequest(period=period, date_from=date_from, date_to=date_to, profile=profile,
                                     formats=formats, output_dir=output_dir, narrative=narrative, template=template,
                                     status=status, issue_date=issue_date, pack=pack)
    register_path = _register_path(config, register)
    if by:
        groups = pipeline.batch_groups(config, register_path, by)
        with typer.progressbar(pipeline.report_batch(config, register_path, request, groups), length=len(groups),
                               label=f"Reports by {by}", file=sys.stderr) as results:
            done = list(results)
        order = [code for code, _, _ in groups]
        for code, files, warnings in sorted(done, key=lambda d: order.index(d[0])):
            typer.echo(f"{code}: " + ", ".join(str(f) for f in files) + (f" ({len(warnings)} warning(s))" if warnings else ""))
        return
    result = pipeline.report(config, register_path, request)
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{result.reference}: {result.count} activit{'y' if result.count == 1 else 'ies'} in the period")
    for path in result.files:
        typer.echo(f"wrote {path}")


templates_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None,
                            help="List, create and check report template sets (docs/templates.md).")
app.add_typer(templates_app, name="templates")


@templates_app.command("list")
def templates_list() -> None:
    """List the template sets, shipped and yours, with their files."""
    from .render.templates import display_path, list_template_sets

    for info in list_template_sets(_config()):
        used = f"; used by profile {', '.join(info.profiles)}" if info.profiles else ""
        typer.echo(f"{info.name} ({'shipped' if info.shipped else 'yours'}{used}): {display_path(info.folder)}")
        typer.echo(f"    {', '.join(info.files) or 'no files'}")
        if info.inherited:
            typer.echo(f"    from default: {', '.join(info.inherited)}")


@templates_app.command("init")
def templates_init(name: str = typer.Argument(..., help="Name of the new set: letters, digits, '-', '_' and '.'."),
                   source: str = typer.Option("default", "--from", help="The set to copy: a name or a folder.")) -> None:
    """Copy a set into report_templates/NAME/ to edit it (with a README)."""
    from .render.templates import display_path, init_template_set

    folder, files = init_template_set(name, source, _config())
    typer.echo(f"created {display_path(folder)}: {', '.join(files)}")
    typer.echo(f"edit it, then run `iisg templates check {name}` and `iisg report --template {name} ...`")


@templates_app.command("check")
def templates_check(name: str = typer.Argument(..., metavar="NAME|DIR", help="A template set name or folder.")) -> None:
    """Render a set against a sample report and list every problem."""
    from .render.check import check_template_set

    problems = check_template_set(name, _config())
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"{name}: {len(problems)} problem{'' if len(problems) == 1 else 's'}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{name}: no problems (PDF and DOCX rendered against a sample report)")


@app.command()
def verify(pack: Path = typer.Argument(..., help="A pack folder or zip written by `iisg report --pack`.")) -> None:
    """Re-check a submission pack against its manifest; exit 1 naming any changed, missing or extra file."""
    from .pack import verify_pack

    problems = verify_pack(pack)
    for line in problems:
        typer.echo(f"{pack}: {line}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{pack}: every file matches the manifest")


def main() -> None:
    """Console entry point."""
    app(prog_name="iisg")
