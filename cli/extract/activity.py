"""One activity per article: dates, places, parties, pillars and type, each with its evidence."""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from ..models import Activity, Article, Evidence
from .dates import PLACE_BEFORE, DateExpr, find_dates, first_day, last_day, to_iso
from .fields import (
    rx,
    Text, body_spans, find_people, find_pillars, find_place, find_type, generic_organisations,
    known_organisations, mask, normalise_org, place_at, plain_country, participant_countries, reporting_body,
)
from .gazetteer import Gazetteer


_MINISTER = re.compile(
    r"(?:\b([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+)?(?:Deputy\s+)?Minister\s+of\s+(?:the\s+)?"
    r"(Interior Affairs|Internal Affairs|Interior|Justice|Security|Foreign Affairs|Finance(?: and Economy)?|Economy)\b")
# a ministry's portfolio written in lower case, as in hurried staff English: the name is the same
_PORTFOLIO = re.compile(r"\b(Ministry\s+of\s+(?:the\s+)?)(interior|internal affairs|justice|security|finance|foreign affairs)\b")
_WITH_ACRONYM = re.compile(r"\b(?:meeting|meet|met|meets|together|cooperation)\s+with\s+(?:the\s+)?((?:[A-Z]{2,}[\w-]*)(?:\s+[A-Z]{2,}[\w-]*)*)\b")
# a funder named as such: a partner, but its country does not take part ('financed by the Austrian Development Agency')
_FUNDED_BY = re.compile(r"\b(?:(?:co-)?(?:funded|financed|sponsored)\s+by|(?:financial\s+support|funding)\s+(?:of|from))"
                        r"\s+(?:the\s+)?$")
_EMBASSIES = re.compile(r"\b[Ee]mbassies\s+of\s+((?:(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?\*?(?:,\s*|,?\s+and\s+))+"
                        r"(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?:\s+in\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?))?")
_DEFINES = re.compile(r"\s*\(([A-Z][A-Z0-9]{1,6})\)")  # 'Full Name (ACR)'
_ACRONYM_OF = re.compile(r"\s*\([A-Z][A-Za-z]{1,9}\)\s+of\s+(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}\*?)")
_THE_PROJECT = re.compile(r"\b(?:[Tt]he|[Tt]his|[Oo]ur)\s+project\b")  # the reporting body, named as 'the project'
# up to the end of the list of implementers: a comma goes on only into another name
_IMPLEMENTED_BY = re.compile(r"\s*,?\s*(?:which is\s+|is\s+|was\s+|(?:is\s+)?jointly\s+)?implemented\s+by\b"
                             r"(?:[^.;,]|,(?=\s+(?:and\s+)?(?:the\s+)?[A-Z]))*")


def activity_id(title: str) -> str:
    """Stable id from the folded title: the same post always gets the same id."""
    from ..ingest.splitter import fold
    return "a" + hashlib.sha1(fold(title).encode("utf-8")).hexdigest()[:8]


@dataclass
class _Dated:
    start: tuple | None
    end: tuple | None
    needs_year: bool
    recent: bool
    evidence: list[Evidence]
    weekday: int | None = None


_WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+and\s+\w+day)?,?\s+(?:the\s+)?$")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _choose_dates(t: Text, gaz: Gazetteer) -> _Dated:
    """The activity's own date range among all the date expressions of the post."""
    body = find_dates(t.body)
    datelines = [e for e in body if _is_dateline(t.body, e)]  # '*4 July 2025*' under a title: when it was posted
    press = next((e for e in body if _is_press_dateline(t.body, e)), None)  # 'SARAJEVO, 8 March 2024 – …'
    if press is not None:
        datelines = [press] + [e for e in datelines if e is not press]
        if not any(e.precision == "day" for e in body if e not in datelines):
            relative = _relative_to(press, t)
            if relative is not None:
                return relative
    body = [e for e in body if e not in datelines] or body
    main = [e for e in body if not gaz.preparatory.search(t.body, max(0, e.pos - 120), e.pos)]
    body = main or body  # 'following the preparatory meeting held on 16 May, …': the event's own dates come first
    moved = [e for e in body if gaz.rescheduled.search(t.body, max(0, e.pos - 60), e.pos)]
    body = moved + [e for e in body if e not in moved]  # '… planned for 26 March, rescheduled for 8 October
    days = [e for e in body if e.precision == "day"]
    if days:
        return _posted_year(_cluster(days[0], body, t), datelines, t)
    title = find_dates(t.title)
    days = [e for e in title if e.precision == "day"]
    if days:
        return _cluster(days[0], title, t)
    pool = body or title
    undated = gaz.undated.search(t.full)
    if undated:
        return _Dated(None, None, False, False, [t.evidence(*undated.span())])
    months = [e for e in pool if e.precision == "month"]
    if months:
        return _coarse(months[0], t)
    recent = gaz.recent.search(t.full)
    if recent:
        return _Dated(None, None, True, True, [t.evidence(*recent.span())])
    years = [e for e in pool if e.precision == "year"]
    return _coarse(years[0], t) if years else _Dated(None, None, False, False, [])


_DATELINE_WORDS = {"posted", "published", "updated", "last", "date", "on", "the"}
_WORD = re.compile(r"\w+")
_LETTERS = re.compile(r"[^\W\d_]{3,}")


