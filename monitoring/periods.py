"""Reporting periods: semesters (the default, since work plans are biannual), years and quarters.

Every period is a whole number of calendar quarters in UTC, so figures are stored per quarter and
folded into semesters and years without going back to the source records. A period's start is
inclusive and its end exclusive: a completion at 23:59:59 UTC on 30 June belongs to the first
semester, one at 00:00 UTC on 1 July to the second."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from lms.periods import quarter_of  # noqa: F401  (the quarters that facts are stored in)

UTC = datetime.UTC


class Kind:
    SEMESTER = "S"
    QUARTER = "Q"
    YEAR = "Y"


KINDS = (Kind.SEMESTER, Kind.YEAR, Kind.QUARTER)
_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?P<kind>[SQ])(?P<n>\d))?$")
_QUARTERS_IN = {Kind.SEMESTER: 2, Kind.QUARTER: 1, Kind.YEAR: 4}
_PER_YEAR = {Kind.SEMESTER: 2, Kind.QUARTER: 4, Kind.YEAR: 1}


def kind_label(kind: str) -> str:
    return {Kind.SEMESTER: _("Semesters"), Kind.QUARTER: _("Quarters"), Kind.YEAR: _("Years")}[kind]


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str = Kind.SEMESTER
    number: int = 1

    # --- construction ---------------------------------------------------------------------------

    @classmethod
    def parse(cls, key: str) -> Period:
        """'2026-S1', '2026-Q3' or '2026'; raises ValueError on anything else."""
        match = _PATTERN.match((key or "").strip())
        if not match:
            raise ValueError(key)
        year = int(match["year"])
        if not 1990 <= year <= 2100:
            raise ValueError(key)
        if match["kind"] is None:
            return cls(year, Kind.YEAR, 1)
        kind, number = match["kind"], int(match["n"])
        if not 1 <= number <= _PER_YEAR[kind]:
            raise ValueError(key)
        return cls(year, kind, number)

    @classmethod
    def containing(cls, moment: datetime.datetime | datetime.date, kind: str = Kind.SEMESTER) -> Period:
        if isinstance(moment, datetime.datetime):
            moment = moment.astimezone(UTC).date()
        quarter = (moment.month - 1) // 3  # 0..3
        if kind == Kind.YEAR:
            return cls(moment.year, Kind.YEAR, 1)
        if kind == Kind.SEMESTER:
            return cls(moment.year, Kind.SEMESTER, quarter // 2 + 1)
        return cls(moment.year, Kind.QUARTER, quarter + 1)

    @classmethod
    def current(cls, kind: str = Kind.SEMESTER) -> Period:
        return cls.containing(timezone.now(), kind)

    # --- what it covers -------------------------------------------------------------------------

    @property
    def key(self) -> str:
        if self.kind == Kind.YEAR:
            return str(self.year)
        return f"{self.year}-{self.kind}{self.number}"

    @property
    def first_month(self) -> int:
        return (self.number - 1) * 3 * _QUARTERS_IN[self.kind] + 1

    @property
    def start(self) -> datetime.datetime:
        return datetime.datetime(self.year, self.first_month, 1, tzinfo=UTC)

    @property
    def end(self) -> datetime.datetime:
        """Exclusive."""
        return self.next().start

    @property
    def quarters(self) -> list[datetime.date]:
        """The first day of each quarter in the period (how facts are stored)."""
        return [datetime.date(self.year, self.first_month + 3 * i, 1) for i in range(_QUARTERS_IN[self.kind])]

    def contains(self, moment: datetime.datetime) -> bool:
        return self.start <= moment < self.end

    def next(self) -> Period:
        if self.number < _PER_YEAR[self.kind]:
            return Period(self.year, self.kind, self.number + 1)
        return Period(self.year + 1, self.kind, 1)

    def previous(self) -> Period:
        if self.number > 1:
            return Period(self.year, self.kind, self.number - 1)
        return Period(self.year - 1, self.kind, _PER_YEAR[self.kind])

    def series(self, count: int) -> list[Period]:
        """The `count` periods ending with this one, oldest first."""
        periods = [self]
        while len(periods) < count:
            periods.insert(0, periods[0].previous())
        return periods

    @property
    def label(self) -> str:
        if self.kind == Kind.YEAR:
            return str(self.year)
        if self.kind == Kind.SEMESTER:
            if self.number == 1:
                return _("1st semester %(year)s") % {"year": self.year}
            return _("2nd semester %(year)s") % {"year": self.year}
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    @property
    def short_label(self) -> str:
        if self.kind == Kind.YEAR:
            return str(self.year)
        if self.kind == Kind.SEMESTER:
            return _("S%(number)s %(year)s") % {"number": self.number, "year": self.year}
        return _("Q%(number)s %(year)s") % {"number": self.number, "year": self.year}

    def __str__(self) -> str:
        return self.label


def period_choices(kind: str = Kind.SEMESTER, *, count: int = 12, until: Period | None = None) -> list[Period]:
    """Recent periods for a selector, newest first."""
    last = until or Period.current(kind)
    return list(reversed(last.series(count)))
