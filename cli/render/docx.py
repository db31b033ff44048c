"""DOCX rendering: the context through the report.docx template with docxtpl (autoescaped, strict Jinja)."""
from __future__ import annotations

import copy
import datetime as dt
import io
import re
import threading
import traceback
from pathlib import Path
from typing import TYPE_CHECKING
from zipfile import BadZipFile

from ..bulk import no_cycle_collection
from ..errors import TemplateError
from ..pack import zip_entries, zip_members
from ..report.context import ReportContext
from . import document_keywords, issue_moment
from .branding import brand_word_styles
from .charts import render_png
from .templates import TEMPLATE_FILES, TemplateSet, cached, compiled, make_environment, template_failure

if TYPE_CHECKING:
    from docx.document import Document

CHART_WIDTH_MM = 160
COLUMN_LOOP = re.compile(r"\{%\s*tc\s")
LISTING_CHARS = "\n\t\a\f"
LISTING_TEXT = re.compile(r"<w:t(?: [^>]*)?>[^<]*$")  # text of a run up to one of LISTING_CHARS
LOGO_HEIGHT_MM = 18
PARAGRAPH_START = re.compile(r"<w:p([ >])")
BODY_START = re.compile(r"\s*<([\w.-]+:body)((?:\s+[^>]*?)?)\s*>")
DRAWING = "<wp:docPr"
DRAWING_ID = re.compile(r'((?!\w)[^>]*?\sid=")\d*(")')  # what follows DRAWING, up to the end of its id
XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"  # as python-docx writes it
NAMESPACE_DECLARATION = re.compile(r'\s+xmlns(?::([\w.-]+))?="([^"]*)"')


def _template_class() -> type:
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        """docxtpl with two passes skipped when they have nothing to do, which matters for long reports.

        The line-break pass runs only when some text holds a line break, tab or page break; the
        table-column repair runs only when the template uses {%tc %} column loops. Without them the
        rendered body is parsed strictly, so broken XML fails loudly instead of being dropped.
        """

        column_loops = True

        def render_xml_part(self, src_xml: str, part: object, context: dict, jinja_env=None) -> str:  # noqa: ANN001
            """docxtpl's step (a line per paragraph so Jinja's errors have a line, render, undo the lines),
            undoing the lines by plain replacement: its regex took a tenth of a second on a long report."""
            self.current_rendering_part = part
            source = PARAGRAPH_START.sub(r"\n<w:p\1", src_xml)
            if jinja_env is None:
                from jinja2 import Environment

                jinja_env = Environment()
            rendered = compiled(jinja_env, source).render(context)
            rendered = rendered.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
            for escaped, brace in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
                rendered = rendered.replace(escaped, brace)
            return self.resolve_listing(rendered)

        def patch_xml(self, src_xml: str) -> str:
            """docxtpl's clean-up of a part's source for Jinja, kept in the cache folder like compiled code:
            it is the same for the same source, and its regular expressions take a twentieth of a second."""
            from importlib.metadata import version

            return cached("docxtpl", f"{version('docxtpl')}\0{src_xml}".encode("utf-8"),
                          lambda: super(Template, self).patch_xml(src_xml), str.encode, bytes.decode)

        def resolve_listing(self, xml: str) -> str:
            """docxtpl's line-break pass, only where some text needs it."""
            return super().resolve_listing(xml) if _listing(xml) else xml

        def fix_tables(self, xml: str):  # noqa: ANN202 - an lxml element, as in docxtpl
            """docxtpl's column repair for {%tc %} templates; else the whole document as text with the
            rendered body in place and its drawings numbered. That text, not a parsed tree, becomes the
            Word file's main part (rendered_main): moving a parsed body into the document, or writing a
            tree out again, took longer than the rest of a long report. It is parsed strictly beside the
            rest of the work (main_check), so that broken XML fails loudly."""
            if self.column_loops:
                return super().fix_tables(xml)
            from lxml import etree

            root = self.docx.element
            shell = etree.Element(root.tag, dict(root.attrib), nsmap=root.nsmap)
            marker = f"iisg-body-{id(self)}"
            for child in root:
                shell.append(etree.Comment(marker) if child is root.body else copy.deepcopy(child))
            before, after = etree.tostring(shell, encoding="unicode").split(f"<!--{marker}-->")
            document = before + _without_inherited_namespaces(xml, root.nsmap) + after
            document = self._number_drawings(document)
            data = XML_DECLARATION + document.encode("utf-8")
            self.main_check = WellFormed(data)
            self.main_check.start()
            self.rendered_main = data
            return None

        def _number_drawings(self, document: str) -> str:
            """docxtpl's renumbering of the drawings' ids (fix_docpr_ids), in the text."""
            pieces = document.split(DRAWING)
            for i, piece in enumerate(pieces[1:], start=1):
                found = DRAWING_ID.match(piece)
                if found:
                    self.docx_ids_index += 1
                    pieces[i] = f"{piece[:found.end(1)]}{self.docx_ids_index}{piece[found.start(2):]}"
            return DRAWING.join(pieces)

        def fix_docpr_ids(self, tree) -> None:  # noqa: ANN001 - an lxml element, as in docxtpl
            if self.column_loops:
                super().fix_docpr_ids(tree)

        def map_tree(self, tree) -> None:  # noqa: ANN001 - an lxml element, as in docxtpl
            if self.column_loops:
                super().map_tree(tree)

    return Template