# a place, also in Cyrillic or in two scripts ('Скопје / Skopje', 'Prishtinë/Priština')
_PRESS_PLACE = re.compile(r"[*_\s]*[A-ZČĆŠŽĐА-ЯЂЈЉЊЋЏЃЌЅ][\w.'’ /-]{1,40}?,?\s*$")
_PRESS_DASH = re.compile(r"\s*[*_]*\s*[–—-]\s")
_RELATIVE_DAY = re.compile(r"\b(yesterday|today)\b|\b(?:on|last)\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SPAN = re.compile(r"\b(two|three|four|five|2|3|4|5)[- ]day\b", re.I)
_SPAN_DAYS = {"two": 2, "three": 3, "four": 4, "five": 5, "2": 2, "3": 3, "4": 4, "5": 5}
_ENDED = re.compile(r"\b(?:concluded|ended|closed|completed|wrapped up|finished)\b[^.;]{0,40}$")


def _is_press_dateline(text: str, e: DateExpr) -> bool:
    """True for a press release's dateline: a place, the day of issue and a dash opening its first paragraph
    ('SARAJEVO, 8 March 2024 – The Regional Cooperation Council …'), or a line of its own ('WARSAW, 12/05/2023')."""
    start = text.rfind("\n", 0, e.pos) + 1
    end = e.pos + len(e.text)
    return (e.precision == "day" and e.pos - start <= 40 and len(text[:start].split()) <= 25  # a subtitle above
            and bool(_PRESS_PLACE.fullmatch(text, start, e.pos))
            and (bool(_PRESS_DASH.match(text, end)) or (e.pos > start and text[end:end + 1] in ("\n", ""))))


def _relative_to(issued: DateExpr, t: Text) -> _Dated | None:
    """The day a release dated issued means by 'yesterday', 'today' or 'on Wednesday' (the last such day on or
    before it), widened by 'a three-day …' that 'concluded' then or began then; 'earlier this month' is the
    month. None when the release says none of these."""
    body = t.body[issued.pos + len(issued.text):]
    year = issued.start[0]
    try:
        day = dt.date(year or 2001, issued.start[1], issued.start[2])  # a year without 29 February, if none printed
    except (TypeError, ValueError):
        return None
    found = _RELATIVE_DAY.search(body)
    month = rx(r"(?i)\bearlier this month\b").search(body)
    if month is not None and (found is None or month.start() < found.start()):
        a = issued.pos + len(issued.text) + month.start()
        return _Dated((year, day.month, None), (year, day.month, None), year is None, False,
                      [t.evidence(issued.pos, issued.pos + len(issued.text)), t.evidence(a, a + len(month.group(0)))])
    if found is None:
        return None
    if found.group(1):
        when = day - dt.timedelta(days=1 if found.group(1).lower() == "yesterday" else 0)
    else:
        when = day - dt.timedelta(days=(day.weekday() - _DAYS.index(found.group(2))) % 7)
    first = last = when
    stop = body.find(". ", found.end())  # within the sentence: 'the two-day meeting … opened on Tuesday'
    span = _SPAN.search(body, body.rfind(". ", 0, found.start()) + 1, stop if stop >= 0 else len(body))
    if span:
        length = _SPAN_DAYS[span.group(1).lower()] - 1
        if _ENDED.search(body, max(0, found.start() - 60), found.start()):
            first = when - dt.timedelta(days=length)
        else:
            last = when + dt.timedelta(days=length)
    a = issued.pos + len(issued.text) + found.start()
    return _Dated((year, first.month, first.day), (year if last.year == first.year or year is None else year + 1,
                                                     last.month, last.day), year is None, False,
                  [t.evidence(issued.pos, issued.pos + len(issued.text)), t.evidence(a, a + len(found.group(0)))])


_FIELDS = re.compile(r"[A-Z][\w()/’' -]{0,30}: [^\n]*?\. [A-Z][\w()/’' -]{0,30}: ")
_CALENDAR = re.compile("[\U0001F4C5\U0001F4C6\U0001F5D3]")


def _is_dateline(text: str, e: DateExpr) -> bool:
    """True when a day is a line of its own ('4 July 2025', 'Posted on 4 July', '3 July'): the post's date; or a
    month and year ('MAY 2022', a bulletin's heading over its posts), which gives the year of '17 May'."""
    if e.precision != "day" and not (e.precision == "month" and e.has_year):
        return False
    start = text.rfind("\n", 0, e.pos) + 1
    end = text.find("\n", e.pos)
    line = text[start:end if end >= 0 else len(text)]
    if _CALENDAR.search(line):
        return False  # '📍 Skopje | 🗓️ Nov 8–10, 2022': a social post's own label for when the event was
    rest = line[: e.pos - start] + line[e.pos - start + len(e.text):]
    rest = re.split(r"\s[/|·•]\s", rest)[0] if line.lstrip().startswith(e.text) else rest  # '23 May 2025 / News
    if PLACE_BEFORE.fullmatch(line[: e.pos - start]) and not line[e.pos - start + len(e.text):].strip(" *_.|"):
        return True  # 'Sarajevo, 18 October 2023': where and when the item was written
    # no other word of three letters or more, apart from those that go with a date line
    return not any(_LETTERS.search(w) and w.lower() not in _DATELINE_WORDS for w in _WORD.findall(rest))


def _posted_year(dated: _Dated, datelines: list[DateExpr], t: Text) -> _Dated:
    """A date printed without its year takes the year of the post's own date line, when it has one."""
    datelines = [e for e in datelines if e.has_year]  # '3 July' under a title says when, not which year
    if not dated.needs_year or not datelines or dated.start is None or dated.end is None:
        return dated
    year = datelines[0].start[0]
    posted = first_day(datelines[0].start)
    try:  # 'On 18 and 19 December' in a post dated 9 January 2025 happened in 2024
        if first_day((year,) + tuple(dated.start[1:])) - posted > dt.timedelta(days=31):
            year -= 1
    except ValueError:
        pass
    end_year = year + 1 if (dated.end[1] or 0) < (dated.start[1] or 0) else year
    dated.start, dated.end = (year,) + tuple(dated.start[1:]), (end_year,) + tuple(dated.end[1:])
    dated.needs_year = False
    dated.evidence.append(t.evidence(datelines[0].pos, datelines[0].pos + len(datelines[0].text)))
    return dated


def _coarse(e: DateExpr, t: Text) -> _Dated:
    """A month- or year-precise date; a month without its year still needs one."""
    return _Dated(e.start, e.end, not e.has_year, False, [t.evidence(e.pos, e.pos + len(e.text))])


def _cluster(primary: DateExpr, pool: list[DateExpr], t: Text) -> _Dated:
    """Widen the first day-precise date with the other dates of the same event (within two weeks)."""
    start, end = primary.start, primary.end
    evidence = [t.evidence(primary.pos, primary.pos + len(primary.text))]
    if primary.has_year:  # '02. March 2023 … at the end of the visit on 3 March': the year goes on
        pool = [_in_year_of(e, primary) for e in pool]

    def key(x: tuple) -> tuple:
        return (x[0] or 0, x[1] or 0, x[2] or 0)

    def days(x: tuple, last: bool) -> int:
        y = x[0] or 2000
        d = last_day((y,) + tuple(x[1:])) if last else first_day((y,) + tuple(x[1:]))
        return d.toordinal()

    for e in pool:
        if e is primary or e.has_year != primary.has_year or (e.has_year and e.start[0] != primary.start[0]):
            continue
        contains = days(e.start, False) <= days(primary.start, False) and days(e.end, True) >= days(primary.end, True)
        if contains and (e.precision == "month" or e.start != e.end):
            if key(e.end) > key(end) or e.precision == "month":
                end = e.end if days(e.end, True) >= days(end, True) else end
                evidence.append(t.evidence(e.pos, e.pos + len(e.text)))
        elif e.precision == "day" and abs(days(e.start, False) - days(primary.start, False)) <= 14:
            before = days(primary.start, False) - days(e.start, False)
            if before > 7 and e.pos > primary.pos:
                continue  # a day well before, told afterwards, led up to it: '… led to the seizure on 27 September'
            if key(e.start) < key(start):
                start = e.start
            if key(e.end) > key(end):
                end = e.end
            evidence.append(t.evidence(e.pos, e.pos + len(e.text)))
    named = _WEEKDAY.search(t.full[max(0, primary.pos - 40):primary.pos])
    weekday = _DAYS.index(named.group(1)) if named and primary.start[2] else None
    return _Dated(start, end, not primary.has_year, False, evidence, weekday)


def _in_year_of(e: DateExpr, primary: DateExpr) -> DateExpr:
    """A day-precise date printed without its year, in the year that puts it nearest the primary date."""
    if e.has_year or e.precision != "day" or e.start[1] is None or e.end[1] is None:
        return e
    anchor = first_day(primary.start)
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        end_year = year + (1 if e.end[1] < e.start[1] else 0)
        try:
            gap = abs((first_day((year,) + tuple(e.start[1:])) - anchor).days)
            last_day((end_year,) + tuple(e.end[1:]))
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year, end_year)
    if best is None:
        return e
    return dataclasses.replace(e, start=(best[1],) + tuple(e.start[1:]), end=(best[2],) + tuple(e.end[1:]))


