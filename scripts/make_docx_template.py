"""Write report_templates/default/report.docx: the docxtpl template for the DOCX board paper.

Run from the project folder:  python scripts/make_docx_template.py [--accent "#1F3864"] [--out PATH]

The file is built from raw WordprocessingML so that it stays small and every style, field and
Jinja tag is known: named styles for headings, tables, captions and notes; a TOC field; PAGE and
NUMPAGES fields in the footer; a DRAFT watermark in both headers; the Kosovo* footnote. Headings are
drawn in #1F3864, which the renderer replaces by branding.accent_colour; table header colours, the
default font and all text come from the report context and config.yaml at render time. The zip is
written with fixed timestamps, so the same script gives the same bytes.
"""
from __future__ import annotations

import argparse
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "report_templates" / "default" / "report.docx"

MM = 56.6929  # twips per millimetre
PAGE_W, PAGE_H = round(210 * MM), round(297 * MM)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = round(24 * MM), round(22 * MM), round(22 * MM), round(20 * MM)
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT
FONT = "Arial"
GREY = "555555"
BUILT_IN_STYLES = {
    "Title", "Subtitle", "heading 1", "heading 2", "heading 3", "TOC Heading", "toc 1", "caption", "List Bullet",
    "List Number", "header", "footer", "footnote text",
}
RULE = "D5D5D5"

NS = (
    'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:w10="urn:schemas-microsoft-com:office:word" '
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# ---------------------------------------------------------------- building blocks

def run(text: str, *, bold: bool = False, italic: bool = False, colour: str | None = None,
        size: int | None = None, style: str | None = None) -> str:
    """A run of text (text is escaped; Jinja tags pass through unchanged)."""
    props = ""
    if style:
        props += f'<w:rStyle w:val="{style}"/>'
    if bold:
        props += "<w:b/>"
    if italic:
        props += "<w:i/>"
    if colour:
        props += f'<w:color w:val="{colour}"/>'
    if size:
        props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(content: str = "", style: str | None = None, *, align: str | None = None, extra_ppr: str = "") -> str:
    """A paragraph; content is either plain text or run XML (starting with '<')."""
    ppr = ""
    if style:
        ppr += f'<w:pStyle w:val="{style}"/>'
    ppr += extra_ppr
    if align:
        ppr += f'<w:jc w:val="{align}"/>'
    body = content if content.startswith("<") else (run(content) if content else "")
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}{body}</w:p>"


def tag(jinja: str) -> str:
    """A paragraph holding only a docxtpl paragraph tag such as {%p if x %}."""
    return para(jinja)


def field(instruction: str, placeholder: str, rpr: str = "") -> str:
    """A complex field (PAGE, NUMPAGES) with its cached result."""
    r = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return (
        f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{r}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
        f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
        f'<w:r>{r}<w:t>{placeholder}</w:t></w:r>'
        f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>'
    )


def cell(paragraphs: str, width: int | None, *, fill: str | None = None, header: bool = False) -> str:
    """A table cell of a fixed width (twips), or of its grid column's width when None (a repeated row of a
    fixed-layout table: thousands of rows, each a few hundred bytes shorter); fill may be a hex colour or a
    Jinja expression."""
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    borders = "" if not header else "<w:tcBorders><w:bottom w:val=\"nil\"/></w:tcBorders>"
    size = f'<w:tcW w:w="{width}" w:type="dxa"/>' if width is not None else ""
    props = f"<w:tcPr>{size}{borders}{shd}</w:tcPr>" if size or borders or shd else ""
    return f"<w:tc>{props}{paragraphs}</w:tc>"


def row(cells: str, *, header: bool = False) -> str:
    """A table row that never splits across pages; a header row repeats on each page."""
    props = "<w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{cells}</w:tr>"


def tag_row(jinja: str, ncols: int, widths: list[int]) -> str:
    """A row holding a docxtpl row tag ({%tr for … %}); docxtpl removes the row itself."""
    cells = cell(para(jinja, "TableText"), widths[0]) + "".join(cell(para("", "TableText"), w) for w in widths[1:ncols])
    return f"<w:tr>{cells}</w:tr>"


def table(widths: list[int], header_cells: list[tuple[str, str]], body_rows: str, *, fill: str,
          style: str = "ReportTable", width: int | None = None) -> str:
    """A fixed-layout table: a repeated header row (label, alignment) and the given body rows."""
    total = width or sum(widths)
    head = "".join(
        cell(para(run(label), "TableHeading", align=align if align != "left" else None), w, fill=fill, header=True)
        for (label, align), w in zip(header_cells, widths)
    )
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{total}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
        f"{grid(widths)}{row(head, header=True)}{body_rows}</w:tbl>"
    )


