"""Renderers: the only package importing jinja2, weasyprint, docxtpl and Pillow (inside functions)."""
from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..models import Activity
from ..report.context import ReportContext
from .templates import TemplateSet

Attachments = list[tuple[str, bytes, str]]


def issue_moment(issue_date: dt.date) -> dt.datetime:
    """The time stamped into the files for an issue date: noon UTC of that day, as in the pack's zips."""
    return dt.datetime(issue_date.year, issue_date.month, issue_date.day, 12, 0, 0, tzinfo=dt.timezone.utc)


def document_keywords(context: ReportContext) -> list[str]:
    """The files' keywords: reference, period, then the pillars and economies with activities in the period."""
    counted = [row.label for table in context.figures if table.key in ("pillar", "economy")
               for row in table.rows if row.current]
    return [context.front.reference, context.front.period_label, *counted]


def register_extract(context: ReportContext, activities: list[Activity]) -> Attachments:
    """The period's activities as data files for the PDF: (name, bytes, description), CSV then JSON."""
    from ..export import to_json
    from ..pack import annex_csv
    from ..report import output_stem

    stem = output_stem(context.front.reference, context.front.profile)
    count = f"{len(activities)} activit{'y' if len(activities) == 1 else 'ies'}"
    about = f"Register extract for {context.front.period} ({count}) behind {context.front.reference}"
    return [
        (f"{stem}_register.csv", annex_csv(activities), f"{about}, as CSV"),
        (f"{stem}_register.json", to_json(activities).encode("utf-8"), f"{about}, as JSON"),
    ]


def render_to(
    fmt: str, context: ReportContext, templates: TemplateSet, target: Path, *,
    issue_date: dt.date | None = None, attachments: Attachments | None = None,
) -> None:
    """Write the context in one format ("pdf" or "docx") to target; attachments go into the PDF only."""
    if fmt == "pdf":
        from .pdf import render_pdf

        render_pdf(context, templates, target, issue_date=issue_date, attachments=attachments)
    else:
        from .docx import render_docx

        render_docx(context, templates, target, issue_date=issue_date)


def render_all(
    context: ReportContext, templates: TemplateSet, jobs: list[tuple[str, Path]], *,
    issue_date: dt.date | None = None, activities: list[Activity] | None = None,
) -> None:
    """Render every (format, target) job; the PDF in a child process, alongside the rest, where fork exists.

    The PDF carries the period's activities (when given) as CSV and JSON attachments. WeasyPrint holds
    every laid-out page until it writes, so the child takes that memory away with it when it ends, and
    the DOCX is rendered on the other core meanwhile.
    """
    pdf = [target for fmt, target in jobs if fmt == "pdf"]
    if pdf:
        from .pdf import pdf_workers

        pdf_workers()  # a bad IISG_PDF_WORKERS is reported before anything is written
    attachments = register_extract(context, activities) if activities is not None and pdf else None
    options = {"issue_date": issue_date, "attachments": attachments}
    others = [(fmt, target) for fmt, target in jobs if fmt != "pdf"]
    if not pdf or "fork" not in multiprocessing.get_all_start_methods():
        for fmt, target in jobs:
            render_to(fmt, context, templates, target, **options)
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = pool.submit(render_to, "pdf", context, templates, pdf[0], **options)
        for fmt, target in others:
            render_to(fmt, context, templates, target, **options)
        pending.result()
