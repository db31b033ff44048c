"""Shared fixtures: the project's config, and activity lists made in code."""
from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
# The register's JSON copy is written before save returns, so tests see it at once; one test covers the
# detached writer that commands use.
os.environ["IISG_CACHE_SYNC"] = "1"
# Compiled templates go to a folder of the test run's own, not the user's cache.
if "IISG_CACHE_DIR" not in os.environ:
    import tempfile

    os.environ["IISG_CACHE_DIR"] = tempfile.mkdtemp(prefix="iisg-test-cache-")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from cli.config import Config  # noqa: E402
from cli.models import Activity  # noqa: E402

CITIES = {
    "AL": ["Tirana", "Durrës"], "BA": ["Sarajevo", "Banja Luka"], "XK": ["Pristina"], "ME": ["Podgorica", "Budva"],
    "MK": ["Skopje", "Ohrid"], "RS": ["Belgrade", "Novi Sad"], "AT": ["Vienna"], "IT": ["Rome"], "BE": ["Brussels"],
}
PARTNERS = ["UNODC", "OSCE", "CEPOL", "Europol", "DG HOME", "GIZ", "RCC", "Frontex", "Interpol", "EU Delegation"]
SUBJECTS = [
    "Regional meeting on firearms trafficking", "Training on financial investigations", "Workshop on P/CVE",
    "Conference on border management", "Study visit on cybercrime units", "Joint operation against drug smuggling",
    "Memorandum on police cooperation", "Coordination meeting of national focal points",
]


def load_project_config() -> Config:
    """The project's config.yaml as a Config (report sections only need organisation, branding and profiles)."""
    return Config(root=ROOT, data=yaml.safe_load((ROOT / "config.yaml").read_text(encoding="utf-8")))


def make_activities(count: int, seed: int = 7, years: tuple[int, int] = (2021, 2022)) -> list[Activity]:
    """A reproducible list of plausible activities spread over the given years."""
    rng = random.Random(seed)
    activities = []
    codes = list(CITIES)
    for i in range(count):
        year = rng.randint(*years)
        month = rng.randint(1, 12)
        day = rng.randint(1, 27)
        precision = rng.random()
        if precision < 0.08:
            start = end = f"{year}-{month:02d}"
        elif precision < 0.11:
            start = end = f"{year}"
        else:
            start = f"{year}-{month:02d}-{day:02d}"
            end = f"{year}-{month:02d}-{day + rng.choice([0, 0, 1, 2]):02d}"
        country = rng.choice(codes[:6] * 3 + codes[6:])
        countries = sorted({country, *rng.sample(codes[:6], rng.choice([0, 0, 1, 2]))})
        pillars = rng.sample(["WBCTi", "WBCSCi", "WBBSi", "cross-cutting"], rng.choice([1, 1, 1, 2]))
        activities.append(Activity(
            id=f"act-{i:04d}",
            title=f"{rng.choice(SUBJECTS)} in {CITIES[country][0]} ({i})",
            sources=[f"news_{(i % 7):03d}.txt"],
            start=start,
            end=end,
            city=rng.choice(CITIES[country]),
            country=country,
            countries=countries,
            pillars=pillars,
            type=rng.choice(["meeting", "meeting", "workshop", "training", "conference", "visit", "operation"]),
            partners=rng.sample(PARTNERS, rng.choice([0, 1, 1, 2, 3])),
            summary="Officials from the region reviewed progress and agreed the next steps of cooperation.",
            body=rng.choice(["IISG", "CSC WB"]),
        ))
    return activities


@pytest.fixture(scope="session")
def project_config() -> Config:
    """The project's config.yaml."""
    return load_project_config()