def _listing(xml: str) -> bool:
    """Whether the text of some run holds a line break, tab, bell or form feed (docxtpl's listing pass)."""
    for char in LISTING_CHARS:
        at = xml.find(char)
        while at >= 0:
            if LISTING_TEXT.search(xml, xml.rfind("<", 0, at), at):
                return True
            at = xml.find(char, at + 1)
    return False


class MalformedXML(ValueError):
    """The rendered document is not well-formed XML."""


def well_formed(data: bytes) -> None:
    """Check that data is well-formed, namespace-correct XML; MalformedXML with the line and column if not.
    Word refuses a file whose XML is not."""
    from lxml import etree

    try:
        etree.fromstring(data, parser=etree.XMLParser(huge_tree=True, resolve_entities=False))
    except etree.XMLSyntaxError as exc:
        raise MalformedXML(exc.msg) from None


class WellFormed(threading.Thread):
    """well_formed(data) in a thread of its own: lxml lets go of the interpreter while it parses, so a long
    report's check (a tenth of a second or more) runs while the Word file is put together and zipped."""

    def __init__(self, data: bytes) -> None:
        super().__init__(name="iisg-docx-check", daemon=True)
        self.data = data
        self.problem: MalformedXML | None = None

    def run(self) -> None:
        try:
            well_formed(self.data)
        except MalformedXML as exc:
            self.problem = exc

    def result(self) -> None:
        """Wait for the check; MalformedXML if the data is not well-formed."""
        self.join()
        if self.problem is not None:
            raise self.problem


def _without_inherited_namespaces(xml: str, inherited: dict[str | None, str]) -> str:
    """The body's start tag without the namespace declarations the document element already makes."""
    start = BODY_START.match(xml)
    if not start:
        return xml
    attributes = NAMESPACE_DECLARATION.sub(
        lambda m: "" if inherited.get(m.group(1)) == m.group(2) else m.group(0), start.group(2))
    return f"<{start.group(1)}{attributes}>{xml[start.end():]}"


def _place(document: object, exc: BaseException) -> str:
    """Where in the Word file a Jinja error happened: the part and the words of the paragraph."""
    part = getattr(document, "current_rendering_part", None)
    line = next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__)) if f.filename == "<template>"),
                getattr(exc, "lineno", None))
    if part is None or not line:
        return "document"
    xml = document.patch_xml(document.get_part_xml(part))  # type: ignore[attr-defined]
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", xml).splitlines()
    words = " ".join(re.sub(r"<[^>]+>", " ", lines[line - 1]).split()) if 0 < line <= len(lines) else ""
    return f'{str(part.partname).lstrip("/")}, near "{words[:80]}"'


def render_docx(
    context: ReportContext, templates: TemplateSet, target: Path, *, issue_date: dt.date | None = None,
) -> None:
    """Write the report as a Word file at target, dated to the issue date; the same inputs give the same bytes."""
    with no_cycle_collection():
        _render_docx(context, templates, target, issue_date)