def loop_table(widths: list[int], header_cells: list[tuple[str, str]], loop: str, cells: list[str], *,
               fill: str, width: int | None = None) -> str:
    """A table whose body is one row repeated by a {%tr for … %} loop."""
    body = (
        tag_row(f"{{%tr {loop} %}}", len(widths), widths)
        + row("".join(cell(c, None) for c in cells))
        + tag_row("{%tr endfor %}", len(widths), widths)
    )
    return table(widths, header_cells, body, fill=fill, width=width)


def grid(widths: list[int]) -> str:
    """The tblGrid element for column widths in twips."""
    return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"


def cols(*mm: float) -> list[int]:
    """Column widths in twips from millimetres, scaled to fill the text width."""
    total = sum(mm)
    widths = [round(TEXT_W * m / total) for m in mm]
    widths[-1] += TEXT_W - sum(widths)
    return widths


def note(expr: str, condition: str) -> str:
    """A table note shown only when condition holds."""
    return tag(f"{{%p if {condition} %}}") + para(f"{{{{ {expr} }}}}", "TableNote") + tag("{%p endif %}")


def kosovo(condition: str) -> str:
    """The Kosovo* note under a table or chart that shows Kosovo*."""
    return note("kosovo_note", f"{condition} and kosovo_note")


def rich(expr: str) -> str:
    """Runs of a narrative block, each with its own bold/italic."""
    plain = '</w:t></w:r><w:r><w:t xml:space="preserve">'
    b = '</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
    i = '</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">'
    bi = '</w:t></w:r><w:r><w:rPr><w:b/><w:i/></w:rPr><w:t xml:space="preserve">'
    return (
        f'<w:r><w:t xml:space="preserve">{{% for r in {expr}.runs %}}'
        f"{{% if r.bold and r.italic %}}{bi}{{{{ r.text }}}}"
        f"{{% elif r.bold %}}{b}{{{{ r.text }}}}"
        f"{{% elif r.italic %}}{i}{{{{ r.text }}}}"
        f"{{% else %}}{plain}{{{{ r.text }}}}{{% endif %}}{{% endfor %}}</w:t></w:r>"
    )


# ---------------------------------------------------------------- document body

def heading1(expr: str) -> str:
    """A Heading 1 paragraph showing a context expression."""
    return para(f"{{{{ {expr} }}}}", "Heading1")


def front_sheet() -> str:
    """Front sheet: issuer, title, period, the reference table and the scope sentence with its footnote."""
    meta_w = cols(48, 82)
    meta_w = [round(w * 130 / 168) for w in meta_w]
    meta_rows = "".join(
        row(cell(para(label, "MetaLabel"), meta_w[0]) + cell(para(f"{{{{ {expr} }}}}", style), meta_w[1]))
        for label, expr, style in (
            ("Reference", "front.reference", "MetaStrong"),
            ("Place and date of issue", "front.place_and_date", "MetaValue"),
            ("Period covered", "front.period", "MetaValue"),
            ("Distribution", "front.distribution", "MetaValue"),
            ("Prepared by", "front.prepared_by", "MetaValue"),
            ("Version", "front.version", "MetaValue"),
            ("Status", "front.status", "MetaStrong"),
        )
    )
    meta = (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="MetaTable"/><w:tblW w:w="{sum(meta_w)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"{grid(meta_w)}{meta_rows}</w:tbl>"
    )
    scope = (
        '<w:r><w:t xml:space="preserve">{{ front.scope_lead }}{% if front.kosovo %}</w:t></w:r>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve">{% endif %}{{ front.scope_tail }}</w:t></w:r>'
    )
    return (
        tag("{%p if logo_image %}") + para("{{ logo_image }}", "Logo") + tag("{%p endif %}")
        + para("{{ front.issuing_body }}", "Issuer", extra_ppr='<w:spacing w:before="1000"/>')
        + tag("{%p if front.host %}") + para("{{ front.host }}", "Host") + tag("{%p endif %}")
        + para("", "AccentRule")
        + para("{{ front.title }}", "Title")
        + para("{{ front.period_label }}", "Subtitle")
        + para("{{ front.period }}", "SubtitleSmall")
        + meta
        + para(scope, "Scope")
    )


def contents() -> str:
    """Contents page: a TOC field whose cached entries are the context headings (Word refreshes it)."""
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
    )
    return (
        para("Contents", "TOCHeading")
        + para(begin, "TOC1")
        + tag("{%p for h in contents %}")
        + para(run("{{ h.number }}") + "<w:r><w:tab/></w:r>" + run("{{ h.title }}"), "TOC1")
        + tag("{%p endfor %}")
        + para('<w:r><w:fldChar w:fldCharType="end"/></w:r>', "TOC1")
    )


