"""Renderers: the only package importing jinja2, weasyprint, docxtpl and matplotlib (inside functions)."""
from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..report.context import ReportContext
from .templates import TemplateSet


def render_to(fmt: str, context: ReportContext, templates: TemplateSet, target: Path) -> None:
    """Write the context in one format ("pdf" or "docx") to target."""
    if fmt == "pdf":
        from .pdf import render_pdf

        render_pdf(context, templates, target)
    else:
        from .docx import render_docx

        render_docx(context, templates, target)


def render_all(context: ReportContext, templates: TemplateSet, jobs: list[tuple[str, Path]]) -> None:
    """Render every (format, target) job; the PDF in a child process, alongside the rest, where fork exists.

    WeasyPrint holds every laid-out page until it writes, so the child takes that memory away with it
    when it ends, and the DOCX is rendered on the other core meanwhile.
    """
    pdf = [target for fmt, target in jobs if fmt == "pdf"]
    others = [(fmt, target) for fmt, target in jobs if fmt != "pdf"]
    if not pdf or "fork" not in multiprocessing.get_all_start_methods():
        for fmt, target in jobs:
            render_to(fmt, context, templates, target)
        return
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        pending = pool.submit(render_to, "pdf", context, templates, pdf[0])
        for fmt, target in others:
            render_to(fmt, context, templates, target)
        pending.result()
