"""The date grammar: every form the posts use, with exact results."""
import pytest

from cli.extract.dates import find_dates, parse_iso, to_iso

CASES = [
    ("on the 14th and 15th of December 2021 in Skopje", (2021, 12, 14), (2021, 12, 15), "day"),
    ("In the period 21st – 22nd of December 2021, the", (2021, 12, 21), (2021, 12, 22), "day"),
    ("from 15 to 17 March 2022", (2022, 3, 15), (2022, 3, 17), "day"),
    ("On 02. March 2021 a delegation", (2021, 3, 2), (2021, 3, 2), "day"),
    ("On 22.6.2021 Mr Oliver Janser", (2021, 6, 22), (2021, 6, 22), "day"),
    ("met in Rome on 23–24.10.2023 to coordinate", (2023, 10, 23), (2023, 10, 24), "day"),
    ("from 02-04.10.2023 in Tirana", (2023, 10, 2), (2023, 10, 4), "day"),
    ("12-13/05/2022", (2022, 5, 12), (2022, 5, 13), "day"),
    ("held in Skopje from 14.3.2023 to 16.3.2023, organised", (2023, 3, 14), (2023, 3, 16), "day"),
    ("30.12.2022 – 2.1.2023", (2022, 12, 30), (2023, 1, 2), "day"),
    ("held 30/11-02/12/2022 in Skopje", (2022, 11, 30), (2022, 12, 2), "day"),
    ("SARAJEVO, 8 MARCH 2024 – The", (2024, 3, 8), (2024, 3, 8), "day"),
    ("MAY 2022", (2022, 5, None), (2022, 5, None), "month"),
    ("February the 25th and 26th 2021 in Gioia Tauro", (2021, 2, 25), (2021, 2, 26), "day"),
    ("from the 23rd to the 27th of May 2022", (2022, 5, 23), (2022, 5, 27), "day"),
    ("on Tuesday 27th and 28th of September 2022", (2022, 9, 27), (2022, 9, 28), "day"),
    ("on 14-15 November 2023", (2023, 11, 14), (2023, 11, 15), "day"),
    ("between 28 February and 2 March 2023", (2023, 2, 28), (2023, 3, 2), "day"),
    ("from 30 November to 2 December 2021", (2021, 11, 30), (2021, 12, 2), "day"),
    ("30 December 2021 – 2 January 2022", (2021, 12, 30), (2022, 1, 2), "day"),
    ("held on Thursday, 11. February 2021.", (2021, 2, 11), (2021, 2, 11), "day"),
    ("March 9, 2023", (2023, 3, 9), (2023, 3, 9), "day"),
    ("October the 4th and 5th 2022", (2022, 10, 4), (2022, 10, 5), "day"),
    ("In December 2020 SELEC", (2020, 12, None), (2020, 12, None), "month"),
    ("was held mid of January.", (None, 1, None), (None, 1, None), "month"),
    ("ended in mid-October,", (None, 10, None), (None, 10, None), "month"),
    ("from 3rd to 5th May where", (None, 5, 3), (None, 5, 5), "day"),
    ("On 10th June near Prilep", (None, 6, 10), (None, 6, 10), "day"),
    ("First round of meetings in 2020", (2020, None, None), (2020, None, None), "year"),
]


@pytest.mark.parametrize("text,start,end,precision", CASES)
def test_each_form(text, start, end, precision):
    found = find_dates(text)
    assert len(found) == 1, found
    assert (found[0].start, found[0].end, found[0].precision) == (start, end, precision)


def test_impossible_day_is_not_a_day():
    assert all(e.precision != "day" for e in find_dates("on 31 February 2022"))


def test_numbers_that_are_not_dates():
    assert find_dates("more than 2000 marijuana plants and 50 kg") == []
    assert find_dates("you may join") == []
    assert find_dates("YOU MAY 2 TIMES") == [] and find_dates("MAYBE 2022") == []


def test_missing_year_filled_rolls_over_new_year():
    expr = find_dates("from 30 December to 2 January")[0]
    filled = expr.with_year(2021)
    assert filled.start == (2021, 12, 30) and filled.end == (2022, 1, 2)


def test_iso_round_trip():
    assert to_iso((2021, 12, 14)) == "2021-12-14"
    assert to_iso((2021, 12, None)) == "2021-12"
    assert to_iso((2021, None, None)) == "2021"
    assert parse_iso("2021-02") == (2021, 2, None)
    with pytest.raises(ValueError, match="not a real date"):
        parse_iso("2022-02-30")
    with pytest.raises(ValueError, match="YYYY"):
        parse_iso("14/12/2021")


def test_dates_begin_at_the_start_of_a_word():
    # a month, a day or a year glued to the word before it is not a date; the same text spaced out is
    glued = find_dates("ref1March 2021, code X14.11.2023, id A2021-03-15, N4 December 2022, Dec2020")
    assert [(e.text, e.precision) for e in glued] == [("December 2022", "month")]  # not the 4th
    found = find_dates("ref 1 March 2021, code 14.11.2023, id 2021-03-15, N 4 December 2022")
    assert [(e.text, to_iso(e.start)) for e in found] == [
        ("1 March 2021", "2021-03-01"), ("14.11.2023", "2023-11-14"), ("2021-03-15", "2021-03-15"),
        ("4 December 2022", "2022-12-04")]


def test_a_day_written_with_the_starts_at_its_number():
    (e,) = find_dates("On the 20th of April 2022 the group met.")
    assert (e.text, e.pos, to_iso(e.start)) == ("20th of April 2022", 7, "2022-04-20")
