"""Articles → activities: exact field values for real and hand-written posts."""
from pathlib import Path

import pytest

from cli.config import load_config
from cli.ingest import harvest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = load_config(ROOT / "config.yaml")


@pytest.fixture(scope="module")
def seeds():
    result = harvest([ROOT / "seeds"], CONFIG)
    assert not result.failed
    return {a.title: a for a in result.activities}


def by_prefix(activities, prefix):
    return next(a for title, a in activities.items() if title.startswith(prefix))


def test_seed_counts(seeds):
    assert len(seeds) == 39


def test_range_venue_and_duplicate_sources(seeds):
    a = by_prefix(seeds, "IISG Secretariat participates at UNODC SEE event")
    assert (a.start, a.end, a.city, a.country) == ("2021-12-14", "2021-12-15", "Skopje", "MK")
    assert a.sources == ["000_b7cf5dea94cbc971.txt", "001_ff4aedb3f83723a5.txt"]
    assert a.partners == ["UNODC"] and a.people == ["Ljupco Nikolovski"]
    assert a.pillars == ["WBCSCi"] and a.type == "conference" and a.body == "IISG"
    assert a.evidence["start"][0].file == "000_b7cf5dea94cbc971.txt" and a.evidence["start"][0].line == 4


def test_two_meetings_widen_the_range_and_title_country_wins(seeds):
    a = by_prefix(seeds, "Operational Meetings Montenegro")
    assert (a.start, a.end, a.city, a.country) == ("2021-02-23", "2021-02-26", None, "ME")
    assert {"ME", "IT", "US"} <= set(a.countries)


def test_inferred_years(seeds):
    assert (by_prefix(seeds, "50 kg marijuana").start, by_prefix(seeds, "50 kg marijuana").year_inferred) == ("2021-06-10", True)
    op = by_prefix(seeds, "From operative meetings")
    assert (op.start, op.end, op.year_inferred, op.type) == ("2021-05-03", "2021-05", True, "operation")
    assert by_prefix(seeds, "Operational meetings between Montenegro").start == "2021-01"
    treaties = by_prefix(seeds, "Three agreements")
    assert (treaties.start, treaties.year_inferred, treaties.type) == ("2021", True, "agreement")


def test_undated_post_stays_undated(seeds):
    a = by_prefix(seeds, "EMPACT Organised Property Crime")
    assert (a.start, a.end, a.country) == (None, None, "RS")


def test_kosovo_is_xk_never_serbia(seeds):
    a = by_prefix(seeds, "Visit of CSC WB experts in Kosovo*")
    assert a.country == "XK" and "RS" not in a.countries
    assert "Ministry of Interior of Kosovo" in a.partners


def test_hosted_at_the_secretariat_is_sarajevo(seeds):
    a = by_prefix(seeds, "IISG Secretariat meeting with French Regional expert")
    assert (a.city, a.country, a.pillars, a.type) == ("Sarajevo", "BA", ["WBCSCi"], "meeting")


def test_cross_cutting_and_wb6(seeds):
    a = by_prefix(seeds, "IISG National-level coordination meetings in Tirana")
    assert a.pillars == ["cross-cutting"] and a.partners == ["Ministry of Interior of Albania"]
    rnnc = by_prefix(seeds, "Regional Network of National CT-PCVE Coordinators")
    assert rnnc.pillars == ["WBCTi"] and sorted(rnnc.countries) == ["AL", "BA", "ME", "MK", "RS", "XK"]


def test_reporting_body_is_never_its_own_partner(seeds):
    for a in seeds.values():
        assert a.body not in a.partners


