"""A long PDF laid out in parts, one process each, and joined: the same pages, sooner and in less memory.

WeasyPrint lays out a document page after page in one process and keeps every page until it writes, so a
400-page report takes minutes and a gigabyte. The report's chapters each begin on a new page, so each run
of chapters can be laid out on its own and give the same pages. What a part cannot know by itself is
where its pages fall in the whole: "Page x of y" and the contents' page numbers. So:

1. The front sheet and contents (part 0) are laid out once to count their pages.
2. Every other part is laid out in its own process at the same time. When its pages are laid out and
   before its margin boxes (header, footer) are, it reports how many pages it has and where its
   chapters' anchors fell, then waits for its first page number and the total.
3. With all counts in, each part is told its numbers, finishes its margin boxes and writes its PDF.
4. Part 0 is laid out again with the contents' page numbers written in, and carries the metadata,
   the attachments and the PDF/A output intent.
5. The parts are joined with pikepdf: pages in order, one outline, one set of named destinations so the
   contents' links land on their chapters.

Anything unexpected (a template without the furniture this needs, a part 0 whose page count changed,
a part that failed) gives up on parts, and the caller lays the report out in one process as before.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..bulk import no_cycle_collection

if TYPE_CHECKING:
    from weasyprint.document import Document

MIN_PART_CHARS = 120_000  # HTML per part; below about twice this a report is laid out in one process
MAX_PARTS = 8
SECTION = re.compile(r"^<section\b", re.M)
FURNITURE = (re.compile(r'<div class="watermark"[^>]*>.*?</div>', re.S),
             re.compile(r'<div class="running-strings">.*?</div>', re.S))


class PartsUnavailable(Exception):
    """The report cannot be laid out in parts; lay it out in one process."""


@dataclass
class Split:
    """The report's HTML cut at its chapters: head, part 0 (front and contents), the other parts' bodies."""

    head: str  # up to and including <body>
    front: str
    parts: list[str]
    furniture: str  # watermark and running strings, repeated at the top of every part
    tail: str  # </body></html>

    def document(self, body: str, with_furniture: bool) -> str:
        """A whole HTML document of one part; the furniture goes inside the first section, as before it
        the section's page break would leave a blank page."""
        if with_furniture:
            opening = body.index(">", body.index("<section")) + 1
            body = body[:opening] + self.furniture + body[opening:]
        return self.head + body + self.tail


