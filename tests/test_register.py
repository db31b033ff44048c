"""The register file: round trip, merge keeping corrections, mistakes reported with line and column."""

import pytest

from cli.errors import RegisterError
from cli.models import Activity, Review
from cli.register import cache_path, dump_register, load_register, merge, save_register, set_fields, write_atomic


@pytest.fixture(scope="module")
def seed_activities() -> list[Activity]:
    """The seeds as ingest extracts them (evidence, summaries and bodies included)."""
    from pathlib import Path

    from cli.config import load_config
    from cli.ingest import harvest

    root = Path(__file__).resolve().parents[1]
    return harvest([root / "seeds"], load_config(root / "config.yaml")).activities


def act(ident: str, title: str, **kw) -> Activity:
    base = dict(start="2022-03-15", end="2022-03-17", country="MK", countries=["MK"], pillars=["WBBSi"], type="conference")
    base.update(kw)
    base.setdefault("sources", ["a.txt"])
    return Activity(id=ident, title=title, **base)


def test_round_trip_is_stable(tmp_path):
    path = tmp_path / "r.yaml"
    acts = [act("a2", "Second & <last>", start="2022-05-01", end="2022-05-01",
                partners=["Migration, Asylum, Refugees Regional Initiative", "yes", "Kosovo* Police"]),
            act("a1", "First: a \"quoted\" # title", notes="line one\nline two", city="No")]
    save_register(path, acts)
    text = path.read_text(encoding="utf-8")
    cache_path(path).unlink()  # read the YAML itself
    loaded = load_register(path)
    assert [a.id for a in loaded] == ["a1", "a2"]
    assert loaded[1].title == "Second & <last>"
    assert loaded[1].partners == ["Migration, Asylum, Refugees Regional Initiative", "yes", "Kosovo* Police"]
    assert (loaded[0].title, loaded[0].notes, loaded[0].city) == ('First: a "quoted" # title', "line one\nline two", "No")
    assert dump_register(loaded) == text


def test_json_copy_gives_what_the_yaml_gives(tmp_path, seed_activities):
    path = tmp_path / "r.yaml"
    tricky = [act("t1", "Tab\there: 'quotes' & <tags> #hash", notes="two\nlines  ", city="null", partners=["yes", "0.5", "~"]),
              act("t2", "Ünïcödé – dash … “curly”", start="2022", end="2022", country=None, countries=[])]
    save_register(path, seed_activities + tricky)
    assert cache_path(path).exists()
    from_copy = [a.to_dict() for a in load_register(path)]
    cache_path(path).unlink()
    from_yaml = [a.to_dict() for a in load_register(path)]
    assert from_copy == from_yaml
    assert len(from_yaml) == len(seed_activities) + 2
    assert cache_path(path).exists()  # reading the YAML leaves the copy again


def test_commands_leave_the_json_copy_without_waiting_for_it(tmp_path, monkeypatch):
    import time

    monkeypatch.delenv("IISG_CACHE_SYNC")
    path = tmp_path / "r.yaml"
    save_register(path, [act("a1", "First"), act("a2", "Second")])
    assert path.exists()
    for _ in range(100):  # the detached writer renames the finished copy into place
        if cache_path(path).exists():
            break
        time.sleep(0.05)
    assert cache_path(path).read_text(encoding="utf-8").startswith("iisg-register-cache 1 sha256:")
    assert [a.id for a in load_register(path)] == ["a1", "a2"]


def test_writing_keeps_the_files_permissions(tmp_path):
    import os
    import stat

    path = tmp_path / "r.yaml"
    save_register(path, [act("a1", "First")])
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~mask
    path.chmod(0o664)
    save_register(path, [act("a1", "First"), act("a2", "Second")])
    assert stat.S_IMODE(path.stat().st_mode) == 0o664


def test_json_copy_is_not_used_once_the_register_is_edited(tmp_path):
    path = tmp_path / "r.yaml"
    save_register(path, [act("a1", "Before")])
    path.write_text(path.read_text(encoding="utf-8").replace("title: Before", "title: After"), encoding="utf-8")
    assert load_register(path)[0].title == "After"
    cache_path(path).write_text("garbage\n[", encoding="utf-8")
    assert load_register(path)[0].title == "After"
    header = cache_path(path).read_text(encoding="utf-8").splitlines()[0]
    cache_path(path).write_text(header + "\n{not json", encoding="utf-8")
    assert load_register(path)[0].title == "After"


