"""Files → articles: decoding, boilerplate, post splitting, duplicates across files."""
import re
from pathlib import Path

import pytest

from cli.config import load_config
from cli.ingest import harvest
from cli.ingest.reader import decode, read_source
from cli.ingest.splitter import is_title_like, split_articles

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "config.yaml")
BOILERPLATE = [re.compile(p) for p in CONFIG["rules"]["boilerplate"]]
LONG = ("The IISG Secretariat held a meeting with the Ministry of Interior of Albania in Tirana on 12 May 2022 "
        "to discuss the needs mapping report and the next steps of the process, together with partners from the region")


def articles_of(tmp_path: Path, name: str, text: str | bytes):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    source, problems = read_source(path)
    assert source is not None, problems
    return split_articles(source, BOILERPLATE)[0]


def test_teaser_file_without_final_newline(tmp_path):
    text = f"\nFirst post title, Tirana\n\n{LONG},\n\nSecond post title\n\n\n{LONG} and the"
    arts = articles_of(tmp_path, "a.txt", text)
    assert [a.title for a in arts] == ["First post title, Tirana", "Second post title"]
    assert arts[1].paragraphs == [LONG + " and the"]
    assert arts[0].line == 2 and arts[1].line == 6


def test_doubled_titles_and_short_paragraphs(tmp_path):
    text = ("Visit of experts in Albania\n\nVisit of experts in Albania\n\nOn 02. March 2021 a delegation began.\n\n"
            "Short closing line without a full stop\n\nPhoto source: Someone\n\n"
            "Operational meetings in Montenegro\n\nOperational meetings in Montenegro\n\nText of the second post.\n")
    arts = articles_of(tmp_path, "b.txt", text)
    assert [a.title for a in arts] == ["Visit of experts in Albania", "Operational meetings in Montenegro"]
    assert arts[0].paragraphs == ["On 02. March 2021 a delegation began.", "Short closing line without a full stop"]


def test_a_title_printed_once_among_doubled_ones(tmp_path):
    text = (f"Seizure in the Port of Bar\n\nSeizure in the Port of Bar\n\n{LONG}.\n\nShort closing line\n\n\n"
            f"CEPOL course in Skopje\n\n{LONG}.\n\n\nArrest in Budva\n\nArrest in Budva\n\n{LONG}.\n")
    arts = articles_of(tmp_path, "g.txt", text)
    assert [a.title for a in arts] == ["Seizure in the Port of Bar", "CEPOL course in Skopje", "Arrest in Budva"]
    assert arts[0].paragraphs == [LONG + ".", "Short closing line"]


def test_a_paragraph_that_runs_into_the_next_title(tmp_path):
    text = (f"Seizure in the Port of Bar\n\nSeizure in the Port of Bar\n\n{LONG}. The investigation is "
            f"ongoing.Workshop in Pristina, Kosovo*\n\nWorkshop in Pristina, Kosovo*\n\n{LONG}.\n")
    arts = articles_of(tmp_path, "h.txt", text)
    assert [a.title for a in arts] == ["Seizure in the Port of Bar", "Workshop in Pristina, Kosovo*"]
    assert arts[0].paragraphs == [LONG + ". The investigation is ongoing."]
    assert arts[1].paragraphs == [LONG + "."]


def test_a_page_heading_over_post_headings_is_not_a_post(tmp_path):
    path = tmp_path / "news.md"
    path.write_text(f"# IISG News\n\n## Meeting in Skopje\n\n{LONG}.\n\n## Workshop in Tirana\n\nText.\n", encoding="utf-8")
    source, _ = read_source(path)
    arts, warnings = split_articles(source, BOILERPLATE)
    assert [a.title for a in arts] == ["Meeting in Skopje", "Workshop in Tirana"]
    assert [a.position for a in arts] == [0, 1]
    assert warnings == []  # the page's own title, above its posts' headings, is no post and no surprise


