"""The calendar file parses back with the right dates and time zone; the terms PDF renders."""

import datetime
import zoneinfo

import icalendar
from django.urls import reverse

from instructors.models import Stage

from .factories import agreement


def test_calendar_parses_back_in_the_host_time_zone(client, world):
    subject = agreement(
        profile=world.instructor,
        host_agency=world.host_agency,
        proposed_by=world.host_manager,
        stage=Stage.SCHEDULED,
        start_date=datetime.date(2027, 3, 1),
        end_date=datetime.date(2027, 3, 5),
        daily_start=datetime.time(8, 30),
        daily_end=datetime.time(16, 0),
        time_zone="America/Bogota",
    )
    client.force_login(world.instructor.user)
    response = client.get(reverse("instructors:agreement_calendar", args=[subject.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    bogota = zoneinfo.ZoneInfo("America/Bogota")
    assert start == datetime.datetime(2027, 3, 1, 8, 30, tzinfo=bogota)
    assert end == datetime.datetime(2027, 3, 1, 16, 0, tzinfo=bogota)
    assert start.utcoffset() == datetime.timedelta(hours=-5)
    assert str(start.tzinfo) == "America/Bogota"
    assert event["dtstart"].params["TZID"] == "America/Bogota"
    assert event["rrule"]["FREQ"] == ["DAILY"] and event["rrule"]["COUNT"] == [5]
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Bogota"]
    assert str(event["summary"]) == subject.title


def test_calendar_only_once_scheduled_and_only_for_parties(client, world, stranger):
    subject = agreement(profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager)
    client.force_login(world.instructor.user)
    assert client.get(reverse("instructors:agreement_calendar", args=[subject.pk])).status_code == 404
    client.force_login(world.other_coordinator)
    assert client.get(reverse("instructors:agreement_pdf", args=[subject.pk])).status_code == 404


def test_terms_pdf(client, world):
    subject = agreement(
        profile=world.instructor, host_agency=world.host_agency, proposed_by=world.host_manager, stage=Stage.SCHEDULED
    )
    client.force_login(world.host_coordinator)
    response = client.get(reverse("instructors:agreement_pdf", args=[subject.pk]))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    from io import BytesIO

    from pypdf import PdfReader

    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Crime scene investigation" in text and "America/Bogota" in text
