"""Dates and times as SOP documents write them, and how the site shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from sopdocs.reading.dates import PartialDate, parse_date
from sopdocs.reading.durations import parse_waktu, total_time
from sopdocs.reading.yamlsource import parse
from sopdocs.site.templating import duration_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2019-10-14", "14 Oktober 2019"),
        ("2022-01", "Januari 2022"),
        ("2024-02-29", "29 Februari 2024"),
    ],
)
def test_dates_are_shown_the_indonesian_way(value, shown):
    date = parse_date(value)
    assert isinstance(date, PartialDate)
    assert date.indonesian() == shown


def test_an_unquoted_yaml_date_arrives_as_text_and_reads_as_a_date():
    # Why parse_date needs no datetime branch: the YAML reader never makes date objects.
    value, issues = parse("tanggal: 2022-01-03\n", "sops/x.yaml")
    assert issues == []
    assert value["tanggal"] == "2022-01-03"
    assert parse_date(value["tanggal"]) == PartialDate(year=2022, month=1, day=3)


def test_dates_sort_by_calendar_with_a_month_alone_before_its_days():
    dates = [parse_date(text) for text in ("2022-02", "2022-01-03", "2021-12-31", "2022-01")]
    assert sorted(dates) == [
        PartialDate(year=2021, month=12, day=31),
        PartialDate(year=2022, month=1),
        PartialDate(year=2022, month=1, day=3),
        PartialDate(year=2022, month=2),
    ]


def test_a_month_and_a_day_of_it_compare_without_error():
    month, day = PartialDate(year=2022, month=1), PartialDate(year=2022, month=1, day=3)
    assert month < day
    assert day > month
    assert month <= month
    assert not day <= month
    assert month != day


@pytest.mark.parametrize(
    "value", [dt.date(2022, 1, 3), "2023-02-29", "2022-13", "2022-00-10", "3 Januari 2022", 2022]
)
def test_an_impossible_or_misspelt_date_is_a_message(value):
    assert isinstance(parse_date(value), str)


@pytest.mark.parametrize(
    ("waktu", "low", "high", "unit"),
    [
        ("1 hari", 1, 1, "hari"),
        ("1-2 hari", 1, 2, "hari"),
        ("3 Hari Kerja", 3, 3, "hari kerja"),
        ("15 menit", 15, 15, "menit"),
        ("0,5 jam", 0.5, 0.5, "jam"),
        ("2 minggu", 2, 2, "minggu"),
        ("1 s.d. 3 bulan", 1, 3, "bulan"),
    ],
)
def test_waktu_is_understood_as_written(waktu, low, high, unit):
    duration = parse_waktu(waktu)
    assert (duration.low, duration.high, duration.unit) == (low, high, unit)


@pytest.mark.parametrize("waktu", ["Jam kerja harian", "Sesuai jadwal", "2-1 hari", "hari"])
def test_other_waktu_is_not_understood(waktu):
    assert parse_waktu(waktu) is None


def test_the_total_adds_each_unit_without_converting_between_them():
    total = total_time([parse_waktu(w) for w in ["1 hari", "1-2 hari", "30 menit", "0,5 jam"]])
    assert total is not None
    assert duration_text(total) == "2–3 hari 0,5 jam 30 menit"


def test_there_is_no_total_when_one_step_time_is_not_understood():
    assert total_time([parse_waktu("1 hari"), None]) is None
