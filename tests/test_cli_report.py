"""`iisg report` end to end through the CLI: messages, exit codes, final refusal, pack and batch."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from cli.register import load_register

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def iisg(*args: str):
    return runner.invoke(app, ["--config", str(ROOT / "config.yaml"), *args])


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    path = tmp_path_factory.mktemp("reg") / "register.yaml"
    assert iisg("ingest", str(ROOT / "seeds"), "--register", str(path)).exit_code == 0
    return path


def test_bad_period_lists_the_accepted_forms(register, tmp_path):
    result = iisg("report", "--period", "2022-Q5", "--register", str(register), "--output-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "2022-Q5" in result.output and "2022-Q1" in result.output and "2021-2022" in result.output
    assert list(tmp_path.iterdir()) == []


def test_unknown_profile_and_format(register, tmp_path):
    result = iisg("report", "--period", "2022", "--profile", "monthly", "--register", str(register),
                  "--output-dir", str(tmp_path))
    assert result.exit_code != 0 and "monthly" in result.output
    result = iisg("report", "--period", "2022", "--format", "odt", "--register", str(register),
                  "--output-dir", str(tmp_path))
    assert result.exit_code != 0 and "odt" in result.output


def test_final_is_refused_while_activities_need_review(register, tmp_path):
    result = iisg("report", "--period", "2021-2022", "--profile", "biennial", "--status", "final",
                  "--register", str(register), "--output-dir", str(tmp_path))
    assert result.exit_code == 1
    assert "--status final refused: 6 activities need review first" in result.output
    assert "'50 kg marijuana seized in North Macedonia': year inferred from neighbouring posts" in result.output
    assert "no start date" in result.output
    assert list(tmp_path.iterdir()) == []


def test_final_after_review_and_the_pack_verifies(register, tmp_path):
    reviewed = tmp_path / "reviewed.yaml"
    reviewed.write_bytes(register.read_bytes())
    for activity in load_register(reviewed):
        if activity.start is None:
            assert iisg("register", "set", activity.id, "start=2021-02", "end=2021-02", "--register", str(reviewed)).exit_code == 0
        elif activity.year_inferred:
            assert iisg("register", "set", activity.id, f"start={activity.start}", "--register", str(reviewed)).exit_code == 0
    out = tmp_path / "out"
    result = iisg("report", "--period", "2021-Q1", "--status", "final", "--pack", "--format", "docx",
                  "--register", str(reviewed), "--output-dir", str(out), "--date", "2021-04-15")
    assert result.exit_code == 0, result.output
    assert "IISG/SEC/2021/Q1: 7 activities in the period" in result.output
    folder = out / "IISG-SEC-2021-Q1_quarterly"
    assert sorted(p.name for p in folder.iterdir()) == [
        "IISG-SEC-2021-Q1_quarterly.docx", "IISG-SEC-2021-Q1_quarterly_annex.csv",
        "IISG-SEC-2021-Q1_quarterly_annex.xlsx", "manifest.json"]
    assert iisg("verify", str(out / "IISG-SEC-2021-Q1_quarterly.zip")).exit_code == 0
    (folder / "IISG-SEC-2021-Q1_quarterly_annex.csv").write_text("tampered", encoding="utf-8")
    result = iisg("verify", str(folder))
    assert result.exit_code == 1 and "IISG-SEC-2021-Q1_quarterly_annex.csv: size" in result.output


def test_one_report_per_pillar(register, tmp_path):
    result = iisg("report", "--period", "2021-2022", "--profile", "biennial", "--by", "pillar", "--format", "docx",
                  "--register", str(register), "--output-dir", str(tmp_path))
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["IISG-SEC-2021-2022-WBBSi_biennial.docx", "IISG-SEC-2021-2022-WBCSCi_biennial.docx",
                     "IISG-SEC-2021-2022-WBCTi_biennial.docx", "IISG-SEC-2021-2022-cross-cutting_biennial.docx"]
    lines = [line.split(":")[0] for line in result.output.splitlines() if line[:5] in ("WBCTi", "WBCSC", "WBBSi", "cross")]
    assert lines == ["WBCTi", "WBCSCi", "WBBSi", "cross-cutting"]
    from docx import Document
    text = " ".join(p.text for p in Document(str(tmp_path / "IISG-SEC-2021-2022-WBCTi_biennial.docx")).paragraphs)
    assert "Biennial Activity Report – Western Balkans Counter-Terrorism initiative" in text


def test_many_economies_fit_the_word_keywords_limit(register, tmp_path):
    result = iisg("report", "--period", "2021-2022", "--profile", "biennial", "--format", "docx",
                  "--register", str(register), "--output-dir", str(tmp_path), "--date", "2023-01-15")
    assert result.exit_code == 0, result.output
    from docx import Document
    keywords = Document(str(tmp_path / "IISG-SEC-2021-2022_biennial.docx")).core_properties.keywords
    assert keywords.startswith("IISG/SEC/2021-2022; Biennium 2021–2022") and len(keywords) <= 255
    assert not keywords.endswith(";")
