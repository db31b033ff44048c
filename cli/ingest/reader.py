"""Find input files and decode them into clean text lines (txt, md, html)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_BYTES = 20 * 1024 * 1024
# Characters XML 1.0 forbids (they would corrupt the DOCX and the register).
_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])  # control bytes that text does not hold
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass
class Source:
    """Decoded text of one input file, as lines, with what was noticed on the way."""

    path: Path
    name: str
    lines: list[str]
    warnings: list[str] = field(default_factory=list)
    heading_lines: set[int] = field(default_factory=set)
    site: str = ""  # a web page's site name or title: whose news the page is


@dataclass
class Problem:
    """An input that could not be used, or was used with a caveat."""

    path: str
    message: str
    fatal: bool = True


def find_inputs(paths: list[Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into input files (sorted); report missing or empty paths."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if not path.exists():
            problems.append(Problem(str(path), "no such file or folder; check the path"))
        elif path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                problems.append(Problem(str(path), f"folder holds no readable posts ({', '.join(SUFFIXES)})"))
            found.extend(files)
        else:
            found.append(path)
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, problems


def decode(path: Path, data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), else cp1252 with a warning."""
    warnings: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        warnings.append(f"not UTF-8 (byte {exc.start}); read as cp1252 — save the file as UTF-8 to be sure")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _XML_FORBIDDEN.search(text):
        text = _XML_FORBIDDEN.sub("", text)
        warnings.append("control characters that XML forbids were removed")
    return text, warnings


def looks_binary(data: bytes) -> bool:
    """True for data that is not text (NUL bytes or many control bytes)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > 0.05


class _HTMLText(HTMLParser):
    """Collect the visible text of an HTML page as blocks; headings kept apart."""

    BLOCKS = {"p", "div", "li", "br", "tr", "section", "article", "header", "footer", "blockquote", "dl", "dt", "dd"}
    HEADINGS = {"h1", "h2", "h3", "h4"}
    SKIP = {"script", "style", "noscript", "template", "nav", "head"}
    # Page furniture: a site's header, footer, sidebars, menus and cookie notices are not news.
    FURNITURE_TAGS = {"aside", "form", "menu"}
    PAGE_ONLY = {"header", "footer"}  # furniture outside an <article>, the post's own header inside one
    # 'widget' only opens a class name ('widget widget_recent_entries'): page builders call every block
    # 'elementor-widget-…', the post's text among them
    FURNITURE = re.compile(r"(?:(?:^|[\s_-])(nav|navbar|navigation|menu|sidebar|footer|cookies?|consent|breadcrumbs?|"
                           r"share|social|banner|contentinfo|complementary|related|relatedposts|comments?|archive-(?:description|title|header))"
                           r"|(?:^|\s)widget)(?:$|[\s_-])"
                           r"|(?-i:(?<=[a-z])(?:Footer|Preheader|Sidebar)(?=$|[\s_A-Z-]))", re.I)  # 'templateFooter'

    POST_ID = re.compile(r"(?:^|\s)postid-(\d+)(?:$|\s)")  # <body> of a WordPress page showing one post
    STRUCTURE = {"html", "body", "main", "article"}  # their classes describe the layout ('ast-right-sidebar')
    # A news list's title or date in an inline element ('<a class="news-title">', '<span class="date">'):
    # a title is a heading of its own, a date a line of its own.
    TITLE_CLASS = re.compile(r"(?:^|[\s_-])(?:title|headline)(?:$|[\s_])", re.I)
    DATE_CLASS = re.compile(r"(?:^|[\s_-])(?:date|time|posted-on)(?:$|[\s_-])", re.I)
    # an e-mail newsletter's titles: inline text set large and bold ('font-size:19px;font-weight:bold')
    BOLD = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
    SIZE = re.compile(r"font-size\s*:\s*(\d+)(?:\.\d+)?px", re.I)
    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "area", "base", "col", "embed", "param", "track"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        self._buf: list[str] = []
        self._skip = 0
        self._heading = False
        self._hidden: str | None = None  # the furniture element being passed over, and how deep in it
        self._hidden_depth = 0
        self._article = 0
        self._own_line: list[tuple[str, bool]] = []  # open elements set on a line of their own (tag, heading)
        self.site = ""  # og:site_name, else the page's <title>
        self._post_id: str | None = None  # the one post a WordPress single-post page shows
        self._title: list[str] | None = None

    def _flush(self) -> None:
        text = " ".join("".join(self._buf).split())
        if text:
            self.blocks.append((text, self._heading))
        self._buf = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._hidden is not None:
            self._hidden_depth += tag == self._hidden
            return
        if tag == "title":
            self._title = []
        values = dict(attrs)
        if tag == "meta" and values.get("property") == "og:site_name":
            self.site = " ".join(str(values.get("content") or "").split()) or self.site
        marker = " ".join(str(v) for k, v in attrs if k in ("class", "id", "role") and v)
        post_id = self.POST_ID.search(marker) if tag == "body" else None
        if post_id:
            self._post_id = post_id.group(1)
        other_post = (tag == "article" and self._post_id is not None  # a card of another post ('You may also like')
                      and not re.search(rf"(?:^|[\s-])post-{self._post_id}(?:$|\s)", marker))
        if tag not in self.VOID and (tag in self.FURNITURE_TAGS or (tag in self.PAGE_ONLY and not self._article)
                                     or other_post or (self.FURNITURE.search(marker) and tag not in self.HEADINGS
                                                       and tag not in self.STRUCTURE)):
            self._flush()
            self._hidden, self._hidden_depth = tag, 1
            return
        self._article += tag == "article"
        style = str(values.get("style") or "")
        big_bold = bool(self.BOLD.search(style)) and int((self.SIZE.search(style) or [0, 0])[1]) >= 17
        if tag not in self.VOID and tag not in self.HEADINGS and not self._heading and (marker or big_bold) and (
                big_bold or self.TITLE_CLASS.search(marker) or self.DATE_CLASS.search(marker)):
            self._flush()
            is_title = big_bold or bool(self.TITLE_CLASS.search(marker))
            self._own_line.append((tag, is_title))
            self._heading = is_title
            return
        if self._own_line and tag == self._own_line[-1][0]:
            self._own_line.append((tag, self._own_line[-1][1]))  # the same tag nested inside: close it in turn
            return
        if tag in self.SKIP:
            self._skip += 1
        elif tag in self.HEADINGS:
            self._flush()
            self._heading = True
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title is not None:
            self.site = self.site or " ".join("".join(self._title).split())
            self._title = None
        if self._hidden is not None:
            if tag == self._hidden:
                self._hidden_depth -= 1
                if not self._hidden_depth:
                    self._hidden = None
            return
        if self._own_line and tag == self._own_line[-1][0]:
            self._own_line.pop()
            if not self._own_line or self._own_line[-1][0] != tag:
                self._flush()
                self._heading = False
            return
        if tag == "article":
            self._article = max(0, self._article - 1)
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self.HEADINGS:
            self._flush()
            self._heading = False
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._title is not None:
            self._title.append(data)
        if not self._skip and self._hidden is None:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_lines(text: str) -> tuple[list[str], set[int], str]:
    """Visible text of an HTML page as lines (blank line between blocks), the heading line numbers and the
    site's name (og:site_name, else the page title)."""
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    lines: list[str] = []
    headings: set[int] = set()
    for block, is_heading in parser.blocks:
        if is_heading:
            headings.add(len(lines))
        lines.extend([block, ""])
    return lines, headings, html.unescape(parser.site)


