"""Dates as Jekyll, Hugo, Eleventy and Zenn write them: parsing a written
date, what is wrong with a value that is not one, and the date a file name
carries."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ...globs import path_segments
from ...lazyre import lazy
from ...records import dataclass
from ...text import shorten
from .values import describe

_MONTHS = tuple(
    "january february march april may june july august september october november december".split()
)
_WEEKDAYS = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+"
_TIME = (
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d{1,9}))?)?"
    r"(?:[ \t]*(?P<ampm>[ap]\.?m\.?))?"
)
_ZONE = r"(?:[ \t]*(?P<tz>z|utc|gmt|[+-]\d{1,2}(?::?\d{2})?))?(?:[ \t]+(?P<abbr>[a-z]{2,5}))?"
#: 2024-01-31, 2024/1/31, with an optional time (T or spaces), fraction and
#: zone (Z, +09:00, +0900, -07 MST), as Jekyll's Time.parse and Hugo read them.
_ISO = lazy(
    r"(?P<y>\d{4})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
    r"(?:(?:t|[ \t]{1,4})" + _TIME + r")?" + _ZONE,
    re.I,
)
#: January 31, 2024 / Jan 31 2024 / Wed, 31 Jan 2024 15:04:05 -0700 (RFC 1123).
_NAMED_MDY = lazy(
    r"(?:" + _WEEKDAYS + r")?(?P<mon>[a-z]{3,9})\.?[ \t]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[ \t]+"
    r"(?P<y>\d{4})(?:,?[ \t]+(?:at[ \t]+)?" + _TIME + r")?" + _ZONE,
    re.I,
)
_NAMED_DMY = lazy(
    r"(?:" + _WEEKDAYS + r")?(?P<d>\d{1,2})(?:st|nd|rd|th)?[ \t]+(?P<mon>[a-z]{3,9})\.?,?[ \t]+"
    r"(?P<y>\d{4})(?:,?[ \t]+" + _TIME + r")?" + _ZONE,
    re.I,
)
#: Eleventy's special date values.
ELEVENTY_DATES = frozenset({"Last Modified", "Created", "git Last Modified", "git Created"})


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` (the Gregorian calendar),
    without importing :mod:`calendar` (and :mod:`locale`) at start-up."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True)
class WrittenDate:
    """A date as written: its calendar day in its own offset."""

    day: dt.date
    has_time: bool
    #: Whether an offset or zone was written (Z, +09:00, UTC, MST).
    has_offset: bool = False


def parse_written_date(text: str) -> WrittenDate | str:
    """Parse a date the way Jekyll or Hugo would accept it.

    Returns the date, or a reason in plain words when it is not one.
    """
    s = text.strip()
    if len(s) > 80:
        return "is too long to be a date"
    if s in ELEVENTY_DATES:
        return WrittenDate(dt.date.today(), False)
    m = _ISO.fullmatch(s) or _NAMED_MDY.fullmatch(s) or _NAMED_DMY.fullmatch(s)
    if m is None:
        return "is not a date Jekyll or Hugo can read"
    groups = m.groupdict()
    year, day = int(groups["y"]), int(groups["d"])
    if groups.get("mon"):
        word = groups["mon"].lower()
        month = next((i + 1 for i, name in enumerate(_MONTHS) if name.startswith(word)), 0)
        if not month:
            return f"has an unknown month name {groups['mon']!r}"
    else:
        month = int(groups["m"])
    if not 1 <= month <= 12:
        return f"is not a real date: there is no month {month}"
    if year < 1:
        return "is not a real date: there is no year 0"
    days = _days_in_month(year, month)
    if not 1 <= day <= days:
        return (
            f"is not a real date: {_MONTHS[month - 1].title()} {year} has {days} days"
            if day > 0
            else "is not a real date: there is no day 0"
        )
    if groups.get("H") is not None:
        hour, minute = int(groups["H"]), int(groups["M"])
        second = int(groups["S"] or 0)
        if groups.get("ampm"):
            if not 1 <= hour <= 12:
                return f"is not a real time: hour {hour} with {groups['ampm']}"
        elif hour > 23:
            return f"is not a real time: there is no hour {hour}"
        if minute > 59:
            return f"is not a real time: there is no minute {minute}"
        if second > 60:
            return f"is not a real time: there is no second {second}"
    tz = groups.get("tz")
    if tz and tz[0] in "+-":
        digits = tz[1:].replace(":", "")
        hours = int(digits[:2]) if len(digits) >= 2 else int(digits)
        minutes = int(digits[2:4]) if len(digits) >= 4 else 0
        if hours > 23 or minutes > 59:
            return f"has an impossible time-zone offset {tz}"
    return WrittenDate(
        dt.date(year, month, day),
        groups.get("H") is not None,
        bool(tz or groups.get("abbr")),
    )


def date_problem(key: str, value: Any, jekyll: bool) -> str | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return None
    if value is None or (isinstance(value, str) and not value.strip()):
        if key == "date" and jekyll:
            return "'date' is empty: Jekyll stops the build on an empty date; remove the line or set it"
        return None
    if isinstance(value, str):
        parsed = parse_written_date(value)
        if isinstance(parsed, WrittenDate):
            return None
        return f"'{key}' is {shorten(value.strip())!r}, which {parsed}"
    if isinstance(value, bool):
        return f"'{key}' is {str(value).lower()}, not a date"
    if isinstance(value, (int, float)):
        return f"'{key}' is the number {value}, not a date (write it as e.g. 2024-01-31)"
    if isinstance(value, dt.time):
        return f"'{key}' is a time of day without a date"
    return f"'{key}' is {describe(value)}, not a date"


_FILENAME_DATE = lazy(r"(\d{4})-(\d{2})-(\d{2})-[^/\\]+")


def filename_date(path: str) -> tuple[dt.date, str] | None:
    parts = path_segments(path)
    if not parts:
        return None
    name = parts[-1]
    stem = name.rsplit(".", 1)[0]
    if stem in ("index", "_index") and len(parts) >= 2:
        stem = parts[-2]  # a Hugo page bundle: the folder carries the name
    m = _FILENAME_DATE.fullmatch(stem)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(0)[:10]
    except ValueError:
        return None