def summary() -> str:
    """Executive summary: key numbers, generated sentences and the Markdown narrative."""
    w = cols(1, 1, 1)
    def kn(value: str, label: str, width: int) -> str:
        return cell(para(f"{{{{ {value} }}}}", "KeyNumber") + para(label, "KeyLabel"), width)
    numbers = (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="KeyNumbers"/><w:tblW w:w="{TEXT_W}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        + grid(w)
        + row(kn("count", "activities in the period", w[0]) + kn("previous_count", "in the previous period", w[1])
              + kn("incomplete|length + undated|length", "listed for review (Annex B)", w[2]))
        + "</w:tbl>"
    )
    narrative = (
        tag("{%p for b in narrative %}")
        + tag('{%p if b.kind == "heading" %}') + para("{{ b.text }}", "Heading3")
        + tag('{%p elif b.kind == "bullet" %}') + para(rich("b"), "ListBullet")
        + tag('{%p elif b.kind == "numbered" %}') + para(rich("b"), "ListNumber")
        + tag("{%p else %}") + para(rich("b"))
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
    )
    return (
        tag("{%p if headings.summary %}")
        + heading1("headings.summary.text")
        + numbers
        + para("", "Spacer")
        + tag("{%p for sentence in summary %}") + para("{{ sentence }}") + tag("{%p endfor %}")
        + narrative
        + tag("{%p endif %}")
    )


def key_figures() -> str:
    """Key figures: one table per grouping with the previous period and a total row."""
    w = [round(60 * MM), round(25 * MM), round(25 * MM), round(25 * MM)]
    header = [("{{ t.label_heading }}", "left"), ("This period", "right"), ("Previous period", "right"),
              ("Change", "right")]
    cells = [
        para("{{ f.label }}", "TableText"),
        para("{{ f.current }}", "TableNumber"),
        para("{{ f.previous }}", "TableNumber"),
        para("{{ f.change }}", "TableNumber"),
    ]
    total = row(
        cell(para("{{ t.total.label }}", "TableTotal"), w[0])
        + cell(para("{{ t.total.current }}", "TableTotalNumber"), w[1])
        + cell(para("{{ t.total.previous }}", "TableTotalNumber"), w[2])
        + cell(para("{{ t.total.change }}", "TableTotalNumber"), w[3])
    )
    body = (
        tag_row("{%tr for f in t.rows %}", 4, w)
        + row("".join(cell(c, x) for c, x in zip(cells, w)))
        + tag_row("{%tr endfor %}", 4, w)
        + total
    )
    return (
        tag("{%p if headings.key_figures %}")
        + heading1("headings.key_figures.text")
        + para("Number of activities in {{ front.period }}, beside the previous period of the same length.")
        + tag("{%p for t in figures %}")
        + para("Table {{ loop.index }}. {{ t.title }}", "Caption")
        + table(w, header, body, fill="{{ style.accent[1:] }}")
        + note("t.note", "t.note")
        + kosovo("t.kosovo")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
    )


def charts() -> str:
    """Charts: each picture with its caption and notes."""
    return (
        tag("{%p if headings.charts %}")
        + heading1("headings.charts.text")
        + tag("{%p for c in charts %}")
        + para("{{ chart_images[c.key] }}", "Figure")
        + para("Figure {{ loop.index }}. {{ c.caption }}", "FigureCaption")
        + para("{{ c.note }}", "TableNote")
        + kosovo("c.kosovo")
        + tag("{%p else %}")
        + para("No activities were recorded in this period, so there is nothing to chart.", "Empty")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
    )


ACTIVITY_W = cols(6, 14, 38, 13, 12, 17)
ACTIVITY_HEAD = [("No.", "left"), ("Date", "left"), ("Activity", "left"), ("Place", "left"), ("Type", "left"),
                 ("Partners", "left")]


def activity_cells() -> list[str]:
    """Cells of one row of a pillar table."""
    return [
        para("{{ r.no }}", "TableText"),
        para("{{ r.when }}", "TableText"),
        para("{{ r.title }}", "TableTitle")
        + tag("{%p if r.summary %}") + para("{{ r.summary }}", "TableText") + tag("{%p endif %}")
        + tag("{%p if r.also %}") + para("{{ r.also }}", "TableAlso") + tag("{%p endif %}"),
        para("{{ r.place }}", "TableText"),
        para("{{ r.type }}", "TableText"),
        para("{{ r.partners }}", "TableText"),
    ]


COMPACT_W = cols(7, 22, 53, 18)
COMPACT_HEAD = [("No.", "left"), ("Date", "left"), ("Activity", "left"), ("Pillars", "left")]


