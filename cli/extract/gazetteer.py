"""Compiled look-ups built once from config.yaml: places, countries, organisations, keyword rules."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import pycountry

from ..config import Config

# Lower-case words inside organisations' names: 'Arma dei Carabinieri'.
ORG_PARTICLES = r"de|di|dei|del|della|des|du|der|von|van"

# Country names that are also common words or given names: found only through config.yaml.
_AMBIGUOUS = {"Jordan", "Chad", "Niger", "Guinea", "Georgia", "Turkey", "Dominica", "Jersey", "Congo", "Mali"}


def _trie(names: set[str], fold: bool, after_first: str = "") -> str:
    """A regex alternation arranged as a prefix tree, so matching does not retry every name at every position."""
    root: dict = {}
    for name in names:
        node = root
        for ch in (name.casefold() if fold else name):
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict, after_first: str = "") -> str:
        branches = [re.escape(ch) + after_first + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return render(root, after_first)


def _alternation(names: list[str], flags: int = 0, keywords: bool = False) -> re.Pattern[str]:
    """One regex matching any of names as whole words (longest match wins: the tree is greedy); keywords
    also match as the last part of a hyphenated word ('drug' in 'anti-drug'), names do not.

    Where the names begin with capitals or a few lower-case letters, what may not come before a name is
    tested after its first character: a pattern that begins with a character lets the regex engine skip ahead
    to where one of those occurs. Where they begin with many lower-case letters, testing the first letter
    before the look-behind is quicker."""
    fold = bool(flags & re.IGNORECASE)
    present = {n for n in names if n}
    # not inside a word or after '*'; a name is not the tail of a hyphenated one ('RAN' is not in 'WB-RAN', as
    # 'EU' is not in 'EU-funded'); a keyword may be ('drug' in 'anti-drug')
    before = r"(?<![\w*])" + ("" if keywords else r"(?<!\w-)")
    if not fold and present and len({n[0] for n in present if n[0].islower()}) <= 3:
        body = _trie(present, fold, before.replace(")", r"[\s\S])"))
        return re.compile(rf"{body}(?![\w-])\*?", flags)
    body = _trie(present, fold) or r"(?!x)x"
    firsts = "".join(sorted({re.escape((n.casefold() if fold else n)[0]) for n in present}))
    start = f"(?=[{firsts}])" if firsts else ""  # a cheap test of the first letter before the look-behind
    return re.compile(rf"{start}{before}(?:{body})(?![\w-])\*?", flags)


@dataclass
class Lookup:
    """A compiled alternation and the value each spelling maps to (keys case-folded)."""

    pattern: re.Pattern[str]
    values: dict[str, object]
    _cache: dict[str, list] = field(default_factory=dict, repr=False, compare=False)

    lowered: re.Pattern[str] | None = None  # case-insensitive look-ups: the same names, matched in lower-cased text

    @classmethod
    def build(cls, mapping: dict[str, object], flags: int = 0) -> "Lookup":
        """From spelling -> value."""
        values = {k.casefold(): v for k, v in mapping.items()}
        if not flags & re.IGNORECASE:
            return cls(_alternation(list(mapping), flags), values)
        return cls(_alternation(list(mapping), flags, keywords=True), values,
                   lowered=_alternation([k.lower() for k in mapping], flags & ~re.IGNORECASE, keywords=True))

    def find(self, text: str) -> list[tuple[int, int, str, object]]:
        """(start, end, matched text, value) for every match (the last texts' answers are remembered)."""
        cached = self._cache.get(text)
        if cached is not None:
            return cached
        if len(self._cache) > 64:
            self._cache.clear()
        out = self._cache[text] = self._find(text)
        return out

    def _find(self, text: str) -> list[tuple[int, int, str, object]]:
        out = []
        scan = self.pattern.finditer(text)
        if self.lowered is not None:
            lower = text.lower()
            if len(lower) == len(text):  # a case-sensitive scan is cheaper where lower-casing keeps the offsets
                scan = self.lowered.finditer(lower)
        for m in scan:
            word = text[m.start():m.end()]
            value = self.values.get(word.casefold())
            if value is None:
                value = self.values.get(word.rstrip("*").casefold())
            if value is not None:
                out.append((m.start(), m.end(), word, value))
        return out


@dataclass
class Gazetteer:
    """Everything extraction looks up, compiled from config."""

    places: Lookup
    countries: Lookup
    adjectives: Lookup
    organisations: Lookup
    org_country: dict[str, str]
    org_seat: dict[str, str]  # where an organisation sits: 'at Frontex headquarters' is in Warsaw
    bodies: dict[str, Lookup]
    any_body: Lookup  # every body's spellings in one pass (value: the body)
    body_home: dict[str, str | None]
    body_pillar: dict[str, str]
    pillar_named: dict[str, re.Pattern[str]]  # a pillar named outright: 'WBCSCi', 'the serious crime pillar'
    pillar_keys: dict[str, tuple[str, ...]]  # words one of which must be in the text for pillar_named to match
    pillar_words: dict[str, Lookup]
    type_order: list[str]  # types in the order a title's words decide between them
    any_type: Lookup  # every type keyword in one pass (value: the type)
    venue_hosts: re.Pattern[str]
    regional_strong: re.Pattern[str]
    regional_weak: re.Pattern[str]
    list_lead: re.Pattern[str]  # what introduces participating countries, also right after the region itself
    recent: re.Pattern[str]
    preparatory: re.Pattern[str]  # a clause about a preparatory step: its date and format are not the event's
    rescheduled: re.Pattern[str]  # what introduces an event's new date ('postponed to', 'rescheduled for')
    placeless: re.Pattern[str]  # titles of things published, not held: no venue
    origin_cues: re.Pattern[str]  # 'migrants from X', 'returned from X': countries of origin, not participants
    document_after: re.Pattern[str]  # an organisation named as a document's author: '… Europol reports'
    citation_before: re.Pattern[str]  # '… according to', '… developed by' before an organisation
    undated: re.Pattern[str]
    person_titles: list[str]
    person_stopwords: set[str]
    org_heads: set[str]
    org_stopwords: set[str]
    org_stoplist: Lookup
    place_country: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)  # country code -> its capital (places marked capital: true)
    phrase_splitter: re.Pattern[str] = re.compile(r"(?!x)x")


