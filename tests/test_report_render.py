"""Rendered PDF and DOCX read as a reader would: pdftotext, python-docx and LibreOffice."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from cli.config import Config
from cli.errors import InputError, ReportError, TemplateError
from cli.models import Activity
from cli.report import ReportResult, make_report
from cli.report.context import Chart, ChartSeries, Style

from conftest import ROOT, make_activities

ISSUE = dt.date(2022, 1, 20)
KOSOVO_TEXT = "This designation is without prejudice to positions on status"
PILLAR_HEADINGS = ["Counter-terrorism (WBCTi)", "Serious crime (WBCSCi)", "Border security (WBBSi)", "Cross-cutting"]
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                     reason="pdftotext (poppler-utils) not installed")


def specific_activities() -> list[Activity]:
    """Activities the assertions name; the rest of the sample is generated."""
    return [
        Activity(id="unodc-see", title="IISG Secretariat participates at UNODC SEE event", sources=["000.txt"],
                 start="2021-12-14", end="2021-12-15", city="Skopje", country="MK", countries=["MK"],
                 pillars=["WBCSCi"], type="conference", partners=["UNODC"], summary="Regional event.", body="IISG"),
        Activity(id="pristina", title="Coordination meetings in Pristina, Kosovo*", sources=["000.txt"],
                 start="2021-12-16", end="2021-12-17", city="Pristina", country="XK", countries=["XK"],
                 pillars=["cross-cutting"], type="meeting", body="IISG"),
        Activity(id="undated", title="EMPACT action day", sources=["004.txt"], country="RS", pillars=["WBCSCi"],
                 type="operation", body="CSC WB"),
    ]


def report(config: Config, activities: list[Activity], out: Path, **options: object) -> ReportResult:
    settings: dict[str, object] = dict(
        period="2021-Q4", date_from=None, date_to=None, profile="quarterly", formats=["pdf", "docx"],
        output_dir=out, narrative=None, template=None, status="draft", issue_date=ISSUE,
        register_path=Path("register.yaml"),
    )
    settings.update(options)
    return make_report(activities, config, **settings)  # type: ignore[arg-type]


def pdf_pages(path: Path, raw: bool = False) -> list[str]:
    text = subprocess.run(["pdftotext", *(["-raw"] if raw else ["-layout"]), str(path), "-"],
                          check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def docx_text(path: Path) -> str:
    from docx import Document

    document = Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def docx_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def docx_page_headers(path: Path) -> list[str]:
    """The XML of every header a page shows: each section's default one, and its first- and even-page ones when used."""
    from docx import Document

    document = Document(str(path))
    headers = []
    for section in document.sections:
        headers.append(section.header)
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        if document.settings.odd_and_even_pages_header_footer:
            headers.append(section.even_page_header)
    return [docx_part(path, str(h.part.partname).lstrip("/")) for h in headers]


@pytest.fixture(scope="session")
def sample(project_config: Config, tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportResult, Path]:
    out = tmp_path_factory.mktemp("sample")
    notes = out / "notes.md"
    notes.write_text("## Highlights\n\nThe Secretariat completed the **coordination round**.\n\n- One\n- Two\n",
                     encoding="utf-8")
    activities = make_activities(60, years=(2021, 2021)) + specific_activities()
    return report(project_config, activities, out, narrative=notes), out


@pytest.fixture(scope="session")
def sample_pdf(sample: tuple[ReportResult, Path]) -> Path:
    return next(f for f in sample[0].files if f.suffix == ".pdf")


@pytest.fixture(scope="session")
def sample_docx(sample: tuple[ReportResult, Path]) -> Path:
    return next(f for f in sample[0].files if f.suffix == ".docx")


def test_files_are_named_from_reference_and_profile(sample: tuple[ReportResult, Path]) -> None:
    result, out = sample
    assert result.reference == "IISG/SEC/2021/Q4"
    assert sorted(p.name for p in out.iterdir() if p.suffix != ".md") == [
        "IISG-SEC-2021-Q4_quarterly.docx", "IISG-SEC-2021-Q4_quarterly.pdf"]
    assert any("Annex B" in w for w in result.warnings)