def compact_cells() -> list[str]:
    """Cells of one row of an economy or partner table."""
    return [
        para("{{ r.no }}", "TableText"),
        para("{{ r.when }}", "TableText"),
        para("{{ r.title }}", "TableText") + tag("{%p if r.also %}") + para("{{ r.also }}", "TableAlso")
        + tag("{%p endif %}"),
        para("{{ r.pillars }}", "TableText"),
    ]


def pillars() -> str:
    """One chapter per pillar, each with its activities table."""
    return (
        tag("{%p for g in pillar_sections %}")
        + heading1("g.heading")
        + para("{{ g.subtitle }}", "SectionSubtitle")
        + para("{{ g.intro }}", "Intro")
        + tag("{%p if g.rows %}")
        + loop_table(ACTIVITY_W, ACTIVITY_HEAD, "for r in g.rows", activity_cells(), fill="{{ g.colour[1:] }}")
        + note("g.note", "g.note")
        + kosovo("g.kosovo")
        + tag("{%p else %}")
        + para("No activities under this pillar in the period.", "Empty")
        + tag("{%p endif %}")
        + tag("{%p endfor %}")
    )


def economies() -> str:
    """Activities by economy: a subsection per economy."""
    return (
        tag("{%p if headings.economies %}")
        + heading1("headings.economies.text")
        + para("The six Western Balkan economies in their fixed order, then other economies involved. "
               "Numbers refer to Annex A. An activity involving several economies is listed and counted under "
               "each; the note in its row names the others.")
        + tag("{%p for g in economy_sections %}")
        + para('{{ g.title }}{% if g.subtitle %} – {{ g.subtitle }}{% endif %}', "Heading2")
        + para("{{ g.intro }}", "Intro")
        + tag("{%p if g.rows %}")
        + loop_table(COMPACT_W, COMPACT_HEAD, "for r in g.rows", compact_cells(), fill="{{ style.accent[1:] }}")
        + tag("{%p endif %}")
        + kosovo("g.kosovo")
        + tag("{%p endfor %}")
        + tag("{%p endif %}")
    )


def partners() -> str:
    """Activities by partner: an overview table, then a subsection per partner."""
    w = [round(80 * MM), round(25 * MM), round(25 * MM)]
    overview = loop_table(
        w, [("Partner", "left"), ("This period", "right"), ("Previous period", "right")], "for g in partner_sections",
        [para("{{ g.title }}", "TableText"), para("{{ g.count }}", "TableNumber"),
         para("{{ g.previous }}", "TableNumber")],
        fill="{{ style.accent[1:] }}",
    )
    return (
        tag("{%p if headings.partners %}")
        + heading1("headings.partners.text")
        + tag("{%p if partner_sections %}")
        + para("Partners named in the period, most frequent first. Numbers refer to Annex A. An activity with "
               "several partners is listed and counted under each; the note in its row names the others.")
        + overview
        + note("partners_note", "partners_note")
        + tag("{%p for g in partner_sections %}")
        + para("{{ g.title }}", "Heading2")
        + para("{{ g.intro }}", "Intro")
        + loop_table(COMPACT_W, COMPACT_HEAD, "for r in g.rows", compact_cells(), fill="{{ style.accent[1:] }}")
        + kosovo("g.kosovo")
        + tag("{%p endfor %}")
        + tag("{%p else %}")
        + para("No partners are named in the activities of this period.", "Empty")
        + tag("{%p endif %}")
        + tag("{%p endif %}")
    )