def test_page_furniture_is_not_news(tmp_path):
    page = ("<html><body><header><h1>IISG</h1><p>Home | About | News</p></header>"
            "<nav><a href='/'>Home</a></nav><div class='cookie-notice'><p>We use cookies.</p></div>"
            f"<main><article><header><h2>Meeting in Skopje</h2></header><p class='date'>8 June 2023</p><p>{LONG}.</p></article>"
            "<aside class='sidebar'><h3>Latest news</h3><ul><li>Older post</li></ul></aside>"
            "<h3>Follow us</h3><p>Twitter | LinkedIn</p></main>"
            "<footer><p>Regional Cooperation Council, Sarajevo. All rights reserved.</p></footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    source, _ = read_source(path)
    arts, warnings = split_articles(source, BOILERPLATE)
    assert [a.title for a in arts] == ["Meeting in Skopje"]
    assert arts[0].paragraphs == ["8 June 2023", LONG + "."]
    assert any("'Follow us' has only links or short lines under it" in w for w in warnings)


def test_boilerplate_lines_are_dropped(tmp_path):
    text = ("Posted on Last updated\n\nA workshop in Belgrade\n\nOn 5-6 September 2018, a workshop took place.\n\n"
            "https://example.org/news/1\n\n* This designation is without prejudice to positions on status.\n\n"
            "[1] SOCTA report 2021, page 19.\n")
    arts = articles_of(tmp_path, "c.txt", text)
    assert len(arts) == 1
    assert arts[0].title == "A workshop in Belgrade"
    assert arts[0].paragraphs == ["On 5-6 September 2018, a workshop took place."]


def test_markdown_and_html_headings(tmp_path):
    md = articles_of(tmp_path, "d.md", f"# Meeting in Skopje\n\n**Bold** start. {LONG}.\n\n## Second one\n\nText.\n")
    assert [a.title for a in md] == ["Meeting in Skopje", "Second one"]
    assert md[0].paragraphs[0].startswith("Bold start.")
    html = articles_of(tmp_path, "e.html", "<html><head><title>x</title><script>alert(1)</script></head><body>"
                       "<h2>Meeting &amp; talks in Tirana</h2><p>On 3 May 2022 the <b>IISG</b> met.</p>"
                       "<h2>Another</h2><p>Text.</p></body></html>")
    assert [a.title for a in html] == ["Meeting & talks in Tirana", "Another"]
    assert html[0].paragraphs == ["On 3 May 2022 the IISG met."]


def test_title_like():
    assert is_title_like("“Enhance cooperation” meeting in Athens, Greece.")
    assert not is_title_like("The national authorities met. Then they left")
    assert not is_title_like("  1. Extradition Treaty between the Republic of Serbia and the Argentine Republic")
    assert not is_title_like("ends with a comma,")
    assert not is_title_like(LONG)


def test_decode_cp1252_with_warning(tmp_path):
    text, warnings = decode(tmp_path / "x.txt", "Caf\u00e9 in Tirana\r\n".encode("cp1252"))
    assert text == "Café in Tirana\n"
    assert warnings == ["not UTF-8 (byte 3); read as cp1252 — save the file as UTF-8 to be sure"]
    text, warnings = decode(tmp_path / "x.txt", b"\xef\xbb\xbfBOM\rline")
    assert text == "BOM\nline" and warnings == []


@pytest.mark.parametrize("content,message", [
    (b"", "file is empty"),
    (b"\x00\x01\x02binary\x00", "binary data"),
    (b"   \n\n  ", "file is empty"),
])
def test_unusable_files(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    source, problems = read_source(path)
    assert source is None
    assert message in problems[0].message


def test_same_post_in_two_files_is_one_activity(tmp_path):
    post = f"Shared post title in Skopje\n\n{LONG}.\n"
    (tmp_path / "one.txt").write_text(post + f"\nOther post title\n\n{LONG}.\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text(post, encoding="utf-8")
    result = harvest([tmp_path], CONFIG)
    shared = [a for a in result.activities if a.title == "Shared post title in Skopje"]
    assert len(result.activities) == 2
    assert shared[0].sources == ["one.txt", "two.txt"]


def test_missing_path_and_empty_folder_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    result = harvest([tmp_path / "nope", tmp_path / "empty"], CONFIG)
    messages = [p.message for p in result.problems]
    assert result.failed and result.activities == []
    assert any("no such file or folder" in m for m in messages)
    assert any("folder holds no readable posts" in m for m in messages)


def test_full_posts_keep_short_sentence_paragraphs(tmp_path):
    text = ("Workshop on the EU Policy Cycle in Belgrade\n\n"
            f"{LONG}, and the participants discussed the plans.\n\n"
            "The event was concluded with a set of recommendations.\n\n"
            f"{LONG}, and they agreed to meet again.\n\n"
            "All participants endorsed the approach.\n\n"
            f"{LONG}, as planned by the organisers.\n")
    arts = articles_of(tmp_path, "f.txt", text)
    assert [a.title for a in arts] == ["Workshop on the EU Policy Cycle in Belgrade"]
    assert len(arts[0].paragraphs) == 5


def test_worker_processes_give_what_one_process_gives(tmp_path, monkeypatch):
    import cli.ingest as ingest_module

    (tmp_path / "empty.txt").write_text("", encoding="utf-8")  # a problem, reported in its place
    (tmp_path / "zz_copy.txt").write_bytes((ROOT / "seeds").glob("*.txt").__next__().read_bytes())  # a duplicate
    inputs = [ROOT / "seeds", tmp_path]
    alone = harvest(inputs, CONFIG)
    monkeypatch.setattr(ingest_module, "PARALLEL_FROM", 0)
    monkeypatch.setattr(ingest_module, "CHUNK_BYTES", 4000)  # many chunks, each a few files
    monkeypatch.setattr(ingest_module.os, "cpu_count", lambda: 2)
    side_by_side = harvest(inputs, CONFIG)
    assert [a.to_dict() for a in side_by_side.activities] == [a.to_dict() for a in alone.activities]
    assert (side_by_side.files, side_by_side.posts) == (alone.files, alone.posts)
    assert alone.posts > len(alone.activities)  # the same post in several files is one activity
    assert [(p.path, p.message) for p in side_by_side.problems] == [(p.path, p.message) for p in alone.problems]
    assert any(p.path.endswith("empty.txt") for p in alone.problems)
    assert any(len(a.sources) == 2 for a in alone.activities)


def test_a_newsletter_title_its_contents_and_its_lists_are_not_posts(tmp_path):
    text = (
        "# Project Newsletter – Issue 9 | Autumn 2023\n\n*Countering Serious Crime – IPA 2019*\n\nDear readers,\n\n"
        "the last weeks were busy. In this issue we report on two meetings.\n\n## In this issue\n\n"
        "- [Operational meeting in Rome on the Albania–Italy cocaine route](#rome)\n"
        "- [Coordination meeting with the IISG Secretariat in Sarajevo](#iisg)\n\n---\n\n"
        f"## Operational meeting in Rome\n\n{LONG}.\n\n---\n\nCoordination meeting in Sarajevo\n"
        f"--------------------------------\n\n{LONG}.\n\n## Upcoming events\n\n"
        "- 14–15 December 2023: Regional Steering Committee of the project, Skopje\n"
        "- January 2024: Operational meeting on migrant smuggling, Tirana (tbc)\n\n---\n\n"
        "*You are receiving this newsletter because you subscribed. The project is implemented by GIZ.*\n")
    articles = articles_of(tmp_path, "newsletter.md", text)
    assert [a.title for a in articles] == ["Operational meeting in Rome", "Coordination meeting in Sarajevo"]
    assert articles[1].paragraphs == [f"{LONG}."]  # the footer after the last rule is not the post's


def test_a_pasted_file_under_its_own_underlined_title(tmp_path):
    text = ("IISG news items – pasted for the Annual Report (editor: check photos)\n" + "=" * 60 + "\n\n"
            f"REGIONAL CONFERENCE IN BUDVA\n\nSource: IISG website, News section\n\n{LONG}.\n\n" + "-" * 40 + "\n\n"
            f"MEETING IN SKOPJE\n\n{LONG}.\n")
    articles = articles_of(tmp_path, "pasted.txt", text)
    assert [a.title for a in articles] == ["REGIONAL CONFERENCE IN BUDVA", "MEETING IN SKOPJE"]
    assert not any(set(p) <= set("-=") for a in articles for p in a.paragraphs)


def test_a_page_builders_blocks_hold_the_post_and_other_posts_cards_do_not(tmp_path):
    def widget(kind: str, inner: str) -> str:
        return (f'<div class="elementor-element elementor-widget elementor-widget-{kind}">'
                f'<div class="elementor-widget-container">{inner}</div></div>')

    single = (
        '<html><body class="single single-post postid-5031 elementor-default">'
        '<header class="elementor-location-header"><nav>Home | News</nav></header>'
        '<div class="elementor elementor-location-single post-5031">'
        + widget("theme-post-title", "<h1>Joint Investigation Team signed at Eurojust</h1>")
        + widget("theme-post-content", f"<p>{LONG}.</p>")
        + widget("share-buttons", "<p>Share this post</p>") + "</div>"
        + widget("heading", "<h2>You may also like</h2>")
        + widget("posts", '<article class="elementor-post post type-post"><h3>Another post title here</h3>'
                 f'<p>{LONG}, an excerpt of another post …</p></article>')
        + widget("heading", "<h2>Stay informed</h2>")
        + widget("text-editor", "<p>Subscribe to our quarterly newsletter and receive news on the project.</p>")
        + '</body></html>')
    listing = (
        '<html><body class="blog elementor-default"><div class="elementor elementor-location-archive">'
        + widget("archive-posts", "".join(
            f'<article class="elementor-post post-{n} post type-post"><h3>Listed post number {n} in Skopje</h3>'
            f'<p>{LONG} …</p></article>' for n in (1, 2)))
        + "</div></body></html>")
    assert [a.title for a in articles_of(tmp_path, "single.html", single)] == [
        "Joint Investigation Team signed at Eurojust"]
    assert [a.title for a in articles_of(tmp_path, "list.html", listing)] == [
        "Listed post number 1 in Skopje", "Listed post number 2 in Skopje"]


def test_a_headline_printed_once_between_two_paragraphs_in_a_file_of_doubled_titles(tmp_path):
    text = (f"First post title in Skopje\n\nFirst post title in Skopje\n\n{LONG}.\n\n"
            f"Memorandum signed between two prosecution offices\n\n{LONG}.\n\n"
            f"Third post title in Tirana\n\nThird post title in Tirana\n\n{LONG}.\n")
    assert [a.title for a in articles_of(tmp_path, "doubled.txt", text)] == [
        "First post title in Skopje", "Memorandum signed between two prosecution offices", "Third post title in Tirana"]


def test_a_news_list_printing_each_date_above_its_title(tmp_path):
    page = ("<html><body>"
            + "".join(f'<div class="item"><div>Trainings</div><div class="meta">{day}</div><h2>{title}</h2>'
                      f"<p>{text}</p><div>Read More</div></div>"
                      for day, title, text in [
                          ("12.06.2024", "Training on crypto investigations in Sarajevo",
                           f"From 4 to 6 June the project held a training in Sarajevo. {LONG}."),
                          ("21.09.2023", "Operational meeting on migrant smuggling in Subotica",
                           f"On 19 and 20 September the project facilitated a meeting in Subotica. {LONG}.")])
            + "</body></html>")
    path = tmp_path / "list.html"
    path.write_text(page, encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    assert (acts["Training on crypto investigations in Sarajevo"].start,
            acts["Operational meeting on migrant smuggling in Subotica"].start) == ("2024-06-04", "2023-09-19")


def test_an_email_newsletter_with_large_bold_titles_an_events_box_and_a_footer(tmp_path):
    def item(title: str, meta: str) -> str:
        return (f'<tr><td class="mcnTextContent"><span style="font-size:19px;font-weight:bold">{title}</span>'
                f'<p style="font-size:12px">{meta}</p><p>{LONG}.</p><a href="#">Read more</a></td></tr>')

    page = ('<html><body><table><tr><td id="templatePreheader">View this email in your browser</td></tr>'
            + item("412 kg of cocaine seized in the Port of Durrës", "Durrës · 3 November 2022")
            + item("H.E. Ambassador Anne-Marie van der Berg visits the IISG Secretariat", "Sarajevo · 18 November 2021")
            + '<tr><td><span style="font-size:17px;font-weight:bold">Upcoming events</span>'
              "<p>8 December · Tirana</p><p>Regional Conference on Migrant Smuggling along the Western Balkan Route</p>"
              "<p>January · Podgorica</p><p>Operational meeting on firearms trafficking</p></td></tr>"
              "<tr><td><em>Copyright © 2024 CSC WB, All rights reserved.</em><br>You are receiving this email because "
              "you signed up.<br>Unsubscribe | Update preferences</td></tr></table></body></html>")
    path = tmp_path / "newsletter.html"
    path.write_text(page, encoding="utf-8")
    source, _ = read_source(path)
    ends = [re.compile(p) for p in CONFIG["rules"]["text_ends"]]
    assert [a.title for a in split_articles(source, BOILERPLATE, ends)[0]] == [
        "412 kg of cocaine seized in the Port of Durrës",
        "H.E. Ambassador Anne-Marie van der Berg visits the IISG Secretariat"]


def test_a_static_site_post_is_titled_and_dated_by_its_front_matter(tmp_path):
    text = ('---\ntitle: "Support Group meets in Skopje"\ndate: 2024-03-12T10:00:00+01:00\nauthor: IISG\n'
            'image: "/images/news/2024/skopje.jpg"\ntags: [IISG, Support Group]\n---\n\n'
            f"# Support Group meets in Skopje\n\n**{LONG}.**\n\n## Participants\n\n- Albania\n- Serbia\n\n"
            "[^1]: The Support Group was set up in 2018 with the support of CEPOL.\n")
    (article,) = articles_of(tmp_path, "2024-03-12-support-group.md", text)
    assert article.title == "Support Group meets in Skopje"
    assert article.paragraphs[0] == "2024-03-12"  # the post's date line
    assert "Participants" in article.paragraphs  # a subheading inside the post, not another post
    assert not any("CEPOL" in p for p in article.paragraphs)  # the footnote's text is not the post's


PDF_COPY = """IISG Newsletter | Issue 4 | 2022

Fourth meeting of the IISG Support Group held in Budva
12-13/05/2022

The IISG Support Group held its fourth meeting in Budva, Montenegro, on 12 and
13 May 2022. The meeting was hosted by the Ministry of the Interior of Monte-
negro and brought together the IISG focal points of Albania, Bosnia and Herze-
govina, Kosovo*, Montenegro, North Macedonia and Serbia, representatives of the
European Commission (DG HOME and DG NEAR) and the Regional Cooperation Council.

The participants were welcomed by the Head of the IISG Secretariat, who presented
the results of the needs mapping for the three pillars and the ﬁrst draft of the
response mapping. In the second session the members of the Support Group dis-
cussed the functioning of the IISG database, the coordination of donor support

IISG Newsletter | Issue 4 | 2022                                    Page 3 of 12

IISG Newsletter | Issue 4 | 2022

with the needs identiﬁed by the partners and the draft work plan for 2022–2023,
which will be submitted to the IISG Board for adoption at its next meeting.

In this issue:
Support Group meets in Budva ........................ 3
Calendar of events .................................. 8

Joint risk analysis training for border police officers from Bosnia and
Herzegovina, Montenegro and Serbia
Trebinje, 13 June 2022

A three-day training on the Common Integrated Risk Analysis Model (CIRAM) started
on 13 June in Trebinje, at the premises of the Border Police of Bosnia and Herze-
govina. The training was organised by the WBBSi pillar in cooperation with Fron-
tex and gathered 24 officers from the border police services of the three
countries who work at the common borders.

IISG Newsletter | Issue 4 | 2022                                    Page 4 of 12
"""


def test_a_newsletter_copied_out_of_a_pdf(tmp_path):
    arts = articles_of(tmp_path, "newsletter.txt", PDF_COPY)
    assert [a.title for a in arts] == [
        "Fourth meeting of the IISG Support Group held in Budva",
        "Joint risk analysis training for border police officers from Bosnia and Herzegovina, Montenegro and Serbia",
    ]
    first, second = arts
    assert first.paragraphs[0] == "12-13/05/2022"
    assert first.paragraphs[1].startswith("The IISG Support Group held its fourth meeting in Budva, Montenegro, on 12 "
                                          "and 13 May 2022. The meeting was hosted by the Ministry of the Interior of "
                                          "Montenegro and brought together the IISG focal points of Albania, Bosnia "
                                          "and Herzegovina, Kosovo*,")
    # the paragraph runs on across the page break; the running header and footer and the contents are gone
    assert first.paragraphs[2].endswith("the coordination of donor support with the needs identified by the partners "
                                        "and the draft work plan for 2022–2023, which will be submitted to the IISG "
                                        "Board for adoption at its next meeting.")
    assert "In this issue:" in first.paragraphs and len(first.paragraphs) == 4
    assert second.paragraphs[0] == "Trebinje, 13 June 2022"
    assert "with Frontex and gathered 24 officers" in second.paragraphs[1]


def test_a_bulletins_month_heading_dates_the_posts_under_it(tmp_path):
    text = ("CSC WB | Monthly Bulletin 5/2022\n\nMAY 2022\n\nForensic equipment handed over to Kosovo* Police\n"
            f"On 17 May the project handed over forensic equipment. {LONG}.\n\nJUNE 2022\n\n"
            f"Migrant smuggling group dismantled in Bijeljina\nOn 2 June, officers arrested seven members. {LONG}.\n")
    arts = articles_of(tmp_path, "bulletin.txt", text)
    assert [a.title for a in arts] == ["Forensic equipment handed over to Kosovo* Police",
                                       "Migrant smuggling group dismantled in Bijeljina"]
    assert arts[0].paragraphs[0] == "MAY 2022" and arts[1].paragraphs[0] == "JUNE 2022"
    assert all("JUNE 2022" not in p for p in arts[0].paragraphs[1:])


def test_plain_text_with_long_lines_keeps_its_lines():
    from cli.ingest.reader import unwrap

    lines = ["A title", "", LONG + ".", "Page 2 of 3", "", "Another title", LONG + "."]
    assert unwrap(lines) == ["A title", "", LONG + ".", "", "Another title", LONG + "."]
    assert unwrap(["Title", "", LONG]) == ["Title", "", LONG]  # no page furniture: untouched


SOCIAL_FEED = """IISG – Integrative Internal Security Governance · LinkedIn company page
Feed copied into this file by the comms desk. Newest posts first.

==================================================

IISG Secretariat
2,318 followers
2mo • 🌐

1/2
Western Balkans border police train together on detecting forged travel documents
📍 Skopje | 🗓️ Nov 8–10, 2022
Three days, five border police services, one goal: stopping document fraud at our borders 🛂
#WBBSi #IISG #EU4Security

👍 41 · 3 comments · 6 reposts

--------------------------------------------------

IISG Secretariat
2mo • 🌐

2/2
The course was hosted by the Border Police of North Macedonia at its training centre in Skopje, with trainers \
from Frontex, and officers from Albania, Kosovo*, Montenegro and Serbia worked through real cases. 🤝

👍 18 · 1 comment

==================================================

IISG Secretariat
7mo • Edited • 🌐

6th IISG Board Meeting held in Budva, Montenegro 🇲🇪
📍 Budva | 🗓️ Jun 20–21, 2022

Representatives of all six Western Balkan partners gathered in Budva for the 6th meeting of the IISG Board 🤝

✅ Response Mapping endorsed
✅ Database priorities agreed

👍❤️👏 87 · 12 comments · 9 reposts
"""


def test_a_social_media_feed_copied_into_a_file(tmp_path):
    rules = CONFIG["rules"]
    path = tmp_path / "feed.txt"
    path.write_text(SOCIAL_FEED, encoding="utf-8")
    source, _ = read_source(path)
    arts, warnings = split_articles(source, BOILERPLATE, [], [re.compile(p) for p in rules["post_meta"]])
    assert [a.title for a in arts] == ["Western Balkans border police train together on detecting forged travel "
                                       "documents", "6th IISG Board Meeting held in Budva, Montenegro 🇲🇪"]
    thread, board = arts
    # the thread's second part is the first's text; authors, ages, counters and thread marks are left out
    assert thread.paragraphs[0] == "📍 Skopje | 🗓️ Nov 8–10, 2022"
    assert thread.paragraphs[-1].startswith("The course was hosted by the Border Police of North Macedonia")
    assert "#WBBSi #IISG #EU4Security" in thread.paragraphs
    assert not any(p.startswith(("IISG Secretariat", "👍", "2/2", "2mo")) for a in arts for p in a.paragraphs)
    assert board.paragraphs == ["📍 Budva | 🗓️ Jun 20–21, 2022", "Representatives of all six Western Balkan partners "
                                "gathered in Budva for the 6th meeting of the IISG Board 🤝", "✅ Response Mapping endorsed",
                                "✅ Database priorities agreed"]
    assert any("taken as the file's heading" in w for w in warnings)


def test_x_posts_in_markdown_titled_in_bold(tmp_path):
    text = ("# WBCTi pillar – posts on X\n\n_Copied for the quarterly report._\n\n---\n\n"
            "**IISG WBCTi** @IISG_WBCTi · Feb 8, 2024\n\n**Western Balkans at the EU Internet Forum**\n\n"
            "📍 Brussels | 🗓️ Feb 6, 2024\n\nNational coordinators of the six partners took part in the forum.\n\n"
            "💬 4  🔁 17  ❤️ 52  📊 3.1K\n\n---\n\n**IISG WBCTi** @IISG_WBCTi · Sep 22, 2023\n\n"
            "**Study visit to Aarhus on exit and reintegration** 🇩🇰\n\n🗓️ Sep 19–21, 2023\n\n"
            "Practitioners spent three days in Aarhus with the East Jutland Police.\n")
    arts = articles_of(tmp_path, "x.md", text)
    assert [a.title for a in arts] == ["Western Balkans at the EU Internet Forum",
                                       "Study visit to Aarhus on exit and reintegration 🇩🇰"]
    assert arts[1].paragraphs[0] == "Sep 22, 2023"  # the post's own date, from its header line
    assert not any("💬" in p for p in arts[0].paragraphs)


RECORDS = """IISG SECRETARIAT – ACTIVITY RECORDS
Date of report: 31 March 2023
Prepared by: Lejla Hadžić, Programme Assistant

------------------------------------------------------------------
Record no.: 2023-11
Title: Regional workshop on risk analysis at green borders
Date: 14–15 March 2023
Venue: Hotel Hills, Sarajevo (BiH)
Travel: N/A (local event)
Organiser(s): IISG Secretariat (WBBSi pillar) in cooperation with Frontex
Type: Workshop
Summary: Participants applied the Common Integrated Risk Analysis Model to irregular crossings and agreed a first set of joint risk indicators.
Next meeting: 12 October 2023 (tbc)

------------------------------------------------------------------
TITLE: Training on open-source intelligence for financial investigators
DATE: 22–24 NOVEMBER 2022
LOCATION: Security Academy, Tirana (ALB)
"""


def test_activity_records_in_labelled_fields(tmp_path):
    arts = articles_of(tmp_path, "records.txt", RECORDS)
    assert [a.title for a in arts] == ["Regional workshop on risk analysis at green borders",
                                       "Training on open-source intelligence for financial investigators"]
    workshop, training = arts
    # the fields as one paragraph, then the summary (it could be taken for a title); the record's and the
    # report's particulars (record number, travel, next meeting, prepared by) are not the activity's
    assert workshop.paragraphs == [
        "Date: 14–15 March 2023. Venue: Hotel Hills, Sarajevo (BiH). Organiser(s): IISG Secretariat (WBBSi "
        "pillar) in cooperation with Frontex. Type: Workshop.",
        "Participants applied the Common Integrated Risk Analysis Model to irregular crossings and agreed a first "
        "set of joint risk indicators.",
    ]
    assert training.paragraphs == ["DATE: 22–24 NOVEMBER 2022. LOCATION: Security Academy, Tirana (ALB)."]


def test_a_labelled_dateline_is_not_a_title(tmp_path):
    text = (f"Working group meets in Banja Luka\n\nPress release | Banja Luka, 25 February 2022\n\n{LONG}.\n\n"
            f"Prosecutors sign a memorandum in Skopje\n\nPress release | Skopje, 9 November 2021\n\n{LONG}.\n")
    arts = articles_of(tmp_path, "releases.txt", text)
    assert [a.title for a in arts] == ["Working group meets in Banja Luka", "Prosecutors sign a memorandum in Skopje"]
    assert arts[1].paragraphs[0] == "Press release | Skopje, 9 November 2021"
