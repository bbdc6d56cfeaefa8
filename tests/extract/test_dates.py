"""Dates with precision, resolved against a reference date and the document's context; sentences written for
these tests (news style, reports, datelines)."""

from __future__ import annotations

from datetime import date

import pytest

from loader.extract.dates import DateContext, DateValue, find_dates, parse_date

Row = tuple[str, int | None, int | None, int | None, str, bool]


def _rows(values: list[DateValue]) -> list[Row]:
    return [(v.text, v.year, v.month, v.day, v.precision, v.relative) for v in values]


def _check_offsets(text: str, values: list[DateValue]) -> None:
    for value in values:
        assert text[value.start : value.end] == value.text


# -- absolute dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, AFGHANISTAN (August 1, 2016) - A bomb exploded.", ("August 1, 2016", 2016, 8, 1)),
        ("QUETTA, PAKISTAN (April 11, 2015) - Gunmen attacked.", ("April 11, 2015", 2015, 4, 11)),
        ("The raid took place on 1 August 2016 near the border.", ("1 August 2016", 2016, 8, 1)),
        ("It was reported on Aug. 1, 2016 by local media.", ("Aug. 1, 2016", 2016, 8, 1)),
        ("Published in Dawn, December 23rd, 2021", ("December 23rd, 2021", 2021, 12, 23)),
        ("Filed 23 Dec 2021 from Peshawar.", ("23 Dec 2021", 2021, 12, 23)),
        ("Record created 2021-12-23 by the desk.", ("2021-12-23", 2021, 12, 23)),
        ("On the 3rd of June, 2019 the convoy was hit.", ("3rd of June, 2019", 2019, 6, 3)),
        ("Updated 07 Sep, 2024", ("07 Sep, 2024", 2024, 9, 7)),
        ("ISLAMABAD, Sept. 14, 2010 - Officials said.", ("Sept. 14, 2010", 2010, 9, 14)),
        ("JALALABAD (AUGUST 2, 2017) - A blast.", ("AUGUST 2, 2017", 2017, 8, 2)),
        ("It happened on May 5 2011 at dawn.", ("May 5 2011", 2011, 5, 5)),
    ],
)
def test_absolute_day_dates(text: str, expected: tuple[str, int, int, int]) -> None:
    values = find_dates(text)
    assert _rows(values) == [(*expected, "day", False)]
    _check_offsets(text, values)
    assert values[0].date_range() == (date(*expected[1:]), date(*expected[1:]))


def test_weekday_before_a_date_is_part_of_it() -> None:
    text = "The bombing on Sunday, December 19, 2021 killed five."
    assert _rows(find_dates(text, reference=date(2021, 12, 23))) == [
        ("Sunday, December 19, 2021", 2021, 12, 19, "day", False)
    ]
    assert _rows(find_dates("Wednesday 3 March 2021 was quiet.")) == [
        ("Wednesday 3 March 2021", 2021, 3, 3, "day", False)
    ]


def test_impossible_dates_are_not_dates() -> None:
    assert find_dates("on February 30, 2016 and on April 31") == []
    assert _rows(find_dates("on February 29, 2016")) == [("February 29, 2016", 2016, 2, 29, "day", False)]


# -- month and day without a year -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "month", "day"),
    [
        ("The attack on the consulate on May 23 caused the death of all four attackers.", "May 23", 5, 23),
        ("Police said the blast occurred on February 19 night.", "February 19", 2, 19),
        ("Militants attacked the post in the night of October 24.", "October 24", 10, 24),
        ("The evening of June 3 saw two explosions.", "June 3", 6, 3),
        ("He was abducted on 24 October from his shop.", "24 October", 10, 24),
        ("Security was raised on the 9th of July.", "9th of July", 7, 9),
    ],
)
def test_month_day_without_year(text: str, quote: str, month: int, day: int) -> None:
    assert _rows(find_dates(text)) == [(quote, None, month, day, "day", False)]
    assert find_dates(text)[0].date_range() is None
    with_reference = find_dates(text, reference=date(2021, 12, 23))
    assert _rows(with_reference) == [(quote, 2021, month, day, "day", True)]
    _check_offsets(text, with_reference)


def test_month_day_after_the_reference_means_the_previous_year() -> None:
    text = "Two guards were killed on December 30 and a third on January 2."
    assert _rows(find_dates(text, reference=date(2022, 1, 3))) == [
        ("December 30", 2021, 12, 30, "day", True),
        ("January 2", 2022, 1, 2, "day", True),
    ]
    # Within the 30-day tolerance a date a little after the reference stays in the reference year.
    assert find_dates("the trial opens on January 20", reference=date(2022, 1, 3))[0].year == 2022