def annexes() -> str:
    """Annexes A (all activities), B (needs review), C (abbreviations) and D (data notes)."""
    annex_w = cols(5, 13, 29, 13, 11, 12, 17)
    annex_a = loop_table(
        annex_w,
        [("No.", "left"), ("Date", "left"), ("Activity", "left"), ("Place", "left"), ("Pillars", "left"),
         ("Type", "left"), ("Partners", "left")],
        "for r in activities",
        [para("{{ r.no }}", "TableText"), para("{{ r.when }}", "TableText"), para("{{ r.title }}", "TableText"),
         para("{{ r.place }}", "TableText"), para("{{ r.pillars }}", "TableText"), para("{{ r.type }}", "TableText"),
         para("{{ r.partners }}", "TableText")],
        fill="{{ style.accent[1:] }}",
    )
    review_w = cols(7, 18, 45, 30)

    def review_table(items: str, first: str) -> str:
        return loop_table(
            review_w, [(first, "left"), ("Date", "left"), ("Activity", "left"), ("To check", "left")],
            f"for i in {items}",
            [para("{{ i.row.no }}", "TableText"), para("{{ i.row.when }}", "TableText"),
             para("{{ i.row.title }}", "TableText") + para("{{ i.row.id }}", "TableId"),
             para("{{ i.reasons }}", "TableText")],
            fill="{{ style.accent[1:] }}",
        )

    abbr_w = cols(28, 140)
    abbreviations = loop_table(
        abbr_w, [("Abbreviation", "left"), ("Meaning", "left")], "for a in abbreviations",
        [para("{{ a.term }}", "TableTitle"), para("{{ a.meaning }}", "TableText")], fill="{{ style.accent[1:] }}",
    )
    sources_w = cols(55, 25, 20)
    sources = loop_table(
        sources_w, [("Input file", "left"), ("Reporting body", "left"), ("Activities in the period", "right")],
        "for s in sources",
        [para("{{ s.file }}", "TableText"), para("{{ s.body }}", "TableText"), para("{{ s.count }}", "TableNumber")],
        fill="{{ style.accent[1:] }}",
    )
    return (
        tag("{%p if headings.annex_activities %}")
        + heading1("headings.annex_activities.text")
        + tag("{%p if activities %}")
        + para("All {{ count }} activities whose dates overlap {{ front.period }}, in order of their start date.")
        + annex_a
        + kosovo("activities|selectattr('kosovo')|list|length > 0")
        + tag("{%p else %}")
        + para("No activities were recorded in {{ front.period }}.", "Empty")
        + tag("{%p endif %}")
        + tag("{%p endif %}")
        + tag("{%p if headings.annex_review %}")
        + heading1("headings.annex_review.text")
        + para("B.1 Activities in the period with missing or doubtful data", "Heading2")
        + tag("{%p if incomplete %}")
        + para("These activities are counted in this report; the data named should be checked in the register.",
               "Intro")
        + review_table("incomplete", "No.")
        + kosovo("incomplete|selectattr('row.kosovo')|list|length > 0")
        + tag("{%p else %}") + para("None.", "Empty") + tag("{%p endif %}")
        + para("B.2 Activities without a usable date", "Heading2")
        + tag("{%p if undated %}")
        + para("These activities cannot be placed in any period and are not counted in this report.", "Intro")
        + review_table("undated", "Ref.")
        + kosovo("undated|selectattr('row.kosovo')|list|length > 0")
        + tag("{%p else %}") + para("None.", "Empty") + tag("{%p endif %}")
        + tag("{%p endif %}")
        + tag("{%p if headings.annex_abbreviations %}")
        + heading1("headings.annex_abbreviations.text")
        + abbreviations
        + tag("{%p endif %}")
        + tag("{%p if headings.annex_notes %}")
        + heading1("headings.annex_notes.text")
        + tag("{%p for n in data_notes %}") + para("{{ n }}") + tag("{%p endfor %}")
        + tag("{%p if sources %}")
        + para("Sources", "Heading2")
        + sources
        + tag("{%p endif %}")
        + tag("{%p endif %}")
    )


def document() -> str:
    """word/document.xml: the body and its A4 section with first-page header and footer."""
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1"/>'
        '<w:headerReference w:type="first" r:id="rIdHeader2"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        '<w:footerReference w:type="first" r:id="rIdFooter2"/>'
        '<w:footnotePr><w:numFmt w:val="chicago"/></w:footnotePr>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" '
        f'w:header="{round(11 * MM)}" w:footer="{round(10 * MM)}" w:gutter="0"/>'
        '<w:cols w:space="708"/><w:titlePg/><w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    body = front_sheet() + contents() + summary() + key_figures() + charts() + pillars() + economies() + partners() \
        + annexes() + para()
    return f"{XML_HEAD}<w:document {NS}><w:body>{body}{sect}</w:body></w:document>"


# ---------------------------------------------------------------- headers, footers, footnotes

WATERMARK = (
    '<w:r><w:rPr><w:noProof/></w:rPr><w:pict>'
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    '<v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>'
    '<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>'
    '<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>'
    '<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>'
    '<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
    '<v:shape id="DraftWatermark{n}" o:spid="_x0000_s20{n}5" type="#_x0000_t136" '
    'style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;'
    'z-index:-251654144;mso-position-horizontal:center;mso-position-horizontal-relative:margin;'
    'mso-position-vertical:center;mso-position-vertical-relative:margin" o:allowincell="f" '
    'fillcolor="#C8C8C8" stroked="f"><v:fill opacity=".45"/>'
    '<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt;font-weight:bold" string="DRAFT"/>'
    '<w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>'
)


def watermark(n: int) -> str:
    """The DRAFT watermark paragraph, shown while front.draft is true."""
    return tag("{%p if front.draft %}") + para(WATERMARK.replace("{n}", str(n)), "Header") + tag("{%p endif %}")


