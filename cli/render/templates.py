"""Template sets: where they are found, and the sandboxed Jinja environment both renderers share."""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import TemplateError

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

SHIPPED = "default"
TEMPLATE_FILES = {"pdf": "report.html.j2", "docx": "report.docx"}


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
                    for p in base.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))})
    tried = ", ".join(str(c) for c in candidates)
    raise TemplateError(
        f"template {template!r} not found (looked in {tried}); give a folder path or one of: {', '.join(names)}"
    )


def make_environment(templates: TemplateSet) -> "SandboxedEnvironment":
    """Sandboxed, autoescaping, strict Jinja: the chosen set first, the shipped set also as default/…."""
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loader = ChoiceLoader([
        FileSystemLoader(str(templates.folder)),
        PrefixLoader({"default": FileSystemLoader(str(templates.default))}),
        FileSystemLoader(str(templates.default)),
    ])
    return SandboxedEnvironment(
        loader=loader,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template_failure(exc: Exception, where: str) -> TemplateError:
    """A TemplateError naming the template file and line for a Jinja error raised while rendering."""
    from jinja2 import TemplateSyntaxError

    if isinstance(exc, TemplateSyntaxError):
        name = exc.filename or exc.name or where
        return TemplateError(f"{name}:{exc.lineno}: {exc.message}; fix the template")
    line = next((f"{frame.filename}:{frame.lineno}" for frame in reversed(traceback.extract_tb(exc.__traceback__))
                 if frame.filename.endswith((".j2", ".html", ".css"))), where)
    return TemplateError(f"{line}: {exc}; fix the template or use a name listed in docs/templates.md")