_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_UNDERLINE = re.compile(r"^\s{0,3}(=+|-+)\s*$")  # 'Title' over '=====' (level 1) or '-----' (level 2)
_MD_INLINE = re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.S)  # Hugo/Jekyll front matter
_FRONT_FIELD = re.compile(r"^(title|date):[ \t]*(.+?)[ \t]*$", re.M)
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_LIST_MARK = re.compile(r"^\s*(\d+[.)]|[-•*+])\s")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# pictographs: emoji and the symbols social posts use as bullets and labels ('✅', '📍', '🗓️')
PICTOGRAPH = "\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff"
_MD_BOLD_LINE = re.compile(rf"^\s{{0,3}}(?:\d{{1,2}}[.)]\s+)?(\*\*|__)[^*_\s][^*]*?[^*_\s]\1[\s\ufe0f{PICTOGRAPH}]*$")


def markdown_to_lines(text: str) -> tuple[list[str], set[int]]:
    """Markdown to plain lines: headings marked, emphasis and links reduced to their text.

    A newsletter or a page often has one top-level heading (its own title, with an introduction under
    it) over the posts' lower-level headings: that heading is not a post, and what it introduces comes
    before the first post."""
    front = _FRONT_MATTER.match(text)
    if front:  # a static-site post: one post, titled and dated by its front matter
        fields = dict(_FRONT_FIELD.findall(front.group(1)))
        title = fields.get("title", "").strip().strip("\"'")
        if title:
            body, _ = markdown_to_lines(text[front.end():])
            date = fields.get("date", "").strip().strip("\"'")[:10]
            return [title, "", date, ""] + body, {0}
    lines: list[str] = []
    levels: dict[int, int] = {}
    bold: list[int] = []  # lines set wholly in bold ('**Study visit to Aarhus** 🇩🇰', '1. **Workshop on …**')
    numbered: set[int] = set()  # '1. **Title**' items, whose text may follow on the next line
    for raw in text.split("\n"):
        if _MD_BOLD_LINE.match(raw):
            bold.append(len(lines))
        match = _MD_HEADING.match(raw)
        underline = _MD_UNDERLINE.match(raw) if len(raw.strip()) >= 3 else None
        if underline and lines and lines[-1].strip() and len(lines) - 1 not in levels \
                and not _LIST_MARK.match(lines[-1]):
            levels[len(lines) - 1] = 1 if underline.group(1)[0] == "=" else 2
            lines.append("")
            continue
        line = match.group(2) if match else raw
        if bold and bold[-1] == len(lines) and re.match(r"\s*\d{1,2}[.)]\s", line):
            line = re.sub(r"^\s*\d{1,2}[.)]\s+", "", line)  # '1. **Title**': the item's number is not the title's
            numbered.add(len(lines))
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_INLINE.sub(r"\2", line)
        if match:
            levels[len(lines)] = len(match.group(1))
        lines.append(line)
    # Posts titled by a line in bold, under at most the document's own heading: those lines are their headings.
    alone = [i for i in bold if i not in levels and (i == 0 or not lines[i - 1].strip())
             and (i + 1 == len(lines) or not lines[i + 1].strip() or i in numbered)]
    if len(alone) >= 2 and (len(levels) <= 1 or max(levels) < alone[0]):
        for i in alone:
            levels[i] = max(levels.values(), default=1) + 1
    last = max(levels, default=len(lines))
    rules = [i for i in range(last + 1, len(lines)) if _MD_RULE.match(lines[i]) and not lines[i - 1].strip()]
    if levels and rules:  # after the last post, a rule sets off the page's footer
        lines[rules[0]:] = [""] * (len(lines) - rules[0])
    top = min(levels.values(), default=0)
    first = [i for i, level in levels.items() if level == top]
    if len(first) == 1 and first[0] == min(levels) and sum(1 for level in levels.values() if level > top) >= 2:
        lines[first[0]] = ""  # the document's own title
        del levels[first[0]]
    return lines, set(levels)