def header(first: bool) -> str:
    """A header part: the running header, or the first page's (watermark only)."""
    if first:
        content = watermark(2) + para("", "Header")
    else:
        content = watermark(1) + para(
            run("{{ front.reference }}") + "<w:r><w:tab/></w:r>" + run("{{ front.distribution|upper }}"),
            "HeaderRule",
        )
    return f"{XML_HEAD}<w:hdr {NS}>{content}</w:hdr>"


def footer(first: bool) -> str:
    """A footer part: title and 'Page x of y', or the first page's funding line and page number."""
    page_x_of_y = "<w:r><w:tab/></w:r>" + run("Page ") + field("PAGE", "1") + run(" of ") + field("NUMPAGES", "1")
    if first:
        content = tag("{%p if eu_funding %}") + para("{{ eu_funding }}", "FrontFooter") + tag("{%p endif %}") \
            + para(page_x_of_y, "Footer")
    else:
        content = para(run("{{ front.title }}") + page_x_of_y, "Footer")
    return f"{XML_HEAD}<w:ftr {NS}>{content}</w:ftr>"


def footnotes() -> str:
    """word/footnotes.xml with the Kosovo* footnote."""
    """A footer part: title and "Page x of y", or the first page's funding line and page number."""
    return (
        f"{XML_HEAD}<w:footnotes {NS}>"
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> {{ kosovo_footnote }}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )


# ---------------------------------------------------------------- styles and package parts

