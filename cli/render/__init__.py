"""Renderers: the only package importing jinja2, weasyprint, docxtpl and matplotlib (inside functions)."""
from __future__ import annotations

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