def write(tmp_path, text, name="posts.txt"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return {a.title: a for a in harvest([tmp_path], CONFIG).activities}


def test_unknown_organisations_and_people(tmp_path):
    acts = write(tmp_path, (
        "Regional workshop on firearms trafficking, Struga\n\n"
        "Between 28 February and 2 March 2023 the IISG Secretariat took part in a regional workshop organised by "
        "the Bureau for Public Security and the Customs Administration of Montenegro in Struga. Ms. Ana Petrović, "
        "Director of the Bureau, opened the event together with Dr. Marko Jovanović. Representatives of the "
        "Western Balkans authorities discussed firearms trafficking and smuggling routes.\n"))
    a = acts["Regional workshop on firearms trafficking, Struga"]
    assert (a.start, a.end, a.city, a.country, a.type) == ("2023-02-28", "2023-03-02", "Struga", "MK", "workshop")
    assert a.partners == ["Bureau for Public Security", "Customs Administration of Montenegro"]
    assert a.people == ["Ana Petrović", "Marko Jovanović"]
    assert a.pillars == ["WBCSCi"]
    assert sorted(a.countries) == ["AL", "BA", "ME", "MK", "RS", "XK"]


def test_border_security_training_online(tmp_path):
    acts = write(tmp_path, (
        "Training on integrated border management\n\n"
        "On the 3rd of March 2023, border police officers from Albania and Montenegro attended an online training "
        "on integrated border management and border control, delivered by Frontex.\n"))
    a = acts["Training on integrated border management"]
    assert (a.start, a.city, a.country, a.type, a.pillars) == ("2023-03-03", None, None, "training", ["WBBSi"])
    assert a.partners == ["Frontex"] and a.countries == ["AL", "ME"]


def test_countries_of_origin_and_quoted_speech_are_not_participants(tmp_path):
    acts = write(tmp_path, (
        "Joint Action Days against migrant smuggling, Belgrade\n\n"
        "From 7 to 11 June 2021 the police of Serbia and Hungary, supported by Europol, carried out Joint Action "
        "Days in Belgrade that led to the detection of 600 irregular migrants, mostly from Syria, Afghanistan and "
        "Pakistan. Foreign terrorist fighters returned from Iraq were not concerned. “Prosecutors of the Western "
        "Balkans must work together”, said the prosecutor.\n"))
    jad = acts["Joint Action Days against migrant smuggling, Belgrade"]
    assert jad.countries == ["RS", "HU"]
    bled = write(tmp_path, (
        "Firearms conference, Bled\n\n"
        "On 24 September 2024 firearms experts from the Western Balkans, the Republic of Moldova and Ukraine met "
        "in Bled, Slovenia.\n"), name="bled.txt")["Firearms conference, Bled"]
    assert {"MD", "UA", "AL", "BA", "XK", "ME", "MK", "RS"} <= set(bled.countries)
    assert not {"SY", "AF", "PK", "IQ"} & set(jad.countries)


def test_implementers_parents_and_back_references_are_not_extra_partners(tmp_path):
    acts = write(tmp_path, (
        "Board meeting of the IISG, Skopje\n\n"
        "On 10 December 2024 the IISG Board met in Skopje, hosted by the Police Directorate of Montenegro and "
        "co-chaired by a representative of the European Commission’s DG NEAR. The project, implemented by the "
        "Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ), supports the Board. The minutes of the "
        "Police Directorate are published.\n"))
    a = acts["Board meeting of the IISG, Skopje"]
    assert a.partners == ["Police Directorate of Montenegro", "DG NEAR"]


def test_type_from_the_head_noun_and_neutral_phrases(tmp_path):
    acts = write(tmp_path, (
        "EU–Western Balkans Ministerial Meeting on Justice and Home Affairs\n\n"
        "On 5 June 2025 ministers of interior and security of the Western Balkans met in Skopje.\n"), name="a.txt")
    acts.update(write(tmp_path, (
        "WBCTi Pillar Meeting held via video conference\n\n"
        "On 3 March 2025 the pillar coordinators met online.\n"), name="b.txt"))
    acts.update(write(tmp_path, (
        "Border police officers trained in detecting forged documents\n\n"
        "From 8 to 10 April 2025 officers of the border police of Serbia in Subotica were shown new methods.\n"),
        name="c.txt"))
    ministerial = acts["EU–Western Balkans Ministerial Meeting on Justice and Home Affairs"]
    assert ministerial.type == "meeting"
    assert sorted(ministerial.countries) == ["AL", "BA", "ME", "MK", "RS", "XK"]
    assert acts["WBCTi Pillar Meeting held via video conference"].type == "meeting"
    assert acts["Border police officers trained in detecting forged documents"].type == "training"


def test_country_in_an_organisations_name_is_not_the_venue(tmp_path):
    acts = write(tmp_path, (
        "IISG Secretariat meeting with the Embassy of Switzerland in Sarajevo\n\n"
        "On the 14th of November 2024, the IISG Secretariat received Mr. Pieter de Wit, Head of Cooperation at the "
        "Embassy of Switzerland in Bosnia and Herzegovina, at its premises.\n"))
    a = acts["IISG Secretariat meeting with the Embassy of Switzerland in Sarajevo"]
    assert (a.city, a.country) == ("Sarajevo", "BA")
    assert a.people == ["Pieter de Wit"]


def test_organisations_cited_as_authors_are_not_partners(tmp_path):
    acts = write(tmp_path, (
        "Workshop on asset recovery, Sarajevo\n\n"
        "On 17 June 2025 prosecutors met with UNODC in Sarajevo to follow up on the latest MONEYVAL evaluation "
        "report and the recommendations of the Financial Action Task Force (FATF). The Port of Bar has been "
        "identified in recent Europol reports as an entry point, and the EU Drug Markets Analysis was published "
        "jointly by the EMCDDA and Frontex.[1]\n\n"
        "[1] European Union Terrorism Situation and Trend Report 2020, Eurojust.\n"))
    assert acts["Workshop on asset recovery, Sarajevo"].partners == ["UNODC"]


def test_parties_in_the_title_do_not_overrule_the_venue(tmp_path):
    acts = write(tmp_path, (
        "Montenegro and Bosnia and Herzegovina sign Protocol on joint patrols\n\n"
        "On 8 November 2024, in Budapest, Hungary, the Minister of Security of Bosnia and Herzegovina, "
        "Mr. Pieter van der Linden, and the Minister of Interior of Montenegro signed the Protocol.\n"))
    a = acts["Montenegro and Bosnia and Herzegovina sign Protocol on joint patrols"]
    assert (a.city, a.country, a.type) == ("Budapest", "HU", "agreement")
    assert a.partners == ["Ministry of Security of Bosnia and Herzegovina", "Ministry of Interior of Montenegro"]
    assert a.people == ["Pieter van der Linden"]


def test_units_named_with_their_parent_and_a_named_pillar(tmp_path):
    acts = write(tmp_path, (
        "CSC WB project hands over equipment to the forensic agency\n\n"
        "On 3 March 2025 the equipment was handed over in Pristina, in response to the needs mapping for the "
        "serious crime pillar. Representatives of DG NEAR and DG HOME of the European Commission attended, and "
        "Ms. Ana Kovač, Director General for Police Affairs of the Ministry, opened the event.\n"))
    a = acts["CSC WB project hands over equipment to the forensic agency"]
    assert a.pillars == ["WBCSCi"]
    assert a.partners == ["DG NEAR", "DG HOME"]


def test_a_publication_has_no_venue(tmp_path):
    acts = write(tmp_path, (
        "IISG publishes the Biennial Needs Mapping Report\n\n"
        "On 20 June 2025 the IISG Secretariat in Sarajevo published its report.\n"))
    a = acts["IISG publishes the Biennial Needs Mapping Report"]
    assert (a.city, a.country, a.type) == (None, None, "other")


def test_hosted_by_another_body_is_not_the_secretariat(tmp_path):
    acts = write(tmp_path, (
        "Study visit of border police chiefs to Slovenia\n\n"
        "From 11 to 13 October 2022, heads of the border police of Albania and Serbia took part in a study visit "
        "organised by the IISG Secretariat and hosted by the Police of the Republic of Slovenia at the Police "
        "Academy in Ljubljana.\n"))
    a = acts["Study visit of border police chiefs to Slovenia"]
    assert (a.city, a.country) == ("Ljubljana", "SI")


def test_criminals_from_the_region_do_not_make_it_regional(tmp_path):
    acts = write(tmp_path, (
        "Extradition of a trafficker from Spain to Serbia\n\n"
        "On 3 February 2022 Spain handed over to Serbia a member of a criminal group. Members of criminal groups "
        "from the Western Balkans are often arrested abroad.\n"))
    a = acts["Extradition of a trafficker from Spain to Serbia"]
    assert "AL" not in a.countries and "XK" not in a.countries


def test_units_of_named_organisations_and_visits_to_the_secretariat(tmp_path):
    acts = write(tmp_path, (
        "EUDA delegation visits the IISG Secretariat in Sarajevo\n\n"
        "On 12 March 2024 a delegation of the European Union Drugs Agency (EUDA), led by the Head of the EUDA "
        "International Cooperation Unit, visited the premises of the IISG Secretariat. Ms. Jelena Bošković, Head of "
        "the Anti-Smuggling Unit of the Customs Administration of Montenegro, and Mr. Marco Bellini, Head of the "
        "Italian Central Protection Service, joined them, as did the OSCE Transnational Threats Department.\n"))
    a = acts["EUDA delegation visits the IISG Secretariat in Sarajevo"]
    assert (a.type, a.city) == ("meeting", "Sarajevo")
    assert "Customs Administration of Montenegro" in a.partners and "Italian Central Protection Service" in a.partners
    assert not {"International Cooperation Unit", "Anti-Smuggling Unit", "Transnational Threats Department"} & set(a.partners)


def test_a_preparatory_step_gives_neither_the_date_nor_the_format(tmp_path):
    acts = write(tmp_path, (
        "5th Meeting of the IISG Support Group, Budva, Montenegro\n\n"
        "Following the preparatory online meeting with the Pillar Chairs held on the 16th of May 2024, the 5th "
        "Meeting of the IISG Support Group took place on the 11th and 12th of June 2024 in Budva, Montenegro.\n"))
    acts.update(write(tmp_path, (
        "Visit of the Embassy of Switzerland to the IISG Secretariat\n\n"
        "On 4 April 2024 the Ambassador was received. Earlier, the forum was held in Skoplje, RNM.\n"), name="b.txt"))
    a = acts["5th Meeting of the IISG Support Group, Budva, Montenegro"]
    assert (a.start, a.end, a.city, a.country) == ("2024-06-11", "2024-06-12", "Budva", "ME")
    visit = acts["Visit of the Embassy of Switzerland to the IISG Secretariat"]
    assert visit.type == "meeting"


def test_country_opening_an_organisations_name_and_joiner_spellings(tmp_path):
    acts = write(tmp_path, (
        "Study visit of Kosovo* Police investigators to the Bundeskriminalamt\n\n"
        "From 31 August to 2 September 2022 a delegation of the Kosovo* Police visited the German Federal Criminal "
        "Police Office (Bundeskriminalamt – BKA) in Wiesbaden. The Regional Network of National CT/PCVE "
        "Coordinators was briefed.\n"))
    a = acts["Study visit of Kosovo* Police investigators to the Bundeskriminalamt"]
    assert (a.city, a.country) == ("Wiesbaden", "DE")
    assert "RNNC" in a.partners and not any(p.startswith("Regional Network of National CT") for p in a.partners)


def test_study_visit_destination_extradition_and_military_ranks(tmp_path):
    acts = write(tmp_path, (
        "Prosecutors on study visit to the Anti-Mafia Directorate\n\n"
        "From 30 September to 3 October 2024, the CSC WB project organised a study visit to Rome for eight "
        "prosecutors.\n"), name="a.txt")
    acts.update(write(tmp_path, (
        "Suspected leader of drug trafficking group extradited from Spain to Albania\n\n"
        "On 28 August 2024 the suspect was handed over at Tirana airport in the presence of Lt. Gen. Nikolaos "
        "Pappas.\n"), name="b.txt"))
    visit = acts["Prosecutors on study visit to the Anti-Mafia Directorate"]
    assert (visit.city, visit.country, visit.type) == ("Rome", "IT", "visit")
    extradition = acts["Suspected leader of drug trafficking group extradited from Spain to Albania"]
    assert extradition.type == "operation" and extradition.people == ["Nikolaos Pappas"]


def test_a_date_line_is_when_the_post_was_written(tmp_path):
    acts = write(tmp_path, (
        "IISG Secretariat meets the EU Delegation\n\n8 June 2023\n\n"
        "On Tuesday, 6 June, the WBBSi expert met the Head of Cooperation at the Delegation’s offices in Sarajevo "
        "to discuss border security needs.\n"))
    a = acts["IISG Secretariat meets the EU Delegation"]
    assert (a.start, a.end, a.year_inferred) == ("2023-06-06", "2023-06-06", False)
    assert (a.city, a.country) == ("Sarajevo", "BA")


def test_an_operation_in_towns_of_two_countries_has_no_venue(tmp_path):
    acts = write(tmp_path, (
        "Action day dismantles cocaine network\n\n"
        "On 22 November 2022, police officers carried out searches in Novi Sad and Bijeljina and arrested "
        "eleven suspects.\n"))
    a = acts["Action day dismantles cocaine network"]
    assert (a.city, a.country, a.type) == (None, None, "operation")


def test_a_later_day_without_its_year_ends_the_event(tmp_path):
    acts = write(tmp_path, (
        "Study visit of prosecutors to Rome\n\n"
        "On 02. March 2023 a delegation started a two-day study visit to Rome. The Italian experience was "
        "presented at the end of the visit on 3 March.\n"))
    a = acts["Study visit of prosecutors to Rome"]
    assert (a.start, a.end, a.year_inferred) == ("2023-03-02", "2023-03-03", False)


def test_venues_received_in_a_capital_named_by_its_adjective_and_a_hotel(tmp_path):
    posts = [
        "Head of Secretariat meets the Head of the EU Delegation to Montenegro\n\n"
        "On 12.6.2024, the Head of the IISG Secretariat was received in Podgorica by H.E. the Ambassador.\n",
        "Annual Meeting of the IISG Governing Board\n\n"
        "The IISG Governing Board held its annual meeting on 4 December 2025 in the Albanian capital.\n",
        "Regional Conference on Cybercrime\n\n"
        "On 24 September 2024, the IISG Secretariat took part in the conference held at the Hotel Park, Novi Sad.\n",
        "Visit of the Embassy of the Kingdom of the Netherlands to the IISG Secretariat\n\n"
        "On 21 September 2023, the IISG Secretariat welcomed the First Secretary of the Embassy.\n",
    ]
    acts = {}
    for i, post in enumerate(posts):
        acts.update(write(tmp_path, post, name=f"{i}.txt"))
    places = {title: (a.city, a.country) for title, a in acts.items()}
    assert places == {
        "Head of Secretariat meets the Head of the EU Delegation to Montenegro": ("Podgorica", "ME"),
        "Annual Meeting of the IISG Governing Board": ("Tirana", "AL"),
        "Regional Conference on Cybercrime": ("Novi Sad", "RS"),
        "Visit of the Embassy of the Kingdom of the Netherlands to the IISG Secretariat": ("Sarajevo", "BA"),
    }


def test_searches_in_towns_of_two_countries_and_an_agent_in_the_title(tmp_path):
    acts = write(tmp_path, (
        "Joint action days against migrant smuggling along the border\n\n"
        "On 8 and 9 July 2021, house searches were conducted in Kumanovo and Lojane in North Macedonia and in "
        "Preševo and Vranje in Serbia.\n"), name="a.txt")
    acts.update(write(tmp_path, (
        "Fugitive wanted by Montenegro arrested in Spain\n\n"
        "On 14 September 2023, officers arrested the fugitive, after information from the Interpol National "
        "Central Bureau in Podgorica.\n"), name="b.txt"))
    smuggling = acts["Joint action days against migrant smuggling along the border"]
    assert (smuggling.city, smuggling.country, smuggling.type) == (None, None, "operation")
    fugitive = acts["Fugitive wanted by Montenegro arrested in Spain"]
    assert (fugitive.city, fugitive.country) == (None, "ES")


def test_countries_that_do_not_take_part(tmp_path):
    acts = write(tmp_path, (
        "Conference on reintegration of returnees from Syria and Iraq, Pristina\n\n"
        "On 20 November 2024, Pristina hosted a conference. The report, financed by the Austrian Development Agency "
        "(ADA), was presented. Ms. Katarina Novak, Head of Unit for the Western Balkans and Türkiye at ICMPD, "
        "spoke. The CSC WB project, implemented by GIZ and the Italian Ministry of Interior, supported it, and "
        "the network smuggling cocaine from Ecuador was discussed with the IISG members Austria, Germany and "
        "Slovenia.\n"))
    a = acts["Conference on reintegration of returnees from Syria and Iraq, Pristina"]
    assert a.countries == ["XK", "AT", "DE", "SI"]  # the venue, then the IISG members named as a list
    assert "Austrian Development Agency" in a.partners and "ICMPD" in a.partners
    assert not any(p.startswith("Unit for") for p in a.partners)


def test_names_titles_portfolios_and_the_subject_of_a_workshop(tmp_path):
    acts = write(tmp_path, (
        "Online workshop on Joint Action Days for police officers\n\n"
        "On 3 May 2022 trainers led by Col. Marco Di Stefano met Ms. Milica Radović, Director General for Police "
        "Affairs at the Ministry of Interior of Montenegro, and Mr. Joost de Vries of the Dutch Ministry of "
        "Justice and Security. The Western Balkans Risk Analysis Network (WB-RAN) took part.\n"))
    a = acts["Online workshop on Joint Action Days for police officers"]
    assert a.type == "workshop"
    assert a.people == ["Marco Di Stefano", "Milica Radović", "Joost de Vries"]
    assert "Ministry of Justice and Security of the Netherlands" in a.partners
    assert "Police Affairs" not in a.partners and "RAN" not in a.partners


def test_a_web_pages_site_name_says_whose_news_it_is(tmp_path):
    page = tmp_path / "news.html"
    page.write_text(
        "<html><head><title>News – CSC WB</title></head><body><article><h2>Regional meeting in Skopje</h2>"
        "<p>On 3 May 2022 the IISG Support Group and the IISG contact points met in Skopje with the CSC WB team.</p>"
        "</article></body></html>", encoding="utf-8")
    result = harvest([page], CONFIG)
    (a,) = result.activities
    assert a.body == "CSC WB" and "IISG" in a.partners


def test_towns_listed_in_a_title_an_extradition_and_units_at_a_ministry(tmp_path):
    acts = write(tmp_path, (
        "Action day against cocaine network: searches in Bijeljina, Brčko and Zvornik\n\n"
        "On 5 May 2023 police officers searched 14 premises. Ms. Katrin Vogel, Head of Division for International "
        "Police Cooperation at the Federal Ministry of the Interior of Germany, took part.\n"), name="a.txt")
    acts.update(write(tmp_path, (
        "Suspected drug trafficker extradited from Germany to Montenegro\n\n"
        "On 13 June 2024 the suspect, arrested at Frankfurt Airport in January, was handed over at Podgorica "
        "Airport to the Police Directorate of Montenegro. A joint request to Eurojust is planned.\n"), name="b.txt"))
    action = acts["Action day against cocaine network: searches in Bijeljina, Brčko and Zvornik"]
    assert (action.city, action.country) == (None, "BA")
    assert not any(p.startswith("Division for") for p in action.partners)
    extradition = acts["Suspected drug trafficker extradited from Germany to Montenegro"]
    assert (extradition.city, extradition.country) == ("Podgorica", "ME")
    assert "Eurojust" not in extradition.partners


def test_a_post_naming_only_another_body_and_keywords_in_hyphenated_words(tmp_path):
    (tmp_path / "mixed.txt").write_text(
        "IISG Secretariat at the Support Group\n\nOn 3 May 2023 the IISG Secretariat met the IISG Support Group "
        "and the IISG contact points in Skopje to discuss the Response Mapping, the work plans of the three "
        "pillars and the preparation of the next meeting of the IISG Governing Board.\n\n"
        "Anti-drug investigators trained in Bar\n\nOn 9 May 2023 the CSC WB project trained anti-drug "
        "investigators of the Police Academy in Danilovgrad, Montenegro, on the analysis of encrypted "
        "communications, the tracing of couriers and the financial side of the investigations.\n",
        encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    trained = acts["Anti-drug investigators trained in Bar"]
    assert trained.body == "CSC WB" and "CSC WB" not in trained.partners
    assert trained.pillars == ["WBCSCi"]  # 'drug' counts inside 'anti-drug'
    assert "Police Academy of Montenegro" in trained.partners
    assert acts["IISG Secretariat at the Support Group"].body == "IISG"


def test_border_posts_crossing_points_towns_and_neighbours(tmp_path):
    posts = {
        "a.txt": "Document fraud training for border police\n\n3 July\n\nOn 14 June 2022 officers trained at the "
                 "Gradina border crossing point near Dimitrovgrad, on the border with Bulgaria. Mr Piotr Wiśniewski "
                 "of Frontex and Ms Katarzyna Żołkowska led the course.\n",
        "b.txt": "Migrant smuggling ring dismantled\n\nIn April 2022 the Border Police Administration of Serbia carried "
                 "out searches in Loznica, Šabac and Subotica, and arrested eleven suspects who had tried to cross "
                 "irregularly from Greece.\n",
        "c.txt": "Thematic meeting on return hosted by the RCC\n\nOn 19 November 2024, the IISG Secretariat organised "
                 "a thematic meeting. The meeting, hosted by the Regional Cooperation Council (RCC), was held at the "
                 "premises of the RCC.\n",
    }
    acts = {}
    for name, text in posts.items():
        acts.update(write(tmp_path, text, name=name))
    training = acts["Document fraud training for border police"]
    assert (training.start, training.city, training.country) == ("2022-06-14", "Dimitrovgrad", "RS")
    assert training.countries == ["RS"] and training.people == ["Piotr Wiśniewski", "Katarzyna Żołkowska"]
    ring = acts["Migrant smuggling ring dismantled"]
    assert (ring.city, ring.country, ring.countries) == (None, "RS", ["RS"])
    meeting = acts["Thematic meeting on return hosted by the RCC"]
    assert (meeting.city, meeting.country) == ("Sarajevo", "BA")


def test_an_acronym_defined_earlier_in_the_file_and_embassies_named_together(tmp_path):
    (tmp_path / "news.txt").write_text(
        "Study visit of border police officers to Vienna\n\nOn 7 June 2021 border police officers from the region "
        "visited Vienna, where the Austrian Federal Ministry of the Interior (BMI) presented its joint operations "
        "office, its cooperation with the neighbouring countries and its training of first-line officers.\n\n"
        "Donor coordination meeting held via video conference\n\nOn 20 October 2021 the IISG Secretariat met the "
        "BMI and the Embassies of Austria, Germany and Slovenia in Sarajevo to align their support with the "
        "priorities of the three pillars of the IISG.\n", encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    donors = acts["Donor coordination meeting held via video conference"]
    assert sorted(donors.partners) == ["Austrian Federal Ministry of the Interior", "Embassy of Austria in Sarajevo",
                                       "Embassy of Germany in Sarajevo", "Embassy of Slovenia in Sarajevo"]
    assert {"AT", "DE", "SI"} <= set(donors.countries)


def test_a_later_event_elsewhere_a_parties_list_and_a_long_first_sentence(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Joint Action Days against illicit firearms trafficking\n\nBetween 11 and 15 March 2024, law enforcement "
        "authorities of the region carried out Joint Action Days, led by Ms. Francesca D'Angelo. The results were "
        "presented at a press conference in The Hague on 4 April 2024.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Posted on Last updated\n\nCommittee of Ministers of the PCC SEE\n\nThe Committee met in Ljubljana on 30 "
        "November 2023. Ministers of the Contracting Parties – Albania, Austria and Bulgaria – reviewed the "
        "Convention, and noted that cocaine arrives mostly from Ecuador and Brazil.\n\nPosted on Last updated\n\n"
        "Regional training on Joint Investigation Teams for prosecutors\n\n"
        "From 14.11. to 16.11.2023 the CSC WB project organised in Budva, Montenegro, a regional training on "
        "Joint Investigation Teams for prosecutors and police officers from the Western Balkans.\n\n"
        "Trainers from Eurojust presented the JIT model agreement, the funding of JITs and the lessons learned from "
        "the first Western Balkan teams, and the participants worked through a case study in small groups.\n",
        encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    days = acts["Joint Action Days against illicit firearms trafficking"]
    assert (days.city, days.country, days.people) == (None, None, ["Francesca D'Angelo"])
    committee = acts["Committee of Ministers of the PCC SEE"]
    assert committee.countries == ["SI", "AL", "AT", "BG"]
    training = acts["Regional training on Joint Investigation Teams for prosecutors"]
    assert (training.start, training.end, training.city) == ("2023-11-14", "2023-11-16", "Budva")


@pytest.mark.parametrize(("text", "start", "end"), [
    ("On Tuesday 18th and Wednesday 19th of February 2025 the Secretariat met.", "2025-02-18", "2025-02-19"),
    ("On the 14-th of March 2024 the Secretariat met.", "2024-03-14", "2024-03-14"),
    ("The training took place on the 7th, 8th and 9th of June 2022.", "2022-06-07", "2022-06-09"),
    ("In the period 02-04.10.2023, the project held a training.", "2023-10-02", "2023-10-04"),
])
def test_more_date_forms(tmp_path, text, start, end):
    acts = write(tmp_path, f"Regional training for police officers\n\n{text} It gathered officers of the region.\n")
    a = acts["Regional training for police officers"]
    assert (a.start, a.end) == (start, end)


def test_an_embassy_with_its_seat_and_an_office_named_in_brackets(tmp_path):
    acts = write(tmp_path, (
        "Support Group meeting held in Podgorica\n\nOn 5 June 2024 the IISG Support Group met in Podgorica with the "
        "European Commission (DG NEAR), the Police Attaché of the Embassy of Slovenia in Sarajevo and the Police "
        "Director of Montenegro. The first operational meeting, held in March 2022, had taken place in Vienna.\n"))
    a = acts["Support Group meeting held in Podgorica"]
    assert "DG NEAR" in a.partners and "European Commission" not in a.partners
    assert "Embassy of Slovenia in Sarajevo" in a.partners
    assert not any(p.startswith("Police Director") or p.startswith("Police Attach") for p in a.partners)
    assert (a.city, a.country) == ("Podgorica", "ME")


def test_a_title_with_dashed_parties_a_municipality_and_a_participants_list(tmp_path):
    posts = {
        "a.txt": "Joint Investigation Team Montenegro – Serbia established at Eurojust\n\nOn 09. December 2021 the "
                 "prosecutors signed the agreement at the premises of Eurojust in The Hague.\n",
        "b.txt": "Cannabis trafficking group dismantled\n\nOn 4 May 2023 eleven members of the group were arrested in "
                 "the municipality of Prizren.\n",
        "c.txt": "MARRI Annual Regional Conference on Migration Management\n\nOn 23 November 2022 the conference "
                 "brought together the MARRI Participants – Albania, Bosnia and Herzegovina, Montenegro, North "
                 "Macedonia and Serbia – in Skopje.\n",
    }
    acts = {}
    for name, text in posts.items():
        acts.update(write(tmp_path, text, name=name))
    jit = acts["Joint Investigation Team Montenegro – Serbia established at Eurojust"]
    assert (jit.city, jit.country) == ("The Hague", "NL")
    assert (acts["Cannabis trafficking group dismantled"].city, acts["Cannabis trafficking group dismantled"].country) \
        == ("Prizren", "XK")
    assert acts["MARRI Annual Regional Conference on Migration Management"].countries == ["MK", "AL", "BA", "ME", "RS"]


def test_a_wordpress_page_a_question_title_and_a_teaser_dated_after_its_event(tmp_path):
    (tmp_path / "page.html").write_text(
        '<html><head><title>News – CSC WB</title></head><body class="single-post ast-right-sidebar">'
        '<main id="main" class="site-main"><section class="ast-archive-description"><h1 class="page-title">'
        'News – Operational cooperation</h1><p>Operational meetings supported by the project.</p></section>'
        '<article><h2 class="entry-title">Serbian and Hungarian investigators agree next steps</h2>'
        '<div class="entry-meta">9 January 2025 / News – Operational cooperation</div>'
        '<p>On 18 and 19 December, investigators of Serbia and Hungary met in Subotica to agree the next steps '
        'against a migrant smuggling network, with the support of the Embedded Country Team.</p></article>'
        '<div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3><p>Another post</p></div>'
        '</main></body></html>', encoding="utf-8")
    (tmp_path / "posts.txt").write_text(
        "The 3rd WBCTi Pillar Meeting will take place in Skopje on 16 March 2023, the participants agreed at the "
        "end of a meeting that reviewed the year's work.\n\n"
        "Can the Western Balkans stop the flow of illicit firearms?\n\n"
        "More than 120 participants gathered in Podgorica, Montenegro, on 6 and 7 December 2022 for the Regional "
        "Conference on Countering Firearms Trafficking.\n", encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    assert "News – Operational cooperation" not in acts
    met = acts["Serbian and Hungarian investigators agree next steps"]
    assert (met.start, met.end, met.city, met.body) == ("2024-12-18", "2024-12-19", "Subotica", "CSC WB")
    firearms = acts["Can the Western Balkans stop the flow of illicit firearms?"]
    assert (firearms.start, firearms.city) == ("2022-12-06", "Podgorica")


def test_a_news_list_with_inline_titles_and_dates_and_us_style_ranges(tmp_path):
    (tmp_path / "news.html").write_text(
        '<html><head><title>IISG – RCC</title></head><body><h1>IISG News</h1><div class="news-list">'
        '<div class="news-item"><a class="news-title" href="/a">Study visit of Kosovo* cybercrime investigators to '
        'the Italian Postal Police</a> <span class="date">04.07.2025</span><div class="text"><p>From March 31 – '
        'April 2, 2025, the IISG Secretariat organised a study visit to Rome for six investigators of the '
        'Kosovo* Police, hosted by the Postal and Communications Police Service.</p></div></div>'
        '<div class="news-item"><a class="news-title" href="/b">Regional workshop on virtual assets in Belgrade'
        '</a> <span class="date">12.03.2025</span><div class="text"><p>On March 9, 2025, financial investigators '
        'of the region met in Belgrade, Serbia, to discuss the tracing of virtual assets.</p></div></div>'
        '</div></body></html>', encoding="utf-8")
    acts = {a.title: a for a in harvest([tmp_path], CONFIG).activities}
    assert sorted(acts) == ["Regional workshop on virtual assets in Belgrade",
                            "Study visit of Kosovo* cybercrime investigators to the Italian Postal Police"]
    visit = acts["Study visit of Kosovo* cybercrime investigators to the Italian Postal Police"]
    assert (visit.start, visit.end, visit.city, visit.country) == ("2025-03-31", "2025-04-02", "Rome", "IT")
    workshop = acts["Regional workshop on virtual assets in Belgrade"]
    assert (workshop.start, workshop.city) == ("2025-03-09", "Belgrade")


def test_a_delegation_visiting_the_secretariat_and_a_steering_committee(tmp_path):
    acts = write(tmp_path, (
        "Slovenian Police delegation visits the IISG Secretariat\n\nOn 12 March 2025 a delegation of the Slovenian "
        "Police was received by the Head of the IISG Secretariat to discuss the support to the WBBSi pillar.\n"),
        name="a.txt")
    acts.update(write(tmp_path, (
        "Project Steering Committee held in Sarajevo\n\nOn 4 February 2025 the members reviewed the project's "
        "results in Sarajevo, Bosnia and Herzegovina.\n"), name="b.txt"))
    assert acts["Slovenian Police delegation visits the IISG Secretariat"].type == "meeting"
    assert acts["Project Steering Committee held in Sarajevo"].type == "meeting"


def test_where_an_event_took_place_outweighs_a_country_in_its_title(tmp_path):
    acts = write(tmp_path, (
        "Regional coordination meeting on firearms, Montenegro\n\n"
        "Originally scheduled for Podgorica, the 12th regional coordination meeting took place on the 17th and "
        "18th of October 2024 in Tirana, Albania, under the chairmanship of Montenegro.\n"), name="a.txt")
    chaired = acts["Regional coordination meeting on firearms, Montenegro"]
    assert (chaired.city, chaired.country, chaired.start, chaired.end) == ("Tirana", "AL", "2024-10-17", "2024-10-18")


def test_a_name_used_before_and_a_plural_role_are_not_partners_or_people(tmp_path):
    acts = write(tmp_path, (
        "Frontex training for border police officers in Skopje\n\n"
        "On 3 March 2025 officers trained at the Frontex Centre of Excellence for Combating Document Fraud, the "
        "officers of both services said. Ms. Anna Kowalska, Head of Office at Frontex, said that the working "
        "arrangements between the Agency and the Western Balkan authorities are a solid basis.\n"), name="a.txt")
    (training,) = acts.values()
    assert training.people == ["Anna Kowalska"]
    assert not any("Western Balkan" in p or p.startswith("Agency") for p in training.partners)
    assert "Frontex" in training.partners


def test_preparations_for_an_event_and_a_study_visit_abroad(tmp_path):
    acts = write(tmp_path, (
        "Preparations for the Regional Conference of Border Police Chiefs\n\n"
        "On 14 May 2025, in the premises of the Ministry of Interior in Podgorica, the IISG Secretariat and the "
        "Ministry of Interior of Montenegro held a preparatory meeting for the conference.\n\n"
        "Study visit of the Western Balkans CT coordinators to Europol, The Hague\n\n"
        "The IISG Secretariat organized a study visit for the national coordinators and their deputies to Europol "
        "in The Hague, Netherlands, from 11 to 13 June 2024, to learn about the work of its counter-terrorism centre.\n"),
        name="a.txt")
    assert acts["Preparations for the Regional Conference of Border Police Chiefs"].type == "meeting"
    visit = acts["Study visit of the Western Balkans CT coordinators to Europol, The Hague"]
    assert (visit.type, visit.city) == ("visit", "The Hague")  # not a visit to the Secretariat ('… The IISG …')


def test_a_new_date_an_office_as_venue_a_route_and_an_earlier_online_step(tmp_path):
    acts = write(tmp_path, (
        "Third Plenary Meeting postponed\n\n"
        "Due to the pandemic, the Third Plenary Meeting, planned to take place in Sarajevo on 26 and 27 March 2020, "
        "has been postponed. Following consultations with the members of the network, the meeting has been "
        "rescheduled for 8 and 9 October 2020 and will be held as a video-conference.\n\n"
        "Donation of thermal imaging cameras to the Border Police\n\n"
        "On 15 June 2020, the International Organization for Migration handed over ten thermal imaging cameras to "
        "the Border Police of Bosnia and Herzegovina at a ceremony held at the field office in Zvornik, for the "
        "surveillance of the green border.\n\n"
        "Operational meeting between Montenegro and Serbia on cocaine smuggling through the Port of Bar\n\n"
        "On 12 March 2024 investigators of Montenegro and Serbia met in Podgorica to exchange information on a "
        "criminal group smuggling cocaine in containers, with the support of the CSC WB project team in Montenegro.\n\n"
        "Protocol on joint border patrols signed between Montenegro and Albania\n\n"
        "On 17 September 2021 in Podgorica, the Ministry of Interior of Montenegro and the Ministry of Interior of "
        "Albania signed the Protocol on joint patrols. It was prepared during negotiations held online in spring.\n"),
        name="a.txt")
    postponed = acts["Third Plenary Meeting postponed"]
    assert (postponed.start, postponed.end, postponed.city) == ("2020-10-08", "2020-10-09", None)
    assert acts["Donation of thermal imaging cameras to the Border Police"].city == "Zvornik"
    route = acts["Operational meeting between Montenegro and Serbia on cocaine smuggling through the Port of Bar"]
    assert (route.city, route.country) == ("Podgorica", "ME")
    protocol = acts["Protocol on joint border patrols signed between Montenegro and Albania"]
    assert (protocol.city, protocol.country) == ("Podgorica", "ME")


def test_a_details_block_and_an_earlier_day_told_afterwards(tmp_path):
    page = (
        '<html><body><div class="blog-item"><h2 itemprop="headline">IISG Support Group takes stock of 2024</h2>'
        '<dl class="article-info"><dt>Details</dt><dd class="category-name">Category: News</dd>'
        '<dd class="published"><time datetime="2025-01-09">Published: 9 January 2025</time></dd>'
        '<dd class="hits">Hits: 204</dd></dl>'
        '<p>On 12 and 13 December, the IISG Support Group met in Sarajevo, hosted by the Regional Cooperation '
        'Council, and reviewed the implementation of the response mapping.</p></div>'
        '<div class="blog-item"><h2 itemprop="headline">Operational meeting in Belgrade on cocaine shipments</h2>'
        '<dl class="article-info"><dd class="published">Published: 16 October 2023</dd></dl>'
        '<p>On 10 and 11 October 2023, the CSC WB project facilitated a two-day operational meeting in Belgrade on '
        'an ongoing investigation. The meeting built on the information that led to the seizure in the Port of '
        'Bar on 27 September.</p></div></body></html>')
    acts = write(tmp_path, page, name="news.html")
    stock = acts["IISG Support Group takes stock of 2024"]
    assert (stock.start, stock.end, stock.year_inferred, stock.type) == ("2024-12-12", "2024-12-13", False, "meeting")
    assert stock.summary.startswith("On 12 and 13 December, the IISG Support Group met")  # not 'Details Category …'
    belgrade = acts["Operational meeting in Belgrade on cocaine shipments"]
    assert (belgrade.start, belgrade.end) == ("2023-10-10", "2023-10-11")


def test_press_releases_date_their_events_from_the_dateline(tmp_path):
    releases = (
        "PRESS RELEASE\n\nBorder police officers complete study visit to Frontex headquarters\n\n"
        "SARAJEVO, 8 March 2024 – A delegation of border police officers from Albania and North Macedonia concluded "
        "yesterday a three-day study visit to the headquarters of Frontex in Warsaw, organised by the IISG "
        "Secretariat.\n\n###\n\nNotes to editors: The Regional Cooperation Council (RCC) was launched on 27 February "
        "2008 in Sofia.\n\nFor more information, please contact: press@rcc.int\n\n"
        "Border police trained in detecting forged travel documents\n\n"
        "PRISTINA, 14 February 2025 – Forty border police officers completed a training on forged travel documents, "
        "held earlier this month at the Police Academy in Vushtrri and organised by the IISG Secretariat.\n")
    (tmp_path / "budva.md").write_text(
        "# Asset Recovery Offices of the Western Balkans meet in Budva\n\n*Regional meeting agrees on a template*\n\n"
        "**PODGORICA, 3 April 2025** – The two-day regional meeting of the Asset Recovery Offices of the Western "
        "Balkans, organised by the CSC WB project with the support of many partners from the region, opened on "
        "Tuesday in Budva, hosted by the Special State Prosecutor's Office of Montenegro.\n", encoding="utf-8")
    acts = write(tmp_path, releases, name="releases.txt")
    assert "PRESS RELEASE" not in acts
    visit = acts["Border police officers complete study visit to Frontex headquarters"]
    assert (visit.start, visit.end) == ("2024-03-05", "2024-03-07")  # three days, the last of them yesterday
    assert "RCC" not in visit.partners  # the notes to editors are not the post's text
    budva = acts["Asset Recovery Offices of the Western Balkans meet in Budva"]
    assert (budva.start, budva.end, budva.city) == ("2025-04-01", "2025-04-02", "Budva")  # Tuesday, 1 April
    assert acts["Border police trained in detecting forged travel documents"].start == "2025-02"


def test_hurried_staff_english(tmp_path):
    posts = (
        "Workshop on screening of migrants at border crossings in Ulcinj\n\n"
        "on 9th of may 2024 IISG Secretariat organised workshop for border police officers from ALB, BiH, KS*, MNE "
        "and RNM together with Ministry of interior of Montenegro in Ulcinj on the detection of foreign terrorist "
        "fighters among migrants at border crossing points.\n\n"
        "Meeting with the EU Special Representative in Sarajevë\n\n"
        "On 04/10/2023 Head of IISG Secretariat met in Sarajevë with the team of the EU Special Representative to "
        "discuss the support for the border security pillar and the plans of the secretariat for the next year.\n")
    acts = write(tmp_path, posts, name="posts.txt")
    ulcinj = acts["Workshop on screening of migrants at border crossings in Ulcinj"]
    assert (ulcinj.start, ulcinj.city) == ("2024-05-09", "Ulcinj")
    assert {"AL", "BA", "XK", "ME", "MK"} <= set(ulcinj.countries)
    assert "Ministry of Interior of Montenegro" in ulcinj.partners
    meeting = acts["Meeting with the EU Special Representative in Sarajevë"]
    assert (meeting.start, meeting.city, meeting.country) == ("2023-10-04", "Sarajevo", "BA")


def test_republished_posts_in_two_scripts(tmp_path):
    acts = write(tmp_path, (
        "Обука за финансиски истраги / Training on financial investigations in Skopje\n"
        "17.3.2023\n"
        "Скопје / Skopje, 17.3.2023 – A training on financial investigations of terrorism financing was held in "
        "Скопје from 14.3.2023 to 16.3.2023, organised by the OSCE under the Western Balkans Counter-Terrorism "
        "initiative (WBCTi).\n"
        "Извор / Source: IISG Secretariat\n"
        "--------------------------------------------------\n\n"
        "Работна средба / Working meeting in Београд\n"
        "02.03.2023\n"
        "The IISG Secretariat met representatives of the Ministry of Interior in Београд to discuss the IISG "
        "database.\n"
        "Извор / Source: IISG Secretariat\n"
        "--------------------------------------------------\n\n"
        "Регионална конференција / Regional conference in Охрид\n"
        "29.09.2022\n"
        "Охрид / Ohrid – On 28 and 29 September 2022 the Ministry of Interior hosted a regional conference on "
        "border security.\n"))
    training = acts["Обука за финансиски истраги / Training on financial investigations in Skopje"]
    assert (training.start, training.end, training.city, training.country) == ("2023-03-14", "2023-03-16",
                                                                                "Skopje", "MK")
    meeting = acts["Работна средба / Working meeting in Београд"]
    assert (meeting.start, meeting.city, meeting.country) == ("2023-03-02", "Belgrade", "RS")
    conference = acts["Регионална конференција / Regional conference in Охрид"]
    assert (conference.start, conference.end, conference.city) == ("2022-09-28", "2022-09-29", "Ohrid")
    assert len(acts) == 3


def test_a_headline_in_two_languages_reprinted_with_its_halves_swapped_is_the_same_post(tmp_path):
    text = ("On 7 June 2022 the IISG Secretariat and the OSCE held a regional workshop on firearms trafficking "
            "in Budva, with border police officers from Montenegro and Albania.\n")
    (tmp_path / "a.txt").write_text("Regionalna radionica o trgovini oružjem / Regional workshop on firearms "
                                    "trafficking\n\n" + text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Regional workshop on firearms trafficking – Regionalna radionica o trgovini "
                                    "oružjem\n\n" + text, encoding="utf-8")
    (tmp_path / "c.txt").write_text("Regional workshop on firearms trafficking – Day 2\n\nOn 8 June 2022 the "
                                    "workshop in Budva went on with a table-top exercise.\n", encoding="utf-8")
    acts = harvest([tmp_path], CONFIG).activities
    assert [(a.title, a.sources) for a in acts] == [
        ("Regionalna radionica o trgovini oružjem / Regional workshop on firearms trafficking", ["a.txt", "b.txt"]),
        ("Regional workshop on firearms trafficking – Day 2", ["c.txt"])]


def test_a_partners_press_release(tmp_path):
    acts = write(tmp_path, (
        "### INTERPOL – News release\n\n"
        "**INTERPOL training in Tirana on foreign terrorist fighters**\n\n"
        "LYON, France — 30 November 2021\n\n"
        "From 22 to 26 November 2021, INTERPOL delivered a training course in Tirana, Albania, on biometric tools "
        "to identify foreign terrorist fighters.\n\n"
        "“Biometrics close the gaps that false names open,” said Ingrid Vossberg, Head of Counter-Terrorism at "
        "INTERPOL.\n\n"
        "“The region now checks every traveller against the same data,” said Lirim Dedaj, WBCTi Pillar "
        "Coordinator at the IISG Secretariat.\n\n"
        "**About INTERPOL**\n\n"
        "INTERPOL is the world's largest international police organization.\n\n"
        "Contacts\n"
        "Press and Public Information Section, INTERPOL General Secretariat\n"
        "Wallnerstrasse 6, 1010 Vienna, Austria\n"
        "Tel: +33 4 72 44 70 00\n"), name="releases.md")
    assert list(acts) == ["INTERPOL training in Tirana on foreign terrorist fighters"]
    a = acts["INTERPOL training in Tirana on foreign terrorist fighters"]
    assert (a.start, a.end, a.city, a.country, a.type) == ("2021-11-22", "2021-11-26", "Tirana", "AL", "training")
    assert a.people == ["Ingrid Vossberg", "Lirim Dedaj"]


def test_today_in_a_release_dated_on_a_line_of_its_own(tmp_path):
    acts = write(tmp_path, (
        "Border police chiefs meet at Frontex headquarters\n\n"
        "WARSAW, 12/05/2023\n\n"
        "Frontex today hosted the heads of the border police services of the Western Balkans for their annual "
        "meeting under the Western Balkans Border Security initiative (WBBSi).\n"))
    a = acts["Border police chiefs meet at Frontex headquarters"]
    assert (a.start, a.end) == ("2023-05-12", "2023-05-12")


def test_an_event_at_an_organisations_headquarters_is_in_its_seat(tmp_path):
    write(tmp_path, (
        "Border police chiefs meet at Frontex headquarters\n\n"
        "On 12 May 2023 the heads of the border police services of the Western Balkans met at Frontex "
        "headquarters for their annual meeting.\n"), name="a.txt")
    acts = write(tmp_path, (
        "Cybercrime units meet\n\n"
        "On 3 March 2022 cybercrime units of the region held their meeting. The results were presented at "
        "Europol's headquarters on 4 April 2022.\n"), name="b.txt")
    a = acts["Border police chiefs meet at Frontex headquarters"]
    assert (a.city, a.country) == ("Warsaw", "PL")
    b = acts["Cybercrime units meet"]
    assert (b.city, b.country) == (None, None)