def _infer_years(dated: list[_Dated]) -> list[bool]:
    """Fill missing years from the nearest dated posts of the same file; True where a year was inferred."""
    anchors = [(i, first_day(d.start)) for i, d in enumerate(dated) if d.start and d.start[0] and not d.needs_year]
    inferred = []
    for i, d in enumerate(dated):
        if not d.needs_year:
            inferred.append(False)
            continue
        near = [a for a in anchors if a[0] < i][-1:] + [a for a in anchors if a[0] > i][:1]
        if not near:
            d.start = d.end = None
            inferred.append(False)
            continue
        if d.recent:
            year = near[0][1].year
            d.start = d.end = (year, None, None)
            inferred.append(True)
            continue
        best_year, best_gap = near[0][1].year, None
        years = sorted({y for _, anchor in near for y in (anchor.year - 1, anchor.year, anchor.year + 1)})
        if d.weekday is not None:  # 'Wednesday, 12 October': only years where that day is a Wednesday
            years = [y for y in years if _weekday(y, d.start) == d.weekday] or years
        for _, anchor in near:
            for year in years:
                gap = abs((first_day((year,) + tuple(d.start[1:])) - anchor).days)
                if best_gap is None or gap < best_gap:
                    best_year, best_gap = year, gap
        end_year = best_year + (1 if d.end[1] and d.start[1] and d.end[1] < d.start[1] else 0)
        d.start = (best_year,) + tuple(d.start[1:])
        d.end = (end_year,) + tuple(d.end[1:])
        inferred.append(True)
    return inferred