def styles(accent: str) -> str:
    """word/styles.xml: every named style the template uses."""
    def pstyle(sid: str, name: str, ppr: str = "", rpr: str = "", *, based: str = "Normal",
               nxt: str | None = None) -> str:
        based_on = f'<w:basedOn w:val="{based}"/>' if based else ""
        nxt_xml = f'<w:next w:val="{nxt}"/>' if nxt else ""
        custom = "" if name in BUILT_IN_STYLES else ' w:customStyle="1"'
        return (
            f'<w:style w:type="paragraph"{custom} w:styleId="{sid}"><w:name w:val="{name}"/>'
            f'{based_on}{nxt_xml}<w:qFormat/><w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'
        )

    def sz(points: float) -> str:
        half = round(points * 2)
        return f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'

    def colour(hex_: str) -> str:
        return f'<w:color w:val="{hex_}"/>'

    def spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
        line_xml = f' w:line="{line}" w:lineRule="auto"' if line else ""
        return f'<w:spacing w:before="{before}" w:after="{after}"{line_xml}/>'

    keep = "<w:keepNext/><w:keepLines/>"
    right = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
    toc_tabs = (f'<w:tabs><w:tab w:val="left" w:pos="{round(20 * MM)}"/>'
                f'<w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>')

    def border(where: str, colour_hex: str, size: int) -> str:
        return f'<w:pBdr><w:{where} w:val="single" w:sz="{size}" w:space="4" w:color="{colour_hex}"/></w:pBdr>'

    paragraph_styles = [
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        f'<w:pPr>{spacing(0, 120, 276)}</w:pPr><w:rPr>{sz(10)}</w:rPr></w:style>',
        pstyle("Title", "Title", spacing(0, 160, 240), f"<w:b/>{colour(accent)}<w:kern w:val='28'/>{sz(28)}"),
        pstyle("Subtitle", "Subtitle", spacing(0, 40), f"{colour('333333')}{sz(14)}"),
        pstyle("SubtitleSmall", "Subtitle Small", spacing(0, 480), f"{colour(GREY)}{sz(11)}"),
        pstyle("Logo", "Logo", spacing(600, 0, 240), ""),
        pstyle("Issuer", "Issuer", spacing(0, 40), f"<w:b/>{colour(accent)}{sz(13)}"),
        pstyle("Host", "Host", spacing(0, 0), f"{colour('444444')}{sz(10)}"),
        pstyle("AccentRule", "Accent Rule",
               f'<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="{accent}"/></w:pBdr>'
               + spacing(400, 600, 240) + f'<w:ind w:right="{TEXT_W - round(40 * MM)}"/>', sz(4)),
        pstyle("Scope", "Scope", spacing(480, 120, 276) + f'<w:ind w:right="{round(15 * MM)}"/>', colour("333333")),
        pstyle("MetaLabel", "Meta Label", spacing(60, 60, 240), f"{colour(GREY)}{sz(9.5)}"),
        pstyle("MetaValue", "Meta Value", spacing(60, 60, 240), sz(9.5)),
        pstyle("MetaStrong", "Meta Value Strong", spacing(60, 60, 240), f"<w:b/>{sz(9.5)}"),
        pstyle("Heading1", "heading 1", keep + "<w:pageBreakBefore/>"
               + f'<w:pBdr><w:bottom w:val="single" w:sz="10" w:space="4" w:color="{accent}"/></w:pBdr>'
               + spacing(0, 280, 240) + '<w:outlineLvl w:val="0"/>', f"<w:b/>{colour(accent)}{sz(16)}",
               nxt="Normal"),
        pstyle("Heading2", "heading 2", keep + spacing(320, 100, 240) + '<w:outlineLvl w:val="1"/>',
               f"<w:b/>{colour(accent)}{sz(11.5)}", nxt="Normal"),
        pstyle("Heading3", "heading 3", keep + spacing(240, 80, 240) + '<w:outlineLvl w:val="2"/>',
               f"<w:b/>{colour(accent)}{sz(10)}", nxt="Normal"),
        pstyle("TOCHeading", "TOC Heading", keep + "<w:pageBreakBefore/>"
               + f'<w:pBdr><w:bottom w:val="single" w:sz="10" w:space="4" w:color="{accent}"/></w:pBdr>'
               + spacing(0, 280, 240), f"<w:b/>{colour(accent)}{sz(16)}", nxt="Normal"),
        pstyle("TOC1", "toc 1", '<w:pBdr><w:bottom w:val="single" w:sz="2" w:space="4" w:color="E2E2E2"/></w:pBdr>'
               + toc_tabs + spacing(60, 60, 240), sz(10), nxt="Normal"),
        pstyle("Caption", "caption", keep + spacing(280, 100, 240), f"<w:b/>{colour('333333')}{sz(9)}"),
        pstyle("Figure", "Figure", keep + spacing(200, 60, 240) + '<w:jc w:val="center"/>', ""),
        pstyle("FigureCaption", "Figure Caption", keep + spacing(60, 60, 240), f"<w:b/>{colour('333333')}{sz(9)}"),
        pstyle("SectionSubtitle", "Section Subtitle", keep + spacing(0, 120), f"{colour(GREY)}{sz(10)}"),
        pstyle("Intro", "Intro", keep + spacing(0, 120), colour("333333")),
        pstyle("Empty", "Empty", spacing(0, 120), f"<w:i/>{colour(GREY)}"),
        pstyle("Spacer", "Spacer", spacing(0, 0, 240), sz(6)),
        pstyle("KeyNumber", "Key Number", spacing(0, 0, 240), f"<w:b/>{colour(accent)}{sz(20)}"),
        pstyle("KeyLabel", "Key Label", spacing(0, 0, 240), f"{colour(GREY)}{sz(8)}"),
        pstyle("TableText", "Table Text", spacing(0, 0, 240), sz(8)),
        pstyle("TableNumber", "Table Number", spacing(0, 0, 240) + '<w:jc w:val="right"/>', sz(8),
               based="TableText"),
        pstyle("TableTitle", "Table Activity Title", spacing(0, 20, 240), f"<w:b/>{sz(8)}", based="TableText"),
        pstyle("TableAlso", "Table Also Counted", spacing(20, 0, 240), f"<w:i/>{colour('666666')}{sz(7.5)}",
               based="TableText"),
        pstyle("TableId", "Table Activity Id", spacing(0, 0, 240), f"{colour('777777')}{sz(7)}", based="TableText"),
        pstyle("TableHeading", "Table Heading", keep + spacing(0, 0, 240), f"<w:b/>{colour('FFFFFF')}{sz(8)}",
               based="TableText"),
        pstyle("TableTotal", "Table Total", spacing(0, 0, 240), f"<w:b/>{sz(8)}", based="TableText"),
        pstyle("TableTotalNumber", "Table Total Number", spacing(0, 0, 240) + '<w:jc w:val="right"/>',
               f"<w:b/>{sz(8)}", based="TableText"),
        pstyle("TableNote", "Table Note", spacing(60, 40, 240), f"{colour(GREY)}{sz(7.5)}"),
        pstyle("ListBullet", "List Bullet", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
               + spacing(0, 80), ""),
        pstyle("ListNumber", "List Number", '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr>'
               + spacing(0, 80), ""),
        pstyle("Header", "header", right + spacing(0, 0, 240), f"{colour(GREY)}{sz(7.5)}"),
        pstyle("HeaderRule", "Header Rule", border("bottom", "BBBBBB", 4) + right + spacing(0, 0, 240),
               f"{colour(GREY)}{sz(7.5)}", based="Header"),
        pstyle("Footer", "footer", right + spacing(0, 0, 240), f"{colour(GREY)}{sz(7.5)}"),
        pstyle("FrontFooter", "Front Sheet Footer", border("top", "BBBBBB", 4) + spacing(0, 0, 260),
               f"{colour(GREY)}{sz(7.5)}", based="Footer"),
        pstyle("FootnoteText", "footnote text", spacing(0, 0, 240), f"{colour('333333')}{sz(7.5)}"),
    ]
    character_styles = [
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/></w:style>',
    ]
    cell_margins = (
        '<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
        '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
    )
    table_styles = [
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        f'<w:bottom w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        f'<w:insideH w:val="single" w:sz="4" w:space="0" w:color="{RULE}"/>'
        f"</w:tblBorders>{cell_margins}</w:tblPr></w:style>",
        '<w:style w:type="table" w:customStyle="1" w:styleId="MetaTable"><w:name w:val="Front Sheet Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="CCCCCC"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="CCCCCC"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="CCCCCC"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
        '</w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="table" w:customStyle="1" w:styleId="KeyNumbers"><w:name w:val="Key Numbers"/>'
        '<w:basedOn w:val="TableNormal"/><w:tblPr><w:tblBorders>'
        f'<w:left w:val="single" w:sz="18" w:space="0" w:color="{accent}"/>'
        f'<w:insideV w:val="single" w:sz="18" w:space="0" w:color="{accent}"/>'
        '</w:tblBorders><w:tblCellMar><w:left w:w="170" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    ]
    numbering_style = (
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        "<w:uiPriority w:val=\"99\"/><w:semiHidden/></w:style>"
    )
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'{sz(10)}<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        f"{spacing(0, 120, 276)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return (
        f"{XML_HEAD}<w:styles {NS}>{defaults}"
        + "".join(paragraph_styles + character_styles + table_styles)
        + numbering_style
        + "</w:styles>"
    )


