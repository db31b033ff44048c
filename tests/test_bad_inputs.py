"""Every file of tests/data/bad/ gets a clear message or a correct activity, never a traceback."""
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cli.app import app
from cli.register import load_register

ROOT = Path(__file__).resolve().parent.parent
BAD = ROOT / "tests" / "data" / "bad"
runner = CliRunner()

MESSAGES = {
    "01_empty.txt": "file is empty",
    "02_only_whitespace.txt": "file is empty",
    "03_binary.txt": "binary data, not text",
    "04_nul_bytes.txt": "binary data, not text",
    "10_no_titles.txt": "10_no_titles.txt:1: no post title found",
    "12_long_title.txt": "12_long_title.txt:1: the first line has 5,599 characters, too long for a title",
    "18_title_only.txt": "no post title found",
    "24_url_only.txt": "no text left after removing page boilerplate",
    "25_boilerplate_only.txt": "no text left after removing page boilerplate",
    "27_html_entities.html": "no post title found",
}
TITLES = {
    "05_cp1252.txt": "Café meeting in Tirana – “quotes”",
    "06_latin1.txt": "Réunion à Tirana",
    "07_utf8_bom.txt": "Meeting with BOM in Tirana",
    "08_crlf.txt": "Meeting with CRLF in Tirana",
    "09_lone_cr.txt": "Meeting with lone CR in Tirana",
    "11_html_script.html": "Meeting in Skopje & Ohrid",
    "13_markup_in_text.txt": "Workshop on <script>alert(1)</script> & {{ config }} {% for x in y %} ]]> in Sarajevo",
    "14_xml_control_chars.txt": "Meeting with control chars in Tirana",
    "15_rtl_and_combining.txt": "Meeting \u202eRTL\u202c and e\u0301 combining in Tirana العربية",
    "33_ampersand_title.txt": "R&D <b>Meeting</b> & Co in Tirana",
}


def ingest(tmp_path: Path, *paths: Path):
    register = tmp_path / "r.yaml"
    result = runner.invoke(app, ["--config", str(ROOT / "config.yaml"), "ingest", *map(str, paths),
                                 "--register", str(register)])
    return result, register


def test_the_corpus_is_large_enough():
    assert len(list(BAD.iterdir())) >= 30


@pytest.mark.parametrize("name", sorted(p.name for p in BAD.iterdir()))
def test_each_bad_file_gives_a_message_or_an_activity(tmp_path, name):
    result, register = ingest(tmp_path, BAD / name)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    activities = load_register(register)
    if name in MESSAGES:
        assert result.exit_code == 1
        assert MESSAGES[name] in " ".join(result.output.split())
        assert activities == []
    else:
        assert result.exit_code == 0, result.output
        assert activities, result.output
    if name in TITLES:
        assert [a.title for a in activities][:1] == [TITLES[name]]


def test_html_scripts_are_not_text(tmp_path):
    _, register = ingest(tmp_path, BAD / "11_html_script.html")
    activity = load_register(register)[0]
    assert "alert" not in activity.summary and "fake" not in activity.summary
    assert activity.city == "Skopje" and activity.start == "2022-05-03"


def test_impossible_and_reversed_dates(tmp_path):
    _, register = ingest(tmp_path, BAD / "16_31_february.txt", BAD / "17_reversed_range.txt")
    dates = {a.title: (a.start, a.end) for a in load_register(register)}
    assert dates["Meeting on an impossible day in Tirana"] == ("2022-02", "2022-02")
    assert dates["Meeting with a reversed range in Tirana"] == ("2022-03-15", "2022-03-15")


def test_warnings_for_decoding_and_control_characters(tmp_path):
    result, _ = ingest(tmp_path, BAD / "05_cp1252.txt", BAD / "14_xml_control_chars.txt")
    assert result.exit_code == 0
    assert "warning: " in result.output and "05_cp1252.txt: not UTF-8 (byte 3); read as cp1252" in result.output
    assert "14_xml_control_chars.txt: control characters that XML forbids were removed" in result.output


def test_a_50_mb_file_is_refused_with_a_message(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        line = b"A long paragraph of text that repeats to make a very large file for the size limit.\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    result, register = ingest(tmp_path, big, BAD / "08_crlf.txt")
    assert result.exit_code == 1
    assert "big.txt: file is 50 MB, over the 20 MB limit; split it" in result.output
    assert [a.title for a in load_register(register)] == ["Meeting with CRLF in Tirana"]
