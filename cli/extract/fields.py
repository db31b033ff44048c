"""Field extractors: pure functions from a post's text to places, parties, pillars and type."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from ..countries import country_name, is_country_code
from ..models import WB6, Article, Evidence
from .dates import find_dates, first_day, last_day, word_first
from .gazetteer import ORG_PARTICLES, Gazetteer

rx = lru_cache(maxsize=512)(re.compile)  # each pattern compiled once, then looked up cheaply


@dataclass
class Text:
    """A post as one string (title first) with a map from offsets back to file lines."""

    article: Article
    full: str
    title_end: int
    starts: list[int]
    lines: list[int]

    @classmethod
    def of(cls, article: Article) -> "Text":
        """Join title and paragraphs, remembering where each begins."""
        parts = [article.title] + article.paragraphs
        lines = [article.line] + (article.para_lines or [article.line] * len(article.paragraphs))
        starts, pos = [], 0
        for part in parts:
            starts.append(pos)
            pos += len(part) + 1
        return cls(article, "\n".join(parts), len(article.title), starts, lines)

    @cached_property
    def title(self) -> str:
        """The title."""
        return self.full[: self.title_end]

    @cached_property
    def body(self) -> str:
        """The text after the title (same offsets as full, title blanked)."""
        return " " * self.title_end + self.full[self.title_end:]

    def evidence(self, start: int, end: int) -> Evidence:
        """Evidence for the words at full[start:end]."""
        index = max(0, bisect.bisect_right(self.starts, start) - 1)
        return Evidence(self.article.file, self.lines[index], self.full[start:end].strip())


MASK = "\u2022"


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """Blank out spans (same length), so later rules do not see them."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = MASK * (b - a)
    return "".join(chars)


