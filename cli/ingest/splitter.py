"""Split a decoded source into articles: title line, then paragraphs."""
from __future__ import annotations

import re
import unicodedata

from ..extract.dates import find_dates, is_dateline
from ..models import Article
from .reader import PICTOGRAPH, Source

MAX_TITLE_CHARS = 200
FURNITURE_WORDS = 15  # a heading with no line this long, and no sentence, under it heads a menu or a list of links
MAX_TITLE_WORDS = 32
LONG_SENTENCE = 150  # characters; a title-like line this long that ends with a full stop is a paragraph
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[A-Z]")
_RULE = re.compile(r"^[=\-_*~#+. ]{3,}$")
# a full stop that ends a title or an initial, not a sentence: 'H.E. Ambassador …', 'George C. Marshall Center'
_ABBREVIATION = re.compile(r"\b(?:[A-Z]|Mr|Ms|Mrs|Dr|Prof|St|No|Gen|Col|Lt|Brig|Maj|Capt|Insp|Jr|Sr|Messrs)\.")
# a pictograph opening a line is a bullet or a field's label ('✅ 3 days of training', '📍 Skopje | 🗓️ 8 Nov')
_LIST_ITEM = re.compile(rf"^\s*(\d+[.)]|[-•*]|[{PICTOGRAPH}]\ufe0f?)\s")
_PICTOGRAPH_FIELD = re.compile(rf"^\s*[{PICTOGRAPH}]")
_LAST_PICTOGRAPH = re.compile(rf"[\ufe0f\u200d{PICTOGRAPH}]")
_TRAILING_PICTOGRAPHS = re.compile(rf"[\s\ufe0f\u200d{PICTOGRAPH}]+$")
# a social post's header: the account, its handle and the day ('**IISG WBCTi** @IISG_WBCTi · Feb 8, 2024')
_HANDLE_LINE = re.compile(r"^(?=.{0,60}?@\w)[^·]{1,80}·\s*(?P<date>[^·]{4,30})$")