def test_month_day_takes_the_context_year_when_there_is_no_reference() -> None:
    text = "In 2014, the group grew. On March 3 it attacked a court."
    assert _rows(find_dates(text)) == [
        ("2014", 2014, None, None, "year", False),
        ("March 3", 2014, 3, 3, "day", True),
    ]


# -- months and years -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "quote", "year", "month"),
    [
        ("Talks collapsed in January 2010 after the attack.", "January 2010", 2010, 1),
        ("September 2010 was the deadliest month.", "September 2010", 2010, 9),
        ("By March of 2016 the group had split.", "March of 2016", 2016, 3),
        ("The report for Dec. 2020 lists 30 attacks.", "Dec. 2020", 2020, 12),
    ],
)
def test_month_and_year(text: str, quote: str, year: int, month: int) -> None:
    values = find_dates(text)
    assert _rows(values) == [(quote, year, month, None, "month", False)]
    last_day = 31 if month in (1, 3, 12) else 30
    assert values[0].date_range() == (date(year, month, 1), date(year, month, last_day))


def test_month_alone_after_a_date_word() -> None:
    text = "Attacks rose in March, fell since May and peaked by mid-June; last March was calmer."
    assert _rows(find_dates(text, reference=date(2021, 8, 1))) == [
        ("March", 2021, 3, None, "month", True),
        ("May", 2021, 5, None, "month", True),
        ("June", 2021, 6, None, "month", True),
        ("last March", 2021, 3, None, "month", True),
    ]
    assert _rows(find_dates("Elections are due in May.")) == [("May", None, 5, None, "month", False)]


@pytest.mark.parametrize(
    "text",
    [
        "They may attack again, and march on the capital.",
        "Officials said March is usually quiet.",
        "The August committee met.",
        "The Long March ended.",
    ],
)
def test_month_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("In 2016, IS-K attacked a consulate.", [2016]),
        ("in 2005 the first bombing took place", [2005]),
        ("The group has been active since 2010.", [2010]),
        ("Attacks declined during 2018 and rose in mid-2019.", [2018, 2019]),
        ("By the end of 2015 the network had collapsed.", [2015]),
        ("Between 2001 and 2005 the district saw 40 attacks.", [2001, 2005]),
        ("Similar attacks happened in 2014, 2015 and 2016.", [2014, 2015, 2016]),
        ("from 2007 to 2009 the outfit was banned", [2007, 2009]),
        ("in the year 2000 the office opened", [2000]),
    ],
)
def test_bare_years(text: str, years: list[int]) -> None:
    values = find_dates(text)
    assert [(v.year, v.month, v.day, v.precision, v.relative) for v in values] == [
        (year, None, None, "year", False) for year in years
    ]
    _check_offsets(text, values)
    assert all(v.text == str(v.year) for v in values)


@pytest.mark.parametrize(
    "text",
    [
        "The group still has about 1,000 fighters.",
        "Police arrested 2 people and seized 1500 rounds.",
        "Each carried one AK 47 gun.",
        "The first RPG was fired at 11 10 pm.",
        "The blast hit PS 128 in the old city.",
        "Around 2000 people attended the rally.",
        "The crowd grew from 1200 to 2000 protesters by noon.",
        "The operation ended after 1900 hours.",
        "A convoy of 2016 vehicles is implausible but not a date.",
        "Police recovered 2010 kg of explosives.",
        "Call 1122 for rescue; code 2001-A was used.",
        "The 12,2016 figure was a typo.",
    ],
)
def test_numbers_that_are_not_years(text: str) -> None:
    assert find_dates(text) == []


def test_open_trigger_year_is_kept_without_a_counted_noun() -> None:
    assert _rows(find_dates("Until 2014 the militants held the valley.")) == [
        ("2014", 2014, None, None, "year", False)
    ]


# -- relative to the context ------------------------------------------------------------------------------


def test_that_year_resolves_to_the_most_recent_explicit_year() -> None:
    text = (
        "In 2016, IS-K attacked a consulate. In 2019, the group bombed a wedding hall in Kabul that year. "
        "Later that year, it bombed a mosque. The same year, it lost ground. Earlier that year it had "
        "recruited. The following year it regrouped."
    )
    values = find_dates(text)
    assert _rows(values) == [
        ("2016", 2016, None, None, "year", False),
        ("2019", 2019, None, None, "year", False),
        ("that year", 2019, None, None, "year", True),
        ("Later that year", 2019, None, None, "year", True),
        ("The same year", 2019, None, None, "year", True),
        ("Earlier that year", 2019, None, None, "year", True),
        ("The following year", 2020, None, None, "year", True),
    ]
    _check_offsets(text, values)


