"""One test per extraction mechanism, in wording found neither in seeds/ nor in tests/corpus/.

Each article is ingested through the real pipeline into a fresh store; the assertions are what
an analyst would see on the timeline and the sanctions board.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db.connect import connect
from store.ingest.run import ingest_paths
from store.read.export import export_data


def ingest(tmp_path: Path, *articles: tuple[str, str]) -> dict:
    """Articles as (published, body); one store; the export."""
    paths = []
    for i, (published, body) in enumerate(articles):
        p = tmp_path / f"article{i}.md"
        p.write_text(f"---\ntitle: Test {i}\npublished: {published}\n---\n{body}", encoding="utf-8")
        paths.append(p)
    assert ingest_paths(tmp_path / "s.db", paths).ok
    return export_data(connect(tmp_path / "s.db"))


def events(data: dict, *types: str) -> list[dict]:
    return [e for e in data["events"] if e["type"] in types]


def names(event: dict, role: str | None = None) -> set[str]:
    return {a["name"] for a in event["actors"] if role is None or a["role"] == role}


def board(data: dict) -> dict[tuple[str, str], dict]:
    return {(s["target"], s["authority"]): s for s in data["sanctions"]}


# --- factuality: only what happened becomes an event ---------------------------------------

NOT_HAPPENINGS = [
    ("plan", "embassy", "The State Department intends to reopen the embassy in Minsk by autumn."),
    ("intention", "embassy", "The envoy confirmed the intention to reopen the embassy soon."),
    ("condition", "sanctions_lifted",
     "Curbs on Belavia would be lifted if Minsk lets more detainees go."),
    ("demand", "release", "Exiled activists called for the release of every jailed journalist."),
    ("denial", "meeting", "The spokesman denied that Coale had met Lukashenka in Dubai."),
    ("negation", "border", "Lithuania has not reopened the crossing at Medininkai."),
    ("state", "release", "Roughly 950 people remain behind bars for their views."),
    ("tally", "release", "Lukashenka has pardoned more than 400 inmates since the spring of 2024."),
    ("perfect tally", "release",
     "Since then more than 200 detainees have been freed, according to a monitoring group."),
    ("discussion", "release", "Negotiators weighed the release of 500 more inmates at the session."),
    ("habit", "arrest", "New arrests are recorded in Hrodna almost every week."),
    ("speculation", "sanctions_eased", "Perhaps the Treasury eases the curbs on Belavia next."),
    ("goal", "release", "Diplomats kept working for the release of 75 detainees on Monday."),
    ("unconfirmed", "release", "Unconfirmed: a local channel says 20 detainees have been freed."),
    ("future exercise", "exercise", "Russia and Belarus will begin joint exercises on Monday."),
    ("unlikely", "visit", "Observers say a Trump trip to Minsk is unlikely."),
    ("supposed to", "visit", "Kellogg was supposed to visit Minsk in March."),
    ("called off", "meeting", "The talks with Lukashenka were called off on Monday."),
    ("proved false", "visit", "Claims that Kellogg had flown to Minsk in January turned out to be"
                              " false."),
    ("threat", "border", "Lithuania threatened to close its border with Belarus."),
    ("planned after", "meeting", "A second round of talks with Coale is planned for March."),
    ("held in jails", "arrest", "Around 1,100 political prisoners are believed to be held in"
                                " Belarusian jails."),
    ("exercise cited", "exercise", "Poland shut two crossings on Friday, pointing to the drills."),
    ("part of a group", "release", "Most of them, 61 people, were driven by coach to Ukraine."),
    ("still going on", "arrest", "Human rights monitors say 900 remain in custody, and detentions"
                                 " have not stopped."),
    ("a question", "border", "Are the checkpoints at Šalčininkai open again?"),
    ("plural description", "release", "Lukashenka spoke on Monday. The convicts pardoned in"
                                      " March deserve better."),
    ("a correction", "release", "CORRECTION: An earlier version of this report said 39 detainees"
                                " had been released."),
]


@pytest.mark.parametrize("kind,etype,sentence", NOT_HAPPENINGS, ids=[k for k, *_ in NOT_HAPPENINGS])
def test_what_did_not_happen_is_no_event(tmp_path: Path, kind: str, etype: str,
                                         sentence: str) -> None:
    """A plan, condition, demand, denial, negation, state, tally … never becomes an event."""
    data = ingest(tmp_path, ("2026-02-11", sentence + "\n"))
    assert events(data, etype) == [], (kind, events(data, etype))


def test_a_plain_past_tense_report_is_an_event(tmp_path: Path) -> None:
    """The control for the above: the same kinds of words, told as done."""
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus freed 31 detainees on Tuesday.\n\n"
                             "The government in Vilnius announced it would close the border with"
                             " Belarus.\n\n"
                             "The president decided to pardon 19 convicts on Sunday.\n"))
    releases = {e["count"]: e for e in events(data, "release")}
    assert releases[31]["date"] == "2026-02-10"          # the Tuesday before publication
    assert releases[19]["date"] == "2026-02-08"
    assert events(data, "border")                       # the actor's own announcement counts


def test_a_date_after_publication_is_still_to_come(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The US mission in Minsk reopens on 3 March.\n"))
    assert events(data, "embassy") == []


# --- the governing date -------------------------------------------------------------------

def test_a_date_describing_another_noun_does_not_date_the_event(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Kalesnikava, winner of the 2019 Sakharov nomination, was freed on"
                             " Saturday.\n"))
    [release] = events(data, "release")
    assert release["date"] == "2026-02-07"


def test_a_relative_clause_takes_its_antecedents_date(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-04-20",
                             "The envoy's visit to Minsk on 3 March, which led to the release of"
                             " five prisoners, was his second this year.\n"))
    [release] = events(data, "release")
    assert (release["count"], release["date"]) == (5, "2026-03-03")


def test_a_date_opening_the_sentence_dates_every_conjunct(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-05-20",
                             "On 4 May Kellogg sat down with Lukashenka at the Palace of"
                             " Independence, and 12 inmates were pardoned.\n"))
    [release] = events(data, "release")
    assert release["date"] == "2026-05-04"


def test_last_month_name_is_the_one_before_publication(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-07-09", "Lukashenka pardoned 23 convicts last July.\n"))
    [release] = events(data, "release")
    assert release["date"] == "2025-07"


@pytest.mark.parametrize("sentence", [
    "The blogger Ihar Losik was detained after the August 2020 election.",
    "The blogger Ihar Losik was detained weeks before the August 2020 election.",
])
def test_after_an_earlier_happening_is_a_bound_not_a_day(tmp_path: Path, sentence: str) -> None:
    data = ingest(tmp_path, ("2026-02-11", sentence + "\n"))
    [arrest] = events(data, "arrest")
    assert arrest["date"] == "2020-08" and arrest["approximate"]


def test_a_past_report_of_a_month_ahead_is_last_years(tmp_path: Path) -> None:
    """In a February article, "conferred with … on 14 May" was done last May; "reopens on 3
    March" lies ahead."""
    data = ingest(tmp_path, ("2026-02-11",
                             "Kellogg conferred with Lukashenka in Minsk on 14 May.\n\n"
                             "Washington eased its curbs on Belavia in November.\n\n"
                             "The US mission in Minsk reopens on 3 March.\n"))
    assert [e["date"] for e in events(data, "meeting")] == ["2025-05-14"]
    assert [e["date"] for e in events(data, "sanctions_eased")] == ["2025-11"]
    assert events(data, "embassy") == []


