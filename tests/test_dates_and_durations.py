"""Dates and times as SOP documents write them, and how the site shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from sopdocs.reading.dates import PartialDate, parse_date
from sopdocs.reading.durations import parse_waktu, total_time


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(2022, 1, 3), "3 Januari 2022"),
        ("2019-10-14", "14 Oktober 2019"),
        ("2022-01", "Januari 2022"),
        ("2024-02-29", "29 Februari 2024"),
    ],
)
def test_dates_are_shown_the_indonesian_way(value, shown):
    date = parse_date(value)
    assert isinstance(date, PartialDate)
    assert date.indonesian() == shown


@pytest.mark.parametrize("value", ["2023-02-29", "2022-13", "2022-00-10", "3 Januari 2022", 2022])
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
    assert str(total) == "2–3 hari 0,5 jam 30 menit"


def test_there_is_no_total_when_one_step_time_is_not_understood():
    assert total_time([parse_waktu("1 hari"), None]) is None