@needs_pdftotext
def test_pdf_front_sheet_and_page_furniture(sample_pdf: Path) -> None:
    pages = pdf_pages(sample_pdf)
    total = len(pages)
    assert "Quarterly Activity Report" in pages[0] and "IISG/SEC/2021/Q4" in pages[0]
    assert "Sarajevo, 20 January 2022" in pages[0] and "1 October – 31 December 2021" in pages[0]
    assert "Kosovo*" in pages[0] and KOSOVO_TEXT in " ".join(pages[0].split())
    assert f"Page 1 of {total}" in pages[0]
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in page
        assert "IISG/SEC/2021/Q4" in page and "IISG GOVERNING BOARD – RESTRICTED" in page


@needs_pdftotext
def test_pdf_draft_watermark_on_every_page(sample_pdf: Path) -> None:
    pages = pdf_pages(sample_pdf, raw=True)
    assert len(pages) > 5 and all("DRAFT" in "".join(page.split()) for page in pages)


@needs_pdftotext
def test_pdf_contents_pillars_and_dates(sample_pdf: Path) -> None:
    pages = pdf_pages(sample_pdf)
    contents = pdf_pages(sample_pdf, raw=True)[1]
    assert re.search(r"1\s+Executive summary\s+3\b", contents)
    assert re.search(r"Annex D\s+Data notes\s+\d+", contents)
    body = "\n".join(pages[2:])
    positions = [body.index(f"{n}    {title}") if f"{n}    {title}" in body else body.index(title)
                 for n, title in zip("4567", PILLAR_HEADINGS)]
    assert positions == sorted(positions)
    assert "14 – 15 December 2021" in body
    assert "Also counted under" in body
    assert "Highlights" in body and "coordination round" in body
    assert "EMPACT action day" in body and "no start date" in body


@pytest.fixture(scope="session")
def docx_document(sample_docx: Path):  # noqa: ANN201 - python-docx type
    from docx import Document

    return Document(str(sample_docx))


def test_docx_text_styles_and_fields(sample_docx: Path, docx_document) -> None:  # noqa: ANN001
    text = docx_text(sample_docx)
    assert "Quarterly Activity Report" in text and "IISG/SEC/2021/Q4" in text
    assert "14 – 15 December 2021" in text and "Also counted under" in text
    styles = {p.style.name for p in docx_document.paragraphs}
    assert {"Heading 1", "Heading 2", "Title", "Caption", "toc 1", "Table Note"} <= styles
    headings = [p.text for p in docx_document.paragraphs if p.style.name == "Heading 1"]
    pillar_positions = [next(i for i, h in enumerate(headings) if title in h) for title in PILLAR_HEADINGS]
    assert pillar_positions == sorted(pillar_positions)
    document_xml = docx_part(sample_docx, "word/document.xml")
    assert 'TOC \\o "1-1"' in document_xml and "<w:tblHeader/>" in document_xml
    footers = docx_part(sample_docx, "word/footer1.xml") + docx_part(sample_docx, "word/footer2.xml")
    assert footers.count(" PAGE ") == 2 and footers.count(" NUMPAGES ") == 2
    header = docx_part(sample_docx, "word/header1.xml")
    assert "IISG/SEC/2021/Q4" in header and "IISG GOVERNING BOARD – RESTRICTED" in header
    page_headers = docx_page_headers(sample_docx)
    assert len(page_headers) >= 2 and all('string="DRAFT"' in xml for xml in page_headers)
    assert KOSOVO_TEXT in docx_part(sample_docx, "word/footnotes.xml")
    assert "<w:footnoteReference" in document_xml
    assert "{{" not in document_xml and "{%" not in document_xml
    core = docx_document.core_properties
    assert core.author == "Integrative Internal Security Governance (IISG) Secretariat"
    assert "IISG/SEC/2021/Q4" in core.title