def fold(text: str) -> str:
    """Lower-case, accents and punctuation removed, spaces collapsed: for comparing titles."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w\s]", " ", text.lower())
    text = re.sub(r"^\s*the\s+", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _ending(text: str) -> str:
    """The text without the pictographs after its last word ('… in late 2021. 🤝')."""
    return _TRAILING_PICTOGRAPHS.sub("", text) if text and _LAST_PICTOGRAPH.match(text[-1]) else text


def is_title_like(text: str) -> bool:
    """True for a line that can be a post title: short, one sentence, not a list item or a clause, not only
    hashtags and handles."""
    text = _ending(text.strip())
    if not text or len(text) > MAX_TITLE_CHARS or len(text.split()) > MAX_TITLE_WORDS:
        return False
    if all(word[0] in "#@" for word in text.split()):
        return False
    if text[-1] in ",;:" or _LIST_ITEM.match(text):
        return False
    first = text.lstrip("“\"'‘(«„")[:1]
    if not first or first.islower():
        return False
    return not _SENTENCE_BREAK.search(_ABBREVIATION.sub(lambda m: m.group(0)[:-1] + " ", text[:-1]))


def clean_units(source: Source, boilerplate: list[re.Pattern[str]], post_meta: list[re.Pattern[str]] | None = None,
                ) -> list[tuple[int, str, bool]]:
    """Non-empty, non-boilerplate lines as (line number, text, is_heading). A social post's meta line (its
    author's follower count, its age: post_meta) goes with the author's name right above it; a post's header
    line with a handle ('IISG WBCTi @IISG_WBCTi · Feb 8, 2024') is kept as its date."""
    units: list[tuple[int, str, bool]] = []
    for index, raw in enumerate(source.lines):
        text = " ".join(raw.split())
        if not text:
            continue
        if any(p.search(text) for p in post_meta or ()):
            if units and units[-1][0] == index and len(units[-1][1].split()) <= 6 and is_title_like(units[-1][1]):
                units.pop()  # the author's name
            continue
        handle = _HANDLE_LINE.match(text.replace("*", "")) if "@" in text and "·" in text else None
        if handle and _date_only(handle.group("date")):
            text = handle.group("date").strip()
        if _RULE.match(text):
            if text.startswith("===") and len(units) == 1 and units[0][0] == index:
                units.pop()  # the file's own title, underlined, above the first post's: 'News items\n====='
            continue  # a rule line ('=====', '-----') is decoration, not text
        if any(p.search(text) for p in boilerplate):
            continue
        units.append((index + 1, text, index in source.heading_lines))
    return units


# an activity record written in labelled fields ('Title: …', 'EVENT: …', then 'Date: …', 'Venue: …', 'Summary: …')
_TITLE_FIELD = re.compile(r"^(?:title(?: of the (?:event|activity|meeting))?|event|activity|subject"
                          r"|name of (?:the )?(?:event|activity))\s*:\s*(?P<value>\S.*)$", re.I)
_FIELD = re.compile(r"^(?P<label>[A-Za-z][\w()/.’' -]{0,40}?)\s*:\s*(?P<value>.*)$")
_TEXT_FIELD = re.compile(r"^(?:summary|what|content|description|outcomes?|results?)$", re.I)


def records(units: list[tuple[int, str, bool]], lines: list[str]) -> list[tuple[int, str, bool]]:
    """Activity records written in labelled fields, each made a post: the title field's value as its title,
    its summary field's value and its other fields (one paragraph) as its text. A record is the run of
    lines around its title field with no blank or rule line between them (lines left out as boilerplate
    do not end it); the fields above the title ('Record no.') are left out. Other lines are kept as they are."""

    def adjacent(a: int, b: int) -> bool:  # units a and b, by their line numbers
        return all(lines[k].strip() and not _RULE.match(lines[k].strip()) for k in range(a, b - 1))

    titles = [i for i, (_, text, _) in enumerate(units) if _TITLE_FIELD.match(text)]
    if not titles:
        return units
    out: list[tuple[int, str, bool]] = []
    done = 0
    for i in titles:
        if i < done:
            continue
        first = i
        while first > done and adjacent(units[first - 1][0], units[first][0]) and _FIELD.match(units[first - 1][1]):
            first -= 1  # 'Record no.: 2023-07', 'ENTRY NO.: …' above the title
        last = i
        while last + 1 < len(units) and adjacent(units[last][0], units[last + 1][0]) \
                and not _TITLE_FIELD.match(units[last + 1][1]):
            last += 1
        before = units[done:first]
        if done or any(len(text.split()) >= 25 for _, text, _ in before):
            out.extend(before)  # above the first record, short lines are the file's heading ('ACTIVITY LOG 11/2022')
        line, text, heading = units[i]
        out.append((line, _TITLE_FIELD.match(text).group("value").strip(), heading))
        fields = units[i + 1:last + 1]
        summary = [(ln, m.group("value")) for ln, t, _ in fields
                   for m in [_FIELD.match(t)] if m and _TEXT_FIELD.match(m.group("label").strip()) and m.group("value")]
        rest = [t for ln, t, _ in fields if not summary or ln != summary[0][0]]
        opening = [(ln, value, False) for ln, value in summary[:1] if not is_title_like(value)]
        out.extend(opening)  # the summary opens the text, unless it could be taken for a title
        if rest:
            # one paragraph, each field ended like a sentence so that no name runs into the next field
            out.append((fields[0][0], " ".join(t if t[-1:] in ".;:!?" else t + "." for t in rest), False))
        out.extend((ln, value, False) for ln, value in summary[:1] if not opening)
        done = last + 1
    out.extend(units[done:])
    return out


def unglue(units: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """A paragraph that runs into the next post's title ('… is ongoing.Workshop on …'), where the title is
    printed again on the next line, cut in two: the paragraph, then the title."""
    out = []
    for i, unit in enumerate(units):
        line, text, heading = unit
        following = units[i + 1][1] if i + 1 < len(units) else ""
        cut = len(text) - len(following)
        if following and cut > 0 and text.endswith(following) and text[cut - 1] in ".!?”\")" \
                and is_title_like(following):
            out.extend([(line, text[:cut], heading), (line, following, heading)])
        else:
            out.append(unit)
    return out


def title_indices(units: list[tuple[int, str, bool]]) -> list[int]:
    """Which units start a post."""
    if any(h for _, _, h in units):
        return [i for i, (_, _, h) in enumerate(units) if h]
    doubled = [i for i in range(len(units) - 1) if units[i][1] == units[i + 1][1] and is_title_like(units[i][1])]
    if doubled:
        starts = set(doubled)
        if 0 not in starts and is_title_like(units[0][1]) and units[0][1] not in {units[i][1] for i in doubled}:
            starts.add(0)
        twice = {units[i][1] for i in doubled}
        for i in range(1, len(units) - 1):  # a title printed once, set off like the others by a wider gap,
            # or a headline between two full paragraphs
            if i not in starts and i - 1 not in starts and units[i][1] not in twice and _titled(units, i) \
                    and not _titled(units, i + 1) and (units[i][0] - units[i - 1][0] > 2 or _between_paragraphs(units, i)):
                starts.add(i)
        return sorted(starts)
    starts: list[int] = []
    for i, (_, text, _) in enumerate(units):
        if starts and (starts[-1] == i - 1 or starts[-1] == i - 2 and _field_line(units[i - 1][1])):
            continue  # the line after a title, or after its date line, is always its text
        has_body = i + 1 < len(units) and not _titled(units, i + 1)
        # before the first post, title-like lines with no text under them head the file ('Newsletter | Issue 4')
        if _titled(units, i) and (has_body or not starts and not _heads_a_post(units, i + 1)) and i + 1 < len(units):
            starts.append(i)
    return starts


def _field_line(text: str) -> bool:
    """A post's date line, or a line of labelled fields under its title ('📍 Skopje | 🗓️ Nov 8–10, 2022')."""
    return is_dateline(text) or bool(_PICTOGRAPH_FIELD.match(text) and (" | " in text or find_dates(text)))