def test_a_span_later_counts_from_the_date_before(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-03-20",
                             "Minsk pardoned 9 convicts on 2 February.\n\n"
                             "Three weeks later it pardoned 6 more.\n\n"
                             "The next day the blogger Ihar Losik was let out of the colony.\n"))
    releases = {e["count"]: e for e in events(data, "release")}
    assert (releases[6]["date"], releases[6]["approximate"]) == ("2026-02-23", True)
    assert releases[9]["date"] == "2026-02-02"


def test_a_date_across_after_dates_the_other_happening(tmp_path: Path) -> None:
    """"removed X on Tuesday, weeks after Belarus pardoned 40": the pardon is not Tuesday's."""
    data = ingest(tmp_path,
                  ("2026-03-02", "Belarus pardoned 40 prisoners on Sunday.\n"),
                  ("2026-04-02", "The Treasury on Tuesday removed MZKT from its blacklist, weeks"
                                 " after Belarus pardoned 40 prisoners.\n"))
    [release] = events(data, "release")
    assert release["date"] == "2026-03-01" and len(release["sources"]) == 2


@pytest.mark.parametrize("dash", ["-", "—"])     # (cleaning strips an em-dash dateline)
def test_a_wire_storys_undated_sentences_are_of_its_datelines_day(tmp_path: Path,
                                                                   dash: str) -> None:
    data = ingest(tmp_path, ("2026-03-15",
                             f"RIGA, March 12 (Baltic Wire) {dash} Latvian officials said on Friday"
                             " the talks had ended.\n\n"
                             "Washington is easing its curbs on BelAZ, the envoy told reporters.\n"))
    [eased] = events(data, "sanctions_eased")
    assert (eased["date"], eased["approximate"]) == ("2026-03-12", True)