def _docx_figures(docx_document) -> list[tuple[str, int, int]]:  # noqa: ANN001
    rows = []
    for table in docx_document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[1:] == ["This period", "Previous period", "Change"]:
            rows += [(r.cells[0].text, int(r.cells[1].text), int(r.cells[2].text)) for r in table.rows[1:]]
    return rows


def _pdf_figures(pdf: Path) -> list[tuple[str, int, int]]:
    body = "\n".join(pdf_pages(pdf, raw=True)[2:])
    section = body[body.index("Key figures"):body.index("Charts")]
    return [(m[1], int(m[2]), int(m[3])) for m in re.finditer(r"^(\S.*?) (\d+) (\d+) [+\u2212]?\d+$", section, re.M)]


@needs_pdftotext
def test_key_figures_equal_in_pdf_and_docx(sample_pdf: Path, docx_document) -> None:  # noqa: ANN001
    in_docx = _docx_figures(docx_document)
    assert len(in_docx) >= 12
    assert _pdf_figures(sample_pdf) == in_docx
    labels = [label for label, _, _ in in_docx]
    wb6 = ["Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia", "Serbia"]
    assert labels[labels.index("Albania"):labels.index("Albania") + 6] == wb6


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_the_docx(sample_docx: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(sample_docx)],
        capture_output=True, text=True, timeout=180,
    )
    converted = tmp_path / (sample_docx.stem + ".pdf")
    assert done.returncode == 0 and converted.is_file(), done.stderr
    if shutil.which("pdftotext"):
        text = "".join(pdf_pages(converted))
        assert "IISG/SEC/2021/Q4" in text and "Page 2 of" in text


@pytest.fixture(scope="session")
def special(project_config: Config, tmp_path_factory: pytest.TempPathFactory) -> ReportResult:
    data = dict(project_config.data)
    data["profiles"] = {**data["profiles"], "quarterly": {**data["profiles"]["quarterly"],
                                                          "title": "Q&A <Board> Report"}}
    tricky = Activity(id="tricky", title="Arms & <ammunition> control", start="2021-11-03", end="2021-11-03",
                      city="Tirana", country="AL", countries=["AL"], pillars=["WBCSCi"], type="workshop",
                      partners=["R&D <Lab>"], summary='He said "a < b & c".', body="IISG")
    return report(Config(project_config.root, data), [tricky], tmp_path_factory.mktemp("special"),
                  status="final")


def test_ampersand_and_angle_brackets_stay_text(special: ReportResult) -> None:
    docx = next(f for f in special.files if f.suffix == ".docx")
    text = docx_text(docx)
    for expected in ("Q&A <Board> Report", "Arms & <ammunition> control", "R&D <Lab>", 'He said "a < b & c".'):
        assert expected in text
    assert not any("DRAFT" in xml for xml in docx_page_headers(docx))
    if shutil.which("pdftotext"):
        pdf_text = "".join(pdf_pages(next(f for f in special.files if f.suffix == ".pdf")))
        assert "DRAFT" not in "".join(pdf_text.split())
        assert "Q&A <Board> Report" in pdf_text and "Arms & <ammunition> control" in pdf_text


def test_empty_period_still_gives_a_report(project_config: Config, tmp_path: Path) -> None:
    result = report(project_config, specific_activities(), tmp_path, period="2019-Q1")
    assert result.count == 0 and len(result.files) == 2
    assert any("no activities" in w for w in result.warnings)
    assert "No activities were recorded" in docx_text(next(f for f in result.files if f.suffix == ".docx"))
    if shutil.which("pdftotext"):
        text = "".join(pdf_pages(next(f for f in result.files if f.suffix == ".pdf")))
        assert "records no activities" in text and "EMPACT action day" in text