def _heads_a_post(units: list[tuple[int, str, bool]], i: int) -> bool:
    """Whether units[i], or a title-like line soon after it, is a title with text under it."""
    for j in range(i, min(i + 3, len(units) - 1)):
        if not _titled(units, j):
            return False
        if not _titled(units, j + 1):
            return True
    return False


def _month_heading(text: str) -> bool:
    """A month and year and nothing else ('MAY 2022', 'June 2023'): a heading over a bulletin's posts."""
    found = find_dates(text) if len(text) <= 20 else []
    return len(found) == 1 and found[0].precision == "month" and found[0].has_year \
        and not text.strip(" *_#:").replace(found[0].text, "").strip()


def _date_only(text: str) -> bool:
    """True for a line that is a date and nothing else ('12.06.2024', 'Jun 12, 2024', '5 March 2025')."""
    if len(text) > 30:
        return False
    found = find_dates(text)
    return len(found) == 1 and found[0].precision == "day" and len(found[0].text) >= len(text.strip(" *_|·")) - 2


def _between_paragraphs(units: list[tuple[int, str, bool]], i: int) -> bool:
    """A line of five words or more, not ending a sentence, before a paragraph of 25 words or more and after
    one that is as long or ends a sentence."""
    text = units[i][1]
    before = units[i - 1][1]
    return (len(text.split()) >= 5 and text[-1] not in ".!?" and len(units[i + 1][1].split()) >= 25
            and (len(before.split()) >= 25 or before.rstrip()[-1:] in ".!?”\"’"))


def _titled(units: list[tuple[int, str, bool]], i: int) -> bool:
    """Title-like, and not a one-sentence paragraph after a finished one (a teaser before a title is cut off)."""
    text = _ending(units[i][1])
    if not is_title_like(text) or (text.endswith(".") and len(text) > LONG_SENTENCE) or is_dateline(text):
        return False  # a long sentence with its full stop opens a post's text: 'From 14.11. to 16.11.2023 the …'
    previous = _ending(units[i - 1][1].rstrip()) if i > 0 else ""
    return not (text[-1] in ".!" and previous[-1:] in (".", "!", "?", "”", '"', ")"))  # a question can be a title


def _file_heading(body: list[tuple[int, str, bool]]) -> bool:
    """What is under a file's first title-like line when that line heads the file, not a post: at most two
    short lines (20 words in all) with no date ('Feed copied by the comms desk. Newest posts first.')."""
    return len(body) <= 2 and sum(len(text.split()) for _, text, _ in body) <= 20 \
        and not any(find_dates(text) for _, text, _ in body)


def _furniture(body: list[tuple[int, str, bool]]) -> bool:
    """True for what a menu, a sidebar or a footer holds: short lines, none of them a sentence; or a list and
    nothing else (contents, 'Upcoming events')."""
    return all(_LIST_ITEM.match(text) for _, text, _ in body) or not any(
        len(text.split()) >= FURNITURE_WORDS or text.rstrip()[-1:] in ".!?" for _, text, _ in body)


