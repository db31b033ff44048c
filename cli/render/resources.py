"""What WeasyPrint may read while it lays out a report: data: URLs, the template set's files and the logo."""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..errors import TemplateError
from .templates import TemplateSet, display_path

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher


def find_in_templates(templates: TemplateSet, snippet: str | re.Pattern[str]) -> str | None:
    """The first "file:line" of the set's (then the default set's) template and style files holding snippet."""
    if not snippet:
        return None
    pattern = snippet if isinstance(snippet, re.Pattern) else re.compile(re.escape(snippet))
    for folder in (templates.folder, templates.default):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".j2", ".html", ".css") or not path.is_file():
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
                if pattern.search(line):
                    return f"{display_path(path)}:{number}"
    return None


def _refusals(templates: TemplateSet, urls: list[str]) -> list[str]:
    """One message per refused address, in the order of the template lines that ask for them."""
    found = []
    for url in urls:
        parts = urlsplit(url)
        snippet = url if parts.scheme != "file" else Path(url2pathname(parts.path)).name
        where = find_in_templates(templates, snippet) or display_path(templates.find("report.html.j2"))
        path, _, line = where.partition(":")
        found.append(((path, int(line or 0)), where, url if len(url) <= 90 else url[:87] + "..."))
    return [f"{where}: the template asks for {shown!r}, outside the template set; use a file in "
            f"{display_path(templates.folder)} or a data: URL (the logo is set by branding.logo in config.yaml)"
            for _, where, shown in sorted(found)]


def resource_guard(templates: TemplateSet, logo: str = "") -> "URLFetcher":
    """A WeasyPrint URL fetcher that reads only data: URLs, files of the set or the default set, and the logo.

    Anything else is refused before it is opened, and remembered: `raise_refused()` then raises one
    TemplateError naming where the template asks for it.
    """
    from weasyprint.urls import URLFetcher

    roots = [templates.folder.resolve(), templates.default.resolve()]
    allowed = {Path(logo).resolve()} if logo else set()

    class Guard(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)
            self.refused: list[str] = []

        def permits(self, url: str) -> bool:
            """True for data: URLs and for files inside the template sets or the logo itself."""
            parts = urlsplit(url)
            if parts.scheme == "data":
                return True
            if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
                return False
            path = Path(url2pathname(parts.path)).resolve()
            return path in allowed or any(path.is_relative_to(root) for root in roots)

        def fetch(self, url: str, headers: Any = None) -> Any:
            """Open url when permitted; otherwise remember it and refuse."""
            if not self.permits(url):
                if url not in self.refused:
                    self.refused.append(url)
                raise ValueError(f"{url!r} is outside the template set")
            return super().fetch(url, headers)

        def problems(self) -> list[str]:
            """One message per refused address, naming the template line that asks for it."""
            return _refusals(templates, self.refused)

        def raise_refused(self) -> None:
            """Raise a TemplateError when the layout asked for anything outside the template set."""
            if self.refused:
                raise TemplateError("\n".join(self.problems()))

    return Guard()
