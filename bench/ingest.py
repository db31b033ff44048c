"""Ingest speed: generate posts in the seeds' style, ingest them, print posts/s and peak memory.

Usage: python bench/ingest.py [--posts 10000]
Target: at least 1,000 posts/s on a 2-core machine.
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.config import load_config  # noqa: E402
from cli.pipeline import ingest, load  # noqa: E402

TARGET = 1000.0


def make_posts(folder: Path, count: int, per_file: int = 20) -> None:
    """Write count posts, per_file to a file, by recombining the seeds' own posts with new titles and dates."""
    rng = random.Random(7)
    seed_text = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    paragraphs = [p for p in seed_text.split("\n") if len(p) > 200]
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    cities = ["Tirana", "Sarajevo", "Pristina", "Podgorica", "Skopje", "Belgrade", "Vienna", "Rome", "Ohrid", "Budva"]
    for f in range(0, count, per_file):
        lines = []
        for n in range(f, min(count, f + per_file)):
            day, month, year = rng.randint(1, 27), rng.choice(months), rng.randint(2019, 2024)
            lines.append(f"Regional meeting number {n} in {rng.choice(cities)}")
            lines.append("")
            lines.append(f"On the {day}th and {day + 1}th of {month} {year}, {rng.choice(paragraphs)}")
            lines.append("")
        (folder / f"bench_{f // per_file:05d}.txt").write_text("\n".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=10000)
    args = parser.parse_args()
    config = load_config(ROOT / "config.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "posts"
        folder.mkdir()
        make_posts(folder, args.posts)
        register = Path(tmp) / "register.yaml"
        started = time.perf_counter()
        summary = ingest([folder], register, config)
        elapsed = time.perf_counter() - started
        started = time.perf_counter()
        ingest([folder], register, config)  # the same posts again, into the register the first run wrote
        again = time.perf_counter() - started
        started = time.perf_counter()
        count = len(load(register))
        listed = time.perf_counter() - started
    rate = summary.posts / elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"posts          {summary.posts}")
    print(f"seconds        {elapsed:.2f}")
    print(f"posts/s        {rate:,.0f}   target {TARGET:,.0f}   ratio {rate / TARGET:.2f}x")
    print(f"re-ingest      {summary.posts / again:,.0f} posts/s   ratio {summary.posts / again / TARGET:.2f}x   "
          f"(into the existing register)")
    print(f"register load  {listed:.2f} s for {count} activities (what `register list` waits for)")
    print(f"peak memory    {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
