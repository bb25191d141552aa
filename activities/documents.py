"""A reader's calendar file (iCalendar, RFC 5545): each visible activity as one event, each of its
sessions as an event of its own. Written with ``icalendar``, which folds lines and escapes text
(backslashes, commas, semicolons, new lines) as the RFC says."""

from __future__ import annotations

from django.utils import timezone

from .models import Activity, Status


def calendar_file(activities: list[Activity], *, base_url: str, language: str) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Capacitas//Training activities//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Capacitas")
    stamp = timezone.now()
    for activity in activities:
        url = f"{base_url}/{language}/activities/{activity.pk}/"
        place = activity.venue or activity.online_url
        sessions = list(activity.sessions.all())
        parts = sessions or [None]
        for session in parts:
            event = icalendar.Event()
            suffix = f"-{session.pk}" if session else ""
            event.add("uid", f"{activity.uid}{suffix}@capacitas")
            event.add("dtstamp", stamp)
            title = f"{activity.title} – {session.title}" if session else activity.title
            event.add("summary", title)
            event.add("dtstart", (session or activity).starts_at)
            event.add("dtend", (session or activity).ends_at)
            if place:
                event.add("location", place)
            event.add("description", f"{activity.description}\n{url}".strip())
            event.add("url", url)
            event.add("status", "CANCELLED" if activity.status == Status.CANCELLED else "CONFIRMED")
            calendar.add_component(event)
    return calendar.to_ical()
