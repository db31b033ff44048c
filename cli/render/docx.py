"""DOCX rendering: the context through the report.docx template with docxtpl (autoescaped, strict Jinja)."""
from __future__ import annotations

import io
from pathlib import Path

from ..report.context import ReportContext
from .charts import render_png
from .templates import TEMPLATE_FILES, TemplateSet, make_environment, template_failure

CHART_WIDTH_MM = 160


def render_docx(context: ReportContext, templates: TemplateSet, target: Path) -> None:
    """Write the report as a Word file at target."""
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage
    from jinja2 import TemplateError as JinjaError

    source = templates.find(TEMPLATE_FILES["docx"])
    try:
        document = DocxTemplate(str(source))
        document.init_docx()
    except Exception as exc:  # python-docx raises several types for a file that is not a Word document
        raise template_failure(exc, str(source)) from None
    chart_images = {
        chart.key: InlineImage(document, io.BytesIO(render_png(chart, context.style)), width=Mm(CHART_WIDTH_MM))
        for chart in context.charts
    }
    try:
        document.render(
            {**context.template_vars(), "chart_images": chart_images},
            jinja_env=make_environment(templates),
            autoescape=True,
        )
    except JinjaError as exc:
        raise template_failure(exc, str(source)) from None
    properties = document.docx.core_properties
    properties.title = f"{context.front.title} {context.front.reference}"
    properties.subject = f"{context.front.title}, {context.front.period}"
    properties.author = context.front.issuing_body
    properties.keywords = f"{context.front.reference}; {context.front.period_label}"
    properties.version = context.front.version
    document.save(str(target))
