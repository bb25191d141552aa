import datetime

import pytest

from monitoring.periods import Kind, Period, quarter_of

UTC = datetime.UTC


def test_parse_and_keys():
    assert Period.parse("2026-S1") == Period(2026, Kind.SEMESTER, 1)
    assert Period.parse("2026-Q3").key == "2026-Q3"
    assert Period.parse("2026").kind == Kind.YEAR
    for bad in ("2026-S3", "2026-Q0", "26-S1", "2026-X1", "", "2026-S1; drop", "1800"):
        with pytest.raises(ValueError):
            Period.parse(bad)


def test_semester_boundaries_are_utc_and_half_open():
    s1, s2 = Period.parse("2026-S1"), Period.parse("2026-S2")
    last_minute = datetime.datetime(2026, 6, 30, 23, 59, 59, tzinfo=UTC)
    first_minute = datetime.datetime(2026, 7, 1, 0, 0, tzinfo=UTC)
    assert s1.contains(last_minute) and not s1.contains(first_minute)
    assert s2.contains(first_minute) and not s2.contains(last_minute)
    assert Period.containing(last_minute) == s1 and Period.containing(first_minute) == s2
    assert quarter_of(last_minute) == datetime.date(2026, 4, 1)
    assert quarter_of(first_minute) == datetime.date(2026, 7, 1)
    # 20:30 on 30 June in Bogotá is already 1 July in UTC: the period follows UTC.
    bogota = datetime.datetime(2026, 6, 30, 20, 30, tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
    assert Period.containing(bogota) == s2
    assert s1.end == s2.start == first_minute


def test_quarters_series_and_neighbours():
    assert Period.parse("2026-S2").quarters == [datetime.date(2026, 7, 1), datetime.date(2026, 10, 1)]
    assert len(Period.parse("2026").quarters) == 4
    assert Period.parse("2026-S1").previous() == Period.parse("2025-S2")
    assert Period.parse("2026-Q4").next() == Period.parse("2027-Q1")
    assert [p.key for p in Period.parse("2026-S1").series(3)] == ["2025-S1", "2025-S2", "2026-S1"]
    assert Period.parse("2026").end == datetime.datetime(2027, 1, 1, tzinfo=UTC)