# Text copied out of a PDF: its page headers and footers, contents lines and page numbers, and its ligatures.
_PAGE_FOOTER = re.compile(r"\bPage \d+ of \d+\s*$|^\s*\d{1,3}\s*$")  # 'Newsletter 4 … Page 3 of 12', a lone '7'
_RUNNING_FOOTER = re.compile(r"\S\s{5,}\d{1,3}\s*$")  # 'CSC WB | Monthly Bulletin 5/2022          4'
_CONTENTS_LINE = re.compile(r"\S\s*(?:\.\s*){5,}\d+\s*$")  # 'Border police chiefs meet in Prizren ....... 2'
_LONE_NUMBER = re.compile(r"\n[ \t]*\d{1,3}[ \t]*(?:\n|$)")
_ANY_FOOTER = re.compile(f"{_PAGE_FOOTER.pattern}|{_RUNNING_FOOTER.pattern}", re.M)  # in a whole text
_LIGATURE_CHARS = re.compile("[\ufb00-\ufb06]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
# a line that cannot end a paragraph or a title: it ends with a comma, a hyphen or a small word
_CONTINUED = re.compile(r"(?:[,-]|\b(?:and|or|of|the|for|in|on|at|to|from|with|by|a|an))$")
WRAP_MAX = 120  # a text whose lines are broken at a width up to this was wrapped by a PDF or an e-mail
WRAPPED_SHARE = 0.5  # … when at least this share of its longer lines reach the width


def unwrap(lines: list[str]) -> list[str]:
    """A plain text copied from a PDF made readable: ligatures spelled out, repeated page headers and footers,
    contents lines and page numbers removed, and, where its lines were broken at a fixed width, each paragraph
    joined into one line again (a word hyphenated across the break made whole). Other texts keep their lines."""
    text = "\n".join(lines)
    if _LIGATURE_CHARS.search(text):
        lines = [line.translate(_LIGATURES) for line in lines]
    if not _has_page_furniture(text):
        return lines  # not a PDF's pages: the common case, found by looking for a few strings
    stripped = [" ".join(line.split()) for line in lines]
    counts: dict[str, int] = {}
    for text in stripped:
        if text:
            counts[text] = counts.get(text, 0) + 1
    footers = [i for i, text in enumerate(stripped) if text and (
        _PAGE_FOOTER.search(text) or (_RUNNING_FOOTER.search(lines[i]) and counts[text] == 1 and len(text) < 90))]
    if not footers:
        return lines
    near_footer = {stripped[j] for i in footers for j in range(max(0, i - 3), min(len(stripped), i + 4))}
    footer_texts = [stripped[i] for i in footers]
    furniture = {i for i, text in enumerate(stripped) if text and (
        i in footers or _CONTENTS_LINE.search(text)
        or (not _sentence_like(text) and (
            (counts[text] >= 2 and text in near_footer)
            or (len(text) >= 10 and any(f.startswith(text + " ") for f in footer_texts)))))}
    lengths = sorted(len(text) for i, text in enumerate(stripped) if text and i not in furniture)
    long = [n for n in lengths if n >= 40]
    if len(long) < 8:
        return [line for i, line in enumerate(lines) if i not in furniture]
    width = long[int(len(long) * 0.9)]
    full = width - 12  # a line broken because the next word did not fit
    if width > WRAP_MAX or sum(n >= max(width - 20, int(width * 0.7)) for n in long) < WRAPPED_SHARE * len(long):
        return [line for i, line in enumerate(lines) if i not in furniture]
    from ..extract.dates import is_dateline  # the date grammar is compiled only for a text that needs it

    out: list[str] = []
    joinable = False  # the last line out is a full one that a page break or the next line may continue
    crossed = False  # page furniture was left out since that line
    for i, text in enumerate(stripped):
        if i in furniture:
            crossed = True
            continue
        if not text:
            if out and out[-1] and not (joinable and _continues_after_break(stripped, i, furniture, crossed)):
                out.append("")
                joinable = False
            continue
        crossed = False
        if out and out[-1] and (joinable or _CONTINUED.search(out[-1]) or text[:1].islower()) \
                and not is_dateline(text):
            previous = out[-1]
            if re.search(r"[^\W\d_]-$", previous) and text[:1].islower():
                out[-1] = previous[:-1] + text  # 'Monte-' 'negro'
            elif previous.endswith("-") and text[:1].isupper():
                out[-1] = previous + text  # 'Bosnia-' 'Herzegovina'
            else:
                out[-1] = f"{previous} {text}"
        else:
            out.append(text)
        joinable = len(text) >= full
    return out


def _has_page_furniture(text: str) -> bool:
    """Whether some line of text is a page's footer or number ('… Page 3 of 12', '7', '…          4')."""
    text = "\n" + text
    return bool(_LONE_NUMBER.search(text)
                or (("Page " in text or "     " in text or "\t" in text) and _ANY_FOOTER.search(text)))


def _sentence_like(text: str) -> bool:
    return len(text.split()) >= 12 and text.rstrip()[-1:] in ".!?"


def _continues_after_break(stripped: list[str], i: int, furniture: set[int], crossed: bool) -> bool:
    """Whether the blank at i is part of a page break (page furniture left out around it, crossed already)
    inside a paragraph: the next text line, past blanks and furniture, starts in lower case."""
    for j in range(i, len(stripped)):
        if j in furniture:
            crossed = True
        elif stripped[j]:
            return crossed and stripped[j][:1].islower()
    return False


def read_source(path: Path, root: Path | None = None) -> tuple[Source | None, list[Problem]]:
    """Read one input file; a problem instead of a Source when it cannot be used."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(str(path), f"file is {size // (1024 * 1024)} MB, over the 20 MB limit; split it")]
        data = path.read_bytes()
    except OSError as exc:
        return None, [Problem(str(path), f"cannot read ({exc.strerror}); check permissions")]
    if not data.strip():
        return None, [Problem(str(path), "file is empty; nothing to ingest")]
    if looks_binary(data):
        return None, [Problem(str(path), "binary data, not text; give .txt, .md or .html news posts")]
    text, warnings = decode(path, data)
    site = ""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and re.search(r"<(html|body|p|h1)\b", text, re.I)):
        lines, headings, site = html_to_lines(text)
    elif suffix == ".md":
        lines, headings = markdown_to_lines(text)
    else:
        lines, headings = unwrap(text.split("\n")), set()
    lines = [html.unescape(line) if suffix in (".html", ".htm") else line for line in lines]
    problems = [Problem(str(path), w, fatal=False) for w in warnings]
    return Source(path=path, name=name, lines=lines, warnings=warnings, heading_lines=headings,
                  site=site), problems