def test_context_year_parameter() -> None:
    assert _rows(find_dates("Later that year the group split.", context_year=2012)) == [
        ("Later that year", 2012, None, None, "year", True)
    ]
    assert _rows(find_dates("Later that year the group split.")) == [
        ("Later that year", None, None, None, "year", True)
    ]
    assert _rows(find_dates("A year later it returned.", context_year=2012)) == [
        ("A year later", 2013, None, None, "year", True)
    ]
    assert _rows(find_dates("the previous year", context_year=2012)) == [
        ("the previous year", 2011, None, None, "year", True)
    ]


def test_next_day_and_same_month_follow_the_last_date() -> None:
    text = "Gunmen struck on March 31, 2015. The next day a bomb went off; later that month police raided."
    assert _rows(find_dates(text)) == [
        ("March 31, 2015", 2015, 3, 31, "day", False),
        ("The next day", 2015, 4, 1, "day", True),
        ("later that month", 2015, 4, None, "month", True),
    ]
    assert _rows(find_dates("On May 3 a blast; the day before a raid.")) == [
        ("May 3", None, 5, 3, "day", False),
        ("the day before", None, 5, 2, "day", True),
    ]


def test_date_context_carries_the_year_across_sentences() -> None:
    context = DateContext(reference=date(2021, 12, 23))
    first = "In 2017, the militant outfit attacked the Iraqi embassy in Kabul."
    second = "Later that year, it attacked a Sufi shrine in Sindh."
    assert _rows(context.resolve(first)) == [("2017", 2017, None, None, "year", False)]
    resolved = context.resolve(second, offset=len(first) + 1)
    assert _rows(resolved) == [("Later that year", 2017, None, None, "year", True)]
    assert resolved[0].start == len(first) + 1
    whole = first + " " + second
    assert whole[resolved[0].start : resolved[0].end] == "Later that year"


def test_guessed_years_do_not_move_the_year_context() -> None:
    context = DateContext(reference=date(2021, 12, 23))
    context.resolve("In 2016, the group attacked a consulate.")
    context.resolve("On May 23 another attack followed; on Sunday police raided a house.")
    assert context.resolve("Later that year the leader was killed.")[0].year == 2016


# -- relative to the reference date -----------------------------------------------------------------------

REFERENCE = date(2021, 12, 23)  # a Thursday


@pytest.mark.parametrize(
    ("text", "quote", "expected", "precision", "first", "last"),
    [
        (
            "a report released this week",
            "this week",
            (2021, 12, 20),
            "week",
            date(2021, 12, 20),
            date(2021, 12, 26),
        ),
        ("talks held last week", "last week", (2021, 12, 13), "week", date(2021, 12, 13), date(2021, 12, 19)),
        ("earlier this week, police said", "earlier this week", (2021, 12, 20), "week", None, None),
        ("a blast yesterday", "yesterday", (2021, 12, 22), "day", date(2021, 12, 22), date(2021, 12, 22)),
        ("the minister said today", "today", (2021, 12, 23), "day", None, None),
        ("clashes erupted last night", "last night", (2021, 12, 22), "day", None, None),
        ("the day before yesterday", "the day before yesterday", (2021, 12, 21), "day", None, None),
        ("he spoke at the OIC meeting on Sunday", "Sunday", (2021, 12, 19), "day", None, None),
        ("on Monday the court met", "Monday", (2021, 12, 20), "day", None, None),
        ("on Thursday morning", "Thursday", (2021, 12, 23), "day", None, None),
        ("last Thursday", "last Thursday", (2021, 12, 16), "day", None, None),
        ("next Friday", "next Friday", (2021, 12, 24), "day", None, None),
        ("were wounded early Wednesday", "Wednesday", (2021, 12, 22), "day", None, None),
        ("three days ago", "three days ago", (2021, 12, 20), "day", None, None),
        ("a week ago", "a week ago", (2021, 12, 13), "week", None, None),
        ("last month", "last month", (2021, 11, None), "month", date(2021, 11, 1), date(2021, 11, 30)),
        ("this month", "this month", (2021, 12, None), "month", None, None),
        ("two months ago", "two months ago", (2021, 10, None), "month", None, None),
        ("last year", "last year", (2020, None, None), "year", date(2020, 1, 1), date(2020, 12, 31)),
        ("this year", "this year", (2021, None, None), "year", None, None),
        ("five years ago", "five years ago", (2016, None, None), "year", None, None),
    ],
)
def test_relative_to_reference(
    text: str,
    quote: str,
    expected: tuple[int, int | None, int | None],
    precision: str,
    first: date | None,
    last: date | None,
) -> None:
    values = find_dates(text, reference=REFERENCE)
    assert _rows(values) == [(quote, *expected, precision, True)]
    _check_offsets(text, values)
    if first is not None:
        assert values[0].date_range() == (first, last)