def split_articles(source: Source, boilerplate: list[re.Pattern[str]], ends: list[re.Pattern[str]] | None = None,
                   post_meta: list[re.Pattern[str]] | None = None) -> tuple[list[Article], list[str]]:
    """Articles of one source in order, with warnings (text before the first title, titles with no body); a line
    matching one of ends ('###', 'Notes to editors') ends its post's text; post_meta, see clean_units."""
    units = records(unglue(clean_units(source, boilerplate, post_meta)), source.lines)
    warnings: list[str] = []
    if not units:
        return [], [f"{source.path}: no text left after removing page boilerplate"]
    starts = title_indices(units)
    if not starts:
        line, first, _ = units[0]
        if len(first) > MAX_TITLE_CHARS and len(units) > 1:
            return [], [f"{source.path}:{line}: the first line has {len(first):,} characters, too long for a title "
                        f"(at most {MAX_TITLE_CHARS}); shorten it or break the line after the title"]
        return [], [f"{source.path}:{line}: no post title found; start each post with its title on its own line"]
    if starts[0] > 0:
        warnings.append(f"{source.path}:{units[0][0]}: text before the first title ignored")
    articles: list[Article] = []
    bodies = [units[start + 1:(starts[n + 1] if n + 1 < len(starts) else len(units))] for n, start in enumerate(starts)]
    # A news list that prints each post's date above its title ('12.06.2024', then the title): the date goes with
    # the post below it, not with the end of the one above.
    for n in range(len(bodies)):
        above = bodies[n - 1] if n else units[max(0, starts[0] - 2):starts[0]]
        first = 1 if n else 0  # a date right under the title above is that post's own
        last = [k for k in range(max(first, len(above) - 2), len(above)) if _date_only(above[k][1])]
        if last:
            if n:
                bodies[n - 1] = above[:last[-1]] + above[last[-1] + 1:]
            bodies[n] = [above[last[-1]]] + bodies[n]
    # A month heading ('MAY 2022') over the posts that follow it, up to the next one, is their date line: it
    # gives the year of 'On 17 May'.
    month = next((unit for unit in reversed(units[:starts[0]]) if _month_heading(unit[1])), None)
    months: list[tuple[int, str, bool] | None] = []
    for n in range(len(bodies)):
        months.append(month)
        if bodies[n] and _month_heading(bodies[n][-1][1]) and n + 1 < len(bodies):
            month = bodies[n][-1]
            bodies[n] = bodies[n][:-1]
    all_furniture = all(_furniture(body) for body in bodies if body)  # never take away all a file holds
    for n, (start, body) in enumerate(zip(starts, bodies)):
        line, title, _ = units[start]
        if any(p.search(title) for p in ends or ()):
            continue  # a release's 'Notes to editors' or 'About Frontex' under a heading of its own: not a post
        while body and body[0][1] == title:
            body = body[1:]
        cut = next((k for k, (_, text, _) in enumerate(body) if any(p.search(text) for p in ends or ())), None)
        body = body[:cut] if cut is not None and cut > 0 else body  # a press release's notes and contacts
        if not body and (n + 1 < len(starts) or units[start][2]):
            kind = "heading" if units[start][2] else "title"
            warnings.append(f"{source.path}:{line}: {kind} {title[:60]!r} is followed by another {kind}; "
                            "taken as the page's heading, not a post")
            continue
        if body and units[start][2] and _furniture(body) and not all_furniture:
            warnings.append(f"{source.path}:{line}: heading {title[:60]!r} has only links or short lines under it; "
                            "taken as page furniture (menu, sidebar, footer), not a post")
            continue
        if n == 0 and len(starts) > 1 and body and _file_heading(body):
            warnings.append(f"{source.path}:{line}: {title[:60]!r} and the short undated lines under it are taken as "
                            "the file's heading, not a post")
            continue
        if not body:
            warnings.append(f"{source.path}:{line}: title {title[:60]!r} has no text after it; kept with an empty body")
        if months[n] is not None:
            body = [months[n]] + body
        articles.append(Article(
            title=title, paragraphs=[t for _, t, _ in body], file=source.name, line=line,
            para_lines=[ln for ln, _, _ in body], position=len(articles),
        ))
    return articles, warnings

