"""A long PDF laid out in parts, one process each, and joined: the same pages, sooner and in less memory.

WeasyPrint lays out a document page after page in one process and keeps every page until it writes, so a
400-page report takes minutes and a gigabyte. The report's chapters each begin on a new page, so each run
of chapters can be laid out on its own and give the same pages. What a part cannot know by itself is
where its pages fall in the whole: "Page x of y" and the contents' page numbers. So:

1. The front sheet and contents (part 0) are laid out once to count their pages, before any part starts:
   the parts, forked after it, find some of WeasyPrint's first-use work (its C type declarations) done.
2. The other parts are laid out and written, as many at a time as there are processors, longest first,
   each in its own process. A margin box that shows the page number or count is left out of them; a
   part reports how many pages it has, where its chapters' anchors fell and which named page each page
   is, and ends as soon as it is written, taking its memory with it.
3. With every count in, part 0 is laid out again with the contents' page numbers written in and carries
   the metadata, the attachments and the PDF/A output intent. Meanwhile, in two processes, a
   page-number document of as many empty pages of the same kinds holds only the margin boxes the
   parts left out, numbered for the whole.
4. The parts are joined with pikepdf: pages in order, one outline, one set of named destinations so the
   contents' links land on their chapters, and each page after part 0 overlaid with its page number.

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
NUMBER_RUNS = 2  # the page-number document is laid out in this many runs, a number fixed so that the bytes
# of the PDF do not depend on the machine's processors
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

def shows_page_number(box: Any) -> bool:
    """Whether a margin box's content uses the page number or the page count."""
    content = box.style["content"]
    return not isinstance(content, str) and any(
        kind in ("counter()", "counters()") and value[0] in ("page", "pages") for kind, value in content)


@contextmanager
def page_furniture(*, numbers: tuple[int, int] | None = None,
                   keep: Callable[[Any], bool] | None = None) -> Iterator[None]:
    """Meanwhile, WeasyPrint numbers the margin boxes (header, footer) from numbers = (first page's
    number, total), and lays out and keeps only the margin boxes for which keep(box) is true. Every box
    is still placed as before, so the ones kept sit where they would sit among all the others."""
    import weasyprint.layout as layout
    import weasyprint.layout.page as page_layout

    make_margin_boxes, content_layout = layout.make_margin_boxes, page_layout.margin_box_content_layout

    def laid_out_if_kept(context: Any, page: Any, box: Any) -> Any:
        return content_layout(context, page, box) if keep is None or keep(box) else None

    def numbered_margins(context: Any, page: Any, state: Any) -> Any:
        counters = state[1]
        if numbers and "_numbered" not in counters:
            counters["page"] = [counters["page"][0] + numbers[0] - 1]
            counters["pages"] = [numbers[1]]
            counters["_numbered"] = [1]
        return [box for box in make_margin_boxes(context, page, state) if box is not None]

    layout.make_margin_boxes, page_layout.margin_box_content_layout = numbered_margins, laid_out_if_kept
    try:
        yield
    finally:
        layout.make_margin_boxes, page_layout.margin_box_content_layout = make_margin_boxes, content_layout


@dataclass
class Laid:
    """What a part's process reports once its pages are laid out."""

    pages: int
    anchors: dict[str, int]  # anchor name -> index of the page it is on
    names: list[str]  # each page's named page ("" for the default)


def laid_out(document: "Document") -> Laid:
    anchors: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for name in page.anchors:
            anchors.setdefault(name, index)
    return Laid(len(document.pages), anchors, [page._page_box.page_type.name or "" for page in document.pages])


def _in_child(conn: Connection, epoch: str, work: Callable[[Callable[[tuple], None]], None]) -> None:
    """work(send) in a part's process, with the issue moment for the fonts' dates and no cycle collection
    (the process ends when its file is written); any failure is sent to the parent, which needs to hear of it."""
    try:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
        with no_cycle_collection():
            work(conn.send)
    except BaseException as exc:  # noqa: BLE001
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _lay_out(html: str, base_url: str, fetcher: Any, variant: str) -> "Document":
    from weasyprint import HTML

    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(pdf_variant=variant)
    if getattr(fetcher, "refused", None):
        raise PartsUnavailable("a resource was refused")  # laid out in one process, the report says which
    return document


def _part_process(conn: Connection, html: str, base_url: str, fetcher: Any, target: str, variant: str,
                  labels: dict[str, str], epoch: str, finisher: Any) -> None:
    """Lay out a part without its page-number boxes, report what the parent needs, write it."""
    def work(send: Callable[[tuple], None]) -> None:
        with page_furniture(keep=lambda box: not shows_page_number(box)):
            document = _lay_out(html, base_url, fetcher, variant)
        send(("laid out", laid_out(document)))
        relabel(document, labels)
        document.write_pdf(target, pdf_variant=variant, finisher=finisher)
        send(("written", len(document.pages)))

    _in_child(conn, epoch, work)