def _render_docx(context: ReportContext, templates: TemplateSet, target: Path, issue_date: dt.date | None) -> None:
    from docx.opc.exceptions import PackageNotFoundError
    from docx.shared import Mm
    from docxtpl import InlineImage
    from jinja2 import TemplateError as JinjaError
    source = templates.find(TEMPLATE_FILES["docx"])
    try:
        document = _template_class()(str(source))
        document.init_docx()
        document.column_loops = COLUMN_LOOP.search(re.sub(r"<[^>]+>", "", document.get_xml())) is not None
    except (PackageNotFoundError, BadZipFile, KeyError, ValueError) as exc:
        raise TemplateError(f"{source}: not a usable Word template ({exc}); save it from Word as .docx") from None
    # Each chart holds its place with a blank picture of its size while the XML is rendered; it is drawn
    # afterwards, while the rendered XML is checked in its own thread (WellFormed).
    stand_ins = {chart.key: _stand_in(n) for n, chart in enumerate(context.charts)}
    chart_images = {key: InlineImage(document, io.BytesIO(data), width=Mm(CHART_WIDTH_MM))
                    for key, data in stand_ins.items()}
    try:
        document.render(
            {**context.template_vars(), "chart_images": chart_images,
             "logo_image": InlineImage(document, context.logo, height=Mm(LOGO_HEIGHT_MM)) if context.logo else ""},
            jinja_env=make_environment(templates),
            autoescape=True,
        )
    except JinjaError as exc:
        raise template_failure(exc, f"{source} ({_place(document, exc)})") from None
    _draw_charts(document.docx, context, stand_ins)
    day = issue_date or dt.date.today()
    _set_properties(document.docx, context, issue_moment(day))
    brand_word_styles(document.docx, context.style)
    data = _word_file(document.docx, day, getattr(document, "rendered_main", None))
    check = getattr(document, "main_check", None)
    try:
        if check is not None:
            check.result()
    except MalformedXML as exc:
        raise TemplateError(f"{source}: the rendered document is not valid Word XML ({exc}); a {{% … %}} tag "
                            "opens in one paragraph, row or cell and closes in another: put block tags as {%p … %} "
                            "or {%tr … %} in paragraphs or rows of their own") from None
    target.write_bytes(data)


def _stand_in(n: int) -> bytes:
    """A blank PNG of a chart's size, a different one for each chart (Word files keep one copy of a picture)."""
    from PIL import Image

    from .charts import png_size

    buffer = io.BytesIO()
    Image.new("L", png_size(), n % 256).save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _draw_charts(docx: "Document", context: ReportContext, stand_ins: dict[str, bytes]) -> None:
    """Each chart the template placed, drawn into its picture (the stand-in's part); a chart the template
    does not show is not drawn."""
    charts = {stand_ins[chart.key]: chart for chart in context.charts}
    for part in list(docx.part.package.iter_parts()):
        chart = charts.get(part.blob) if part.partname.ext == "png" else None
        if chart is not None:
            part._blob = render_png(chart, context.style)  # noqa: SLF001 - python-docx keeps a part's bytes there
            if part.blob is not part._blob:  # noqa: SLF001
                raise TemplateError("this python-docx keeps a picture's bytes elsewhere; charts cannot be drawn")


def _word_file(docx: "Document", day: dt.date, main: bytes | None = None) -> bytes:
    """The Word file's bytes, zipped once with its members in a fixed order and time (python-docx's own save
    compresses, and the result would be unzipped and compressed again to fix order and time); main, when
    given, is the main part's XML as rendered."""
    main_name = str(docx.part.partname).lstrip("/")
    try:
        from docx.opc.pkgwriter import PackageWriter

        writers = (PackageWriter._write_content_types_stream, PackageWriter._write_pkg_rels,  # noqa: SLF001
                   PackageWriter._write_parts)  # noqa: SLF001
    except (ImportError, AttributeError):  # another python-docx: its own save, then the same normalising
        buffer = io.BytesIO()
        docx.save(buffer)
        members = zip_entries(buffer.getvalue())
        if main is not None:
            members[main_name] = main
        return zip_members(members, day)

    class Members(dict):
        def write(self, uri: object, blob: bytes) -> None:
            name = str(uri).lstrip("/")
            self[name] = main if main is not None and name == main_name else blob

    package = docx.part.package
    for part in package.parts:
        part.before_marshal()
    members = Members()
    writers[0](members, package.parts)
    writers[1](members, package.rels)
    writers[2](members, package.parts)
    return zip_members(members, day)


CORE_PROPERTY_LIMIT = 255  # Word's limit for a core property


def _fit(text: str, separator: str = " ") -> str:
    """A core property within Word's length limit, cut at a separator."""
    if len(text) <= CORE_PROPERTY_LIMIT:
        return text
    return text[:CORE_PROPERTY_LIMIT].rsplit(separator, 1)[0]


def _set_properties(docx: "Document", context: ReportContext, moment: dt.datetime) -> None:
    """Title, subject, author, keywords, version, status, language and dates of the Word file."""
    languages = docx.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:lang/@w:val")
    properties = docx.core_properties
    properties.title = _fit(f"{context.front.title} {context.front.reference}")
    properties.subject = _fit(f"{context.front.title}, {context.front.period}")
    properties.author = _fit(context.front.issuing_body)
    properties.keywords = _fit("; ".join(document_keywords(context)), "; ")
    properties.identifier = _fit(context.front.reference)
    properties.version = context.front.version
    properties.content_status = context.front.status
    properties.language = str(languages[0]) if languages else "en"
    properties.revision = 1
    properties.created = properties.modified = moment