def test_broken_template_names_file_and_line_and_writes_nothing(project_config: Config, tmp_path: Path) -> None:
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "report.html.j2").write_text('{% extends "default/report.html.j2" %}\n'
                                           "{% block summary %}\n<p>{{ front.titel }}</p>\n{% endblock %}\n")
    out = tmp_path / "out"
    with pytest.raises(TemplateError, match=r"report\.html\.j2:3: .*titel"):
        report(project_config, specific_activities(), out, template=str(custom))
    assert list(out.iterdir()) == []


def test_user_template_replaces_one_block(project_config: Config, tmp_path: Path) -> None:
    from cli.render.pdf import render_html
    from cli.render.templates import resolve_template_set
    from cli.report.context import build_context
    from cli.report.periods import parse_period

    custom = tmp_path / "report_templates" / "board"
    custom.mkdir(parents=True)
    (custom / "report.html.j2").write_text('{% extends "default/report.html.j2" %}\n'
                                           "{% block summary %}<p>Custom summary for {{ front.reference }}</p>"
                                           "{% endblock %}\n")
    context = build_context(specific_activities(), project_config, parse_period("2021-Q4"), "quarterly",
                            status="final", issue_date=ISSUE, reference="R/1", narrative=[], register_name=None)
    html = render_html(context, resolve_template_set("board", tmp_path))
    assert "Custom summary for R/1" in html and "Key figures" in html
    with pytest.raises(TemplateError, match="not found"):
        resolve_template_set("missing", tmp_path)


@pytest.mark.parametrize(("options", "error", "words"), [
    ({"profile": "monthly"}, ReportError, "unknown profile; use one of quarterly, biennial"),
    ({"formats": ["odt"]}, ReportError, "unknown format; use pdf or docx"),
    ({"status": "approved"}, ReportError, "use draft or final"),
    ({"period": "2021-Q9"}, ReportError, "2022-Q1"),
    ({"narrative": Path("no-such-notes.md")}, InputError, "narrative file not found"),
])
def test_user_mistakes_are_named(project_config: Config, tmp_path: Path, options: dict, error: type,
                                 words: str) -> None:
    with pytest.raises(error, match=re.escape(words)):
        report(project_config, specific_activities(), tmp_path, **options)
    assert list(tmp_path.iterdir()) == []


def test_chart_svg_is_deterministic() -> None:
    from cli.render.charts import render_svg

    chart = Chart("economies", "T", "C", ["Albania", "Kosovo*"],
                  [ChartSeries("WBCTi", "#C0392B", [1, 2]), ChartSeries("WBBSi", "#2E8B57", [0, 3])], "", True)
    style = Style("Liberation Sans, sans-serif", "#1F3864", {"WBCTi": "#C0392B"})
    first, second = render_svg(chart, style), render_svg(dataclasses.replace(chart), style)
    assert first == second and b"<svg" in first


CHART = Chart("economies", "Economies & pillars", "C", ["Albania", "Bosnia and Herzegovina", "Kosovo*"],
              [ChartSeries("WBCTi", "#C0392B", [1, 2, 0]), ChartSeries("WBBSi", "#2E8B57", [0, 3, 0])], "", True)
CHART_STYLE = Style("Arial, Liberation Sans, sans-serif", "#1F3864", {"WBCTi": "#C0392B"})


def test_chart_svg_shows_every_number_and_label() -> None:
    from cli.render.charts import render_svg

    svg = render_svg(CHART, CHART_STYLE).decode("utf-8")
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert "<title>Economies &amp; pillars</title>" in svg
    # y axis 0..5 by 1 (top 5 × 1.15), totals over the bars (none over an empty bar), wrapped labels, legend
    assert texts[:6] == ["0", "1", "2", "3", "4", "5"]
    assert texts.count("1") == 2 and texts.count("5") == 2 and "Activities" in texts
    assert ["Albania", "Bosnia and", "Herzegovina", "Kosovo*"] == [t for t in texts if t[0].isupper()
                                                                 and t not in ("Activities", "WBCTi", "WBBSi")]
    assert texts[-2:] == ["WBCTi", "WBBSi"]
    assert svg.count('fill="#C0392B"') == 3 and svg.count('fill="#2E8B57"') == 2  # two bars and a legend key each
    assert 'font-family="\'Arial\', \'Liberation Sans\', \'DejaVu Sans\', sans-serif"' in svg


