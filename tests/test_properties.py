"""Property tests: no exception on any text, and the invariants of dates, codes and ids."""
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.config import load_config
from cli.countries import is_country_code
from cli.extract.activity import activity_id, extract_file
from cli.extract.dates import find_dates, first_day, last_day
from cli.extract.gazetteer import build_gazetteer
from cli.ingest.reader import Source
from cli.ingest.splitter import split_articles
from cli.models import PILLARS, TYPES
from cli.register import field_problems

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "config.yaml")
GAZ = build_gazetteer(CONFIG)
BOILERPLATE = [re.compile(p) for p in CONFIG["rules"]["boilerplate"]]

words = st.sampled_from(["On", "the", "14th", "and", "15th", "of", "December", "2021", "from", "to", "–", "in",
                         "Skopje", "Kosovo*", "Ministry", "of", "Interior", "Mr.", "Ana", "Petrović", "31", "February",
                         "mid", "May", "22.6.2021", "Western", "Balkans", "IISG", "Secretariat", "police", ",", ".",
                         "\n", "\n\n", "<script>", "{{", "}}", "&", "]]>", "\u202e", "e\u0301"])
texts = st.one_of(st.text(max_size=400), st.lists(words, max_size=80).map(" ".join))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_dates_are_valid_and_ordered(text):
    for expr in find_dates(text):
        if expr.has_year and expr.start[1]:
            assert first_day(expr.start) <= last_day(expr.end)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_split_and_extract_never_fail_and_keep_invariants(text):
    source = Source(path=Path("x.txt"), name="x.txt", lines=text.split("\n"))
    articles, _ = split_articles(source, BOILERPLATE)
    for activity in extract_file(articles, GAZ, text):
        data = activity.to_dict()
        assert field_problems(data) == []
        assert all(p in PILLARS for p in activity.pillars) and activity.type in TYPES
        assert all(is_country_code(c) for c in activity.countries)
        assert activity.id == activity_id(activity.title)