def numbering() -> str:
    """word/numbering.xml: bullets and numbers for the narrative lists."""
    def abstract(aid: int, fmt: str, text: str) -> str:
        return (
            f'<w:abstractNum w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="397" w:hanging="284"/></w:pPr></w:lvl></w:abstractNum>'
        )
    return (
        f"{XML_HEAD}<w:numbering {NS}>"
        + abstract(0, "bullet", "\u2022") + abstract(1, "decimal", "%1.")
        + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        + '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        + "</w:numbering>"
    )


def settings() -> str:
    """word/settings.xml: refresh fields on open, symbol footnote marks, Word 2013+ layout."""
    return (
        f"{XML_HEAD}<w:settings {NS}>"
        '<w:zoom w:percent="100"/><w:defaultTabStop w:val="709"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>'
        '<w:footnotePr><w:numFmt w:val="chicago"/><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
        "</w:settings>"
    )


CONTENT_TYPES = (
    XML_HEAD
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/numbering.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
    '<Override PartName="/word/footnotes.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/word/header1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/header2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

ROOT_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/>'
    '<Relationship Id="rId2" '
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" '
    'Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" '
    'Target="docProps/app.xml"/>'
    "</Relationships>"
)

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    XML_HEAD
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdNumbering" Type="{REL}numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rIdFootnotes" Type="{REL}footnotes" Target="footnotes.xml"/>'
    f'<Relationship Id="rIdHeader1" Type="{REL}header" Target="header1.xml"/>'
    f'<Relationship Id="rIdHeader2" Type="{REL}header" Target="header2.xml"/>'
    f'<Relationship Id="rIdFooter1" Type="{REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="rIdFooter2" Type="{REL}footer" Target="footer2.xml"/>'
    "</Relationships>"
)

CORE = (
    XML_HEAD
    + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title></dc:title><dc:creator></dc:creator><cp:revision>1</cp:revision>"
    "</cp:coreProperties>"
)

APP = (
    XML_HEAD
    + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>iisg</Application></Properties>"
)


def build(accent: str) -> dict[str, str]:
    """Every part of the package, by its name in the zip."""
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/document.xml": document(),
        "word/styles.xml": styles(accent),
        "word/settings.xml": settings(),
        "word/numbering.xml": numbering(),
        "word/footnotes.xml": footnotes(),
        "word/header1.xml": header(first=False),
        "word/header2.xml": header(first=True),
        "word/footer1.xml": footer(first=False),
        "word/footer2.xml": footer(first=True),
    }


def write(parts: dict[str, str], target: Path) -> None:
    """Zip the parts with fixed timestamps (same input, same bytes)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_suffix(".docx.part")
    with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    temp.replace(target)


def main() -> None:
    """Write the template file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accent", default="#1F3864",
                        help='heading colour (default "#1F3864", which reports recolour with branding.accent_colour)')
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args()
    accent = args.accent.lstrip("#").upper()
    if not re.fullmatch(r"[0-9A-F]{6}", accent):
        parser.error(f"--accent {args.accent!r}: give a colour as #RRGGBB")
    write(build(accent), args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
