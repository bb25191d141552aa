"""Files made from an agreement: the calendar (iCalendar) and the agreed terms (PDF)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.template.loader import render_to_string
from django.utils import timezone

from .models import Agreement


def agreement_calendar(agreement: Agreement, *, url: str = "") -> bytes:
    """One event a day from the first to the last day, at the daily hours in the host's time zone
    (a daily recurrence with TZID and its VTIMEZONE, so calendars show the local hours right)."""
    import icalendar

    tz = zoneinfo.ZoneInfo(str(agreement.time_zone))
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Capacitas//Instructor exchange//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"capacitas-agreement-{agreement.pk}@capacitas")
    event.add("dtstamp", timezone.now())
    event.add("summary", agreement.title)
    event.add("dtstart", datetime.datetime.combine(agreement.start_date, agreement.daily_start, tzinfo=tz))
    event.add("dtend", datetime.datetime.combine(agreement.start_date, agreement.daily_end, tzinfo=tz))
    days = (agreement.end_date - agreement.start_date).days + 1
    if days > 1:
        event.add("rrule", {"freq": "daily", "count": days})
    event.add("location", agreement.location)
    description = f"{agreement.instructor.name} – {agreement.home_agency} → {agreement.host_agency}"
    event.add("description", f"{description}\n{url}".strip())
    if url:
        event.add("url", url)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def agreement_pdf(agreement: Agreement, *, base_url: str = "") -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "instructors/agreement_pdf.html",
        {
            "agreement": agreement,
            "events": agreement.events.select_related("actor").all(),
            "topics": agreement.topics.all(),
        },
    )
    return HTML(string=html, base_url=base_url or None).write_pdf()
