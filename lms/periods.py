"""The calendar quarter of a moment, for every app that counts things per period.

Figures are stored per UTC quarter (monitoring folds quarters into semesters and years), so the
apps that hand facts to monitoring and monitoring itself must cut quarters the same way."""

from __future__ import annotations

import datetime


def quarter_of(moment: datetime.date | datetime.datetime) -> datetime.date:
    """The first day of the quarter holding ``moment``: a datetime is read in UTC (23:59:59 UTC on
    30 June is in the second quarter, 00:00 UTC on 1 July in the third); a date is taken as it is."""
    day = moment.astimezone(datetime.UTC).date() if isinstance(moment, datetime.datetime) else moment
    return datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