def test_merge_keeps_corrections_and_flags_vanished_posts():
    old = act("a1", "First", city="Ohrid")
    set_fields(old, {"city": "Struga", "pillars": "WBBSi;WBCSCi"}, "tester")
    gone = act("a9", "Gone")
    new = act("a1", "First", city="Ohrid", sources=["b.txt"])
    merged, counts = merge([old, gone], [new, act("a3", "Brand new")])
    by_id = {a.id: a for a in merged}
    assert by_id["a1"].city == "Struga" and by_id["a1"].pillars == ["WBBSi", "WBCSCi"]
    assert by_id["a1"].sources == ["a.txt", "b.txt"]
    assert by_id["a1"].review.status == "reviewed" and by_id["a1"].review.by == "tester"
    assert by_id["a9"].missing_from_input is True
    assert counts == {"new": 1, "updated": 1, "unchanged": 0, "missing": 1}


def test_merge_twice_changes_nothing():
    first, _ = merge([], [act("a1", "First")])
    again, counts = merge(first, [act("a1", "First")])
    assert counts["unchanged"] == 1 and counts["updated"] == 0
    assert [a.to_dict() for a in again] == [a.to_dict() for a in first]


@pytest.mark.parametrize("assignments,message", [
    ({"pillars": "WBXX"}, "unknown pillar 'WBXX'"),
    ({"start": "2022-02-30"}, "not a real date"),
    ({"country": "Kosovo"}, "is not ISO 3166-1 alpha-2"),
    ({"start": "2022-05-01", "end": "2022-04-01"}, "end 2022-04-01 is before start 2022-05-01"),
    ({"colour": "red"}, "colour: not a field you can set"),
])
def test_set_rejects_bad_values(assignments, message):
    a = act("a1", "First")
    with pytest.raises(RegisterError, match=message):
        set_fields(a, assignments, "tester")
    assert a.review.status == "unreviewed"


def test_yaml_mistake_reported_with_line_and_column(tmp_path):
    path = tmp_path / "r.yaml"
    save_register(path, [act("a1", "First")])
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("city:"))
    lines[index] = "    city: [Skopje"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=rf"r\.yaml:{index + 1}:\d+: invalid YAML"):
        load_register(path)


def test_duplicate_id_unknown_pillar_and_bad_date(tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(
        "version: 1\nactivities:\n"
        "- id: a1\n  title: One\n  type: meeting\n  pillars: [WBCTi]\n"
        "- id: a1\n  title: Two\n  type: meeting\n"
        "- id: a2\n  title: Three\n  type: meeting\n  pillars: [Terror]\n  start: '2022-13-01'\n",
        encoding="utf-8")
    with pytest.raises(RegisterError) as info:
        load_register(path)
    text = str(info.value)
    assert "r.yaml:7: duplicate id a1 (first at line 3)" in text
    assert "r.yaml:10: pillars: unknown pillar 'Terror'" in text
    assert "r.yaml:10: start: '2022-13-01' is not a real date" in text


def test_alias_bomb_is_refused(tmp_path):
    path = tmp_path / "r.yaml"
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for n in range(1, 12):
        rows.append(f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 10) + "]")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(RegisterError, match="too many YAML aliases"):
        load_register(path)


def test_write_atomic_keeps_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "r.yaml"
    path.write_text("old", encoding="utf-8")

    def boom(*args):
        raise OSError("disk full")

    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(OSError):
        write_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_review_dataclass_defaults():
    assert Review().status == "unreviewed" and Review().fields == []


@pytest.mark.parametrize("unnamed", [True, False])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, unnamed):
    import cli.register as register_module

    target = tmp_path / "register.yaml"
    target.write_text("old", encoding="utf-8")
    if not unnamed:  # systems without O_TMPFILE: a named temporary, removed on the way out
        monkeypatch.setattr(register_module, "_write_unnamed", lambda *args: False)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(register_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        register_module.write_atomic(target, "new")
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.yaml"]
    register_module.write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.yaml"]
