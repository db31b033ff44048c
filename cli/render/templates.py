"""Template sets: where they are found, the sandboxed Jinja environment both renderers share, and set management."""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import functools
import os
import re
import shutil
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import TemplateError

if TYPE_CHECKING:
    from jinja2 import BaseLoader, Template, Undefined
    from jinja2.sandbox import SandboxedEnvironment

    from ..config import Config

SHIPPED = "default"
TEMPLATE_FILES = {"pdf": "report.html.j2", "docx": "report.docx"}
SET_FILES = ("report.html.j2", "report.css", "report.docx")
README = "README.md"
SET_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
# Objects of these top-level modules are the only ones whose attributes a template may read.
READABLE_MODULES = frozenset({"builtins", "cli", "jinja2", "markupsafe"})
UNKNOWN_NAME_HINT = "fix the template or use a name listed in docs/templates.md"
UNSAFE_HINT = "templates may only read the report's names (docs/templates.md); remove this expression"
RENDERER_NAMES = ("chart_images", "logo_url", "logo_image")
DOCX_TAGS = {"tr": "table row", "tc": "table cell", "p": "paragraph", "r": "run"}


@dataclass(frozen=True)
class TemplateSet:
    """The chosen template folder, searched first, and the shipped default folder behind it."""

    name: str
    folder: Path
    default: Path

    def find(self, filename: str) -> Path:
        """The chosen set's file, else the default set's."""
        for folder in (self.folder, self.default):
            if (folder / filename).is_file():
                return folder / filename
        raise TemplateError(
            f"{self.folder}: no {filename} here or in the default set; add one or pick another --template"
        )


@dataclass(frozen=True)
class TemplateSetInfo:
    """A template set as `iisg templates list` shows it."""

    name: str
    folder: Path
    shipped: bool
    files: list[str]
    inherited: list[str]
    profiles: list[str] = field(default_factory=list)


def shipped_folder() -> Path:
    """The folder holding the shipped template sets (report_templates/)."""
    try:
        from importlib.resources import files

        found = Path(str(files("cli.report_templates")))
        if (found / SHIPPED).is_dir():
            return found
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "report_templates"


def display_path(path: Path | str) -> str:
    """A path as messages show it: relative to the working folder when inside it."""
    try:
        return os.path.relpath(path) if Path(path).resolve().is_relative_to(Path.cwd().resolve()) else str(path)
    except (OSError, ValueError):
        return str(path)


def resolve_template_set(template: str, config_root: Path | None) -> TemplateSet:
    """Find a template set by folder path or by name (beside config.yaml in report_templates/, then shipped)."""
    shipped = shipped_folder()
    default = shipped / SHIPPED
    candidates: list[Path] = []
    as_path = Path(template).expanduser()
    if as_path.is_absolute() or "/" in template or template.startswith("."):
        candidates.append(as_path if as_path.is_absolute() else (Path.cwd() / as_path))
    else:
        if config_root is not None:
            candidates.append(config_root / "report_templates" / template)
        candidates.append(shipped / template)
    for folder in candidates:
        if folder.is_dir():
            return TemplateSet(template, folder.resolve(), default)
    names = sorted({p.name for base in {shipped, *(c.parent for c in candidates)} if base.is_dir()
                    for p in base.iterdir() if _is_set_folder(p)})
    tried = ", ".join(str(c) for c in candidates)
    raise TemplateError(
        f"template {template!r} not found (looked in {tried}); give a folder path or one of: {', '.join(names)}"
    )


def _is_set_folder(path: Path) -> bool:
    return path.is_dir() and not path.name.startswith(("_", "."))


def _set_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith("."))


def list_template_sets(config: "Config") -> list[TemplateSetInfo]:
    """The shipped set, then the user's sets beside config.yaml and those the profiles name by folder."""
    shipped = shipped_folder()
    folders: dict[Path, str] = {(shipped / SHIPPED).resolve(): SHIPPED}
    user_root = config.root / "report_templates"
    if user_root.is_dir():
        folders.update({p.resolve(): p.name for p in sorted(user_root.iterdir()) if _is_set_folder(p)})
    users: dict[Path, list[str]] = {}
    for profile, settings in config["profiles"].items():
        name = str(settings.get("template") or SHIPPED)
        try:
            chosen = resolve_template_set(name, config.root)
        except TemplateError:
            continue
        folders.setdefault(chosen.folder, name)
        users.setdefault(chosen.folder, []).append(profile)
    infos = []
    for folder, name in folders.items():
        files = _set_files(folder)
        is_shipped = folder == (shipped / SHIPPED).resolve()
        infos.append(TemplateSetInfo(name, folder, is_shipped, files,
                                     [] if is_shipped else [f for f in SET_FILES if f not in files],
                                     users.get(folder, [])))
    return infos


