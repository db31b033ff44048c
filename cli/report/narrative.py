"""The staff's Markdown narrative as plain blocks (headings, paragraphs, list items) both formats can show."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..errors import InputError

_BLOCK_TAGS = {
    "h1": "heading", "h2": "heading", "h3": "heading", "h4": "heading", "h5": "heading", "h6": "heading",
    "p": "paragraph", "li": "bullet", "pre": "paragraph", "blockquote": "paragraph",
}


@dataclass(frozen=True)
class Run:
    """A piece of text with its emphasis."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One heading, paragraph or list item of the narrative."""

    kind: str  # heading | paragraph | bullet | numbered
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The block's words without emphasis."""
        return "".join(run.text for run in self.runs)


class _Collector(HTMLParser):
    """Walks Python-Markdown's HTML and keeps text, emphasis and block boundaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.current: Block | None = None
        self.bold = 0
        self.italic = 0
        self.lists: list[str] = []
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a block, a list or an emphasis."""
        if tag in ("ul", "ol"):
            self.lists.append(tag)
        elif tag in _BLOCK_TAGS:
            self._close()
            kind = _BLOCK_TAGS[tag]
            if kind == "bullet":
                kind = "numbered" if self.lists and self.lists[-1] == "ol" else "bullet"
                self.items.append(kind)
            elif self.items:
                kind = self.items[-1]
            self.current = Block(kind)
        elif tag in ("strong", "b"):
            self.bold += 1
        elif tag in ("em", "i"):
            self.italic += 1
        elif tag == "br":
            self.handle_data(" ")

    def handle_endtag(self, tag: str) -> None:
        """Close a block, a list or an emphasis."""
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
            self._close()
        elif tag in _BLOCK_TAGS:
            self._close()
            if tag == "li" and self.items:
                self.items.pop()
        elif tag in ("strong", "b"):
            self.bold = max(0, self.bold - 1)
        elif tag in ("em", "i"):
            self.italic = max(0, self.italic - 1)

    def handle_data(self, data: str) -> None:
        """Add text to the open block with the current emphasis."""
        text = " ".join(data.split())
        if data[:1].isspace() and text:
            text = " " + text
        if data[-1:].isspace() and text and not text.endswith(" "):
            text += " "
        if not text.strip():
            if self.current is not None and self.current.runs and text:
                self.current.runs.append(Run(" ", False, False))
            return
        if self.current is None:
            self.current = Block("paragraph")
        self.current.runs.append(Run(text, self.bold > 0, self.italic > 0))

    def close(self) -> None:
        """Finish parsing and keep the last open block."""
        super().close()
        self._close()

    def _close(self) -> None:
        block = self.current
        self.current = None
        if block is None or not block.text.strip():
            return
        runs = list(block.runs)
        runs[0] = Run(runs[0].text.lstrip(), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(), runs[-1].bold, runs[-1].italic)
        self.blocks.append(Block(block.kind, [run for run in runs if run.text]))


def parse_narrative(text: str) -> list[Block]:
    """Markdown text as a list of blocks with bold and italic runs."""
    import markdown

    collector = _Collector()
    collector.feed(markdown.markdown(text.replace("<", "&lt;")))
    collector.close()
    return collector.blocks


def read_narrative(path: Path) -> list[Block]:
    """Read a narrative Markdown file; InputError naming the file when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: narrative file not found; check the path given to --narrative") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder; give --narrative a Markdown file") from None
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: byte {exc.start} is not UTF-8; save the narrative as UTF-8 text") from None
    return parse_narrative(text)
