"""Notices of the library, in each recipient's language (through accounts.api.notify): a practice
submitted (to its state's coordinators), reviewed (to the submitter; approved ones also to the
secretariat), published (to the submitter) and adopted (to the submitter and the state's
coordinators)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.api import Role, notify, users_with_role


def _practice(practice_id: int):
    from .models import Practice

    return Practice.objects.select_related("state", "submitted_by").filter(pk=practice_id).first()


def _url(practice) -> str:
    return reverse("practices:practice", kwargs={"pk": practice.pk})


def submitted(*, practice_id: int) -> None:
    practice = _practice(practice_id)
    if practice is None:
        return
    coordinators = users_with_role(role=Role.NATIONAL_COORDINATOR, state=practice.state).exclude(
        pk=practice.submitted_by_id
    )
    notify(
        recipients=list(coordinators),
        kind="practices.submitted",
        subject=lambda: _("A good practice awaits your review: %(title)s") % {"title": practice.title},
        body=lambda: practice.summary,
        url=_url(practice),
        dedupe_key=f"practices.submitted:{practice.pk}:{practice.updated_at.isoformat()}",
    )


def reviewed(*, practice_id: int) -> None:
    from .models import Status

    practice = _practice(practice_id)
    if practice is None:
        return
    approved = practice.status == Status.REVIEWED
    key = f"practices.reviewed:{practice.pk}:{practice.reviewed_at.isoformat() if practice.reviewed_at else ''}"
    notify(
        recipients=[practice.submitted_by],
        kind="practices.reviewed",
        subject=lambda: (
            (
                _("Your practice was reviewed and goes to the secretariat: %(title)s")
                if approved
                else _("Your practice was returned to you: %(title)s")
            )
            % {"title": practice.title}
        ),
        body=lambda: practice.review_comment,
        url=_url(practice),
        dedupe_key=key,
    )
    if approved:
        notify(
            recipients=list(users_with_role(role=Role.SECRETARIAT).exclude(pk=practice.submitted_by_id)),
            kind="practices.to_publish",
            subject=lambda: _("A reviewed good practice awaits publication: %(title)s") % {"title": practice.title},
            body=lambda: practice.summary,
            url=_url(practice),
            dedupe_key=key + ":secretariat",
        )


def published(*, practice_id: int) -> None:
    practice = _practice(practice_id)
    if practice is None:
        return
    notify(
        recipients=[practice.submitted_by],
        kind="practices.published",
        subject=lambda: _("Your good practice is published: %(title)s") % {"title": practice.title},
        url=_url(practice),
        dedupe_key=f"practices.published:{practice.pk}",
    )


def adopted(*, adoption_id: int) -> None:
    from .models import Adoption

    adoption = (
        Adoption.objects.select_related("practice__state", "practice__submitted_by", "agency")
        .filter(pk=adoption_id)
        .first()
    )
    if adoption is None:
        return
    practice = adoption.practice
    recipients = {practice.submitted_by, *users_with_role(role=Role.NATIONAL_COORDINATOR, state=practice.state)}
    notify(
        recipients=sorted(recipients, key=lambda user: user.pk),
        kind="practices.adopted",
        subject=lambda: (
            _("%(agency)s adopted your state's practice: %(title)s")
            % {"agency": adoption.agency.name, "title": practice.title}
        ),
        body=lambda: adoption.note,
        url=_url(practice),
        dedupe_key=f"practices.adopted:{adoption.pk}",
    )