def test_relative_expressions_inside_punctuation() -> None:
    text = 'Police said the raid ("yesterday") followed clashes (3 days ago) and "last week" protests.'
    assert _rows(find_dates(text, reference=REFERENCE)) == [
        ("yesterday", 2021, 12, 22, "day", True),
        ("3 days ago", 2021, 12, 20, "day", True),
        ("last week", 2021, 12, 13, "week", True),
    ]


def test_last_year_sets_the_year_context() -> None:
    assert _rows(
        find_dates("Last year the group split. Later that year it merged.", reference=REFERENCE)
    ) == [
        ("Last year", 2020, None, None, "year", True),
        ("Later that year", 2020, None, None, "year", True),
    ]


def test_relative_expressions_without_a_reference_have_no_value() -> None:
    values = find_dates("The report released this week says militants struck on Sunday and yesterday.")
    assert _rows(values) == [
        ("this week", None, None, None, "week", True),
        ("Sunday", None, None, None, "day", True),
        ("yesterday", None, None, None, "day", True),
    ]
    assert all(v.date_range() is None for v in values)


@pytest.mark.parametrize(
    "text",
    [
        "Worshippers had gathered for Friday prayers at the mosque.",
        "The attack came on Good Friday.",
        "reports Pakistan Today",
        "according to USA Today",
        "The Sunday Times reported the claim.",
        "Sundays are market days.",
        "He had a day off and worked all night.",
        "Thursdays",
    ],
)
def test_not_relative_dates(text: str) -> None:
    assert find_dates(text, reference=REFERENCE) == []


def test_sentence_initial_today_after_a_full_stop_is_a_date() -> None:
    assert _rows(find_dates("Dawn reported it. Today, police say", reference=REFERENCE)) == [
        ("Today", 2021, 12, 23, "day", True)
    ]


# -- whole documents --------------------------------------------------------------------------------------


def test_news_digest_paragraph() -> None:
    text = (
        "At least 11 people were killed and 25 others injured when militants attacked the courthouse "
        "complex in Islamabad on March 3, reports Daily Times. On March 4, police arrested two suspects; "
        "a spokesman said on Tuesday that 1,000 personnel were deployed since 2014."
    )
    values = find_dates(text, reference=date(2014, 3, 6))
    assert _rows(values) == [
        ("March 3", 2014, 3, 3, "day", True),
        ("March 4", 2014, 3, 4, "day", True),
        ("Tuesday", 2014, 3, 4, "day", True),
        ("2014", 2014, None, None, "year", False),
    ]
    _check_offsets(text, values)


def test_dateline_brief() -> None:
    text = (
        "PESHAWAR, PAKISTAN (May 18, 2011) - Two policemen were killed and five others were wounded early "
        "Wednesday when dozens of Taliban militants attacked a police checkpost."
    )
    values = find_dates(text, reference=date(2011, 5, 18))
    assert _rows(values) == [
        ("May 18, 2011", 2011, 5, 18, "day", False),
        ("Wednesday", 2011, 5, 18, "day", True),
    ]


def test_long_text_is_scanned_in_one_pass() -> None:
    # Not timed: a quadratic scan would make this half-million-character text take minutes, not milliseconds.
    paragraph = "On May 23, 2016, 12 people were killed; later that year, on Sunday, 1,000 fled. "
    values = find_dates(paragraph * 6000, reference=REFERENCE)
    assert len(values) == 18000
    assert values[-1].start == len(paragraph) * 5999 + paragraph.index("Sunday")