def split_html(html: str, *, min_chars: int = MIN_PART_CHARS, max_parts: int = MAX_PARTS) -> Split:
    """Cut the report at its top-level sections; PartsUnavailable when it is too short or not cut-able."""
    start, end = html.find("<body>"), html.rfind("</body>")
    if start < 0 or end < 0:
        raise PartsUnavailable("no <body>")
    head, body, tail = html[: start + len("<body>")], html[start + len("<body>"):end], html[end:]
    cuts = [m.start() for m in SECTION.finditer(body)]
    contents = body.find('<section class="contents"')
    if contents < 0 or len(cuts) < 4:
        raise PartsUnavailable("no contents section or too few chapters")
    after_contents = [c for c in cuts if c > contents]
    if not after_contents:
        raise PartsUnavailable("nothing after the contents")
    front, rest = body[: after_contents[0]], body[after_contents[0]:]
    furniture = "".join(m.group(0) for pattern in FURNITURE for m in [pattern.search(front)] if m)
    if 'class="watermark"' in front and "watermark" not in furniture:
        raise PartsUnavailable("watermark not found")
    chapters = [rest[a - after_contents[0]:b - after_contents[0]]
                for a, b in zip(after_contents, after_contents[1:] + [len(body)])]
    count = min(max_parts, len(rest) // min_chars)
    if count < 2:
        raise PartsUnavailable("short report")
    target = len(rest) / count
    parts: list[str] = []
    current = ""
    for chapter in chapters:  # runs of whole chapters of about equal length
        if current and len(current) + len(chapter) / 2 > target and len(parts) < count - 1:
            parts.append(current)
            current = ""
        current += chapter
    parts.append(current)
    if len(parts) < 2:
        raise PartsUnavailable("one chapter holds the whole report")
    return Split(head, front, parts, furniture, tail)


# ------------------------------------------------------------------ in a part's process

def _anchors_of(pages: list[Any]) -> dict[str, int]:
    """Anchor name -> index of the page it first appears on (chapters and their groups open near the top)."""
    found: dict[str, int] = {}
    for index, page in enumerate(pages):
        stack = [(page, 0)]
        while stack:
            box, depth = stack.pop()
            anchor = box.style["anchor"] if hasattr(box, "style") else None
            if anchor and anchor not in found:
                found[anchor] = index
            if depth < 6:
                stack.extend((child, depth + 1) for child in getattr(box, "children", ()))
    return found


@contextmanager
def numbered(ask: Callable[[int, dict[str, int]], tuple[int, int]]) -> Iterator[None]:
    """Meanwhile, WeasyPrint asks ask(pages, anchors) for the first page number and the total once a
    document's pages are laid out, and numbers the margin boxes (header, footer) with them."""
    import weasyprint.layout as layout

    make_all_pages, make_margin_boxes = layout.make_all_pages, layout.make_margin_boxes
    numbers: dict[str, int] = {}

    def counted_pages(*args: Any, **kwargs: Any) -> Any:
        pages = list(make_all_pages(*args, **kwargs))
        if not numbers:
            numbers["first"], numbers["total"] = ask(len(pages), _anchors_of(pages))
        return iter(pages)

    def numbered_margins(context: Any, page: Any, state: Any) -> Any:
        counters = state[1]
        if numbers and "_numbered" not in counters:
            counters["page"] = [counters["page"][0] + numbers["first"] - 1]
            counters["pages"] = [numbers["total"]]
            counters["_numbered"] = [1]
        return make_margin_boxes(context, page, state)

    layout.make_all_pages, layout.make_margin_boxes = counted_pages, numbered_margins
    try:
        yield
    finally:
        layout.make_all_pages, layout.make_margin_boxes = make_all_pages, make_margin_boxes


def _ask_parent(conn: Connection) -> Callable[[int, dict[str, int]], tuple[int, int]]:
    def ask(pages: int, anchors: dict[str, int]) -> tuple[int, int]:
        conn.send(("laid out", pages, anchors))
        reply = conn.recv()
        if reply[0] != "numbers":
            raise SystemExit(0)  # the parent gave up on parts
        return reply[1], reply[2]
    return ask


def _part_process(conn: Connection, html: str, base_url: str, fetcher: Any, target: str, variant: str,
                  labels: dict[str, str], epoch: str, finisher: Any) -> None:
    try:
        from weasyprint import HTML

        os.environ["SOURCE_DATE_EPOCH"] = epoch
        with no_cycle_collection():  # the process ends when its part is written
            with numbered(_ask_parent(conn)):
                document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_variant=variant)
            if getattr(fetcher, "refused", None):
                raise PartsUnavailable("a resource was refused")  # laid out in one process, the report says which
            relabel(document, labels)
            document.write_pdf(target, pdf_variant=variant, finisher=finisher)
        conn.send(("written", len(document.pages)))
    except BaseException as exc:  # noqa: BLE001 - the parent needs to hear of any failure
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def relabel(document: "Document", labels: dict[str, str]) -> None:
    """Outline entries read "4 Counter-terrorism", not their bare text "4Counter-terrorism"."""
    for page in document.pages:
        page.bookmarks = [(level, labels.get(label, label), position, state)
                          for level, label, position, state in page.bookmarks]


# ------------------------------------------------------------------ in the parent

def render_in_parts(split: Split, *, base_url: str, fetcher: Any, variant: str, labels: dict[str, str],
                    epoch: str, front_html: Any, finish_front: Any, finisher: Any, target: Path) -> None:
    """Lay the parts out in processes and join them at target.

    front_html(pages) gives part 0's HTML with the contents' page numbers (anchor -> page, empty for the
    first count); finish_front(document, path) writes part 0 with the metadata and attachments.
    """
    from weasyprint import HTML

    if multiprocessing.current_process().daemon:
        raise PartsUnavailable("a daemon process cannot start the parts' processes")
    context = multiprocessing.get_context("fork")
    with tempfile.TemporaryDirectory(prefix="iisg-parts-") as folder:
        procs: list[tuple[Any, Connection, Path]] = []
        try:
            for i, body in enumerate(split.parts, start=1):
                parent_end, child_end = context.Pipe()
                path = Path(folder) / f"part{i}.pdf"
                proc = context.Process(target=_part_process, daemon=True, args=(
                    child_end, split.document(body, True), base_url, fetcher, str(path), variant, labels, epoch,
                    finisher))
                proc.start()
                child_end.close()
                procs.append((proc, parent_end, path))
            first = HTML(string=front_html({}), base_url=base_url, url_fetcher=fetcher).render(pdf_variant=variant)
            front_pages = len(first.pages)
            del first
            laid = [_expect(conn, "laid out")[1:] for _, conn, _ in procs]  # (pages, anchor -> page index)
            total = front_pages + sum(pages for pages, _ in laid)
            page_of: dict[str, int] = {}
            start = front_pages + 1
            for (_, conn, _), (pages, anchors) in zip(procs, laid):
                conn.send(("numbers", start, total))
                for anchor, index in anchors.items():
                    page_of.setdefault(anchor, start + index)
                start += pages
            with numbered(lambda pages, _: (1, total)):
                front = HTML(string=front_html(page_of), base_url=base_url, url_fetcher=fetcher).render(
                    pdf_variant=variant)
            if len(front.pages) != front_pages:
                raise PartsUnavailable("the contents changed length once numbered")
            for anchor in page_of:  # stand-ins, so the contents' links are written; they resolve in the joined file
                front.pages[-1].anchors.setdefault(anchor, (0, 0, 0, 0))
            relabel(front, labels)
            front_path = Path(folder) / "part0.pdf"
            finish_front(front, front_path)
            del front
            for _, conn, _ in procs:
                _expect(conn, "written")
            join([front_path] + [path for _, _, path in procs], target)
        except BaseException:
            for proc, conn, _ in procs:
                if proc.is_alive():
                    try:
                        conn.send(("give up",))
                    except OSError:
                        pass
                    proc.terminate()
            raise
        finally:
            for proc, conn, _ in procs:
                proc.join(timeout=10)
                conn.close()


