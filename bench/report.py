"""Report speed: build a register of N activities, time the PDF and the DOCX, and LibreOffice converting
that DOCX to PDF; print the times, the ratios against the targets and peak memory side by side.

Usage: python bench/report.py [--activities 1000]
Targets on a 2-core machine: the PDF no slower than LibreOffice's conversion, the DOCX under 1 s,
peak memory under 400 MB.
"""
from __future__ import annotations

import argparse
import os
import datetime as dt
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cli.config import load_config  # noqa: E402
from cli.models import Activity  # noqa: E402
from cli.render.pdf_parts import processors  # noqa: E402
from cli.report import make_report  # noqa: E402

CITIES = {"AL": "Tirana", "BA": "Sarajevo", "XK": "Pristina", "ME": "Podgorica", "MK": "Skopje", "RS": "Belgrade",
          "AT": "Vienna", "IT": "Rome", "BE": "Brussels"}
PARTNERS = ["UNODC", "OSCE", "CEPOL", "Europol", "DG HOME", "GIZ", "RCC", "Frontex", "Interpol", "EU Delegation",
            "Ministry of Interior of Albania", "Police Directorate of Montenegro", "Border Police of Bosnia and Herzegovina"]
TYPES = ["meeting", "conference", "workshop", "training", "visit", "operation", "agreement", "other"]
TEXT = ("The IISG Secretariat took part in the meeting, which gathered representatives of the ministries of interior "
        "and the police services of the region to discuss cooperation against serious and organised crime.")


def activities(count: int) -> list[Activity]:
    """A reproducible register of plausible activities over 2021–2022."""
    rng = random.Random(11)
    out = []
    for i in range(count):
        code = rng.choice(list(CITIES))
        month, day = rng.randint(1, 12), rng.randint(1, 26)
        year = rng.choice([2021, 2022])
        out.append(Activity(
            id=f"b{i:05d}", title=f"Regional {rng.choice(TYPES)} on cooperation number {i} in {CITIES[code]}",
            sources=[f"news_{i % 40:03d}.txt"], start=f"{year}-{month:02d}-{day:02d}",
            end=f"{year}-{month:02d}-{day + rng.choice([0, 1, 2]):02d}", city=CITIES[code], country=code,
            countries=sorted({code, *rng.sample(list(CITIES)[:6], rng.choice([0, 1, 2]))}),
            pillars=rng.sample(["WBCTi", "WBCSCi", "WBBSi", "cross-cutting"], rng.choice([1, 1, 2])),
            type=rng.choice(TYPES), partners=rng.sample(PARTNERS, rng.choice([1, 2, 3])), summary=TEXT, body="IISG"))
    return out


class TreeMemory(threading.Thread):
    """Samples the memory of this process and all its descendants together (Linux /proc), keeping the peak:
    the PDF's parts run side by side, so their sum is what the machine must hold. Each process counts its
    proportional share of pages shared after fork (PSS), so shared pages are counted once."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_mb = 0.0
        self.running = True

    def run(self) -> None:
        root = os.getpid()
        while self.running:
            parents, rss = {}, {}
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit():
                    try:
                        fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                        parents[int(entry.name)] = int(fields[1])
                        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
                    except (OSError, IndexError, ValueError):
                        continue
            tree, grew = {root}, True
            while grew:
                found = {pid for pid, parent in parents.items() if parent in tree} - tree
                tree |= found
                grew = bool(found)
            self.peak_mb = max(self.peak_mb, sum(_pss(pid, rss.get(pid, 0)) for pid in tree) / 2**20)
            time.sleep(0.2)


def _pss(pid: int, fallback: int) -> int:
    """The process's proportional set size in bytes, or its resident size where smaps_rollup is unreadable."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return fallback


def timed(fn) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--activities", type=int, default=1000)
    args = parser.parse_args()
    config = load_config(ROOT / "config.yaml")
    acts = activities(args.activities)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)

        def render(fmt: str) -> None:
            make_report(acts, config, period="2021-2022", date_from=None, date_to=None, profile="biennial",
                        formats=[fmt], output_dir=out, narrative=None, template=None, status="draft",
                        issue_date=dt.date(2023, 1, 15))

        docx_s = timed(lambda: render("docx"))
        tree = TreeMemory()
        if Path("/proc/self/stat").exists():
            tree.start()
        pdf_s = timed(lambda: render("pdf"))
        tree.running = False
        peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        docx = next(out.glob("*.docx"))
        lo_s = None
        if shutil.which("soffice"):
            lo_s = timed(lambda: subprocess.run(
                ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/lo", "--convert-to", "pdf",
                 "--outdir", str(out / "lo"), str(docx)], capture_output=True, check=True, timeout=600))
        pages = subprocess.run(["pdfinfo", str(next(out.glob("*.pdf")))], capture_output=True, text=True).stdout
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    page_count = next((line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")), "?")
    print(f"activities          {args.activities}   (PDF pages: {page_count})")
    print(f"DOCX                {docx_s:6.2f} s   target < 1 s        ratio {docx_s / 1.0:.2f}x")
    if lo_s is not None:
        print(f"LibreOffice DOCX→PDF{lo_s:6.2f} s")
        print(f"PDF (WeasyPrint)    {pdf_s:6.2f} s   target ≤ LibreOffice ratio {pdf_s / lo_s:.2f}x")
    else:
        print(f"PDF (WeasyPrint)    {pdf_s:6.2f} s   (LibreOffice not installed: no ratio)")
    print(f"peak memory         {max(peak_self, peak_child):6.0f} MB target < 400 MB   "
          f"(largest process: this one {peak_self:.0f} MB, the PDF's {peak_child:.0f} MB)")
    if tree.peak_mb:
        workers = os.environ.get("IISG_PDF_WORKERS") or f"{processors()}, one per processor"
        print(f"all PDF processes   {tree.peak_mb:6.0f} MB at once (PSS; parts laid out at one time: {workers})")


if __name__ == "__main__":
    main()