def test_after_an_act_dated_by_month_is_bounded_by_that_month(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-03-15",
                             "Minsk pardoned 9 convicts in June.\n\n"
                             "In January Washington eased its curbs on BelAZ, after Belarus freed"
                             " 61 detainees.\n"))
    releases = {e["count"]: e for e in events(data, "release")}
    assert (releases[61]["date"], releases[61]["approximate"]) == ("2026-01", True)


def test_that_month_is_in_the_year_last_stated(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Vilnius barred BelAZ from its market in March 2022, and Washington"
                             " slapped sanctions on Belaruskali that August.\n"))
    assert board(data)[("Belaruskali", "US")]["since"] == "2022-08"


def test_later_that_month_is_the_month_last_stated(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Ottawa froze MZKT's assets in March 2022, and Canberra"
                                           " barred BelAZ later that month.\n"))
    assert [e["date"] for e in events(data, "sanctions_imposed")
            if "BelAZ" in names(e)] == ["2022-03"]


def test_a_day_named_only_as_a_possessive_dates_nothing_else(tmp_path: Path) -> None:
    """"Today's move follows the release … on 3 March" — the release is of 3 March."""
    data = ingest(tmp_path, ("2026-05-20", "Today's move follows the release by Belarus on 3 March"
                                           " 2026 of 44 individuals.\n"))
    [release] = events(data, "release")
    assert release["date"] == "2026-03-03"


def test_last_weekend_is_the_saturday_before(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-12",     # a Thursday
                             "Last weekend 29 more detainees walked free in Hrodna.\n"))
    [release] = events(data, "release")
    assert (release["date"], release["approximate"], release["count"]) == ("2026-02-07", True, 29)


def test_a_date_in_a_since_clause_is_that_clauses(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "It was the first trip of its kind since Kellogg flew to Minsk in"
                             " March 2024.\n"))
    [visit] = events(data, "visit")
    assert (names(visit, "visitor"), visit["date"]) == ({"Keith Kellogg"}, "2024-03")


def test_a_date_inside_a_who_aside_is_the_asides(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Keith Kellogg, who was named envoy in November, flew to"
                                           " Minsk on Monday.\n"))
    [visit] = events(data, "visit")
    assert visit["date"] == "2026-02-09"


# --- roles from the clause's structure ----------------------------------------------------

def test_the_named_subject_before_an_aside_is_who_was_arrested(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Statkevich, a veteran of the opposition who ran for office in 2010,"
                             " was detained in May 2021.\n"))
    [arrest] = events(data, "arrest")
    assert names(arrest, "arrested") == {"Mikola Statkevich"}
    assert arrest["date"] == "2021-05"


def test_a_description_names_the_person_the_paragraph_named(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "**Mikola Statkevich, 69.** The former candidate was arrested in June"
                             " 2020.\n"))
    [arrest] = events(data, "arrest")
    assert names(arrest, "arrested") == {"Mikola Statkevich"}