def _numbers_process(conn: Connection, html: str, base_url: str, fetcher: Any, target: str, variant: str,
                     first: int, total: int, epoch: str) -> None:
    """Lay out and write a run of the page-number document, its first page numbered first."""
    def work(send: Callable[[tuple], None]) -> None:
        with page_furniture(numbers=(first, total), keep=shows_page_number):
            document = _lay_out(html, base_url, fetcher, variant)
        document.write_pdf(target, pdf_variant=variant)
        send(("written", len(document.pages)))

    _in_child(conn, epoch, work)


def relabel(document: "Document", labels: dict[str, str]) -> None:
    """Outline entries read "4 Counter-terrorism", not their bare text "4Counter-terrorism"."""
    for page in document.pages:
        page.bookmarks = [(level, labels.get(label, label), position, state)
                          for level, label, position, state in page.bookmarks]


def numbers_html(split: Split, names: list[str]) -> str:
    """A document of one empty page for each of the report's pages, each of the same named page, with the
    report's running strings (a margin box's width can depend on its neighbours' text)."""
    running = FURNITURE[1].search(split.furniture)
    pages = [f'<div class="iisg-page" style="page: {_page_name(name)}">' for name in names]
    pages[0] += running.group(0) if running else ""  # on the first page, lest it make a page of its own
    head = split.head.replace("</head>", "<style>.iisg-page + .iisg-page { break-before: page; }</style></head>", 1)
    return head + "<section>" + "</div>".join(pages) + "</div></section>" + split.tail


def _page_name(name: str) -> str:
    if not name:
        return "auto"
    if not re.fullmatch(r"[A-Za-z_][\w-]*", name):
        raise PartsUnavailable(f"named page {name!r}")
    return name


# ------------------------------------------------------------------ in the parent

def render_in_parts(split: Split, *, base_url: str, fetcher: Any, variant: str, labels: dict[str, str],
                    epoch: str, front_html: Any, finish_front: Any, finisher: Any, target: Path,
                    workers: int | None = None) -> None:
    """Lay the parts out in processes, at most workers at a time (default: one per processor), and join
    them at target.

    front_html(pages) gives part 0's HTML with the contents' page numbers (anchor -> page, empty for the
    first count); finish_front(document, path) writes part 0 with the metadata and attachments.
    """
    from multiprocessing.connection import wait

    from weasyprint import HTML

    if multiprocessing.current_process().daemon:
        raise PartsUnavailable("a daemon process cannot start the parts' processes")
    context = multiprocessing.get_context("fork")
    workers = max(1, workers or processors())
    waiting = sorted(range(len(split.parts)), key=lambda i: -len(split.parts[i]))  # the longest first
    paths = [Path() for _ in split.parts]
    laid: dict[int, Laid] = {}
    running: dict[Connection, tuple[Any, str, int]] = {}  # connection -> (process, "part" or "numbers", which)
    numbers: list[tuple[Path, int, int]] = []  # the page-number runs: (file, index of its first page, pages)

    def start(kind: str, which: int, target: Callable[..., None], *args: Any) -> None:
        parent_end, child_end = context.Pipe(duplex=False)
        proc = context.Process(target=target, daemon=True, args=(child_end, *args))
        proc.start()
        child_end.close()
        running[parent_end] = (proc, kind, which)

    def start_part(i: int) -> None:
        paths[i] = Path(folder) / f"part{i + 1}.pdf"
        start("part", i, _part_process, split.document(split.parts[i], True), base_url, fetcher, str(paths[i]),
              variant, labels, epoch, finisher)

    with tempfile.TemporaryDirectory(prefix="iisg-parts-") as folder:
        try:
            with page_furniture():  # before the parts start, which then find WeasyPrint's first-use work done
                first = HTML(string=front_html({}), base_url=base_url, url_fetcher=fetcher).render(
                    pdf_variant=variant)
            front = laid_out(first)
            del first
            while waiting and len(running) < workers:
                start_part(waiting.pop(0))
            front_path = None
            while running:
                for conn in wait(list(running)):
                    message = _expect(conn, "laid out", "written")
                    proc, kind, which = running[conn]
                    if message[0] == "laid out":
                        laid[which] = message[1]
                        continue
                    proc.join()
                    conn.close()
                    del running[conn]
                    if kind == "numbers" and message[1] != numbers[which][2]:
                        raise PartsUnavailable("the page-number document did not give one page for each")
                    if waiting:
                        start_part(waiting.pop(0))
                if len(laid) == len(split.parts) and front_path is None:
                    # Every count is in: the page numbers for the whole in processes, the front sheet meanwhile here.
                    parts = [laid[i] for i in range(len(split.parts))]
                    total = front.pages + sum(part.pages for part in parts)
                    names = front.names + [name for part in parts for name in part.names]
                    for n, (begin, end) in enumerate(_runs(front.pages, total, NUMBER_RUNS)):
                        path = Path(folder) / f"numbers{n}.pdf"
                        numbers.append((path, begin, end - begin))
                        start("numbers", n, _numbers_process, numbers_html(split, names[begin:end]), base_url,
                              fetcher, str(path), variant, begin + 1, total, epoch)
                    front_path = _front(front, parts, folder, base_url=base_url, fetcher=fetcher, variant=variant,
                                        labels=labels, front_html=front_html, finish_front=finish_front)
            if front_path is None:
                raise PartsUnavailable("a part was not laid out")
            join([front_path] + paths, target, numbers=[(path, begin) for path, begin, _ in numbers])
        except BaseException:
            for proc, _, _ in running.values():
                proc.terminate()
            raise
        finally:
            for conn, (proc, _, _) in running.items():
                proc.join(timeout=10)
                conn.close()


