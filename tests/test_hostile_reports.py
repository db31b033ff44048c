"""Reports built from hostile input show it literally and open cleanly (PDF text, DOCX, LibreOffice)."""
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
LITERAL = [
    "<script>alert(1)</script> & {{ config }} {% for x in y %} ]]>",
    "R&D <b>Meeting</b> & Co in Tirana",
    "Café meeting in Tirana",
]


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    runner = CliRunner()
    config = ["--config", str(ROOT / "config.yaml")]
    register = tmp / "r.yaml"
    runner.invoke(app, [*config, "ingest", str(BAD), "--register", str(register)])
    result = runner.invoke(app, [*config, "report", "--from", "2021-01-01", "--to", "2022-12-31", "--profile",
                                 "quarterly", "--register", str(register), "--output-dir", str(tmp / "out"),
                                 "--date", "2023-01-15"])
    assert result.exit_code == 0, result.output
    pdf = next((tmp / "out").glob("*.pdf"))
    docx = next((tmp / "out").glob("*.docx"))
    return pdf, docx, tmp


def test_pdf_shows_markup_literally(reports):
    pdf, _, _ = reports
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for phrase in LITERAL:
        assert phrase in text, phrase
    assert "combining in Tirana" in text


def test_docx_shows_markup_literally(reports):
    from docx import Document

    _, docx, _ = reports
    document = Document(str(docx))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    text = " ".join(" ".join([p.text for p in document.paragraphs] + cells).split())
    for phrase in LITERAL:
        assert phrase in text, phrase


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by scripts/setup.sh")
def test_libreoffice_converts_the_hostile_docx(reports):
    _, docx, tmp = reports
    out = tmp / "lo"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(docx)], capture_output=True, timeout=180, check=True)
    converted = out / (docx.stem + ".pdf")
    assert converted.exists() and converted.stat().st_size > 10_000
