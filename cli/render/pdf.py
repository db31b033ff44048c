"""PDF rendering: the context through report.html.j2 into HTML, then WeasyPrint."""
from __future__ import annotations

import base64
from pathlib import Path

from ..report.context import ReportContext
from .charts import render_svg
from .templates import TEMPLATE_FILES, TemplateSet, make_environment, template_failure


def render_html(context: ReportContext, templates: TemplateSet) -> str:
    """The report as one HTML document (charts inlined as SVG data URIs)."""
    from jinja2 import TemplateError as JinjaError

    environment = make_environment(templates)
    name = TEMPLATE_FILES["pdf"]
    templates.find(name)
    chart_images = {
        chart.key: "data:image/svg+xml;base64," + base64.b64encode(render_svg(chart, context.style)).decode("ascii")
        for chart in context.charts
    }
    try:
        return environment.get_template(name).render(
            **context.template_vars(), chart_images=chart_images,
            logo_url=Path(context.logo).as_uri() if context.logo else "",
        )
    except JinjaError as exc:
        raise template_failure(exc, str(templates.find(name))) from None


def render_pdf(context: ReportContext, templates: TemplateSet, target: Path) -> None:
    """Write the report as a PDF file at target."""
    from weasyprint import HTML

    html = render_html(context, templates)
    document = HTML(string=html, base_url=str(templates.folder) + "/")
    document.write_pdf(target)