# -- parse_date -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 23rd, 2021", date(2021, 12, 23)),
        ("23 Dec 2021", date(2021, 12, 23)),
        ("2021-12-23", date(2021, 12, 23)),
        ("Dec. 23, 2021", date(2021, 12, 23)),
        ("(April 11, 2015)", date(2015, 4, 11)),
        ("Sunday, December 19, 2021", date(2021, 12, 19)),
        ("23/12/2021", date(2021, 12, 23)),
    ],
)
def test_parse_date(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "May 23",
        "December 2021",
        "2021",
        "Sunday",
        "",
        "yesterday",
        "03/04/2021",
        "the blast on May 3, 2020",
        "1,000",
    ],
)
def test_parse_date_is_strict(text: str) -> None:
    assert parse_date(text) is None


def test_offsets_survive_text_whose_lower_case_is_longer() -> None:
    # "İ".lower() is two characters: the scanners must keep the original offsets.
    text = "İSTANBUL: Yesterday a bomb went off; in 2016 another one did."
    values = find_dates(text, reference=REFERENCE)
    assert _rows(values) == [
        ("Yesterday", 2021, 12, 22, "day", True),
        ("2016", 2016, None, None, "year", False),
    ]
    _check_offsets(text, values)


# --- the year of a list's lead or a section heading -------------------------------------------------


def _days(ctx: DateContext, text: str) -> list[tuple[int | None, int | None, int | None]]:
    return [(v.year, v.month, v.day) for v in ctx.resolve(text)]


@pytest.mark.parametrize("reference", [None, date(2021, 11, 30)])
def test_month_day_under_a_lead_takes_the_lead_year(reference: date | None) -> None:
    ctx = DateContext(reference)
    assert _days(ctx, "Notable raids by the rebels in 2017 were:") == [(2017, None, None)]
    assert _days(ctx, "On February 2, rebels burned a clinic in the hills.") == [(2017, 2, 2)]
    assert _days(ctx, "On October 30, a grenade hit a bus") == [(2017, 10, 30)]
    assert _days(ctx, "In mid-March, the army shelled the camp.")[0][:2] == (2017, 3)


def test_weekdays_still_count_from_the_publication_date_under_a_lead() -> None:
    ctx = DateContext(date(2021, 11, 30))  # a Tuesday
    ctx.resolve("Attacks in 2017 included:")
    assert _days(ctx, "On Sunday, gunmen fired on a church.") == [(2021, 11, 28)]


def test_an_explicit_year_in_the_sentence_wins_over_the_lead_year() -> None:
    ctx = DateContext(date(2021, 11, 30))
    ctx.resolve("Attacks in 2017 included:")
    assert _days(ctx, "On May 5, 2016, a truck bomb hit the port.") == [(2016, 5, 5)]


def test_a_heading_sets_the_scope_year_and_a_dateless_heading_clears_it() -> None:
    ctx = DateContext(date(2021, 11, 30))
    assert _days(ctx, "Raids in 2015") == [(2015, None, None)]
    assert _days(ctx, "On July 9, rebels raided a market.") == [(2015, 7, 9)]
    assert _days(ctx, "Background") == []
    assert _days(ctx, "On July 9, rebels raided a market.") == [(2021, 7, 9)]


def test_a_year_in_running_prose_does_not_override_the_publication_date() -> None:
    ctx = DateContext(date(2021, 11, 30))
    ctx.resolve("The group was founded in 2009 by a former army officer, officials said.")
    assert _days(ctx, "Its fighters attacked a base on November 20.") == [(2021, 11, 20)]


def test_a_list_item_without_a_full_stop_keeps_the_lead_year() -> None:
    ctx = DateContext(None)
    ctx.resolve("Attacks in 2012 included:")
    assert _days(ctx, "On June 3, a bomb hit a bus") == [(2012, 6, 3)]
    assert _days(ctx, "On June 9, a bomb hit a ferry") == [(2012, 6, 9)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels raided the camp on the night of 11-12 June.", (2020, 6, 11)),
        ("Rebels raided the camp on the night of 11–12 June 2017.", (2017, 6, 11)),
        ("Fighting raged on June 11-12.", (2020, 6, 11)),
    ],
)
def test_a_span_of_days_gives_its_first_day(text: str, expected: tuple[int, int, int]) -> None:
    (found,) = find_dates(text, reference=date(2020, 6, 30))
    assert (found.year, found.month, found.day, found.precision) == (*expected, "day")


def test_a_short_sentence_without_a_full_stop_is_no_heading() -> None:
    ctx = DateContext(date(2021, 11, 30))
    ctx.resolve("The bombing occurred in 2015")
    assert _days(ctx, "On November 20, rebels raided a market.") == [(2021, 11, 20)]
