"""The command line through Typer's CliRunner: exit codes, messages, files written."""
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def iisg(*args: str):
    return runner.invoke(app, ["--config", str(ROOT / "config.yaml"), *args], catch_exceptions=False)


@pytest.fixture()
def register(tmp_path):
    path = tmp_path / "register.yaml"
    result = iisg("ingest", str(ROOT / "seeds"), "--register", str(path))
    assert result.exit_code == 0, result.output
    assert "5 file(s), 40 post(s), 39 activities: 39 new" in result.output
    return path


def test_every_command_has_help():
    import typer.main

    def paths(command, prefix):
        yield prefix
        for name, sub in getattr(command, "commands", {}).items():
            yield from paths(sub, prefix + [name])

    found = list(paths(typer.main.get_command(app), []))
    assert ["report"] in found and ["verify"] in found and ["register", "export"] in found
    for args in found:
        result = runner.invoke(app, [*args, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, args
        command = typer.main.get_command(app)
        for name in args:
            command = command.commands[name]
        assert (command.help or "").strip(), f"{' '.join(args)} has no help text"


def test_reingest_is_idempotent(register):
    before = register.read_bytes()
    result = iisg("ingest", str(ROOT / "seeds"), "--register", str(register))
    assert "0 new, 0 updated, 39 unchanged" in result.output
    assert register.read_bytes() == before


def test_list_filters(register):
    result = iisg("register", "list", "--register", str(register), "--country", "XK", "--from", "2021-06", "--to", "2021-06")
    assert result.exit_code == 0
    assert "Visit of CSC WB experts in Kosovo*" in result.output and result.output.strip().endswith("1 activity")
    result = iisg("register", "list", "--register", str(register), "--pillar", "WBCTi")
    assert result.output.strip().endswith("4 activities")


def test_set_survives_reingest_and_show_prints_evidence(register, tmp_path):
    listing = iisg("register", "list", "--register", str(register), "--partner", "ARK IT").output
    ident = listing.splitlines()[1].split()[0]
    result = iisg("register", "set", ident, "city=Durres", "partners=ARK IT;National Agency for Information Society",
                  "--register", str(register))
    assert result.exit_code == 0, result.output
    iisg("ingest", str(ROOT / "seeds"), "--register", str(register))
    shown = iisg("register", "show", ident, "--register", str(register)).output
    assert "city: Durres" in shown
    assert "partners: ARK IT, National Agency for Information Society" in shown
    assert "000_b7cf5dea94cbc971.txt:" in shown and "set by hand: city, partners" in shown


def test_set_with_bad_value_exits_1_and_writes_nothing(register):
    before = register.read_bytes()
    ident = iisg("register", "list", "--register", str(register)).output.splitlines()[1].split()[0]
    result = iisg("register", "set", ident, "pillars=Terror", "--register", str(register))
    assert result.exit_code == 1
    assert "unknown pillar 'Terror'" in result.output
    assert register.read_bytes() == before
    result = iisg("register", "set", ident, "nonsense", "--register", str(register))
    assert result.exit_code == 1 and "write FIELD=VALUE" in result.output


def test_validate_lists_what_needs_review(register):
    result = iisg("register", "validate", "--register", str(register))
    assert result.exit_code == 1
    assert "EMPACT Organised Property Crime" in result.output and "no date" in result.output


def test_export_formats(register, tmp_path):
    out = tmp_path / "r.json"
    assert iisg("register", "export", "--format", "json", "--output", str(out), "--register", str(register)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 39 and {"title", "sources", "start", "end", "year_inferred", "city", "country", "countries",
                                "pillars", "type", "partners", "people"} <= set(data[0])
    csv_out = iisg("register", "export", "--format", "csv", "--register", str(register)).output
    assert csv_out.splitlines()[0].startswith("id,title,start,end")
    xlsx = tmp_path / "r.xlsx"
    assert iisg("register", "export", "--format", "xlsx", "--output", str(xlsx), "--register", str(register)).exit_code == 0
    from openpyxl import load_workbook
    sheet = load_workbook(xlsx).active
    assert sheet.freeze_panes == "A2" and sheet.max_row == 40
    bad = iisg("register", "export", "--format", "pdf", "--register", str(register))
    assert bad.exit_code == 1 and "use json, csv or xlsx" in bad.output


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / "002_e5590ba99d378386.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01PNG\x00")
    (folder / "latin.txt").write_bytes("Meeting in Tirana\n\nOn 3 May 2022 the café talks began in Tirana.\n".encode("cp1252"))
    reg = tmp_path / "r.yaml"
    result = iisg("ingest", str(folder), str(tmp_path / "missing.txt"), "--register", str(reg))
    assert result.exit_code == 1
    out = result.output
    assert "empty.txt: file is empty" in out and "binary.txt: binary data" in out
    assert "missing.txt: no such file or folder" in out and "latin.txt: not UTF-8" in out
    assert "2 file(s), 2 post(s), 2 activities" in out
    assert "café" in reg.read_text(encoding="utf-8")


def test_broken_register_is_reported_and_kept(register):
    text = register.read_text(encoding="utf-8").replace("type: meeting", "type: [meeting", 1)
    register.write_text(text, encoding="utf-8")
    result = iisg("ingest", str(ROOT / "seeds"), "--register", str(register))
    assert result.exit_code == 1 and "invalid YAML" in result.output and "nothing was written" in result.output
    assert register.read_text(encoding="utf-8") == text


def test_missing_register_and_config():
    result = iisg("register", "list", "--register", "/nonexistent/r.yaml")
    assert result.exit_code == 1 and "no register yet; run `iisg ingest` first" in result.output
    result = runner.invoke(app, ["--config", "/nonexistent/config.yaml", "register", "list"])
    assert result.exit_code == 2 and "config file not found" in result.output


def test_help_and_list_do_not_load_the_renderers(register):
    import subprocess
    import sys

    code = ("import sys\nfrom typer.testing import CliRunner\nfrom cli.app import app\n"
            f"CliRunner().invoke(app, ['--help'])\nCliRunner().invoke(app, ['register', 'list', '--register', {str(register)!r}])\n"
            "print(sorted(m for m in ('weasyprint', 'docxtpl', 'docx', 'PIL', 'openpyxl', 'jinja2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"