def test_chart_labels_turn_when_there_are_many_bars() -> None:
    from cli.render.charts import render_svg

    months = [f"Month {i}" for i in range(14)]
    chart = dataclasses.replace(CHART, categories=months, series=[ChartSeries("WBCTi", "#C0392B", list(range(14)))])
    svg = render_svg(chart, CHART_STYLE).decode("utf-8")
    assert len(re.findall(r'text-anchor="end" transform="rotate\(-45 ', svg)) == 14
    assert len(re.findall(r">(\d+)</text>", svg)) == 13 + 8  # totals over 13 non-empty bars, y axis 0..14 by 2


@pytest.mark.parametrize(("limit", "step"), [(1, 1), (1.15, 1), (9, 1), (9.2, 2), (10.35, 2), (208, 25), (414, 50),
                                             (2200, 250), (2300, 500), (11_500, 2000)])
def test_chart_steps_are_round_and_few(limit: float, step: int) -> None:
    from cli.render.charts import _step

    assert _step(limit) == step


def test_chart_png_is_the_same_chart() -> None:
    from PIL import Image

    from cli.render.charts import PNG_DPI, render_png

    first, second = render_png(CHART, CHART_STYLE), render_png(dataclasses.replace(CHART), CHART_STYLE)
    assert first == second
    image = Image.open(io.BytesIO(first)).convert("RGB")
    assert image.size == (round(6.3 * PNG_DPI), round(2.9 * PNG_DPI))
    colours = {colour for _, colour in image.getcolors(maxcolors=1_000_000)}
    assert (0xC0, 0x39, 0x2B) in colours and (0x2E, 0x8B, 0x57) in colours and (0x33, 0x33, 0x33) in colours
    # the tallest bar (5) reaches 5 / (5 × 1.15) of the plot's height above the axis
    column = [image.getpixel((x, y)) for x in [round(image.size[0] * (0.085 + 0.745 * 1.5 / 3))]
              for y in range(image.size[1])]
    painted = [y for y, colour in enumerate(column) if colour in ((0xC0, 0x39, 0x2B), (0x2E, 0x8B, 0x57))]
    plot = (0.84 - 0.05) * image.size[1]
    assert abs((max(painted) - min(painted)) - plot / 1.15) < 4


def test_committed_docx_template_matches_its_script(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), "--out",
                           str(tmp_path / "report.docx")], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    committed = ROOT / "report_templates" / "default" / "report.docx"
    assert (tmp_path / "report.docx").read_bytes() == committed.read_bytes()
    assert committed.stat().st_size < 100_000


def test_docx_template_error_names_the_paragraph(project_config: Config, tmp_path: Path) -> None:
    from docx import Document

    custom = tmp_path / "custom"
    custom.mkdir()
    template = Document(str(ROOT / "report_templates" / "default" / "report.docx"))
    template.add_paragraph("Prepared for {{ front.meeting }}")
    template.save(str(custom / "report.docx"))
    where = r'word/document\.xml, near "Prepared for \{\{ front\.meeting \}\}"'
    with pytest.raises(TemplateError, match=where + ".*meeting"):
        report(project_config, specific_activities(), tmp_path / "out", template=str(custom), formats=["docx"])
    assert list((tmp_path / "out").iterdir()) == []


def test_docx_drawings_have_distinct_ids(sample_docx: Path) -> None:
    ids = re.findall(r'<wp:docPr\b[^>]*?\sid="(\d+)"', docx_part(sample_docx, "word/document.xml"))
    assert len(ids) == 2  # the two charts
    assert ids == ["1001", "1002"]  # docxtpl's numbering: from 1001 in order