def test_an_envoy_named_after_after_is_not_released(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus pardoned 14 inmates on Monday following a round of"
                             " negotiations led by John Coale.\n"))
    [release] = events(data, "release")
    assert "John Coale" not in names(release)
    assert names(release, "releasing") == {"Belarus"}


def test_who_met_the_releaser_before_negotiated_and_where_they_went_received(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Lukashenka pardoned 33 convicts on Sunday, hours after sitting down"
                             " with Kellogg, and the group was bussed to Ukraine.\n"))
    [release] = events(data, "release")
    roles = {(a["name"], a["role"]) for a in release["actors"]}
    assert {("Alyaksandr Lukashenka", "releasing"), ("Keith Kellogg", "negotiator"),
            ("Ukraine", "receiving")} <= roles


def test_an_arrest_in_a_city_is_by_its_state(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The blogger Ihar Losik was detained in Hrodna on"
                                           " Sunday.\n"))
    [arrest] = events(data, "arrest")
    assert names(arrest, "arresting") == {"Belarus"}


def test_a_count_in_words_is_the_whole_number(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Minsk let sixty-three convicts go on Sunday.\n"))
    assert [e["count"] for e in events(data, "release")] == [63]


def test_the_other_side_of_the_talks_negotiated(tmp_path: Path) -> None:
    """Talks between the releaser's own leader and an envoy: the envoy negotiated."""
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus pardoned 44 inmates on Sunday, days after talks between"
                             " Lukashenka and the envoy Keith Kellogg.\n"))
    [release] = events(data, "release")
    assert names(release, "negotiator") == {"Keith Kellogg"}


def test_who_is_thanked_for_a_release_is_not_the_thanker(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Trump phoned Lukashenka on Monday and praised him for"
                                           " the release of 26 prisoners.\n"))
    [release] = events(data, "release")
    assert "Donald Trump" not in names(release, "releasing")


def test_a_second_participle_shares_the_passive_subject(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The blogger Ihar Losik was taken off a train in Hrodna"
                                           " and detained on Sunday.\n"))
    [arrest] = events(data, "arrest")
    assert names(arrest, "arrested") == {"Ihar Losik"}


def test_a_list_inside_a_passive_subject_is_who_was_freed(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "On Monday four inmates, among them a Latvian national and the blogger"
                             " Ihar Losik, were allowed to leave. Ales Bialiatski went free the same"
                             " day with nine others.\n"))
    releases = {e["count"]: e for e in events(data, "release")}
    assert "Ihar Losik" in names(releases[4], "released")
    assert names(releases[10], "released") == {"Ales Bialiatski"}


def test_the_subject_of_walked_free_is_who_was_freed(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Ales Bialiatski walked free on Saturday after years in a penal"
                             " colony.\n"))
    [release] = events(data, "release")
    assert names(release, "released") == {"Ales Bialiatski"}


def test_a_capital_as_subject_acts_for_its_country(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Days earlier Minsk let the blogger Ihar Losik go.\n\n"
                             "Vilnius then shut the Šalčininkai checkpoint on Friday.\n"))
    [release] = events(data, "release")
    assert names(release, "releasing") == {"Belarus"}
    assert names(release, "released") == {"Ihar Losik"}
    [border] = events(data, "border")
    assert names(border, "actor") == {"Lithuania"}


def test_who_is_sent_a_letter_receives_it(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Lukashenka sent Trump a two-page letter on Monday.\n\n"
                             "On Friday John Coale handed Lukashenka a letter from Trump.\n"))
    by_day = {e["date"]: e for e in events(data, "letter")}
    assert names(by_day["2026-02-09"], "recipient") == {"Donald Trump"}
    friday = by_day["2026-02-06"]
    assert (names(friday, "sender"), names(friday, "recipient"), names(friday, "messenger")) == \
        ({"Donald Trump"}, {"Alyaksandr Lukashenka"}, {"John Coale"})


