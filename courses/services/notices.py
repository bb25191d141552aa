"""Notices to learners and managers about enrolments."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import notify, profile_of

from .. import selectors
from ..models import (
    Enrolment,
    EnrolmentStatus,
)


def _url(path: str) -> str:
    """Notices keep site-relative links; the e-mail task makes them absolute."""
    return path or ""


ENROLMENT_SUBJECTS = {
    EnrolmentStatus.ACTIVE: gettext_lazy("You are enrolled in a course"),
    EnrolmentStatus.WAITLISTED: gettext_lazy("You are on a course's waiting list"),
    EnrolmentStatus.PENDING: gettext_lazy("Your enrolment waits for approval"),
}
ENROLMENT_BODIES = {
    EnrolmentStatus.ACTIVE: gettext_lazy("You are enrolled in “%(course)s”. You can start its lessons now."),
    EnrolmentStatus.WAITLISTED: gettext_lazy("“%(course)s” is full; you will get a seat when one frees."),
    EnrolmentStatus.PENDING: gettext_lazy(
        "Your agency's training manager has been asked to approve your enrolment in “%(course)s”."
    ),
}


def _notify_enrolment(enrolment: Enrolment) -> None:
    if enrolment.status not in ENROLMENT_SUBJECTS:
        return
    template, title = ENROLMENT_BODIES[enrolment.status], enrolment.course.title

    def body() -> str:
        return str(template) % {"course": title}

    notify(
        recipients=[enrolment.user],
        kind=f"courses.enrolment.{enrolment.status}",
        subject=ENROLMENT_SUBJECTS[enrolment.status],
        body=body,
        url=_url(enrolment.course.url or ""),
        dedupe_key=f"courses:enrolment:{enrolment.pk}:{enrolment.status}",
    )


def _notify_approval_request(enrolment: Enrolment) -> None:
    from django.urls import reverse

    learner = profile_of(enrolment.user_id)
    name = learner.name if learner else str(enrolment.user)
    title = enrolment.course.title
    notify(
        recipients=selectors.agency_managers_of(enrolment.user),
        kind="courses.enrolment.approval_request",
        subject=gettext_lazy("An enrolment waits for your approval"),
        body=lambda: _("%(name)s asks to enrol in “%(course)s”.") % {"name": name, "course": title},
        url=_url(reverse("courses:manage")),
        dedupe_key=f"courses:approval:{enrolment.pk}",
    )