def processors() -> int:
    """How many processors this process may run on: parts laid out at one time by default."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _runs(begin: int, end: int, count: int) -> list[tuple[int, int]]:
    """[begin, end) cut into count runs of about equal length (fewer when there are fewer pages)."""
    count = max(1, min(count, end - begin))
    cuts = [begin + (end - begin) * k // count for k in range(count + 1)]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _front(front: Laid, parts: list[Laid], folder: str, *, base_url: str, fetcher: Any, variant: str,
           labels: dict[str, str], front_html: Any, finish_front: Any) -> Path:
    """Part 0 with the contents' page numbers and its own footers, written into folder."""
    from weasyprint import HTML

    total = front.pages + sum(part.pages for part in parts)
    page_of: dict[str, int] = {}
    start = front.pages + 1
    for part in parts:
        for anchor, index in part.anchors.items():
            page_of.setdefault(anchor, start + index)
        start += part.pages
    with page_furniture(numbers=(1, total)):
        document = HTML(string=front_html(page_of), base_url=base_url, url_fetcher=fetcher).render(
            pdf_variant=variant)
    if len(document.pages) != front.pages:
        raise PartsUnavailable("the contents changed length once numbered")
    for anchor in page_of:  # stand-ins, so the contents' links are written; they resolve in the joined file
        document.pages[-1].anchors.setdefault(anchor, (0, 0, 0, 0))
    relabel(document, labels)
    path = Path(folder) / "part0.pdf"
    finish_front(document, path)
    return path


def _expect(conn: Connection, *what: str) -> tuple:
    try:
        message = conn.recv()
    except (EOFError, OSError) as exc:  # the part's process ended without a word (killed, out of memory)
        raise PartsUnavailable(f"a part's process ended: {exc!r}") from None
    if message[0] == "failed":
        raise PartsUnavailable(f"a part failed: {message[1]}")
    if message[0] not in what:
        raise PartsUnavailable(f"unexpected message {message[0]!r}")
    return message


def join(paths: list[Path], target: Path, *, numbers: list[tuple[Path, int]] | None = None) -> None:
    """One PDF from the parts: part 0's catalog (metadata, output intent, attachments), every page in
    order, one outline, and every part's named destinations (part 0's stand-ins give way to the real ones).
    numbers lists (file, page index): that file's pages are laid over the pages from that index on."""
    import pikepdf

    with pikepdf.open(paths[0]) as joined:
        outline: list[_Entry] = []
        dests: dict[str, tuple[int, list[Any]]] = {}  # name -> (page index in the joined file, /XYZ x y zoom)
        offset, front_pages = 0, len(joined.pages)
        parts = [joined] + [pikepdf.open(p) for p in paths[1:]]
        stamps = [(pikepdf.open(path), begin) for path, begin in numbers or []]
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
            for stamp, begin in stamps:
                for index, page in enumerate(stamp.pages, start=begin):
                    _overlay(joined.pages[index], page, f"/IisgPageNumber{index + 1}")
            joined.save(target, deterministic_id=True)
        finally:
            for part in parts[1:] + [stamp for stamp, _ in stamps]:
                part.close()


def _overlay(page: Any, over: Any, name: str) -> None:
    """over (a page of another PDF, the same size) drawn on top of page, as a form XObject of that name.
    pikepdf's add_overlay picks a random name, and the same inputs must give the same bytes; the name
    differs from page to page, as the pages of a part share one resource dictionary."""
    import pikepdf

    form = over.as_form_xobject()
    name = page.add_resource(form, pikepdf.Name.XObject, name=pikepdf.Name(name))
    placed = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"Q\n" + placed)
    page.contents_coalesce()


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