def _words(words: list[str]) -> re.Pattern[str]:
    return _alternation(words, re.IGNORECASE)


def _any_word(words: list[str] | None) -> str:
    """An alternation of the words, taken literally (a pattern that never matches when there are none)."""
    return "|".join(re.escape(w) for w in words or []) or "(?!x)x"


def _list_lead(region_terms: list[str]) -> re.Pattern[str]:
    """'from|of|with|by …' before a list of countries, also when the list goes on from the region itself
    ('experts from the Western Balkans, the Republic of Moldova and Ukraine')."""
    region = "|".join(f"(?:{t})" for t in region_terms) or "(?!x)x"
    return re.compile(
        r"\b(from|of|with|by|Member States|members|[Pp]arties|[Pp]articipants|countries|economies)(?:\s*[–—:]\s*|\s+)(the\s+)?"
        rf"(?:(?:six\s+)?(?:{region})(?:\s+(?:partners|economies|countries|region))?"
        r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:the\s+)?)?$")


def _citation_before(rules: dict) -> re.Pattern[str]:
    """What comes before an organisation named as a document's author: 'according to', 'developed (jointly) by',
    'the Threat Assessment (IOCTA) of', also for the second of two ('published by the EMCDDA and')."""
    cues = _any_word(rules.get("citation_cues")).replace(r"\ by", r"(?:\s+\w+ly)?\s+by")
    nouns = _any_word(rules.get("document_nouns"))
    return re.compile(rf"\b(?i:{cues}|(?:{nouns})(?:\s+\([^)]{{1,20}}\))?(?:\s+\d{{4}})?\s+of)"
                      rf"\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\s+){{1,4}}(?:and|,)\s+(?:the\s+)?)?$")


def _joiner_variants(name: str) -> list[str]:
    """A name written with '-' or '/' between two parts also with the other one: 'CT-PCVE', 'CT/PCVE'."""
    if not re.search(r"\w[-/]\w", name):
        return []
    return [re.sub(r"(?<=\w)[-/](?=\w)", joiner, name) for joiner in ("-", "/")]