def test_who_received_a_letter_and_who_only_carried_it(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2026-02-11", "Lukashenka received a long letter from Trump on Monday.\n"),
                  ("2026-03-11", "Kellogg handed over a personal message from Trump to Lukashenka"
                                 " on Monday.\n"))
    letters = sorted(events(data, "letter"), key=lambda e: e["date"])
    assert [names(e, "recipient") for e in letters] == [{"Alyaksandr Lukashenka"}] * 2
    assert names(letters[1], "messenger") == {"Keith Kellogg"}
    assert events(data, "release") == []          # "handed over a message": no one was freed


@pytest.mark.parametrize("sentence", [
    "Trump on Monday tapped John Coale as his special envoy for Belarus.",
    "The White House named Coale deputy special envoy on Monday.",
])
def test_appointments_in_other_words(tmp_path: Path, sentence: str) -> None:
    data = ingest(tmp_path, ("2026-02-11", sentence + "\n"))
    [appointment] = events(data, "appointment")
    assert names(appointment, "appointee") == {"John Coale"}


def test_the_country_naming_an_envoy_is_the_one_acted_upon(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus expelled the Polish ambassador in April 2011.\n"))
    [embassy] = events(data, "embassy")
    assert names(embassy, "actor") == {"Belarus"}
    assert names(embassy, "counterpart") == {"Poland"}


def test_a_name_describing_an_administration_is_no_participant(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "An aide from the Trump administration sat down with Lukashenka and"
                             " John Coale in Minsk on Monday.\n"))
    [meeting] = events(data, "meeting")
    assert "Donald Trump" not in names(meeting)
    assert {"Alyaksandr Lukashenka", "John Coale"} <= names(meeting)


def test_a_visit_that_brought_a_release_was_its_negotiator(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Keith Kellogg made a brief trip to Minsk in January that ended with"
                             " four detainees being set free.\n"))
    [release] = events(data, "release")
    assert ("Keith Kellogg", "negotiator") in {(a["name"], a["role"]) for a in release["actors"]}


def test_a_list_in_the_next_sentences_continues_the_release(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus freed 40 prisoners on Monday.\n\n"
                             "They were driven to the border in two buses.\n\n"
                             "The people let go included Mikola Statkevich and Ihar Losik.\n"))
    [release] = events(data, "release")
    assert release["count"] == 40
    assert {"Mikola Statkevich", "Ihar Losik"} <= names(release, "released")


def test_a_bare_list_continues_the_release_before_it_or_is_nothing(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2026-02-11", "Lukashenka has pardoned 37 people, his office says.\n\n"
                                 "Among them: Mikola Statkevich and Ihar Losik.\n"),
                  ("2026-02-12", "Hundreds attended the rally.\n\n"
                                 "Among them: Maria Kalesnikava.\n"))
    [release] = events(data, "release")
    assert release["count"] == 37
    assert names(release, "released") == {"Mikola Statkevich", "Ihar Losik"}


def test_a_named_person_and_n_others_counts_them_all(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Belarus released Ihar Losik and 11 other prisoners on Monday.\n"))
    [release] = events(data, "release")
    assert release["count"] == 12


def test_an_attributive_participle_reports_no_release(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "The released inmates, two reporters among them, crossed into"
                             " Poland by coach.\n"))
    assert events(data, "release") == []


def test_a_visit_to_a_city_is_hosted_by_its_country(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "John Coale visited Minsk on Monday.\n"))
    [visit] = events(data, "visit")
    assert names(visit, "visitor") == {"John Coale"} and "Belarus" in names(visit, "host")


def test_who_received_a_visitor_is_not_the_visitor(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "In 2019 an American envoy travelled to Minsk and was greeted by"
                             " Lukashenka.\n"))
    for visit in events(data, "visit"):
        assert "Alyaksandr Lukashenka" not in names(visit, "visitor")


def test_an_envoy_winning_a_release_negotiated_it_and_its_count_adds_up(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "In January the envoy Keith Kellogg flew to Minsk, winning the release"
                             " of two Americans and a Belarusian lawyer.\n"))
    [release] = events(data, "release")
    assert release["count"] == 3
    assert {(a["name"], a["role"]) for a in release["actors"]} == {("Keith Kellogg", "negotiator")}


