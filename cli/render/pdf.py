"""PDF rendering: the context through report.html.j2 into HTML, then WeasyPrint."""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import multiprocessing
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..bulk import no_cycle_collection
from ..errors import ReportError
from ..report.context import ReportContext
from . import document_keywords, issue_moment
from .charts import render_svg
from .pdf_parts import MIN_PART_CHARS, PartsUnavailable, relabel, render_in_parts, split_html
from .resources import resource_guard
from .templates import TEMPLATE_FILES, TemplateSet, make_environment, template_failure

if TYPE_CHECKING:
    import pydyf
    from jinja2.sandbox import SandboxedEnvironment
    from weasyprint.document import Document

PDF_VARIANT = "pdf/a-3b"


def render_html(
    context: ReportContext, templates: TemplateSet, *, environment: "SandboxedEnvironment | None" = None,
) -> str:
    """The report as one HTML document (charts inlined as SVG data URIs); environment defaults to the strict one."""
    from jinja2 import TemplateError as JinjaError

    environment = environment or make_environment(templates)
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


def render_pdf(
    context: ReportContext, templates: TemplateSet, target: Path, *, issue_date: dt.date | None = None,
    attachments: list[tuple[str, bytes, str]] | None = None, parts: bool | None = None,
) -> None:
    """Write the report at target as PDF/A-3b dated to the issue date, with (name, data, description) as Data files.

    The same context, template, attachments and issue date give the same bytes: the dates and the file
    identifier are fixed, and the identifier is derived from the reference and the content. A long report
    is laid out in parts, in parallel (see pdf_parts); parts=False forces one process, parts=True parts
    whenever the report can be cut (tests).
    """
    from weasyprint import HTML, Attachment

    if parts is None:  # IISG_PDF_PARTS=always|never overrides the choice by length
        parts = {"always": True, "never": False}.get(os.environ.get("IISG_PDF_PARTS", "").strip().lower())
    workers = pdf_workers()
    moment = issue_moment(issue_date or dt.date.today())
    html = render_html(context, templates)
    guard = resource_guard(templates, context.logo)
    base_url = str(templates.folder) + "/"
    labels = {f"{h.number}{h.title}": f"{h.number} {h.title}" for h in context.contents if h.number}

    def finish(document: "Document", path: Path) -> None:
        _describe(document, context, moment)
        files = [
            Attachment(file_obj=io.BytesIO(data), name=name, description=description, created=moment,
                       modified=moment, relationship="Data")
            for name, data, description in attachments or []
        ]
        identity = hashlib.sha256(context.front.reference.encode("utf-8") + b"\0" + html.encode("utf-8"))
        for name, data, _ in attachments or []:
            identity.update(b"\0" + name.encode("utf-8") + b"\0" + data)
        with _source_date(moment):
            document.write_pdf(path, pdf_variant=PDF_VARIANT, attachments=files, finisher=_finish_pdfa,
                               pdf_identifier=identity.hexdigest()[:32].encode("ascii"))

    if parts is not False and "fork" in multiprocessing.get_all_start_methods():
        try:
            split = split_html(html, min_chars=1 if parts else MIN_PART_CHARS)
            if "attr(data-page)" not in html:
                raise PartsUnavailable("the contents page cannot take page numbers")
            render_in_parts(split, base_url=base_url, fetcher=guard, variant=PDF_VARIANT, labels=labels,
                            epoch=str(int(moment.timestamp())), target=target, finish_front=finish,
                            workers=workers,
                            finisher=_finish_pdfa,
                            front_html=lambda pages: split.document(with_page_numbers(split.front, pages), False))
            guard.raise_refused()
            return
        except PartsUnavailable:
            pass
    with no_cycle_collection():  # the collector's passes over WeasyPrint's boxes took about a tenth of the CPU
        document = HTML(string=html, base_url=base_url, url_fetcher=guard).render(pdf_variant=PDF_VARIANT)
        relabel(document, labels)
        finish(document, target)
    guard.raise_refused()


def pdf_workers() -> int | None:
    """IISG_PDF_WORKERS: how many processes may lay out a long PDF's parts at one time (None: one per
    processor). Fewer take longer and hold less memory at once."""
    value = os.environ.get("IISG_PDF_WORKERS", "").strip()
    if not value:
        return None
    if not value.isdigit() or int(value) < 1:
        raise ReportError(
            f"IISG_PDF_WORKERS={value!r} is not a number of processes. Set it to a whole number from 1 "
            "(1 lays a long PDF out one part at a time, in the least memory), or unset it for one process "
            "per processor.")
    return int(value)


def with_page_numbers(front: str, pages: dict[str, int]) -> str:
    """The contents' links with the page each target starts on, for `attr(data-page)` to print."""
    return re.sub(r'<a href="#([^"]+)"', lambda m: f'{m.group(0)} data-page="{pages[m.group(1)]}"'
                  if m.group(1) in pages else m.group(0), front)


def _describe(document: "Document", context: ReportContext, moment: dt.datetime) -> None:
    """Title, description, author, keywords and dates of the PDF."""
    metadata = document.metadata
    metadata.title = f"{context.front.title} {context.front.reference}"
    metadata.description = f"{context.front.title}, {context.front.period}"
    metadata.authors = [context.front.issuing_body]
    metadata.keywords = document_keywords(context)
    metadata.created = metadata.modified = moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _finish_pdfa(document: "Document", pdf: "pydyf.PDF") -> None:
    """Two PDF/A repairs to WeasyPrint 70's output: each attached file listed once in /AF, no image interpolation."""
    import pydyf

    if "AF" in pdf.catalog:
        pdf.catalog["AF"] = pydyf.Array(dict.fromkeys(pdf.catalog["AF"]))
    for item in pdf.objects:
        if isinstance(item, pydyf.Stream) and item.extra.get("Subtype") == "/Image":
            item.extra["Interpolate"] = "false"


@contextmanager
def _source_date(moment: dt.datetime) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to the moment meanwhile, so the font subsets embedded carry it rather than the clock."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous
