"""Archival outputs: PDF/A-3b structure, embedded register extract, document properties, byte-identical rebuilds."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cli.config import Config
from cli.models import Activity
from cli.pack import annex_csv
from cli.report import ReportResult, make_report

from conftest import make_activities
from test_report_render import ISSUE, PILLAR_HEADINGS, specific_activities

pikepdf = pytest.importorskip("pikepdf")

REFERENCE = "IISG/SEC/2021/Q4"
AUTHOR = "Integrative Internal Security Governance (IISG) Secretariat"
STEM = "IISG-SEC-2021-Q4_quarterly"


def sample_activities() -> list[Activity]:
    return make_activities(60, years=(2021, 2021)) + specific_activities()


def with_logo(config: Config, folder: Path) -> Config:
    """The project config with a small RGBA PNG logo, so the PDF holds a raster image with a soft mask."""
    from PIL import Image

    logo = folder / "logo.png"
    Image.new("RGBA", (40, 20), (31, 56, 100, 180)).save(logo)
    data = dict(config.data)
    data["branding"] = {**data["branding"], "logo": str(logo)}
    return Config(config.root, data)


def build(config: Config, out: Path) -> ReportResult:
    return make_report(sample_activities(), config, period="2021-Q4", date_from=None, date_to=None,
                       profile="quarterly", formats=["pdf", "docx"], output_dir=out, narrative=None, template=None,
                       status="draft", issue_date=ISSUE, register_path=Path("register.yaml"))


@pytest.fixture(scope="module", params=["never", "always"], ids=["one-process", "in-parts"])
def builds(request: pytest.FixtureRequest, project_config: Config,
           tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportResult, ReportResult]:
    """The same report built twice, into two folders: laid out in one process, and in parts joined together."""
    config = with_logo(project_config, tmp_path_factory.mktemp("logo"))
    with pytest.MonkeyPatch.context() as env:
        env.setenv("IISG_PDF_PARTS", request.param)
        return build(config, tmp_path_factory.mktemp("first")), build(config, tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="module")
def pdf_path(builds: tuple[ReportResult, ReportResult]) -> Path:
    return next(f for f in builds[0].files if f.suffix == ".pdf")


@pytest.fixture(scope="module")
def docx_path(builds: tuple[ReportResult, ReportResult]) -> Path:
    return next(f for f in builds[0].files if f.suffix == ".docx")


@pytest.fixture(scope="module")
def pdf(pdf_path: Path):  # noqa: ANN201 - pikepdf.Pdf
    with pikepdf.open(pdf_path) as document:
        yield document


def test_same_inputs_give_the_same_bytes(builds: tuple[ReportResult, ReportResult]) -> None:
    first, second = builds
    assert first.files[0].parent != second.files[0].parent
    digests = [{f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in result.files} for result in builds]
    assert sorted(digests[0]) == [f"{STEM}.docx", f"{STEM}.pdf"]
    assert digests[0] == digests[1]


def test_pdf_is_pdfa_3b(pdf) -> None:  # noqa: ANN001
    assert pdf.pdf_version == "1.7"
    intent = pdf.Root.OutputIntents[0]
    assert intent.S == "/GTS_PDFA1" and "/N" in intent.DestOutputProfile
    xmp = pdf.Root.Metadata.read_bytes().decode("utf-8")
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert len(pdf.trailer.ID) == 2
    images = [item for item in pdf.objects if isinstance(item, pikepdf.Stream) and item.get("/Subtype") == "/Image"]
    assert len(images) >= 2, "the logo and its soft mask"
    assert all(not bool(image.get("/Interpolate", False)) for image in images)


def test_pdf_document_metadata(pdf) -> None:  # noqa: ANN001
    info = pdf.docinfo
    assert str(info.Title) == f"Quarterly Activity Report {REFERENCE}"
    assert str(info.Author) == AUTHOR
    assert str(info.Subject) == "Quarterly Activity Report, 1 October – 31 December 2021"
    keywords = str(info.Keywords).split(", ")
    assert keywords[0] == REFERENCE
    assert {"Counter-terrorism (WBCTi)", "Serious crime (WBCSCi)", "Albania", "Kosovo*"} <= set(keywords)
    assert str(info.CreationDate) == str(info.ModDate) == "D:20220120120000Z"
    assert str(pdf.Root.Lang) == "en"
    meta = pdf.open_metadata()
    assert meta["dc:title"] == str(info.Title) and meta["pdf:Keywords"] == str(info.Keywords)
    assert meta["xmp:CreateDate"] == meta["xmp:ModifyDate"] == "2022-01-20T12:00:00Z"
    assert AUTHOR in meta["dc:creator"]


def test_pdf_carries_the_register_extract(pdf, builds: tuple[ReportResult, ReportResult]) -> None:  # noqa: ANN001
    files = pdf.attachments
    assert sorted(files) == [f"{STEM}_register.csv", f"{STEM}_register.json"]
    catalog_af = [str(spec.UF) for spec in pdf.Root.AF]
    assert sorted(catalog_af) == sorted(files)
    moment = dt.datetime(2022, 1, 20, 12, 0, tzinfo=dt.timezone.utc)
    for name, mime in ((f"{STEM}_register.csv", "text/csv"), (f"{STEM}_register.json", "application/json")):
        spec = files[name]
        assert spec.obj.AFRelationship == "/Data" and "Register extract" in str(spec.obj.Desc)
        embedded = spec.get_file()
        assert embedded.mime_type == mime and embedded.mod_date == moment and embedded.creation_date == moment
    rows = list(csv.reader(io.StringIO(files[f"{STEM}_register.csv"].get_file().read_bytes().decode("utf-8-sig"))))
    records = json.loads(files[f"{STEM}_register.json"].get_file().read_bytes())
    ids = [record["id"] for record in records]
    assert [row[0] for row in rows[1:]] == ids and rows[0][0] == "id"
    assert len(ids) == builds[0].count and {"unodc-see", "pristina"} <= set(ids) and "undated" not in ids
    chosen = {a.id: a for a in sample_activities()}
    assert records == [chosen[i].export() for i in ids]
    assert files[f"{STEM}_register.csv"].get_file().read_bytes() == annex_csv([chosen[i] for i in ids])


def test_pdf_outline_shows_the_section_headings(pdf) -> None:  # noqa: ANN001
    with pdf.open_outline() as outline:
        top = {item.title: item for item in outline.root}
        assert "Contents" in top and "1 Executive summary" in top and "Annex D Data notes" in top
        for number, title in zip("4567", PILLAR_HEADINGS):
            assert f"{number} {title}" in top
        economies = [child.title for child in top["8 Activities by economy"].children]
        assert economies[:6] == ["Albania", "Bosnia and Herzegovina", "Kosovo*", "Montenegro", "North Macedonia",
                                 "Serbia"]
        assert all(item.destination is not None for item in outline.root)


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf not installed")
def test_qpdf_finds_no_errors(pdf_path: Path) -> None:
    done = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No syntax or stream encoding errors found" in done.stdout


def test_docx_core_properties(docx_path: Path) -> None:
    from docx import Document

    core = Document(str(docx_path)).core_properties
    assert core.title == f"Quarterly Activity Report {REFERENCE}"
    assert core.subject == "Quarterly Activity Report, 1 October – 31 December 2021"
    assert core.author == AUTHOR and core.identifier == REFERENCE
    keywords = core.keywords.split("; ")
    assert keywords[0] == REFERENCE and {"Border security (WBBSi)", "Serbia", "Kosovo*"} <= set(keywords)
    assert core.version == "1.0" and core.revision == 1 and core.content_status == "Draft"
    assert core.language == "en-GB"
    assert core.created == core.modified == dt.datetime(2022, 1, 20, 12, 0, tzinfo=dt.timezone.utc)


def test_docx_zip_is_normalised(docx_path: Path) -> None:
    with zipfile.ZipFile(docx_path) as archive:
        entries = archive.infolist()
    names = [entry.filename for entry in entries]
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert {entry.date_time for entry in entries} == {(2022, 1, 20, 12, 0, 0)}


def _pages_text(path: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")


def _words(path: Path) -> list[str]:
    """Every word of the PDF with its page and box, as pdftotext -bbox gives them."""
    done = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True)
    return [line.strip() for line in done.stdout.splitlines() if "<word " in line or "<page " in line]


def _outline(path: Path) -> list[tuple[str, int, list]]:
    def walk(items: list) -> list[tuple[str, int, list]]:
        return [(item.title, pikepdf.Page(item.destination[0]).index, walk(item.children)) for item in items]

    with pikepdf.open(path) as document, document.open_outline() as outline:
        return walk(outline.root)


def _contents_links(path: Path) -> dict[str, int]:
    """Where each link on the contents page lands: anchor name -> page index, through the named destinations."""
    with pikepdf.open(path) as document:
        names = dict(pikepdf.NameTree(document.Root.Names.Dests).items())
        links = [str(a.Dest) for a in document.pages[1].get("/Annots", []) if "/Dest" in a]
        return {name: pikepdf.Page(names[name][0]).index for name in links}


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_report_laid_out_in_parts_is_the_same_report(project_config: Config, tmp_path: Path) -> None:
    made = {}
    for mode in ("never", "always"):
        with pytest.MonkeyPatch.context() as env:
            env.setenv("IISG_PDF_PARTS", mode)
            result = make_report(sample_activities(), project_config, period="2021-Q4", date_from=None,
                                 date_to=None, profile="quarterly", formats=["pdf"], output_dir=tmp_path / mode,
                                 narrative=None, template=None, status="draft", issue_date=ISSUE)
        made[mode] = result.files[0]
    whole, parts = _pages_text(made["never"]), _pages_text(made["always"])
    assert len(whole) > 8 and parts == whole  # every page's text, footers "Page x of y" and contents included
    assert _words(made["always"]) == _words(made["never"])  # and every word where it was, page numbers too
    assert _outline(made["always"]) == _outline(made["never"])
    links = _contents_links(made["always"])
    assert links == _contents_links(made["never"]) and len(set(links)) >= 10
    heading = re.compile(r"^\s*Annex A\s+All activities", re.M)
    assert links["annex-a"] == next(i for i, page in enumerate(whole) if i > 1 and heading.search(page))


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_part_that_fails_leaves_the_report_to_one_process(project_config: Config, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import cli.render.pdf_parts as pdf_parts

    def dies(conn, *args) -> None:  # noqa: ANN001 - a part's process that ends without a word
        conn.close()

    monkeypatch.setattr(pdf_parts, "_part_process", dies)
    monkeypatch.setenv("IISG_PDF_PARTS", "always")
    result = make_report(sample_activities(), project_config, period="2021-Q4", date_from=None, date_to=None,
                         profile="quarterly", formats=["pdf"], output_dir=tmp_path / "out", narrative=None,
                         template=None, status="draft", issue_date=ISSUE)
    pages = _pages_text(result.files[0])
    total = len([p for p in pages if p.strip()])
    assert total > 8 and f"Page {total} of {total}" in pages[total - 1]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"{STEM}.pdf"]


def test_page_number_runs_cover_every_page_once() -> None:
    from cli.render.pdf_parts import _runs

    assert _runs(2, 20, 2) == [(2, 11), (11, 20)]
    assert _runs(2, 4, 8) == [(2, 3), (3, 4)]
    assert _runs(1, 2, 1) == [(1, 2)]


def test_parts_laid_out_one_at_a_time_give_the_same_bytes(project_config: Config, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IISG_PDF_PARTS", "always")
    digests = []
    for workers in ("1", "3"):
        monkeypatch.setenv("IISG_PDF_WORKERS", workers)
        result = make_report(sample_activities(), project_config, period="2021-Q4", date_from=None, date_to=None,
                             profile="quarterly", formats=["pdf"], output_dir=tmp_path / workers, narrative=None,
                             template=None, status="draft", issue_date=ISSUE)
        digests.append(hashlib.sha256(result.files[0].read_bytes()).hexdigest())
    assert digests[0] == digests[1]


def test_a_bad_worker_count_is_refused_before_anything_is_written(project_config: Config, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from cli.errors import ReportError

    monkeypatch.setenv("IISG_PDF_WORKERS", "0")
    with pytest.raises(ReportError, match=r"IISG_PDF_WORKERS='0' is not a number of processes.*from 1"):
        make_report(sample_activities(), project_config, period="2021-Q4", date_from=None, date_to=None,
                    profile="quarterly", formats=["pdf", "docx"], output_dir=tmp_path / "out", narrative=None,
                    template=None, status="draft", issue_date=ISSUE)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