def _weekday(year: int, start: tuple) -> int | None:
    try:
        return first_day((year,) + tuple(start[1:])).weekday()
    except ValueError:
        return None


def _implementers(t: Text, gaz: Gazetteer) -> list[tuple[int, int]]:
    """Where a project's implementers are named ('the CSC WB project, implemented by GIZ and …'): they are
    neither partners of its activities nor countries taking part in them."""
    ends = [b for _, b, _, _ in gaz.any_body.find(t.full)] + [m.end() for m in _THE_PROJECT.finditer(t.full)]
    return [(b, m.end()) for b in ends for m in [_IMPLEMENTED_BY.match(t.full, b)] if m]


def _partners(t: Text, gaz: Gazetteer, body: str, venue: str | None, acronyms: dict[str, tuple[str, str | None]]
              ) -> tuple[list[str], list[str], list[Evidence]]:
    """Partner organisations (canonical names), the countries they stand for, and evidence. acronyms holds
    the file's 'Full Name (ACR)' definitions so far, and gains this post's: a later bare 'ACR' is that name."""
    own = gaz.bodies[body]
    named = gaz.any_body.find(t.full)
    spans = [(a, b) for a, b, _, name in named if name == body] + _implementers(t, gaz)
    spans += [(a, b) for a, b, _, _ in gaz.org_stoplist.find(t.full)]
    text = _PORTFOLIO.sub(lambda m: m.group(1) + m.group(2).title(), mask(t.full, spans))  # 'Ministry of interior'
    mentions: dict[str, list[tuple[int, int]]] = {}  # every place each organisation is named
    country_of: dict[str, str | None] = {}

    def add(name: str, a: int, b: int, country: str | None) -> None:
        if name.casefold() in gaz.org_stopwords or own.values.get(name.casefold()):
            return
        if name in mentions:
            mentions[name].append((a, b))
            return
        if any(found.startswith(name + " ") for found in mentions):
            return  # 'the Police Directorate' again, after 'the Police Directorate of Montenegro'
        mentions[name], country_of[name] = [(a, b)], country

    for a, b, _, other in gaz.any_body.find(text):
        if other != body:
            add(str(other), a, b, None)
    parents: list[tuple[int, int]] = []
    known = known_organisations(gaz, text, parents)
    for a, b, name in known:
        add(name, a, b, gaz.org_country.get(name))
    text = mask(text, [(a, b) for a, b, _ in known] + parents + body_spans(text, gaz))
    for m in _MINISTER.finditer(text) if "Minister" in text else ():
        adjective, portfolio = m.group(1), m.group(2)
        code = gaz.adjectives.values.get(adjective.casefold()) if adjective else None
        of_country = rx(r"\s+of\s+(?:the\s+)?").match(text, m.end())
        country = gaz.countries.pattern.match(text, of_country.end()) if of_country else None
        if country:  # 'Minister of Interior of Montenegro'
            code = gaz.countries.values.get(country.group(0).rstrip("*").casefold()) or code
        code = code or venue
        if code:
            portfolio = "Interior" if "Affairs" in portfolio and "Foreign" not in portfolio else portfolio
            add(f"Ministry of {portfolio} of {plain_country(str(code))}", m.start(), m.end(), str(code))
    for a, b, raw in generic_organisations(text[t.title_end:], gaz):
        a, b = a + t.title_end, b + t.title_end
        name = normalise_org(raw, gaz)
        if name.startswith("Embassy of ") and " in " not in name:  # 'the Embassy of Slovenia in Sarajevo'
            there = rx(r"\s+in\s+").match(text, b)
            town = place_at(text, there.end(), gaz) if there else None
            if town:
                name = f"{name} in {town[2]}"
        seat = _ACRONYM_OF.match(text, b)
        if seat and " of " not in name:  # 'the District Anti-Mafia Directorate (DDA) of Lecce'
            town = place_at(text, seat.start(1), gaz)  # a town tells one office from its namesakes; a country not
            if town and town[1] == seat.end(1):
                name = f"{name} of {seat.group(1)}"
        country = _org_country(name, gaz)
        if rx(r"(?:Ministry of [\w ]+|Police Academy|Customs Administration|Border Police)").fullmatch(name) \
                and " of " not in name[len("Ministry of "):] and not country:
            if not venue:
                continue
            name, country = f"{name} of {plain_country(venue)}", venue
        if name.endswith(" of") or gaz.countries.values.get(name.casefold()):
            continue
        add(name, a, b, country)
    for m in _EMBASSIES.finditer(t.full) if "mbassies" in t.full else ():  # 'the Embassies of Austria, Germany and Slovenia in Sarajevo'
        seat = gaz.places.find(m.group(2) or "")
        where = f" in {seat[0][3]}" if seat and seat[0][0] == 0 else ""
        for a, b, code in [(a, b, str(v)) for a, b, _, v in gaz.countries.find(m.group(1))]:
            add(f"Embassy of {plain_country(code)}{where}", m.start(1) + a, m.start(1) + b, code)
    for m in _WITH_ACRONYM.finditer(text):
        name = m.group(1)
        if not gaz.countries.values.get(name.casefold()) and len(name) > 2:
            add(name, m.start(1), m.end(1), None)
    for name, spans in list(mentions.items()):
        for _, b in spans:
            defined = _DEFINES.match(text, b)
            if defined and not gaz.organisations.values.get(defined.group(1).casefold()) \
                    and not gaz.countries.values.get(defined.group(1).casefold()):
                acronyms.setdefault(defined.group(1), (name, country_of[name]))
    if acronyms:  # 'the Austrian Federal Ministry of the Interior (BMI)' earlier in the file, 'the BMI' here
        for m in rx(r"(?<![\w(])(" + "|".join(re.escape(k) for k in sorted(acronyms, key=len, reverse=True))
                    + r")(?![\w)])").finditer(text):
            name, country = acronyms[m.group(1)]
            add(name, m.start(), m.end(), country)
    for a, b, name in known:  # 'the European Commission (DG NEAR)': the office in brackets is the partner
        inner = rx(r"\s*\(([^()]{2,40})\)").match(t.full, b)
        unit = gaz.organisations.values.get(inner.group(1).casefold()) if inner else None
        if unit and unit != name and name in mentions:
            mentions[name] = [span for span in mentions[name] if span != (a, b)]
            if not mentions[name]:
                del mentions[name]
    names = [n for n, spans in mentions.items() if not all(_cited_only(t.full, a, b, gaz, spans) for a, b in spans)]
    countries = list(dict.fromkeys(str(country_of[n]) for n in names if country_of[n]
                                   and not all(_FUNDED_BY.search(t.full, max(0, a - 50), a) for a, _ in mentions[n])))
    return names, countries, [t.evidence(*mentions[n][0]) for n in names]