def body_spans(text: str, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Where any reporting body is named."""
    return [(a, b) for a, b, _, _ in gaz.any_body.find(text)]


def reporting_body(text: str, gaz: Gazetteer, site: str = "") -> str:
    """The body whose news this is: the one a web page's site name names, else the one named most often."""
    named = {str(name) for _, _, _, name in gaz.any_body.find(site)}
    if len(named) == 1:
        return named.pop()
    counts = dict.fromkeys(gaz.bodies, 0)
    first: dict[str, int] = {}
    for a, _, _, name in gaz.any_body.find(text):
        counts[str(name)] += 1
        first.setdefault(str(name), a)
    # a tie goes to the body named first, then to the first in config
    return max(counts, key=lambda n: (counts[n], -first.get(n, len(text)), n == next(iter(counts))))


# ---------------------------------------------------------------- places

_ORG_SEAT = re.compile(r"(Embassy|Office|offices|Delegation|Court|Mission|Consulate|seat)\s+(of\s+\w+\s+)?(in|at)\s+$", re.I)
_AT_PREMISES = re.compile(r"\b(?:at|in)\s+(?:the\s+)?[\w’' -]{0,40}?(?:offices?|premises|headquarters|seat)\s+in\s+$", re.I)
# the event's own venue, said outright: it outweighs a country in the title ('…, Montenegro' for the chair)
_HELD_IN = re.compile(r"\b(?:took|takes|taking)\s+place\b[^.;]{0,50}?\bin\s+$|\b(?:was|were|is|are)\s+held\b[^.;]{0,50}?\bin\s+$",
                      re.I)
_POSTED_LINE = re.compile(r"(?im)^[ \t]*(?:posted|published|updated|last updated|date)\b[^\n]{0,40}$")
# a town on a route, not where the event was: 'cocaine smuggling through the Port of Bar'
_ROUTE = re.compile(r"\b(?:through|via|across|along)\s+(?:the\s+)?(?:(?:[Pp]ort|[Aa]irport|[Hh]arbour)\s+of\s+)?$")
_VENUE_CUE = re.compile(r"(\bin|\bnear|\bat|vicinity of|outskirts of|held in|took place in|place in|hosted in"
                        r"|\b(?:municipality|town|city|village|area)\s+of"
                        r"|\b(?:visit|trip|mission) to)\s+(the\s+)?$"
                        r"|\b(?:held|took place|met|meet|meets|organi[sz]ed)\s+at\s+(?:the\s+)?[A-Z][^,.;]{1,40},\s+$"
                        r"|\U0001F4CD\ufe0f?\s*$"
                        r"|\b(?:venue|where|location|place|destination)\s*:\s*(?:[^,:.\n]{0,40},\s*)?$", re.I)  # a social post's pin: '📍 Podgorica | 🗓️ 12 May 2022'
_CAPITAL = re.compile(r"\b(?:in|to|at)\s+the\s+(\w+)\s+capital\b")  # 'in the Albanian capital'


def _countries_in(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    return [(a, b, v) for a, b, _, v in gaz.countries.find(text)]


def _title_venues(t: Text, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Countries in the title that can be the venue (not the parties of 'between X and Y' or 'from X')."""
    title = t.title
    parties: set[int] = set()
    for m in rx(r"\b(between|from)\s+(.{0,60}?)\s+and\s+(the\s+)?").finditer(title):
        parties.update(range(m.start(), m.end() + 40))
    for m in _AGENT_BEFORE.finditer(title):  # 'Fugitive wanted by Montenegro arrested in Spain'
        parties.add(m.end())
    for m in rx(r"\bfrom\s+(?:the\s+)?").finditer(title):  # '… extradited from Germany to Montenegro'
        parties.add(m.end())
    for m in rx(r"\b(?:[Vv]isits?|[Dd]elegations?|[Tt]rip)\s+(?:of|by)\s+(?:the\s+)?").finditer(title):
        parties.add(m.end())  # 'Study visit of Kosovo* cybercrime investigators to …': the visitors, not the venue
    named = [(a, b, str(v)) for a, b, v in _countries_in(title, gaz)]
    named += [(a, b, str(v)) for a, b, _, v in gaz.adjectives.find(title)]
    for a, b, _ in named:  # 'Montenegro and Bosnia and Herzegovina sign …', 'Kosovo* and Montenegrin police agree'
        if any(title[b:c].strip() in _JOINERS or title[d:a].strip() in _JOINERS
               for c, d, _ in named if (c, d) != (a, b)):
            if not rx(r"\bin\s+(the\s+)?$").search(title[max(0, a - 8):a]):
                parties.add(a)
    return [(a, b, str(v)) for a, b, v in _countries_in(title, gaz)
            if a not in parties and not _names_an_org(title, a, gaz) and not _opens_an_org(title, b, gaz)]


_JOINERS = ("and", "&", ",", "–", "—", "-", "/")  # 'Montenegro and Serbia', 'Montenegro – Serbia': parties
_AGENT_BEFORE = re.compile(r"\b(?:wanted|requested|sought|issued|ordered|funded|financed)\s+by\s+(?:the\s+)?")


def _opens_an_org(text: str, b: int, gaz: Gazetteer) -> bool:
    """True when the country ending at b begins an organisation's name: 'Kosovo* Police', 'Serbia Customs'."""
    m = rx(r"\s+((?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*)").match(text, b)
    return bool(m) and any(word in gaz.org_heads for word in m.group(1).split())


def _names_an_org(text: str, a: int, gaz: Gazetteer) -> bool:
    """True when the country at a ends the name of an organisation or an office: 'Embassy of Switzerland',
    'Ministry of Interior of Serbia', 'Ambassador of Switzerland'."""
    m = rx(r"((?:[A-Z][\w-]*\s+(?:(?:of|for|and)\s+(?:the\s+)?)?){1,5})of\s+(?:the\s+)?$").search(text[max(0, a - 80):a])
    return bool(m) and any(word in gaz.org_heads or word in _OFFICES for word in m.group(1).split())


_OFFICES = {"Ambassador", "Minister", "President", "Prime", "Secretary", "Director", "Chief", "Commissioner", "Consul"}


_ONLINE = re.compile(
    r"\b(?:held|took place|organi[sz]ed|met|convened|delivered)\s+(?:online|virtually|remotely)\b"
    r"|\b(?:online|virtual)\s+(?:meeting|workshop|training|course|conference|session|event|seminar|exchange|format)s?\b"
    r"|\bvia\s+video|\bvideo[- ]?conferenc|\bwebinar\b|\bby video link\b", re.I)


def _opens_in_a_place(text: str, start: int, online_at: int, gaz: Gazetteer) -> bool:
    """True when the text's first sentence, which ends before online_at, says where it happened ('On 17
    September 2021 in Podgorica, …', '… took place in Skopje'): a later 'online' is about something else."""
    end = rx(r"[.!?](?=\s|$)").search(text, start + 1)
    if end is None or end.start() >= online_at:
        return False
    return any(rx(r"\b(?:in|held\s+in|took\s+place\s+in)\s+$", re.I).search(text, max(start, a - 20), a)
               for a, _, _, _ in gaz.places.find(text[: end.start()]) if a > start)


def find_place(t: Text, gaz: Gazetteer, body: str, event: tuple[dt.date, dt.date] | None = None,
               ) -> tuple[str | None, str | None, list[Evidence], list[Evidence]]:
    """City and country of the venue, with evidence for each; none for an event held online. event is the
    activity's first and last day: a place in a sentence dated otherwise is another event's."""
    first = t.full[: t.title_end + 1 + (len(t.article.paragraphs[0]) if t.article.paragraphs else 0)]
    online = _ONLINE.search(first)
    if online and gaz.preparatory.search(first, max(0, online.start() - 60), online.start()):
        online = _ONLINE.search(first, online.end())  # 'the preparatory online meeting' is not the event
    if online and _opens_in_a_place(first, t.title_end, online.start(), gaz):
        online = None  # 'On 17 September 2021 in Podgorica, … signed … negotiations held online in spring'
    if online and not rx(r"\b(hybrid|and online|in person)\b", re.I).search(first):
        return None, None, [], []
    if gaz.placeless.search(t.title):
        return None, None, [], []  # a report published, not an event held somewhere
    venues = _title_venues(t, gaz)
    venue_codes = [code for _, _, code in venues]
    city_ev: list[Evidence] = []
    city, from_title, held_in = None, False, False
    title_places = gaz.places.find(t.title)
    for i, (a, b, _, name) in enumerate(title_places):
        if not _ORG_SEAT.search(t.full[max(0, a - 40):a]) and not _ROUTE.search(t.full, max(0, a - 40), a):
            listed = [p for p in title_places[i + 1:]
                      if rx(r"(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)").fullmatch(t.title, b, p[0])][:1]
            if listed:  # 'searches in Bijeljina, Brčko and Zvornik': no single town; their country if one
                codes = {gaz.place_country.get(str(n)) for _, _, _, n in title_places}
                if len(codes) == 1:
                    return None, codes.pop(), [], [t.evidence(a, b)]
                return None, None, [], []
            city, city_ev, from_title = str(name), [t.evidence(a, b)], True
            break
    if city is None:
        home = gaz.body_home.get(body)
        hosts = list(gaz.venue_hosts.finditer(t.full))
        premises = [m for m in hosts if "premises of" in m.group(0)]  # the Secretariat's premises, said outright
        for hosted in premises[:1] or hosts[:1]:
            there = _place_after(t.full, hosted.end(), gaz)
            if there:  # 'was received in Podgorica by …': the body went there
                city, city_ev = str(there[2]), [t.evidence(there[0], there[1])]
                break
            if home and _hosts_the_body(t.full, hosted, gaz):
                city, city_ev = home, [t.evidence(hosted.start(), hosted.end())]
                break
    if city is None:
        places = gaz.places.find(t.body)
        for i, (a, b, _, name) in enumerate(places):
            before = t.full[max(0, a - 40):a]
            if _ORG_SEAT.search(before) and not _AT_PREMISES.search(t.full[max(0, a - 70):a]):
                continue
            if _VENUE_CUE.search(before) or (t.full[b:b + 2] == ", " and gaz.countries.pattern.match(t.full, b + 2)):
                if event and _dated_otherwise(t.full, a, b, event):
                    continue  # '… presented at a press conference in The Hague on 4 April 2024'
                if venue_codes and gaz.place_country.get(str(name)) not in venue_codes and not _HELD_IN.search(t.full, max(0, a - 90), a):
                    continue  # 'arrested at Frankfurt Airport' in a post titled '… extradited … to Montenegro'
                if _spans_countries(t.full, places, i, gaz):
                    return None, None, [], []  # 'searches in Novi Sad and Bijeljina': no single venue
                if _listed_towns(t.full, places, i) >= 2:  # 'searches in Loznica, Šabac and Subotica': no one town
                    if any(len(g) >= 3 and gaz.list_lead.search(t.full, max(0, g[0][0] - 70), g[0][0])
                           and not gaz.origin_cues.search(t.full, max(0, g[0][0] - 70), g[0][0])
                           for g in _country_lists(t.full, gaz)):
                        return None, None, [], []  # towns of one of several economies taking part
                    code = gaz.place_country.get(str(name))
                    return None, code, [], [t.evidence(a, b)]
                town = _crossing_near(t.full, b, gaz)  # 'at the Gradina border crossing point near Dimitrovgrad'
                a, b, name = town if town else (a, b, name)
                city, city_ev = str(name), [t.evidence(a, b)]
                held_in = bool(_HELD_IN.search(t.full, max(0, a - 90), a))
                break
    if city is None:
        city, city_ev = _capital(t, gaz)
    if city is None:
        city, city_ev = _seat(t, gaz, event)
    if city is None:
        city, city_country, city_ev = _unlisted_place(t, gaz)
    else:
        city_country = gaz.place_country.get(city)
    country = city_country
    country_ev = list(city_ev)
    if not from_title and venue_codes and country and country not in venue_codes and not held_in:
        city, country, city_ev, country_ev = None, None, [], []
    if country is None and venues:
        located = [v for v in venues if rx(r"\bin\s+(the\s+)?$").search(t.title[max(0, v[0] - 8):v[0]])]
        a, b, country = (located or venues)[-1] if len(set(venue_codes)) > 1 else venues[0]
        if len(set(venue_codes)) > 1 and not located:
            country = None
        else:
            country_ev = [t.evidence(a, b)]
    if country is None and city is None and rx(r"\bpremises\s+of\s+the\s+[A-Z]").search(t.full):
        named = _countries_in(t.title, gaz)
        if len({code for _, _, code in named}) == 1:  # 'Handover … to the Ministry of Security of BiH', 'at the
            country, country_ev = str(named[0][2]), [t.evidence(named[0][0], named[0][1])]  # premises of the Ministry'
    if country is None and not _countries_in(t.title, gaz):
        for a, b, code in _countries_in(t.body, gaz):
            if rx(r"(held|took place|organi[sz]ed|met|meeting)\s+in\s+(the\s+)?$", re.I).search(t.full[max(0, a - 30):a]):
                country, country_ev = code, [t.evidence(a, b)]
                break
    return city, country, city_ev, country_ev


def _capital(t: Text, gaz: Gazetteer) -> tuple[str | None, list[Evidence]]:
    """'… held in the Albanian capital': the capital of that country, when config marks it."""
    for m in _CAPITAL.finditer(t.full):
        code = gaz.adjectives.values.get(m.group(1).casefold())
        if code and str(code) in gaz.capitals:
            return gaz.capitals[str(code)], [t.evidence(m.start(), m.end())]
    return None, []


_AT_HEADQUARTERS = re.compile(r"\s*(?:['’]s\s+)?(?:headquarters|HQ|seat)\b")
_AT_BEFORE = re.compile(r"\b(?:at|to|in)\s+(?:the\s+)?$")


def _seat(t: Text, gaz: Gazetteer, event: tuple[dt.date, dt.date] | None) -> tuple[str | None, list[Evidence]]:
    """'… meet at Frontex headquarters': the city the organisation sits in, when config names it (seat); not
    in a sentence dated otherwise ('… presented at Europol's headquarters on 4 April')."""
    for a, b, _, name in gaz.organisations.find(t.full):
        seat = gaz.org_seat.get(str(name))
        at = _AT_HEADQUARTERS.match(t.full, b)
        if seat and at and _AT_BEFORE.search(t.full, max(0, a - 12), a) \
                and not (event and _dated_otherwise(t.full, a, at.end(), event)):
            return seat, [t.evidence(a, at.end())]
    return None, []


def _dated_otherwise(text: str, a: int, b: int, event: tuple[dt.date, dt.date]) -> bool:
    """True when the sentence around text[a:b] carries a dated day or month a week or more from the event's."""
    start = max(text.rfind(". ", 0, a), text.rfind("\n", 0, a)) + 1
    end = min(i for i in (text.find(". ", b), text.find("\n", b), len(text)) if i >= 0)
    for e in find_dates(text[start:end]):  # a day, or a month ('… started in March 2022, … in Vienna')
        if e.precision in ("day", "month") and e.has_year and e.start[0] and e.end[0]:
            first, last = first_day(e.start), last_day(e.end)
            if first > event[1] + dt.timedelta(days=6) or last < event[0] - dt.timedelta(days=6):
                return True
    return False


def _listed_towns(text: str, places: list, i: int) -> int:
    """How many listed places run on from the place at i: 'in Loznica, Šabac and Subotica' gives 3."""
    count, end = 1, places[i][1]
    for c, d, _, _ in places[i + 1:]:
        if not rx(r"\s*(?:,|and|,\s*and)\s*").fullmatch(text, end, c):
            break
        count, end = count + 1, d
    return count


def place_at(text: str, pos: int, gaz: Gazetteer) -> tuple[int, int, object] | None:
    """(start, end, canonical name) of the listed place that begins exactly at pos, if one does."""
    found = gaz.places.find(text[pos:pos + 40])
    if found and found[0][0] == 0:
        return pos, pos + found[0][1], found[0][3]
    return None


def _crossing_near(text: str, end: int, gaz: Gazetteer) -> tuple[int, int, object] | None:
    """The town a border crossing point is named near, when the text says so right after it."""
    near = rx(r"\s+(?:border\s+)?crossing(?:\s+point)?,?\s+near\s+(?:the\s+town\s+of\s+)?").match(text, end)
    return place_at(text, near.end(), gaz) if near else None


def _place_after(text: str, end: int, gaz: Gazetteer) -> tuple[int, int, object] | None:
    """The listed place right after a host verb ending at end: 'received in Podgorica', 'hosted in Skopje'."""
    where = rx(r"\s+in\s+").match(text, end)
    return place_at(text, where.end(), gaz) if where else None


_NEIGHBOURS = re.compile(r"\bborders?\s+(?:with|between|of)\s+(?:the\s+)?(?:(?:[A-Z][\w-]*\*?\s+){1,3}and\s+)?$")  # 'on the border with Croatia'


def _in_org_name(before: str, gaz: Gazetteer) -> bool:
    """True when a list of countries goes on an organisation's or unit's name: 'Head of Unit for the Western
    Balkans and Türkiye', 'Office for Albania and Kosovo*'."""
    m = rx(r"\b([A-Z][\w-]*)\s+(?:for|of|on)\s+(?:the\s+)?(?:[A-Z][\w-]*\*?\s+){0,3}(?:and|,)?\s*$").search(before)
    return bool(m) and m.group(1) in gaz.org_heads


def _spans_countries(text: str, places: list, i: int, gaz: Gazetteer) -> bool:
    """True when the place at i is listed with a place of another country: 'in Banja Luka and Novi Sad'."""
    a, b, _, name = places[i]
    for c, d, _, other in places[i + 1:]:
        # only names, 'and', 'in' and commas between: 'in Kumanovo and Lojane in North Macedonia and in Preševo'
        if not rx(r"(?:[\s,]+|\b(?:and|in|the)\b|[A-ZČĆŠŽĐ][\w-]*\*?)*").fullmatch(text, b, c):
            break
        if gaz.place_country.get(str(other)) != gaz.place_country.get(str(name)):
            return True
    return False


def _unlisted_place(t: Text, gaz: Gazetteer) -> tuple[str | None, str | None, list[Evidence]]:
    """A venue missing from the gazetteer, written 'in Rakitje, Croatia': the town and its country."""
    for m in rx(r"\b(?:held in|took place in|in|at)\s+([A-Z][a-zà-ÿčćšžđ]+(?:[ -][A-Z][a-zà-ÿčćšžđ]+)?),\s+").finditer(t.full):
        after = gaz.countries.pattern.match(t.full, m.end())
        name = m.group(1)
        if after and not gaz.countries.values.get(name.casefold()) and name not in gaz.org_heads:
            code = gaz.countries.values.get(after.group(0).rstrip("*").casefold()) or gaz.countries.values.get(after.group(0).casefold())
            return name, str(code), [t.evidence(m.start(1), m.end(1))]
    return None, None, []


def _hosts_the_body(text: str, match: re.Match[str], gaz: Gazetteer) -> bool:
    """True when the host verb has a reporting body as subject or object nearby."""
    by = rx(r"\s+by\s+(?:the\s+)?").match(text, match.end())
    if by:  # passive: 'hosted by the Police of Slovenia' names the host, which must be the body itself
        return any(a == 0 for a, _, _, _ in gaz.any_body.find(text[by.end():by.end() + 80]))
    if "premises of" in match.group(0):
        return True  # 'at the premises of the RCC', the Secretariat's host: config names whose premises count
    window = text[max(0, match.start() - 60): match.end() + 60]
    return bool(gaz.any_body.find(window))


# ---------------------------------------------------------------- organisations

_CONNECT = {"of", "for", "on", "and", "the", "against", "in", "within", "de", "di", "du", "des", "&"}
_TOKEN = re.compile(r"[A-Z][\w’'`.-]*|[a-z]+|&")


def known_organisations(gaz: Gazetteer, text: str, parents: list[tuple[int, int]] | None = None) -> list[tuple[int, int, str]]:
    """Organisations from the gazetteer: (start, end, canonical name). Parents named only through their units
    are left out (and their spans added to parents, when given, so nothing else takes them for partners)."""
    found = []
    parents = [] if parents is None else parents
    units_end = -1  # where the last listed organisation ended: 'DG NEAR and DG HOME of the European Commission'
    for a, b, word, value in gaz.organisations.find(text):
        previous, units_end = units_end, b
        if previous >= 0 and rx(r"\s+of\s+(?:the\s+)?").fullmatch(text, previous, a):
            parents.append((a, b))
            continue  # the parent of the units just named
        before = rx(r"([A-Z][\w-]*)\s+$").search(text[max(0, a - 30):a])
        if before and before.group(1) not in ("The", "the") and word.split()[0] in gaz.org_heads:
            continue  # part of a longer name: 'Border Police of North Macedonia'
        unit = rx(r"[’']s\s+(?:the\s+)?").match(text, b)
        if unit and gaz.organisations.pattern.match(text, unit.end()):
            parents.append((a, unit.end()))
            continue  # the parent naming a listed unit: 'the European Commission's DG NEAR' is DG NEAR
        name = str(value)
        seat = rx(r"(\s+(?:Mission|Presence|Office|Delegation))?\s+(?:to|in)\s+(?:the\s+)?").match(text[b:b + 30])
        country = gaz.countries.pattern.match(text, b + seat.end()) if seat else None
        if country and not word.endswith(country.group(0)):
            name = f"{word}{seat.group(0)}{country.group(0)}".replace("  ", " ")
            b = country.end()
        found.append((a, b, name))
    return found


_EVENT_NOUNS = {"Conference", "Workshop", "Meeting", "Seminar", "Forum", "Summit", "Training", "Session", "Round",
                "Group", "Convention", "Visit", "Webinar", "Exercise", "Course"}
_CAP = r"[A-Z](?:[\w’'`-]|\.(?=\w))*"
_SPACE = re.compile(r"\s")
_WORD_CUT = re.compile(r"[\s’']+")  # words, and possessives cut off ('Police’s' -> 'Police')
_PHRASE = re.compile(rf"{_CAP}(?:(?:\s+(?:of|for|on|and|the|against|within|&|{ORG_PARTICLES})){{0,2}}\s+{_CAP})*")


_POSTS = {"Director", "Chief", "Commissioner", "Inspector", "Officer", "Attaché", "Attache", "Coordinator", "Adviser",
          "Advisor", "Minister", "Ambassador", "Prosecutor", "Secretary", "President", "Chair", "Head", "Mayor",
          "Commander", "Superintendent", "Spokesperson", "Representative"}


def _at_an_org(text: str, end: int, gaz: Gazetteer) -> bool:
    """True when ' at the <organisation>' follows end: what came before is one of its units."""
    m = rx(r"\s+(?:at|within)\s+(?:the\s+)?((?:[A-Z][\w’'-]*\s*(?:(?:of|for|and)\s+(?:the\s+)?)?){1,6})").match(text, end)
    return bool(m) and any(word in gaz.org_heads for word in m.group(1).split())


def generic_organisations(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Capitalised phrases with an organisation head noun ('Bureau for Public Security')."""
    found = []
    for m in _PHRASE.finditer(text):
        phrase = m.group(0)
        if not _SPACE.search(phrase):
            continue  # one word: a name takes at least two
        if not _EVENT_NOUNS.isdisjoint(phrase.split()[:3]):
            continue  # the event itself: 'Regional Conference of Directors of Police Services'
        if not any(w.strip(".,") in gaz.org_heads for w in _WORD_CUT.split(phrase)):
            continue  # no head noun anywhere in the run, so no part of it can name an organisation
        parts = _split_phrase(phrase, m.start(), gaz)
        for part, offset in parts:
            if rx(r"[’']s\b").match(text[offset + len(part):offset + len(part) + 2]) or \
                    rx(r"[’']s\s*$").search(text[max(0, offset - 4):offset]):
                continue  # 'X’s Y': a unit named through its parent
            if rx(rf"{MASK}\s+$").search(text[max(0, offset - 3):offset]):
                continue  # a unit named after its organisation, already found: 'the OSCE Transnational Threats Department'
            if rx(r"\b(?:General|Director|Head|Chief|Minister|Secretary|Commissioner|Unit)\s+for\s+(?:the\s+)?$").search(
                    text[max(0, offset - 30):offset]):
                continue  # a portfolio, not an organisation: 'Director General for Police Affairs at the Ministry'
            if rx(r"Head\s+of\s+(?:the\s+)?$").search(text[max(0, offset - 12):offset]) and _at_an_org(
                    text, offset + len(part.rstrip()), gaz):
                continue  # 'Head of Division for International Police Cooperation at the Federal Ministry'
            if rx(rf"\s+(?:of|at|within)\s+(the\s+)?{MASK}").match(text[offset + len(part.rstrip()):offset + len(part) + 14]):
                continue  # a unit of an organisation already found: 'Directorate of Kosovo Police', 'Unit … at DG HOME'
            words = part.split()
            while words and (words[-1].lower() in _CONNECT):
                words.pop()
            while words and words[0] in ("of", "the", "and", "for", "on", "in", "&"):
                words.pop(0)
                offset = text.find(words[0], offset) if words else offset
            if len(words) < 2 or not any(w.strip(".,") in gaz.org_heads for w in words):
                continue
            if words[0] in gaz.org_heads and words[1:3] == ["and", "the"]:
                continue  # 'the Agency and the Western Balkan authorities': a name used before, then something else
            if any(w in _EVENT_NOUNS for w in words[:2]) or words[-1] in _EVENT_NOUNS:
                continue
            head = (words[: words.index("of")] if "of" in words else words)[-1].strip(".,")
            if head in _POSTS:
                continue  # a person's post, not an organisation: 'Police Director (of Montenegro)', 'Police Attaché'
            name = " ".join(words).strip(" .,")
            found.append((offset, offset + len(name), name))
    return found


_UNIT_NOUNS = {"Unit", "Department", "Directorate", "Sector", "Division", "Section", "Office", "Team", "Desk"}


def _split_phrase(phrase: str, start: int, gaz: Gazetteer) -> list[tuple[str, int]]:
    """Cut a capitalised run at person titles, possessives and ' and ' between two organisations; drop leading roles."""
    parts: list[tuple[str, int]] = []
    pos = 0
    for m in gaz.phrase_splitter.finditer(phrase):
        parts.append((phrase[pos:m.start()], start + pos))
        pos = m.end()
    parts.append((phrase[pos:], start + pos))
    cleaned = []
    for part, offset in parts:
        lead = rx(r"^(?:(?:the|The|Deputy|Head|Director[- ]General|Director|Chief|Minister|Senior|Acting|Secretary[- ]General"
                  r"|Secretary|President)\s+(?:(?:of|for)\s+(?:the\s+)?)?)+").match(part)
        if lead and rx(r"\b(Head|Director|General|Chief)\s+(of|for)\b").search(lead.group(0)):
            rest = part[lead.end():]
            parent = rx(r"^.+?\s+of\s+(?:the\s+)?(?=[A-Z])").match(rest)
            if parent and any(w in gaz.org_heads for w in rest[parent.end():].split()):
                # 'Head of the Anti-Smuggling Unit of the Customs Administration of Montenegro': the parent
                cleaned.append((rest[parent.end():], offset + lead.end() + parent.end()))
            elif rest.split() and rest.split()[-1] not in _UNIT_NOUNS:
                cleaned.append((rest, offset + lead.end()))  # 'Head of the Italian Central Protection Service'
            continue  # 'Director of the Enforcement Directorate': a unit of the person's own organisation
        if lead:
            part, offset = part[lead.end():], offset + lead.end()
        while True:  # 'Lukas Hofer of the Austrian Ministry', 'Faculty of Law of the University of Mostar'
            first = rx(r"^(.+?)\s+of\s+(?:the\s+)?").match(part)
            if not first or any(w in gaz.org_heads for w in first.group(1).split()):
                break
            part, offset = part[first.end():], offset + first.end()
        cleaned.append((part, offset))
    return cleaned


def normalise_org(name: str, gaz: Gazetteer) -> str:
    """Canonical spelling of a found name: aliases resolved, 'the' dropped, ministries as 'Ministry of X of Country'."""
    name = re.sub(r"^(the|The)\s+", "", name).strip()
    known = gaz.organisations.values.get(name.casefold())
    if known:
        return str(known)
    m = rx(r"^(\w[\w ]*?)\s+(Ministry of .+)$").match(name)
    code = gaz.adjectives.values.get(m.group(1).casefold()) if m else None
    if m and code:
        name = f"{m.group(2)} of {plain_country(str(code))}"
    else:
        republic = rx(r"^(.+?) of the Republic of (.+)$").match(name)
        if republic:
            name = f"{republic.group(1)} of {republic.group(2)}"
    return re.sub(r"Ministry of the Interior(?= of )", "Ministry of Interior", name)


_WITH_ARTICLE = {"Netherlands", "United Kingdom", "United States", "United Arab Emirates", "Philippines", "Holy See"}


def plain_country(code: str) -> str:
    """A country's name for an organisation's name: 'Kosovo', not 'Kosovo*'; 'the Netherlands'."""
    name = country_name(code).rstrip("*")
    return f"the {name}" if name in _WITH_ARTICLE else name


# ---------------------------------------------------------------- people

_UPPER = "A-ZÀ-ÖØ-ÞČĆŠŽĐŁŚŻŹŃĄĘŐŰŘŤĎŇĚŮĽĹŔĞŞ"
_LOWER = "a-zà-öø-ÿčćšžđëçńőłśżźąęűřťďňěůľĺŕğşı"
# 'Kędzierski', 'O’Neill', 'D'Angelo', 'Dell'Orto'
_NAME_TOKEN = rf"[{_UPPER}](?:[{_LOWER}’']*[’'][{_UPPER}][{_LOWER}]+|[{_LOWER}’']+)"
_NAME = rf"{_NAME_TOKEN}(?:[ -](?:(?:de|van|von|der|den|di|da|del|du|le|la)\s){{0,2}}{_NAME_TOKEN}){{1,3}}"


_ROLES = (r"(?:Deputy |Vice |Prime |State Secretary|Secretary[- ]|Chief |Head |Director|Minister|President|"
          r"Ambassador|Chair|Coordinator|Commissioner|Mayor|Prosecutor|prosecutor|judge|Judge|head of|director|"
          r"adviser|advisor|Adviser|Advisor|expert|Expert|officer|Officer|coordinator|Programme|Project|Senior|Assistant)")
# the look-behinds come after the first character, so the regex engine can skip ahead to a capital
_NAME_ROLE = re.compile("(" + _NAME.replace(f"[{_UPPER}]", rf"[{_UPPER}](?<![\w.][\s\S])", 1)
                        + rf"),\s+(?:the\s+|a\s+|an\s+)?{_ROLES}(?:(?<=\s)|(?![a-z]))")  # not '…, the officers',
# nor '…, Directorate'; 'X, Head of Unit' is a role

# the speaker after a quotation: '…,” said Jelena Marinović, Liaison Prosecutor for Montenegro'
_SAID_NAME = re.compile(rf"\b(?:said|says|added|stressed|noted|explained|underlined|emphasi[sz]ed)\s+({_NAME}),")
_ROLE_NAME = re.compile(rf"(?:Secretary[- ]General|Minister|Director|Ambassador|President|Prosecutor|Chair),\s+({_NAME})\b")
_MINISTER_NAME = re.compile(
    word_first(("Minister",))
    + rf" of (?:the\s+)?(?:Interior|Internal Affairs|Security|Justice|Foreign Affairs|Finance|Defence)"
    rf"(?: and [A-Z]\w+(?: [A-Z]\w+)?)?,?\s+({_NAME})\b(?!\s+[A-Z])")


@lru_cache(maxsize=8)
def _titled_name(titles: tuple[str, ...]) -> re.Pattern[str]:
    """A person's title (longest spelling first) followed by a name."""
    return re.compile(word_first(tuple(sorted(titles, key=len, reverse=True))) + rf"\s+({_NAME})")


def find_people(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Named persons without titles: after a title (Mr., Ms., HE…), beside a role ('X, Deputy Minister', 'X,
    Head of Unit') or after a quotation ('…,” said X,')."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_titled_name(tuple(gaz.person_titles)), _NAME_ROLE, _SAID_NAME, _ROLE_NAME, _MINISTER_NAME):
        for m in pattern.finditer(text):
            found.append((m.start(1), m.end(1), m.group(1)))
    people: list[tuple[int, int, str]] = []
    for a, b, name in found:
        words = name.split(" ")
        if any(w in gaz.org_heads for w in words):
            continue
        while words and words[-1] in gaz.person_stopwords:
            words.pop()
        while words and (words[0] in gaz.person_stopwords or words[0] in gaz.person_titles
                         or words[0] + "." in gaz.person_titles):
            words.pop(0)
        if len(words) < 2 or any(w in gaz.person_stopwords for w in words):
            continue
        clean = " ".join(words)
        if gaz.countries.values.get(clean.casefold()) or gaz.places.values.get(clean.casefold()):
            continue
        people.append((a, b, clean))
    return people


# ---------------------------------------------------------------- pillars and type

def find_pillars(t: Text, masked: str, gaz: Gazetteer, body: str) -> tuple[list[str], list[Evidence]]:
    """Pillars: strong cross-cutting cues first, then keyword scores (title counts triple), then the body's default."""
    cross = gaz.pillar_words.get("cross-cutting")
    hits = cross.find(masked) if cross else []
    lower = masked.lower()
    named = {p for p in ("WBCTi", "WBCSCi", "WBBSi") if p in gaz.pillar_named
             and any(key in lower for key in gaz.pillar_keys[p]) and gaz.pillar_named[p].search(masked)}
    title_pillars = [p for p in ("WBCTi", "WBCSCi", "WBBSi")
                     if p in gaz.pillar_words and gaz.pillar_words[p].find(masked[: t.title_end])]
    if title_pillars and not any(a < t.title_end for a, _, _, _ in hits):
        hits = []  # a pillar named in the title outweighs process words in the text
    if len(named) == 1 and not rx(r"\b(3|three|all)\s+(IISG\s+)?pillars\b", re.I).search(masked):
        pillar = next(iter(named))  # process work for one named pillar: 'the WBCTi needs mapping'
        m = gaz.pillar_named[pillar].search(masked)
        return [pillar], [t.evidence(m.start(), m.end())]
    if hits or len(named) == 3:
        where = hits[0] if hits else None
        return ["cross-cutting"], [t.evidence(where[0], where[1])] if where else []
    scores: dict[str, float] = {}
    evidence: dict[str, Evidence] = {}
    for pillar in ("WBCTi", "WBCSCi", "WBBSi"):
        lookup = gaz.pillar_words.get(pillar)
        for a, b, _, _ in (lookup.find(masked) if lookup else []):
            scores[pillar] = scores.get(pillar, 0) + (3 if a < t.title_end else 1)
            evidence.setdefault(pillar, t.evidence(a, b))
    if not scores:
        return [gaz.body_pillar.get(body, "cross-cutting")], []
    top = max(scores.values())
    chosen = [p for p in ("WBCTi", "WBCSCi", "WBBSi") if scores.get(p, 0) >= max(3, 0.6 * top) or scores.get(p) == top]
    if len(chosen) == 3:  # all three pillars' matters at once: the work of the whole mechanism
        return ["cross-cutting"], [evidence[p] for p in chosen]
    return chosen, [evidence[p] for p in chosen]


def _type_words(text: str, gaz: Gazetteer) -> list[tuple[int, int, str]]:
    """Type words in text; neutral phrases ('video conference') and modifiers of the next type word
    ('Ministerial Meeting', 'peer-exchange workshop') left out."""
    hits = [h for h in gaz.any_type.find(text) if h[3]]
    return [(a, b, str(kind)) for i, (a, b, _, kind) in enumerate(hits)
            if not (i + 1 < len(hits) and not text[b:hits[i + 1][0]].strip())]


def find_type(t: Text, gaz: Gazetteer) -> tuple[str, list[Evidence]]:
    """Activity type: the first type (in priority order) named in the title, else the type named first in the text."""
    visit_to_body = rx(r"\bvisit(s|ed)?[^\S\n]+(?:(?:of|by)[^\S\n]+[^.;\n]{0,80}?[^\S\n]+)?(to[^\S\n]+)?the[^\S\n]+"
                       r"(premises|IISG|Secretariat)", re.I).search(t.full)  # within a line, not into the text's first words
    names = [(a, b) for a, b, _ in known_organisations(gaz, t.full)]  # 'OSCE Mission to Serbia' is no visit
    full = mask(t.full, names) if names else t.full
    full = _POSTED_LINE.sub(lambda m: " " * len(m.group(0)), full)  # 'Published: 9 January 2025' says when, not what
    title, body = full[: t.title_end], " " * t.title_end + full[t.title_end:]

    def kind_of(kind: str) -> str:  # a delegation visiting the Secretariat: a meeting there
        return "meeting" if kind == "visit" and visit_to_body else kind

    in_title: dict[str, tuple[int, int]] = {}
    for a, b, kind in _type_words(title, gaz):
        if gaz.preparatory.search(title, 0, a):
            continue  # 'Preparations for the Regional Conference': the conference is still to come
        in_title.setdefault(kind_of(kind), (a, b))
        if rx(r"\s+(?:on|about|regarding|concerning)\b").match(title, b):
            break  # 'Online workshop on Joint Action Days': what follows is the subject
    for kind in gaz.type_order:
        if kind in in_title:
            a, b = in_title[kind]
            return kind, [t.evidence(a, b)]
    first = next(iter(_type_words(body, gaz)), None)
    if first:
        return kind_of(first[2]), [t.evidence(first[0], first[1])]
    if visit_to_body:
        return "meeting", [t.evidence(visit_to_body.start(), visit_to_body.end())]
    return "other", []


def _country_lists(text: str, gaz: Gazetteer) -> list[list[tuple[int, int, str]]]:
    """Country mentions grouped into coordinated lists ('Albania, Montenegro and Serbia')."""
    groups: list[list[tuple[int, int, str]]] = []
    for a, b, code in _countries_in(text, gaz):
        if groups and rx(r"\s*(,|,?\s+and|,?\s+as well as|/)\s+(the\s+)?").fullmatch(text[groups[-1][-1][1]:a]):
            groups[-1].append((a, b, str(code)))
        else:
            groups.append([(a, b, str(code))])
    return groups


def _blank_quotes(text: str) -> str:
    """Text with quoted speech (“…”) blanked, offsets kept."""
    if "“" not in text:
        return text
    return rx(r"“[^”]{0,2000}”").sub(lambda m: " " * len(m.group(0)), text)


def participant_countries(t: Text, masked: str, gaz: Gazetteer, venue: str | None,
                          partner_countries: list[str]) -> tuple[list[str], list[Evidence]]:
    """Countries taking part: venue, title, partners' countries, adjectives before organisations, 'from X', WB6."""
    codes: list[str] = []
    evidence: list[Evidence] = []

    def add(code: str, a: int, b: int) -> None:
        if code not in codes:
            codes.append(code)
            evidence.append(t.evidence(a, b))

    if venue:
        codes.append(venue)
    for a, b, code in _countries_in(masked[: t.title_end], gaz):
        if not gaz.origin_cues.search(masked, max(0, a - 50), a):  # '… reintegration of returnees from Syria'
            add(str(code), a, b)
    for code in partner_countries:
        if code not in codes:
            codes.append(code)
    for group in _country_lists(_blank_quotes(masked), gaz):  # 'Experiences from Indonesia and Kenya …,' she said
        a = group[0][0]
        before = masked[max(0, a - 70):a]
        if gaz.list_lead.search(before) and not rx(r"(territory|citizens?|nationals?|destination|outskirts)\s+of\s+(the\s+)?(Republic\s+of\s+)?$").search(before) \
                and not _NEIGHBOURS.search(before) \
                and not gaz.origin_cues.search(before) and not _in_org_name(before, gaz):
            for a, b, code in group:
                add(str(code), a, b)
    for a, b, _, code in gaz.adjectives.find(masked):
        after = masked[b:b + 60]
        if rx(r"\s+((?:[A-Z][\w-]*\s+){0,3})(Police|Ministry|Embassy|authorities|counterparts|delegation|police|officers|Presidency|Minister|Ambassador|prosecution|Prosecutor|beneficiary|representatives|partners|experts|Customs|Border)").match(after):
            add(str(code), a, b)
    for m in rx(r"\(((?:[A-Z]{2},\s*)+[A-Z]{2})\)").finditer(masked):
        for code in re.findall(r"[A-Z]{2}", m.group(1)):
            if is_country_code(code):
                add(code, m.start(), m.end())
    unquoted = _blank_quotes(masked)  # what a speaker says of the region is not who took part
    strong = gaz.regional_strong.search(unquoted)
    weak = gaz.regional_weak.search(unquoted)
    in_title = rx(r"\bWestern Balkans?\b(?!\s+route)").search(masked[: t.title_end])
    regional_event = rx(r"\bregional\s+(?:\S+\s+){0,3}?(conference|workshop|meeting|network|hub|event|level|forum|seminar|training)", re.I).search(masked[: t.title_end])
    named_wb = [c for c in codes if c in WB6 and c != venue]
    if strong or ((in_title or (weak and regional_event)) and len(named_wb) < 2):
        m = strong or weak
        for code in WB6:
            if code not in codes:
                codes.append(code)
        evidence.append(t.evidence(m.start(), m.end()))
    return codes, evidence
