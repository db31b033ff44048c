"""Crash safety and concurrency: the register is always the old or the new one, and nothing is lost."""
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli.register import load_register

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def iisg(*args: str) -> list[str]:
    return [sys.executable, "-m", "cli", "--config", str(ROOT / "config.yaml"), *args]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(iisg(*args), cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def inputs(tmp_path):
    """Two input folders: 'old' with three seed files, 'all' with all five."""
    old, every = tmp_path / "old", tmp_path / "all"
    old.mkdir()
    every.mkdir()
    for n, path in enumerate(sorted(SEEDS.glob("*.txt"))):
        shutil.copy(path, every / path.name)
        if n < 3:
            shutil.copy(path, old / path.name)
    return old, every


def kill_at_random(command: list[str], rng: random.Random, longest: float) -> None:
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.uniform(0.0, longest))
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_sigkill_during_ingest_leaves_old_or_new_register(tmp_path, inputs):
    old_in, all_in = inputs
    register = tmp_path / "r.yaml"
    assert run("ingest", str(old_in), "--register", str(register)).returncode == 0
    old = register.read_bytes()
    reference = tmp_path / "ref.yaml"
    shutil.copy(register, reference)
    assert run("ingest", str(all_in), "--register", str(reference)).returncode == 0
    new = reference.read_bytes()
    assert old != new
    rng = random.Random(20221)
    started = time.perf_counter()
    run("ingest", str(all_in), "--register", str(tmp_path / "timing.yaml"))
    longest = (time.perf_counter() - started) * 1.2
    for _ in range(12):
        register.write_bytes(old)
        kill_at_random(iisg("ingest", str(all_in), "--register", str(register)), rng, longest)
        assert register.read_bytes() in (old, new)
        load_register(register)
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_sigkill_during_set_leaves_old_or_new_register(tmp_path, inputs):
    _, all_in = inputs
    register = tmp_path / "r.yaml"
    assert run("ingest", str(all_in), "--register", str(register)).returncode == 0
    old = register.read_bytes()
    ident = load_register(register)[0].id
    rng = random.Random(7)
    for n in range(12):
        register.write_bytes(old)
        kill_at_random(iisg("register", "set", ident, f"city=Town{n}", "--register", str(register)), rng, 1.0)
        activity = next(a for a in load_register(register) if a.id == ident)
        if register.read_bytes() != old:
            assert activity.city == f"Town{n}" and activity.review.fields == ["city"]


def test_concurrent_ingests_and_set_lose_nothing(tmp_path, inputs):
    old_in, all_in = inputs
    register = tmp_path / "r.yaml"
    assert run("ingest", str(old_in), "--register", str(register)).returncode == 0
    ident = load_register(register)[0].id
    other = tmp_path / "other"
    other.mkdir()
    (other / "extra.txt").write_text(
        "Extra post written for the concurrency test in Tirana\n\nOn 12 May 2022 the IISG Secretariat met "
        "partners in Tirana to discuss the needs mapping report and the next steps of the process in the region.\n",
        encoding="utf-8")
    commands = [iisg("ingest", str(all_in), "--register", str(register)),
                iisg("ingest", str(other), "--register", str(register)),
                iisg("register", "set", ident, "notes=checked by hand", "--register", str(register))]
    processes = [subprocess.Popen(c, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for c in commands]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0, 0], outputs
    activities = {a.id: a for a in load_register(register)}
    assert len(activities) == 40
    assert activities[ident].notes == "checked by hand"
    assert any(a.title.startswith("Extra post written") for a in activities.values())


def test_waiting_for_the_lock_is_said(tmp_path):
    from filelock import FileLock

    register = tmp_path / "r.yaml"
    assert run("ingest", str(SEEDS), "--register", str(register)).returncode == 0
    ident = load_register(register)[0].id
    lock = FileLock(str(register) + ".lock")
    with lock:
        process = subprocess.Popen(iisg("register", "set", ident, "city=Ohrid", "--register", str(register)),
                                   cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(2.0)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "waiting for" in err and "another iisg command is using the register" in err