def test_a_speaker_placed_after_talks_took_no_part(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Ryzhenkov told reporters, after the Coale talks, that Minsk wants"
                             " normal relations.\n"))
    assert events(data, "meeting", "visit") == []


def test_the_subject_before_an_aside_is_counted(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Eight more prisoners, among them a Polish citizen,"
                                           " were pardoned on Sunday.\n"))
    [release] = events(data, "release")
    assert (release["count"], names(release)) == (8, set())


def test_what_earlier_rounds_produced_is_no_release(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The earlier two visits had produced the release of 20"
                                           " people. On Sunday Belarus pardoned 9 convicts.\n"))
    assert [e["count"] for e in events(data, "release")] == [9]


def test_followed_by_repeats_the_act_for_another_authority(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The European Union banned BelAZ from its market in"
                                           " 2021, followed by the United Kingdom in 2022.\n"))
    cells = board(data)
    assert (cells[("BelAZ", "EU")]["since"], cells[("BelAZ", "UK")]["since"]) == ("2021", "2022")


def test_a_refusal_to_leave_is_no_release(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "Losik refused to leave Belarus and stays in a colony"
                                           " near Hrodna.\n"))
    assert events(data, "release") == []


@pytest.mark.parametrize("sentence,target,authority", [
    ("In March 2022 Latvia halted imports of BelAZ trucks.", "BelAZ", "LV"),
    ("Canada closed its airspace to Belavia in 2021.", "Belavia", "CA"),
])
def test_stopping_transit_or_closing_airspace_imposes(tmp_path: Path, sentence: str, target: str,
                                                      authority: str) -> None:
    data = ingest(tmp_path, ("2026-02-11", sentence + "\n"))
    assert board(data)[(target, authority)]["status"] == "in_force"


def test_the_government_shutting_crossings_is_the_country_talked_about(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Q: Are the checkpoints at Šalčininkai open again?\n\n"
                             "A: For cars, no. The government closed the crossings on 2 February"
                             " after drones came over from Belarus.\n"))
    [border] = events(data, "border")
    assert names(border, "actor") == {"Lithuania"}
    assert border["date"] == "2026-02-02"


def test_seized_on_a_street_is_an_arrest(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "The blogger Ihar Losik was seized on a Hrodna street in"
                                           " May 2021.\n"))
    [arrest] = events(data, "arrest")
    assert (names(arrest, "arrested"), arrest["date"]) == ({"Ihar Losik"}, "2021-05")


# --- merging ------------------------------------------------------------------------------

def test_one_release_told_by_day_and_by_month_is_one_event(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2026-03-03", "Belarus freed 27 prisoners on Monday, including Ihar Losik.\n"),
                  ("2026-04-15", "In March the authorities released 27 prisoners, Ihar Losik"
                                 " among them.\n"),
                  ("2026-06-10", "Lukashenka pardoned 9 convicts on Monday.\n"))
    releases = events(data, "release")
    assert sorted(e["count"] for e in releases) == [9, 27]
    [march] = [e for e in releases if e["count"] == 27]
    assert march["date"] == "2026-03-02" and len(march["sources"]) == 2


def test_a_sharper_stated_date_wins_and_hours_after_borrows_the_day(tmp_path: Path) -> None:
    """Told first as "in April" and approximately ("hours after … on Sunday"), then as a day:
    the merged meeting shows the stated day, exact."""
    data = ingest(tmp_path,
                  ("2026-05-20", "In April the envoy Keith Kellogg conferred with Lukashenka in"
                                 " Minsk.\n"),
                  ("2026-05-21", "Belarus pardoned 17 inmates on 12 April, hours after Keith"
                                 " Kellogg conferred with Lukashenka.\n"),
                  ("2026-05-22", "Kellogg conferred with Lukashenka in Minsk on 12 April.\n"))
    [meeting] = events(data, "meeting", "visit")
    assert (meeting["date"], meeting["approximate"], len(meeting["sources"])) == \
        ("2026-04-12", False, 3)