def test_docx_template_that_renders_broken_xml_is_refused(project_config: Config, tmp_path: Path) -> None:
    from docx import Document

    custom = tmp_path / "custom"
    custom.mkdir()
    template = Document(str(ROOT / "report_templates" / "default" / "report.docx"))
    template.add_paragraph("{% if false %}skipped")  # a condition opened outside a table, closed in one of its cells
    template.add_table(rows=1, cols=1).cell(0, 0).text = "also skipped{% endif %}"
    template.save(str(custom / "report.docx"))
    with pytest.raises(TemplateError, match=r"report\.docx: the rendered document is not valid Word XML "
                                            r"\(Opening and ending tag mismatch: \w+ line \d+ and \w+, line \d+, "
                                            r"column \d+\); a \{% … %\} tag opens in one paragraph, row or cell and "
                                            r"closes in another: put block tags as \{%p … %\} or \{%tr … %\} in "
                                            r"paragraphs or rows of their own"):
        report(project_config, specific_activities(), tmp_path / "out", template=str(custom), formats=["docx"])
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(("data", "words"), [
    (b"<a><b></a>", "Opening and ending tag mismatch: b line 1 and a, line 1, column 11"),
    (b'<a>\n<w:p/></a>', "Namespace prefix w on p is not defined, line 2, column 5"),
    (b"<a>&nbsp;</a>", "Entity 'nbsp' not defined, line 1, column 10"),
    (b'<a x="1" x="2"/>', "Attribute x redefined, line 1, column 15"),
])
def test_rendered_word_xml_must_be_well_formed(data: bytes, words: str) -> None:
    from cli.render.docx import MalformedXML, WellFormed, well_formed

    with pytest.raises(MalformedXML, match=re.escape(words)):
        well_formed(data)
    check = WellFormed(data)  # the same check in a thread of its own, raising when asked for its result
    check.start()
    with pytest.raises(MalformedXML, match=re.escape(words)):
        check.result()
    well_formed(b'<w:a xmlns:w="urn:x"><w:p>text &amp; more</w:p></w:a>')
    check = WellFormed(b'<w:a xmlns:w="urn:x"><w:p>text &amp; more</w:p></w:a>')
    check.start()
    check.result()


def test_listing_pass_runs_exactly_when_run_text_holds_a_break() -> None:
    from hypothesis import given, settings, strategies as st

    from cli.render.docx import _listing

    docxtpl_rule = re.compile(r"<w:t(?: [^>]*)?>[^<]*[\n\t\a\f]")  # docxtpl's own condition for the pass
    pieces = st.sampled_from(["<w:t>", '<w:t xml:space="preserve">', "</w:t>", "<w:tab/>", "<w:p>", "text",
                              "\n", "\t", "\a", "\f", " ", "<", ">", "a"])

    @settings(max_examples=400, deadline=None)
    @given(st.lists(pieces, max_size=12))
    def agree(parts: list[str]) -> None:
        xml = "".join(parts)
        assert _listing(xml) == bool(docxtpl_rule.search(xml)), xml

    agree()
    assert _listing("<w:body><w:p><w:r><w:t>one\ntwo</w:t></w:r></w:p>")
    assert not _listing("<?xml version='1.0'?>\n<w:body><w:p><w:r><w:t>one two</w:t></w:r></w:p>")


def test_docx_pictures_are_the_drawn_charts(sample: tuple[ReportResult, Path], sample_docx: Path) -> None:
    from cli.render.charts import render_png

    context = sample[0].context
    with zipfile.ZipFile(sample_docx) as archive:
        pictures = sorted(archive.read(n) for n in archive.namelist() if n.startswith("word/media/"))
    assert len(context.charts) == 2
    assert pictures == sorted(render_png(chart, context.style) for chart in context.charts)