def _cited_only(text: str, a: int, b: int, gaz: Gazetteer, spans: list[tuple[int, int]]) -> bool:
    """True when the organisation at text[a:b] is named as the source of a document, not as a participant:
    'recent Europol reports', 'the MONEYVAL evaluation report', 'standards developed by Frontex', a footnote.
    An acronym in brackets right after the full name ('… Task Force (FATF)') goes with the full name."""
    if rx(r"[ \t]*\[\d+\]").match(text, text.rfind("\n", 0, a) + 1):
        return True
    if text[a - 1:a] == "(" and text[b:b + 1] == ")" and any(0 <= a - 2 - e <= 1 for _, e in spans):
        full = next(s for s in spans if 0 <= a - 2 - s[1] <= 1)
        return _cited_only(text, full[0], full[1], gaz, [])
    return bool(gaz.document_after.match(text, b) or gaz.citation_before.search(text, max(0, a - 40), a))


def _org_country(name: str, gaz: Gazetteer) -> str | None:
    """The country an organisation name points to ('… of Serbia', 'Italian …')."""
    for _, _, _, code in gaz.countries.find(name):
        return str(code)
    first = name.split()[0] if name else ""
    code = gaz.adjectives.values.get(first.casefold())
    return str(code) if code else None


def _summary(article: Article, limit: int = 320) -> str:
    """The first sentences of the post, cut at a word boundary; short lines above its text (a date line,
    'Category: News', 'Hits: 231') are left out."""
    paragraphs = list(article.paragraphs)
    while len(paragraphs) > 1 and (len(paragraphs[0].split()) <= 5 and paragraphs[0].rstrip()[-1:] not in ".!?"
                                   or _FIELDS.match(paragraphs[0])):  # a record's fields ('Date: …. Venue: …')
        paragraphs.pop(0)
    text = " ".join(paragraphs).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    ends = [m.end() for m in rx(r"[.;](?<!\b(?:Mr|Ms|Dr|St|No)[.;])(?<!\bMrs[.;])(?<!\b[A-Z][.;])(?=\s)").finditer(cut)]
    if ends and ends[-1] > 120:
        return cut[: ends[-1]]
    return cut[: cut.rfind(" ")].rstrip(",;:") + " …"