def test_a_visit_by_someones_envoy_is_the_envoys(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Lukashenka pardoned 19 convicts, among them the blogger Ihar Losik,"
                             " during a visit by Trump's envoy Keith Kellogg on Monday.\n"))
    [visit] = events(data, "visit")
    assert names(visit, "visitor") == {"Keith Kellogg"}
    [release] = events(data, "release")
    assert names(release, "released") == {"Ihar Losik"}


def test_a_year_told_event_and_a_day_told_one_are_one(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2026-01-10", "It was the first such trip since Kellogg came to Minsk in 2024.\n"),
                  ("2026-01-12", "The visit of envoy Keith Kellogg to Minsk on 3 October 2024 was"
                                 " short.\n"))
    [visit] = events(data, "visit")
    assert (visit["date"], len(visit["sources"])) == ("2024-10-03", 2)


def test_a_name_in_a_phrase_of_place_is_neither_freed_nor_visiting(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "The biggest amnesty in the history of the Lukashenka regime took place"
                             " on Sunday, a day after envoy John Coale arrived in Minsk.\n"))
    assert all("Alyaksandr Lukashenka" not in names(r) for r in events(data, "release"))
    [visit] = events(data, "visit")
    assert names(visit, "visitor") == {"John Coale"}


# --- sanctions: the latest dated change by the authority that made it ---------------------

def test_board_takes_the_latest_dated_change(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2025-10-07",
                   "The US Treasury designated MZKT on 2 March 2022.\n\n"
                   "On 5 October 2025 OFAC removed MZKT from the SDN list.\n"),
                  ("2025-12-01",
                   "Washington's sanctions on MZKT remain in place, a Minsk daily claimed.\n\n"
                   "Brussels keeps its own measures against MZKT in force.\n"))
    cells = board(data)
    assert (cells[("MZKT", "US")]["status"], cells[("MZKT", "US")]["since"]) == \
        ("lifted", "2025-10-05")                       # "remains in place" never overrides
    assert cells[("MZKT", "EU")]["status"] == "in_force"
    assert cells[("MZKT", "EU")]["since"] is None      # evidence only: unknown, not the article date


def test_a_licence_after_an_announced_lifting_is_an_easing(tmp_path: Path) -> None:
    data = ingest(tmp_path,
                  ("2026-11-28", "Washington is lifting its sanctions on Belarusian potash, the"
                                 " envoy told reporters on Saturday.\n"),
                  ("2026-12-02", "On 1 December OFAC authorised dealings with Belaruskali"
                                 " under a licence; the company stays on the SDN list.\n"))
    cell = board(data)[("Belaruskali", "US")]
    assert (cell["status"], cell["since"]) == ("eased", "2026-12-01")


def test_lifting_part_of_the_measures_is_an_easing(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "On Monday Washington partially lifted its measures"
                                           " against BelAZ.\n"))
    cell = board(data)[("BelAZ", "US")]
    assert (cell["status"], cell["since"]) == ("eased", "2026-02-09")
    assert events(data, "sanctions_lifted") == []


def test_sanctions_on_a_capital_are_on_its_country(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11", "London first slapped sanctions on Minsk in 2021, and"
                                           " this week it renewed them.\n"))
    cell = board(data)[("Belarus", "UK")]
    assert (cell["status"], cell["since"]) == ("in_force", "2021")


def test_a_change_to_a_sector_changes_its_companies_rows(tmp_path: Path) -> None:
    """Belaruskali is in the potash sector (seeds): lifting "sanctions on potash" eases its US
    row too, whichever article comes first; the licence's day, not the announcement's, is the
    easing's."""
    easing = ("2026-06-02", "Washington said on Saturday it was lifting its sanctions on potash,"
                            " and two days later OFAC issued a licence for potash deals.\n")
    designation = ("2026-01-20", "The Treasury designated Belaruskali on 3 August 2021.\n")
    for order in ((easing, designation), (designation, easing)):
        sub = tmp_path / str(len(list(tmp_path.iterdir())))
        sub.mkdir()
        cell = board(ingest(sub, *order))[("Belaruskali", "US")]
        assert (cell["status"], cell["since"]) == ("eased", "2026-06-01"), order