def init_template_set(name: str, source: str, config: "Config") -> tuple[Path, list[str]]:
    """Copy the set `source` into report_templates/NAME beside config.yaml with a README; the folder and its files."""
    if not SET_NAME.match(name) or ".." in name:
        raise TemplateError(f"template set name {name!r}: use letters, digits, '-', '_' and '.' only "
                            "(no '/' and no '..'), e.g. board-2023")
    if name == SHIPPED:
        raise TemplateError(f"{name!r} is the shipped set's name; choose another name for your set")
    origin = resolve_template_set(source, config.root)
    target = config.root / "report_templates" / name
    if target.exists():
        raise TemplateError(f"{display_path(target)} already exists; choose another name, or delete or rename "
                            "that folder first (nothing was changed)")
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(origin.folder, target, ignore=shutil.ignore_patterns(README, "__pycache__", ".*"))
    (target / README).write_text(_readme(name, source), encoding="utf-8")
    return target, _set_files(target)


def _readme(name: str, source: str) -> str:
    return f"""# Template set `{name}`

Copied from the `{source}` set. Edit the files here; they are used by

    iisg report --period 2022-Q1 --template {name}

or, for every report of a profile, by `template: {name}` under that profile in config.yaml.

- `report.html.j2` and `report.css` make the PDF; `report.docx` (a Word file with Jinja tags) makes
  the DOCX. Delete any file you do not change: the `default` set's file is used instead.
- To change one part of the PDF only, keep `report.html.j2` to a few lines:

      {{% extends "default/report.html.j2" %}}
      {{% block summary %}}{{{{ super() }}}}<p>Prepared for the Governing Board.</p>{{% endblock %}}

- To add rules to the default style, start `report.css` with `{{% include "default/report.css" %}}`.
- Logo, colours, fonts, the EU funding line, the disclaimer and the Kosovo* footnote are set under
  `branding` in config.yaml, not here.
- Images and fonts must sit in this folder (or be `data:` URLs); nothing else is read.

Check the set after every change; it renders both formats against a sample report and lists every
problem with its file and line:

    iisg templates check {name}

Every name and filter a template can use is listed in docs/templates.md.
"""


def _readable(obj: Any) -> bool:
    return type(obj).__module__.split(".")[0] in READABLE_MODULES


def eu_date(value: object, end: object = None) -> str:
    """A register date (YYYY, YYYY-MM, YYYY-MM-DD or a date) as readers write it; with end, the range."""
    from ..report.periods import format_dates

    def text(item: object) -> str | None:
        return item.isoformat() if isinstance(item, dt.date) else (None if item is None else str(item))

    return format_dates(text(value), text(end))


def country(code: object) -> str:
    """The English name of an ISO country code, Kosovo as "Kosovo*"; other text unchanged."""
    from ..countries import country_name

    text = str(code)
    return country_name(text) if re.fullmatch(r"[A-Za-z]{2}", text) else text


def join_and(items: Iterable[object], last: str = " and ") -> str:
    """["A", "B", "C"] as "A, B and C"."""
    names = [str(item) for item in items]
    return last.join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


FILTERS = {"eu_date": eu_date, "country": country, "join_and": join_and}


def _loader(folder: Path) -> "BaseLoader":
    """A file loader that refuses files whose real path lies outside its folder (symbolic links)."""
    from jinja2 import FileSystemLoader, TemplateNotFound

    root = folder.resolve()

    class Loader(FileSystemLoader):
        def get_source(self, environment, template):  # noqa: ANN001, ANN202 - Jinja's signature
            source, filename, uptodate = super().get_source(environment, template)
            if not Path(filename).resolve().is_relative_to(root):
                raise TemplateNotFound(template)
            return source, filename, uptodate

    return Loader(str(folder))


def _public_names(obj: Any) -> list[str]:
    kind = type(obj)
    return [f.name for f in dataclasses.fields(kind)] + [n for n, v in vars(kind).items() if isinstance(v, property)]


def explain_undefined(undefined: "Undefined") -> str:
    """What a template asked for that does not exist, with the closest existing name when there is one."""
    from jinja2 import Undefined
    from jinja2.utils import missing

    from ..report.context import ReportContext

    plain = Undefined._undefined_message.fget(undefined)  # type: ignore[attr-defined]
    hint, obj, name = undefined._undefined_hint, undefined._undefined_obj, undefined._undefined_name
    if hint or not isinstance(name, str):
        return plain
    if obj is missing:
        known, text = [*ReportContext.__dataclass_fields__, *RENDERER_NAMES], f"{name!r} is undefined"
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        known, text = _public_names(obj), f"{type(obj).__name__} has no attribute {name!r}"
    else:
        return plain
    close = difflib.get_close_matches(name, known, n=1)
    return f"{text} (did you mean {close[0]!r}?)" if close else text


@functools.cache
def report_undefined() -> "type[Undefined]":
    """Jinja's StrictUndefined with messages in the report's terms: "FrontSheet has no attribute 'titel'"."""
    from jinja2 import StrictUndefined

    class ReportUndefined(StrictUndefined):
        __slots__ = ()

        @property
        def _undefined_message(self) -> str:
            return explain_undefined(self)

    return ReportUndefined