def _expect(conn: Connection, what: str) -> tuple:
    try:
        message = conn.recv()
    except (EOFError, OSError) as exc:  # the part's process ended without a word (killed, out of memory)
        raise PartsUnavailable(f"a part's process ended: {exc!r}") from None
    if message[0] == "failed":
        raise PartsUnavailable(f"a part failed: {message[1]}")
    if message[0] != what:
        raise PartsUnavailable(f"unexpected message {message[0]!r}")
    return message


def join(paths: list[Path], target: Path) -> None:
    """One PDF from the parts: part 0's catalog (metadata, output intent, attachments), every page in
    order, one outline, and every part's named destinations (part 0's stand-ins give way to the real ones)."""
    import pikepdf

    with pikepdf.open(paths[0]) as joined:
        outline: list[_Entry] = []
        dests: dict[str, tuple[int, list[Any]]] = {}  # name -> (page index in the joined file, /XYZ x y zoom)
        offset, front_pages = 0, len(joined.pages)
        parts = [joined] + [pikepdf.open(p) for p in paths[1:]]
        try:
            for n, part in enumerate(parts):
                index_of = {page.obj.objgen: i for i, page in enumerate(part.pages)}
                with part.open_outline() as source:
                    outline.extend(_copy_items(source.root, index_of, offset))
                if "/Names" in part.Root and "/Dests" in part.Root.Names:
                    for name, dest in pikepdf.NameTree(part.Root.Names.Dests).items():
                        if name not in dests or dests[name][0] < front_pages:  # a stand-in gives way
                            dests[str(name)] = (offset + index_of.get(dest[0].objgen, 0), list(dest)[1:])
                if n:
                    with warnings.catch_warnings():  # named destinations are carried over below
                        warnings.simplefilter("ignore", getattr(pikepdf.exceptions, "PageCopyWarning", UserWarning))
                        joined.pages.extend(part.pages)
                offset += len(part.pages)
            array = pikepdf.Array()
            for name in sorted(dests):
                page, rest = dests[name]
                array.extend([pikepdf.String(name), pikepdf.Array([joined.pages[page].obj, *rest])])
            names = joined.Root.get("/Names") or pikepdf.Dictionary()
            names.Dests = joined.make_indirect(pikepdf.Dictionary(Names=array))
            joined.Root.Names = names
            with joined.open_outline() as merged:
                merged.root.clear()
                merged.root.extend(_rebuild(entry) for entry in outline)
            joined.save(target, deterministic_id=True)
        finally:
            for part in parts[1:]:
                part.close()


@dataclass
class _Entry:
    title: str
    page: int
    left: float
    top: float
    closed: bool
    children: list["_Entry"]


def _copy_items(items: list[Any], index_of: dict[tuple[int, int], int], offset: int) -> list[_Entry]:
    import pikepdf

    out = []
    for item in items:
        dest = item.destination
        explicit = isinstance(dest, pikepdf.Array) and len(dest) > 3
        page = offset + (index_of.get(dest[0].objgen, 0) if explicit else 0)
        out.append(_Entry(str(item.title), page, float(dest[2]) if explicit else 0.0,
                          float(dest[3]) if explicit else 0.0, bool(item.is_closed),
                          _copy_items(item.children, index_of, offset)))
    return out


def _rebuild(entry: _Entry) -> Any:
    import pikepdf

    item = pikepdf.OutlineItem(entry.title, entry.page, pikepdf.PageLocation.XYZ, left=entry.left, top=entry.top,
                               zoom=0)
    item.children.extend(_rebuild(child) for child in entry.children)
    item.is_closed = entry.closed
    return item
