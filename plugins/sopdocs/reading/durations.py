"""Mutu Baku ``waktu`` as authors write it (``1 hari``, ``1-2 minggu``), and procedure totals.

Units are never converted into one another: whether a ``hari`` means a working day or a
calendar day is the agency's business, so a total reads ``2 minggu 3 hari 4 jam``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = ("tahun", "bulan", "minggu", "hari kerja", "hari", "jam", "menit")
"""Largest first: the order a total is read in."""

_NUMBER = r"\d+(?:[.,]\d+)?"
_WAKTU = re.compile(
    rf"(?P<low>{_NUMBER})\s*(?:(?:-|–|s\.?d\.?|sampai)\s*(?P<high>{_NUMBER}))?\s*"
    r"(?P<unit>hari\s+kerja|tahun|bulan|minggu|hari|jam|menit)",
    re.IGNORECASE,
)


def _number(text: str) -> float:
    return float(text.replace(",", "."))


@dataclass(frozen=True, kw_only=True)
class Duration:
    """``low``-``high`` of one unit; ``low == high`` when a single figure was written."""

    low: float
    high: float
    unit: str


def parse_waktu(text: str) -> Duration | None:
    """Understand ``N unit`` or ``N-M unit``; None for anything else (``Jam kerja harian``)."""
    match = _WAKTU.fullmatch(text.strip())
    if not match:
        return None
    low = _number(match["low"])
    high = _number(match["high"]) if match["high"] else low
    if high < low:
        return None
    unit = " ".join(match["unit"].lower().split())
    return Duration(low=low, high=high, unit=unit)


@dataclass(frozen=True, kw_only=True)
class TotalTime:
    """The sum of a procedure's step times, per unit, largest unit first."""

    parts: tuple[Duration, ...]
    """Written by the templates' ``waktu`` filter: ``2–3 hari 0,5 jam 30 menit``."""


def total_time(durations: list[Duration | None]) -> TotalTime | None:
    """Sum the steps' times; None when any step's time is missing or not understood."""
    known = [d for d in durations if d is not None]
    if not durations or len(known) < len(durations):
        return None
    lows: dict[str, float] = {}
    highs: dict[str, float] = {}
    for d in known:
        lows[d.unit] = lows.get(d.unit, 0.0) + d.low
        highs[d.unit] = highs.get(d.unit, 0.0) + d.high
    parts = tuple(
        Duration(low=lows[unit], high=highs[unit], unit=unit) for unit in UNITS if unit in lows
    )
    return TotalTime(parts=parts)