def make_environment(templates: TemplateSet, *, undefined: "type[Undefined] | None" = None) -> "SandboxedEnvironment":
    """Sandboxed, autoescaping, strict Jinja: the chosen set first, the shipped set also as default/…."""
    from jinja2 import ChoiceLoader, PrefixLoader
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class Sandbox(ImmutableSandboxedEnvironment):
        """No underscore attributes, no changes to lists and dicts, and attributes of report data only."""

        _verdicts: dict[tuple[type, str], bool] = {}

        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # The verdict depends only on the object's type and the name (Jinja's checks and ours), so it is
            # remembered: a large report reads the same few attributes thousands of times.
            key = (type(obj), attr)
            verdict = self._verdicts.get(key)
            if verdict is None:
                verdict = self._verdicts[key] = super().is_safe_attribute(obj, attr, value) and _readable(obj)
            return verdict

    environment = Sandbox(
        loader=ChoiceLoader([
            _loader(templates.folder),
            PrefixLoader({"default": _loader(templates.default)}),
            _loader(templates.default),
        ]),
        autoescape=True,
        undefined=undefined or report_undefined(),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(FILTERS)
    return environment


def compiled(environment: "SandboxedEnvironment", source: str) -> "Template":
    """environment.from_string(source), with the compiled code kept in the user's cache folder.

    Compiling the Word template's main part takes Jinja about a tenth of a second, a tenth of the time a
    long report takes to render, and it gives the same code each time for the same source. The code is
    kept under a name made from everything it depends on (the source, the environment's settings and
    filters, the Jinja and Python versions), so an edited template is compiled afresh. A missing,
    unreadable or unwritable cache only means compiling as before. IISG_CACHE_DIR overrides the folder.
    """
    import importlib.util
    import marshal

    import jinja2

    env = environment
    settings = (jinja2.__version__, importlib.util.MAGIC_NUMBER.hex(), type(env).__mro__[1].__qualname__,
                env.sandboxed, repr(env.autoescape), env.optimized, env.trim_blocks, env.lstrip_blocks,
                env.keep_trailing_newline, env.newline_sequence, env.block_start_string, env.block_end_string,
                env.variable_start_string, env.variable_end_string, env.comment_start_string,
                env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.finalize is None,
                sorted(env.extensions), sorted(env.filters), sorted(env.tests))
    code = cached("jinja", repr(settings).encode("utf-8") + b"\0" + source.encode("utf-8"),
                  lambda: env.compile(source), marshal.dumps, marshal.loads)
    return env.template_class.from_code(env, code, env.make_globals(None), None)


def cached(kind: str, key: bytes, make: "Callable[[], Any]", dump: "Callable[[Any], bytes]",
           load: "Callable[[bytes], Any]") -> Any:
    """make(), kept in the cache folder under a name made from kind and key (everything the value depends
    on); a missing, damaged, unreadable or unwritable cache only means making it again."""
    import hashlib

    path = _cache_folder() / f"{hashlib.sha256(key).hexdigest()}.{kind}"
    try:
        return load(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, UnicodeDecodeError):
        pass
    value = make()
    try:
        from ..register import write_atomic

        write_atomic(path, dump(value), durable=False)
    except (OSError, ValueError):
        pass
    return value


def _cache_folder() -> Path:
    """Where compiled templates are kept: IISG_CACHE_DIR, else the XDG cache folder's iisg/templates."""
    if os.environ.get("IISG_CACHE_DIR"):
        return Path(os.environ["IISG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "iisg" / "templates"


def describe_syntax(message: str) -> str:
    """A Jinja syntax error and its fix; docxtpl's {%p %}, {%tr %}, {%tc %} and {%r %} tags explained."""
    found = re.match(r"Encountered unknown tag '(tr|tc|p|r)'", message)
    if not found:
        return f"{message.rstrip('.')}; fix the template"
    return (f"{{%{found[1]} … %}} is a docxtpl tag and only works alone in its {DOCX_TAGS[found[1]]}, written "
            "without a space after {% ({%p %} in a paragraph, {%tr %} in a table row, {%tc %} in a table cell, "
            "{%r %} in a run); in HTML use {% if %} and {% for %}")


def describe_failure(where: str, message: str, unsafe: bool = False) -> str:
    """The text of a template error: place, what went wrong, and the fix."""
    return f"{where}: {message.rstrip('.')}; {UNSAFE_HINT if unsafe else UNKNOWN_NAME_HINT}"


def template_failure(exc: Exception, where: str) -> TemplateError:
    """A TemplateError naming the template file and line for a Jinja error raised while rendering."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError

    if isinstance(exc, TemplateSyntaxError):
        place = f"{display_path(exc.filename)}:{exc.lineno}" if exc.filename else where
        return TemplateError(f"{place}: {describe_syntax(exc.message or str(exc))}")
    line = next((f"{display_path(frame.filename)}:{frame.lineno}"
                 for frame in reversed(traceback.extract_tb(exc.__traceback__))
                 if frame.filename.endswith((".j2", ".html", ".css"))), where)
    if isinstance(exc, TemplateNotFound):
        return TemplateError(f"{line}: no template {exc.name!r} in the template set or the default set (templates "
                             "are read from these two folders only); fix the name")
    return TemplateError(describe_failure(line, str(exc), isinstance(exc, SecurityError)))