def build_gazetteer(config: Config) -> Gazetteer:
    """Compile config.yaml's gazetteers and rules."""
    places: dict[str, object] = {}
    place_country: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for city, entry in config["places"].items():
        place_country[city] = entry["country"]
        if entry.get("capital"):
            capitals[str(entry["country"])] = city
        for name in [city] + list(entry.get("aliases") or []):
            places[name] = city
    countries: dict[str, object] = {}
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            if name not in _AMBIGUOUS and "," not in name:
                countries[name] = country.alpha_2
    adjectives: dict[str, object] = {}
    for code, entry in config["countries"].items():
        for name in entry.get("names") or []:
            countries[name] = code
        for adj in entry.get("adjectives") or []:
            adjectives[adj] = code
    orgs: dict[str, object] = {}
    org_country: dict[str, str] = {}
    org_seat: dict[str, str] = {}
    for canonical, entry in config["organisations"].items():
        entry = entry or {}
        for name in [canonical] + list(entry.get("aliases") or []):
            for spelling in _joiner_variants(name):
                orgs.setdefault(spelling, canonical)
            orgs[name] = canonical
        if entry.get("country"):
            org_country[canonical] = entry["country"]
        if entry.get("seat"):
            org_seat[canonical] = entry["seat"]
    bodies = {}
    for name, entry in config["reporting_bodies"].items():
        bodies[name] = Lookup.build({alias: name for alias in [name] + list(entry.get("aliases") or [])}, re.IGNORECASE)
    rules = config["rules"]
    pillar_words = {p: Lookup.build({w: p for w in words}, re.IGNORECASE) for p, words in rules["pillar_keywords"].items()}
    regional = rules.get("regional_terms") or {}
    heads = "|".join(sorted(rules.get("org_heads") or []))
    titles = "|".join(re.escape(t.rstrip(".")) for t in rules.get("person_titles") or [])
    # Where a capitalised run holds more than one name: a person's title, 'within', a possessive, 'and the <Org>'.
    splitter = re.compile(
        rf"(?:^|\s+)(?:{titles})\.?(?:\s+|$)|\s+within\s+(?:the\s+)?|[’']s\b(?!\s+(?:{heads})\b)"
        r"|\s+and\s+(?=(?:Director|Head|Minister|State Secretary|Deputy|Chief|Commissioner|Ambassador)\b)"
        rf"|\s+and\s+the\s+(?=(?:(?:[A-Z][\w’'-]*|{ORG_PARTICLES})\s+){{0,4}}(?:(?:{heads})\b|\u2022))")  # \u2022: a masked, known name
    return Gazetteer(
        places=Lookup.build(places),
        countries=Lookup.build(countries),
        adjectives=Lookup.build(adjectives),
        organisations=Lookup.build(orgs),
        org_country=org_country,
        org_seat=org_seat,
        bodies=bodies,
        any_body=Lookup.build({alias: name for name, entry in reversed(config["reporting_bodies"].items())
                               for alias in [name] + list(entry.get("aliases") or [])}, re.IGNORECASE),
        body_home={n: e.get("home_city") for n, e in config["reporting_bodies"].items()},
        body_pillar={n: e.get("default_pillar", "cross-cutting") for n, e in config["reporting_bodies"].items()},
        pillar_named={
            p: re.compile(rf"\b{re.escape(p)}\b|\b(?i:{re.escape(entry.get('short') or p)})\s+(?i:pillar)\b")
            for p, entry in config["pillars"].items() if p != "cross-cutting"},
        pillar_keys={p: (p.lower(), (entry.get("short") or p).lower()) for p, entry in config["pillars"].items()},
        pillar_words=pillar_words,
        type_order=list(rules["type_keywords"]),
        any_type=Lookup.build({**{w: "" for w in rules.get("type_neutral") or []},
                               **{w: t for t, words in reversed(rules["type_keywords"].items()) for w in words}},
                              re.IGNORECASE),
        venue_hosts=re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in rules.get("venue_hosts") or ["(?!x)x"]) + ")",
                               re.IGNORECASE),
        regional_strong=re.compile("|".join(f"(?:{p})" for p in regional.get("strong") or ["(?!x)x"]), re.IGNORECASE),
        regional_weak=re.compile("|".join(f"(?:{p})" for p in regional.get("weak") or ["(?!x)x"])),
        list_lead=_list_lead(regional.get("weak") or []),
        recent=_words(rules.get("recent_markers") or []),
        document_after=re.compile(
            rf"(?:[’']s)?\s+(?:[A-Z][\w/-]*\s+){{0,2}}(?:\d{{4}}\s+)?"
            rf"(?:{_any_word(rules.get('document_nouns'))})\b", re.IGNORECASE),
        citation_before=_citation_before(rules),
        placeless=_words(rules.get("placeless_titles") or []),
        preparatory=re.compile(
            rf"\b(?:{_any_word(rules.get('preparatory_cues'))})\b[^.;]*$",
            re.IGNORECASE),
        rescheduled=re.compile(rf"\b(?:{_any_word(rules.get('rescheduled_cues'))})\b[^.;]{{0,20}}$", re.IGNORECASE),
        origin_cues=re.compile(rf"\b(?:{_any_word(rules.get('origin_cues'))})\b[^.;:]{{0,40}}$",
                               re.IGNORECASE),
        undated=_words(rules.get("undated_markers") or []),
        person_titles=list(rules.get("person_titles") or []),
        person_stopwords=set(rules.get("person_stopwords") or []),
        org_heads=set(rules.get("org_heads") or []),
        org_stopwords={s.casefold() for s in rules.get("org_stopwords") or []},
        org_stoplist=Lookup.build({s: s for s in rules.get("org_stopwords") or []}, re.IGNORECASE),
        place_country=place_country,
        capitals=capitals,
        phrase_splitter=splitter,
    )