def extract_file(articles: list[Article], gaz: Gazetteer, file_text: str, site: str = "") -> list[Activity]:
    """Activities for the articles of one file, in order (missing years inferred from neighbours); site is a
    web page's site name, which says whose news the page is."""
    body = reporting_body(file_text, gaz, site)
    texts = [Text.of(a) for a in articles]
    dated = [_choose_dates(t, gaz) for t in texts]
    inferred = _infer_years(dated)
    activities = []
    acronyms: dict[str, tuple[str, str | None]] = {}  # 'Full Name (ACR)' seen so far in the file
    for t, d, year_inferred in zip(texts, dated, inferred):
        activities.append(_extract_one(t, gaz, _post_body(t, gaz, body, site), d, year_inferred, acronyms))
    return activities


def _post_body(t: Text, gaz: Gazetteer, body: str, site: str) -> str:
    """The file's body, unless the post names one other body and not the file's own: a CSC WB post copied
    into a file of mostly IISG news (a web page's site name is not second-guessed)."""
    if site:
        return body
    named = {str(name) for _, _, _, name in gaz.any_body.find(t.full)}
    return named.pop() if len(named) == 1 and body not in named else body


def _extract_one(t: Text, gaz: Gazetteer, body: str, d: _Dated, year_inferred: bool,
                 acronyms: dict[str, tuple[str, str | None]]) -> Activity:
    article = t.article
    evidence: dict[str, list[Evidence]] = {"title": [Evidence(article.file, article.line, article.title)]}
    if d.start:
        evidence["start"] = evidence["end"] = d.evidence
    event = (first_day(d.start), last_day(d.end)) if d.start and d.end and d.start[0] and d.end[0] else None
    city, country, city_ev, country_ev = find_place(t, gaz, body, event)
    evidence["city"], evidence["country"] = city_ev, country_ev
    partners, partner_countries, partner_ev = _partners(t, gaz, body, country, acronyms)
    evidence["partners"] = partner_ev
    masked = mask(t.full, body_spans(t.full, gaz) + _implementers(t, gaz))
    countries, countries_ev = participant_countries(t, masked, gaz, country, partner_countries)
    evidence["countries"] = countries_ev
    pillars, pillar_ev = find_pillars(t, masked, gaz, body)
    evidence["pillars"] = pillar_ev
    kind, type_ev = find_type(t, gaz)
    evidence["type"] = type_ev
    people = []
    people_ev = []
    for a, b, name in find_people(t.full, gaz):
        if name not in people:
            people.append(name)
            people_ev.append(t.evidence(a, b))
    evidence["people"] = people_ev
    return Activity(
        id=activity_id(article.title),
        title=article.title,
        sources=[article.file],
        start=to_iso(d.start),
        end=to_iso(d.end),
        year_inferred=year_inferred,
        city=city,
        country=country,
        countries=countries,
        pillars=pillars,
        type=kind,
        partners=partners,
        people=people,
        summary=_summary(article),
        body=body,
        evidence={k: v for k, v in evidence.items() if v},
    )

