"""Dates as SOP documents write them: a full day, or only a month ("Januari 2022")."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


@functools.total_ordering
@dataclass(frozen=True, kw_only=True)
class PartialDate:
    """A calendar date whose day may be unknown.

    Ordered by calendar, a month written alone before every day of that month: ``2022-01``
    < ``2022-01-01`` < ``2022-02``. (Field-wise ordering would compare ``None`` with a day.)
    """

    year: int
    month: int
    day: int | None = None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._calendar_key() < other._calendar_key()

    def _calendar_key(self) -> tuple[int, int, int]:
        # Day 0 never exists, so the key is as fine as equality: a total order.
        return (self.year, self.month, self.day or 0)

    def iso(self) -> str:
        month = f"{self.year:04d}-{self.month:02d}"
        return month if self.day is None else f"{month}-{self.day:02d}"

    def indonesian(self) -> str:
        """``3 Januari 2022``, or ``Januari 2022`` when the day is unknown."""
        month = f"{BULAN[self.month - 1]} {self.year}"
        return month if self.day is None else f"{self.day} {month}"

    def __str__(self) -> str:
        return self.iso()


def parse_date(value: object) -> PartialDate | str:
    """Read a YAML date value; returns the date, or a message saying what is wrong.

    Dates always arrive as text: ``yamlsource`` keeps ``2019-10-10`` a string, so that an
    impossible ``2019-02-30`` gets this message rather than a constructor's traceback.
    """
    if not isinstance(value, str):
        return "tanggal harus ditulis YYYY-MM-DD (atau YYYY-MM bila hanya bulannya diketahui)"
    match = _DATE.fullmatch(value.strip())
    if not match:
        return (
            f"tanggal '{value}' tidak dikenali; tulis YYYY-MM-DD, misalnya 2022-01-03 "
            "(atau YYYY-MM, misalnya 2022-01, bila hanya bulannya diketahui)"
        )
    year, month = int(match[1]), int(match[2])
    day = int(match[3]) if match[3] else None
    if not 1 <= month <= 12:
        return f"tanggal '{value}' tidak ada: bulan harus 01 sampai 12"
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return f"tanggal '{value}' tidak ada: {BULAN[month - 1]} {year} tidak punya tanggal {day}"
    return PartialDate(year=year, month=month, day=day)
