"""Submission pack: manifest, annex workbook, reproducible zips, verify."""
import datetime as dt
import io
import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cli.app import app
from cli.errors import InputError
from cli.models import Activity
from cli.pack import PackInputs, annex_csv, normalise_zip, verify_pack, write_pack

ROOT = Path(__file__).resolve().parent.parent
DAY = dt.date(2023, 1, 15)


def activities() -> list[Activity]:
    return [Activity(id="a1", title="Meeting & talks <Tirana>", start="2022-03-01", end="2022-03-02", city="Tirana",
                     country="AL", countries=["AL"], pillars=["WBCSCi"], type="meeting", partners=["UNODC", "OSCE"]),
            Activity(id="a2", title="=cmd|' /C calc'!A0", start="2022-02", end="2022-02", country="XK",
                     countries=["XK", "AL"], pillars=["WBBSi", "WBCTi"], type="training", partners=["OSCE"])]


def make_pack(tmp_path: Path, out: str = "out") -> tuple[Path, Path]:
    report = tmp_path / "IISG-SEC-2022-Q1_quarterly.pdf"
    report.write_bytes(b"%PDF-1.7 test bytes")
    register = tmp_path / "register.yaml"
    register.write_text("version: 1\nactivities: []\n", encoding="utf-8")
    acts = activities()
    inputs = PackInputs(
        stem="IISG-SEC-2022-Q1_quarterly", reference="IISG/SEC/2022/Q1", period="2022-Q1", profile="quarterly",
        status="draft", issue_date=DAY, tool_version="0.1.0", config_path=ROOT / "config.yaml",
        template_dir=ROOT / "report_templates" / "default", register_path=register, activities=acts,
        groupings={"By pillar": [("WBCTi", [acts[1]]), ("WBCSCi", [acts[0]]), ("WBBSi", [acts[1]])],
                   "By economy": [("Albania", acts), ("Kosovo*", [acts[1]])]},
        reports=[report])
    return write_pack(inputs, tmp_path / out)


def test_pack_folder_zip_and_manifest(tmp_path):
    folder, archive = make_pack(tmp_path)
    assert sorted(p.name for p in folder.iterdir()) == [
        "IISG-SEC-2022-Q1_quarterly.pdf", "IISG-SEC-2022-Q1_quarterly_annex.csv",
        "IISG-SEC-2022-Q1_quarterly_annex.xlsx", "manifest.json"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reference"] == "IISG/SEC/2022/Q1" and manifest["activities"] == ["a1", "a2"]
    assert {f["name"] for f in manifest["files"]} == {p.name for p in folder.iterdir()} - {"manifest.json"}
    assert all(len(f["sha256"]) == 64 and f["size"] > 0 for f in manifest["files"])
    with zipfile.ZipFile(archive) as z:
        assert sorted(z.namelist())[0].startswith("IISG-SEC-2022-Q1_quarterly/")
        assert {i.date_time for i in z.infolist()} == {(2023, 1, 15, 12, 0, 0)}
    assert verify_pack(folder) == [] and verify_pack(archive) == []


def test_annex_workbook_sheets(tmp_path):
    folder, _ = make_pack(tmp_path)
    book = load_workbook(folder / "IISG-SEC-2022-Q1_quarterly_annex.xlsx")
    assert book.sheetnames == ["All activities", "By pillar", "By economy"]
    sheet = book["By pillar"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:N4"
    assert [c.value for c in sheet[2]][:3] == ["WBCTi", "a2", "2022-02"]
    assert book["All activities"]["D3"].value == "'=cmd|' /C calc'!A0"
    text = annex_csv(activities()).decode("utf-8-sig")
    assert text.splitlines()[1].startswith("a1,2022-03-01,2022-03-02,Meeting & talks <Tirana>,Tirana,AL,AL,WBCSCi")


def test_pack_bytes_are_reproducible(tmp_path):
    import time

    first = make_pack(tmp_path, "one")
    time.sleep(1.1)  # the clock moves on: nothing in the pack may show it (openpyxl writes it as 'modified')
    second = make_pack(tmp_path, "two")
    for a, b in ((first[1], second[1]), *((p, second[0] / p.name) for p in first[0].iterdir())):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_normalise_zip_fixes_order_and_time():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("b.xml", "b")
        z.writestr("[Content_Types].xml", "t")
        z.writestr("a.xml", "a")
    fixed = zipfile.ZipFile(io.BytesIO(normalise_zip(buffer.getvalue(), DAY)))
    assert fixed.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
    assert {i.date_time for i in fixed.infolist()} == {(2023, 1, 15, 12, 0, 0)}


def test_verify_names_changed_missing_and_extra_files(tmp_path):
    folder, archive = make_pack(tmp_path)
    (folder / "IISG-SEC-2022-Q1_quarterly.pdf").write_bytes(b"%PDF-1.7 TEST bytes")
    (folder / "IISG-SEC-2022-Q1_quarterly_annex.csv").unlink()
    (folder / "notes.txt").write_text("x", encoding="utf-8")
    assert verify_pack(folder) == [
        "IISG-SEC-2022-Q1_quarterly.pdf: SHA-256 differs from the manifest (the file was changed)",
        "IISG-SEC-2022-Q1_quarterly_annex.csv: missing",
        "notes.txt: not listed in the manifest"]
    result = CliRunner().invoke(app, ["verify", str(folder)])
    assert result.exit_code == 1 and "IISG-SEC-2022-Q1_quarterly_annex.csv: missing" in result.output
    result = CliRunner().invoke(app, ["verify", str(archive)])
    assert result.exit_code == 0 and "every file matches the manifest" in result.output


def test_verify_refuses_what_is_not_a_pack(tmp_path):
    with pytest.raises(InputError, match="no manifest.json found"):
        verify_pack(tmp_path)
    result = CliRunner().invoke(app, ["verify", str(tmp_path / "nothing.zip")])
    assert result.exit_code == 1 and "not a pack folder or zip" in result.output