def test_a_commenting_minister_and_a_place_are_not_authorities(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "Speaking in Vilnius on Monday, the US envoy said Washington had"
                             " lifted its sanctions on BelAZ.\n\n"
                             "Lithuania's foreign minister said the EU's sanctions on BelAZ must"
                             " stay.\n"))
    authorities = {a for _, a in board(data)}
    assert "LT" not in authorities
    assert board(data)[("BelAZ", "US")]["status"] == "lifted"


# --- page furniture -----------------------------------------------------------------------

def test_bylines_and_captions_yield_no_event_or_actor(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "By Ola Nowakowska\n\n"
                             "![](img/x.jpg)\n"
                             "*Photo: Freed detainees hug relatives at the crossing. (Photo: Jan"
                             " Kowalczuk / Pool)*\n\n"
                             "Belarus freed 8 prisoners on Monday, the Lithuanian foreign ministry"
                             " said.\n"))
    assert [e["count"] for e in events(data, "release")] == [8]
    actor_names = {a["name"] for a in data["actors"]}
    assert "Ola Nowakowska" not in actor_names and "Jan Kowalczuk" not in actor_names


def test_credits_and_author_notes_yield_no_actor(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "*Ewa Dobrowolska is a senior fellow at a Gdańsk institute. The views"
                             " are her own.*\n\n"
                             "Belarus freed 8 prisoners on Monday, the Lithuanian foreign ministry"
                             " said.\n\n"
                             "*Live coverage by Piotr Zawada and Rūta Vaitkutė.*\n\n"
                             "(Reporting by Olek Borys; editing by Mia Stone)\n"))
    assert [e["count"] for e in events(data, "release")] == [8]
    actor_names = {a["name"] for a in data["actors"]}
    assert not actor_names & {"Ewa Dobrowolska", "Piotr Zawada", "Olek Borys", "Mia Stone"}


# --- organisations and places nobody listed ----------------------------------------------

def test_organisations_and_places_are_discovered_like_people(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-02-11",
                             "The State Customs Committee said trucks were held in the Vitebsk"
                             " region on Monday.\n\n"
                             "The Minsk Regional Court sentenced the blogger to three years.\n"))
    kinds = {a["name"]: a["kind"] for a in data["actors"] if a["discovered"]}
    assert kinds.get("State Customs Committee") == "organisation"
    assert kinds.get("Vitebsk region") == "place"
    assert kinds.get("Minsk Regional Court") == "organisation"


def test_a_border_sentence_without_a_country_belongs_to_the_one_before(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-06-20",
                             "Latvia will keep its last crossing with Belarus shut, officials in"
                             " Riga said.\n\n"
                             "The checkpoints at Paternieki and Silene were closed on 9 June.\n"))
    [border] = events(data, "border")
    assert names(border, "actor") == {"Latvia"} and border["date"] == "2026-06-09"


def test_naming_someone_to_a_post_is_an_appointment_with_both_roles(tmp_path: Path) -> None:
    data = ingest(tmp_path, ("2026-03-16",
                             "On Sunday Donald Trump named Keith Kellogg, a retired general with"
                             " long Pentagon service, as his special representative for the"
                             " Baltic states.\n\n"
                             "Critics said the appointment was rushed.\n"))
    [appointment] = events(data, "appointment")
    roles = {(a["name"], a["role"]) for a in appointment["actors"]}
    assert ("Keith Kellogg", "appointee") in roles and ("Donald Trump", "appointer") in roles
    assert appointment["date"] == "2026-03-15"


def test_an_undated_text_takes_the_year_of_the_last_full_date(tmp_path: Path) -> None:
    """No publication date: "On 2 May" is in the year the text last stated in full."""
    art = tmp_path / "undated.md"
    art.write_text("# Timeline\n\nOn 14 April 2031 Belarus freed 6 prisoners.\n\n"
                   "On 2 May Lukashenka pardoned 9 convicts.\n", encoding="utf-8")
    assert ingest_paths(tmp_path / "s.db", [art]).ok
    dates = {e["count"]: e["date"] for e in events(export_data(connect(tmp_path / "s.db")),
                                                   "release")}
    assert dates == {6: "2031-04-14", 9: "2031-05-02"}
