"""`iisg templates check`: render a template set in both formats against a sample report and list every problem."""
from __future__ import annotations

import functools
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..config import Config
from ..errors import TemplateError
from ..report.context import ReportContext
from .branding import font_names
from .resources import find_in_templates, resource_guard
from .templates import (
    DOCX_TAGS, TEMPLATE_FILES, TemplateSet, describe_failure, display_path, make_environment, report_undefined,
    resolve_template_set, template_failure,
)

if TYPE_CHECKING:
    from jinja2 import Undefined
    from jinja2.sandbox import SandboxedEnvironment

# A note taken while rendering: template file (None for a Word part), line, message, sandbox refusal.
Note = tuple["str | None", int, str, bool]
JINJA_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{[{%#]|[}%#]\}")
AFTER_REPAIR = re.compile(r"Encountered unknown tag '(end\w*|else|elif)'")
UNCLOSED = re.compile(r"The innermost block that needs to be closed is '(\w+)'")
MAX_REPAIRS = 20
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
IGNORED = re.compile(r"^Ignored `([^`:]+):\s*([^`]*)` at \d+:\d+, (.*?)\.?$", re.S)
FAILED_LOAD = re.compile(r"^Failed to load (\w+) at '?([^' ]+)'?\s*:?\s*(.*)$", re.S)
FONT_FACE = re.compile(r"^Font-face '([^']+)' cannot be loaded")
CSS_FONT = re.compile(r"font-family\s*:\s*([^;{}]+)")
FONT_FACE_NAME = re.compile(r"@font-face\s*\{[^}]*font-family\s*:\s*([^;}]+)", re.S)


def check_template_set(template: str, config: Config) -> list[str]:
    """Every problem of a template set (name or folder): both formats rendered against the sample report."""
    from ..report.sample import sample_context

    templates = resolve_template_set(template, config.root)
    context = sample_context(config)
    problems = _pdf_problems(templates, context) + _font_problems(templates, context)
    problems += _docx_problems(templates, context)
    return list(dict.fromkeys(problems))


def _template_position() -> tuple[str | None, int] | None:
    """The template file and line being rendered, read from the Python frames of the compiled template."""
    frame = sys._getframe(2)
    while frame is not None:
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:
            return template.filename, template.get_corresponding_lineno(frame.f_lineno)
        frame = frame.f_back
    return None


def collecting_undefined(notes: list[Note]) -> "type[Undefined]":
    """An Undefined that notes each use of a missing or refused name and lets the rendering go on."""
    from jinja2.exceptions import SecurityError

    class Collecting(report_undefined()):  # type: ignore[misc, valid-type]
        __slots__ = ()

        def _note(self) -> None:
            position = _template_position()
            if position is None:  # Jinja folding constants while it compiles: fail, so it keeps the expression
                raise self._undefined_exception(self._undefined_message)
            notes.append((*position, self._undefined_message, self._undefined_exception is SecurityError))

        def _use(self, *args: Any, **kwargs: Any) -> Any:
            self._note()
            return self

        def _false(self, *args: Any) -> bool:
            self._note()
            return False

        def _zero(self) -> int:
            self._note()
            return 0

        def __getattr__(self, name: str) -> Any:
            if name[:2] == "__":
                raise AttributeError(name)
            return self._use()

        __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __div__ = __rdiv__ = _use
        __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = _use
        __pos__ = __neg__ = __call__ = __getitem__ = __pow__ = __rpow__ = _use
        __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = __contains__ = __bool__ = _false
        __int__ = __len__ = _zero
        __hash__ = object.__hash__

        def __float__(self) -> float:
            self._note()
            return 0.0

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self) -> Iterator[Any]:
            self._note()
            return iter(())

    return Collecting


# ------------------------------------------------------------------ PDF


def _pdf_problems(templates: TemplateSet, context: ReportContext) -> list[str]:
    from .pdf import render_html

    notes: list[Note] = []
    environment = make_environment(templates, undefined=collecting_undefined(notes))
    problems = _syntax_problems(templates, environment)
    main = templates.find(TEMPLATE_FILES["pdf"])
    if any(_names_file(p, main) for p in problems):
        return problems
    try:
        html = render_html(context, templates, environment=environment)
    except TemplateError as exc:
        return problems + _html_notes(notes) + [str(exc)]
    except Exception as exc:  # noqa: BLE001 - a template can make any Python operation fail
        return problems + _html_notes(notes) + [str(template_failure(exc, display_path(main)))]
    return problems + _html_notes(notes) + _layout_problems(templates, context, html)


def _names_file(problem: str, path: Path) -> bool:
    return problem.startswith(f"{display_path(path)}:")


def _syntax_problems(templates: TemplateSet, environment: "SandboxedEnvironment") -> list[str]:
    """Each Jinja file of the set compiled on its own, so a syntax error in any of them is found."""
    from jinja2 import TemplateSyntaxError

    problems = []
    for path in sorted(templates.folder.rglob("*.j2")):
        try:
            environment.get_template(path.relative_to(templates.folder).as_posix())
        except TemplateSyntaxError as exc:
            problems.append(str(template_failure(exc, display_path(path))))
    return problems


def _html_notes(notes: list[Note]) -> list[str]:
    return [describe_failure(f"{display_path(name)}:{line}" if name else "report.html.j2", message, unsafe)
            for name, line, message, unsafe in notes]


@contextmanager
def _weasyprint_log() -> Iterator[list[logging.LogRecord]]:
    """The warnings and errors WeasyPrint logs meanwhile (it only logs missing images and bad CSS)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger = logging.getLogger("weasyprint")
    handler, level = Keep(logging.WARNING), logger.level
    logger.addHandler(handler)
    if not logger.isEnabledFor(logging.WARNING):
        logger.setLevel(logging.WARNING)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _layout_problems(templates: TemplateSet, context: ReportContext, html: str) -> list[str]:
    """WeasyPrint's layout of the HTML: its logged CSS, image and font problems, and refused addresses."""
    from weasyprint import HTML

    guard = resource_guard(templates, context.logo)
    with _weasyprint_log() as records:
        HTML(string=html, base_url=str(templates.folder) + "/", url_fetcher=guard).render()
    problems = guard.problems()
    for record in records:
        message = record.getMessage()
        if not any(url in message for url in guard.refused):
            problems.append(_weasyprint_problem(templates, message))
    return problems


def _weasyprint_problem(templates: TemplateSet, message: str) -> str:
    """A WeasyPrint log message with the template line it comes from, when that can be found."""
    main = display_path(templates.find(TEMPLATE_FILES["pdf"]))
    if found := IGNORED.match(message):
        name, value, reason = found.groups()
        where = find_in_templates(templates, re.compile(rf"(?<![\w-]){re.escape(name)}\s*:")) or main
        return f"{where}: WeasyPrint ignored `{name}: {value}` ({reason}); correct or remove the declaration"
    if found := FAILED_LOAD.match(message):
        kind, url, reason = found.groups()
        where = find_in_templates(templates, url.rstrip("/").rsplit("/", 1)[-1]) or main
        cause = re.search(r"\[Errno \d+\] ([^:'>]+)", reason)
        reason = cause[1].strip() if cause else re.sub(r"^\w+: ", "", reason.strip()) or "no reason given"
        return (f"{where}: the {kind} {url!r} could not be loaded ({reason}); "
                "check the file name and that the file is in the template set's folder")
    if found := FONT_FACE.match(message):
        where = find_in_templates(templates, found[1]) or main
        return f"{where}: the font of @font-face {found[1]!r} could not be loaded; check its src: file in the set"
    return f"{main}: WeasyPrint: {message}"


# ------------------------------------------------------------------ fonts


@functools.cache
def _font_match(name: str) -> str:
    done = subprocess.run(["fc-match", "-f", "%{family}", name], capture_output=True, text=True, check=False)
    return done.stdout.strip()


def font_installed(name: str) -> bool:
    """True when fontconfig finds the font itself or a font it stands in for (Arial → Liberation Sans)."""
    found = _font_match(name)
    families = [family.strip().casefold() for family in found.split(",")]
    return name.casefold() in families or found != _font_match("iisg-no-such-font")


def _font_problems(templates: TemplateSet, context: ReportContext) -> list[str]:
    """Font lists of branding.font_family and of the set's CSS of which no named font is installed."""
    if shutil.which("fc-match") is None:
        return []
    problems = []
    names = font_names(context.style.font_family)
    if names and not any(font_installed(n) for n in names):
        problems.append(f"config.yaml: branding.font_family: {_missing_fonts(names)}, so the PDF uses "
                        f"{_font_match(names[0])!r}; install it or name an installed font")
    for path in sorted(templates.folder.rglob("*")):
        if path.suffix not in (".css", ".j2", ".html") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        declared = {name.strip().strip("'\"").casefold() for name in FONT_FACE_NAME.findall(text)}
        for number, line in enumerate(text.splitlines(), 1):
            for value in CSS_FONT.findall(line):
                listed = font_names(value) if "var(" not in value and "{" not in value else []
                if listed and not any(n.casefold() in declared or font_installed(n) for n in listed):
                    problems.append(f"{display_path(path)}:{number}: {_missing_fonts(listed)}; install it, "
                                    "add it with @font-face, or name an installed font")
    return problems


def _missing_fonts(names: list[str]) -> str:
    if len(names) == 1:
        return f"the font {names[0]!r} is not installed on this computer"
    return f"none of the fonts {', '.join(repr(n) for n in names)} is installed on this computer"


# ------------------------------------------------------------------ DOCX


def _words(xml_line: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", xml_line).split())[:80]


def _near(source: str, part: str, xml: str, line: int | None) -> str:
    """The Word part and the words of the paragraph at a line of its template text."""
    lines = xml.splitlines()
    text = lines[line - 1] if line and 0 < line <= len(lines) else ""
    words = _words(text.split("</w:p>", 1)[0]) or _words(text)
    return f'{source} ({part}, near "{words}")' if words else f"{source} ({part})"


def _docx_parts(document: Any) -> list[tuple[str, str, str]]:
    """(part name, raw XML, patched XML) of the body, headers, footers and footnotes, as docxtpl renders them."""
    parts = [("word/document.xml", document.get_xml(), document.patch_xml(document.get_xml()))]
    for uri in (document.HEADER_URI, document.FOOTER_URI):
        for _, part in document.get_headers_footers(uri):
            raw = document.get_part_xml(part)
            parts.append((str(part.partname).lstrip("/"), raw, document.patch_xml(raw)))
    for part in document.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            raw = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            parts.append((str(part.partname).lstrip("/"), raw, document.patch_xml(raw)))
    return [(name, raw, re.sub(r"<w:p([ >])", r"\n<w:p\1", patched)) for name, raw, patched in parts]


def _tag_misuse(source: str, part: str, raw: str) -> list[str]:
    """docxtpl tags that lose words: a {%p %} or {%tr %} tag must be alone in its paragraph or table row."""
    problems = []
    for kind, pattern in (("p", r"<w:p[ >].*?</w:p>"), ("tr", r"<w:tr[ >].*?</w:tr>")):
        for element in re.finditer(pattern, raw, re.S):
            text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", element.group(0)))
            tags = re.findall(r"\{%-?\s*" + kind + r"\s.*?%\}", text)
            rest = re.sub(r"\{%-?\s*" + kind + r"\s.*?%\}", "", text).strip()
            if len(tags) > 1 or (tags and rest):
                lost = f'the words "{rest[:60]}" beside it are' if rest and len(tags) == 1 else "the other tags are"
                problems.append(f'{source} ({part}, near "{text[:80]}"): docxtpl replaces the whole '
                                f"{DOCX_TAGS[kind]} holding {tags[0]!r}, so {lost} lost; put each "
                                f"{{%{kind} %}} tag in a {DOCX_TAGS[kind]} of its own")
    return problems


def _compile_part(environment: "SandboxedEnvironment", source: str, part: str,
                  xml: str) -> tuple[Any, str, list[str]]:
    """Compile a Word part; a paragraph with a syntax error loses its tags and compiling goes on, so every
    error is found. The template (None when it cannot be repaired), the XML it was compiled from, the errors."""
    from jinja2 import TemplateSyntaxError

    lines, problems = xml.split("\n"), []
    for repairs in range(MAX_REPAIRS):
        text = "\n".join(lines)
        try:
            return environment.from_string(text), text, problems
        except TemplateSyntaxError as exc:
            unclosed = UNCLOSED.search(exc.message or "")
            if not (repairs and AFTER_REPAIR.match(exc.message or "")):
                where = f"{source} ({part})" if unclosed else _near(source, part, text, exc.lineno)
                problems.append(str(template_failure(exc, where)))
            if unclosed:
                lines.append(f"{{% end{unclosed[1]} %}}")
                continue
            line = exc.lineno or 0
            if not 0 < line <= len(lines) or not JINJA_TAG.search(lines[line - 1]):
                break
            lines[line - 1] = JINJA_TAG.sub("", lines[line - 1])
    return None, "\n".join(lines), problems


def _docx_part_problems(environment: "SandboxedEnvironment", notes: list[Note], source: str, part: str, xml: str,
                        values: dict[str, Any]) -> list[str]:
    """One Word part compiled and rendered with every missing name noted, then its XML parsed."""
    from lxml import etree

    template, xml, problems = _compile_part(environment, source, part, xml)
    if template is None:
        return problems
    start = len(notes)
    try:
        rendered = template.render(values)
    except Exception as exc:  # noqa: BLE001 - a template can make any Python operation fail
        line = next((f.lineno for f in reversed(traceback.extract_tb(exc.__traceback__)) if f.filename == "<template>"),
                    getattr(exc, "lineno", None))
        where = _near(source, part, xml, line)
        return problems + _docx_notes(notes[start:], source, part, xml) + [str(template_failure(exc, where))]
    problems += _docx_notes(notes[start:], source, part, xml)
    if problems:
        return problems
    try:
        etree.fromstring(re.sub(r"\n<w:p([ >])", r"<w:p\1", rendered).encode("utf-8"),
                         parser=etree.XMLParser(huge_tree=True))
    except etree.XMLSyntaxError as exc:
        problems.append(f"{source} ({part}): the rendered Word XML is broken ({exc.msg}); a {{% … %}} tag opens in "
                        "one paragraph, row or cell and closes in another: put block tags as {%p … %} or "
                        "{%tr … %} in paragraphs or rows of their own")
    return problems


def _docx_notes(notes: list[Note], source: str, part: str, xml: str) -> list[str]:
    return [describe_failure(_near(source, part, xml, line), message, unsafe) for _, line, message, unsafe in notes]


def _docx_problems(templates: TemplateSet, context: ReportContext) -> list[str]:
    """The Word template's parts checked one by one; when they are sound, a real render."""
    from docxtpl import DocxTemplate

    from .docx import render_docx

    path = templates.find(TEMPLATE_FILES["docx"])
    source = display_path(path)
    try:
        document = DocxTemplate(str(path))
        document.init_docx()
        parts = _docx_parts(document)
    except Exception as exc:  # noqa: BLE001 - python-docx and zipfile report a damaged file with their own errors
        return [f"{source}: not a usable Word template ({exc}); save it from Word as .docx"]
    notes: list[Note] = []
    environment = make_environment(templates, undefined=collecting_undefined(notes))
    values = {**context.template_vars(), "chart_images": {c.key: f"[{c.title}]" for c in context.charts},
              "logo_image": "[logo]" if context.logo else ""}
    problems = []
    for part, raw, xml in parts:
        problems += _tag_misuse(source, part, raw)
        problems += _docx_part_problems(environment, notes, source, part, xml, values)
    core = document.docx.core_properties
    for name in PROPERTIES:
        text = getattr(core, name) or ""
        if "{" in text:
            problems += _docx_part_problems(environment, notes, source, f"document property {name}", text, values)
    if problems:
        return problems
    with tempfile.TemporaryDirectory(prefix="iisg-check-") as folder:
        try:
            render_docx(context, templates, Path(folder) / "check.docx")
        except TemplateError as exc:
            return [str(exc)]
        except Exception as exc:  # noqa: BLE001 - python-docx reports unusable pictures with its own errors
            return [f"{source}: the Word file could not be written ({type(exc).__name__}: {exc})"]
    return []
