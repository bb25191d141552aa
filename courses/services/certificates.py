"""Certificates: issue (once per learner and course) and revoke."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import notify, profile_of

from .. import access
from ..models import (
    Certificate,
    Enrolment,
    EnrolmentStatus,
)
from . import records


def certificate_issue(*, enrolment_id: int) -> Certificate | None:
    """Issue the certificate of a completed enrolment: exactly one per learner and course.

    Two steps, each safe to repeat: the row (the unique constraint decides a race), then the PDF if it
    is still missing. A task that runs twice, or dies between the steps, ends with one certificate."""
    enrolment = Enrolment.objects.select_related("course", "course__agency", "user").filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.status != EnrolmentStatus.COMPLETED:
        return None
    course = enrolment.course
    profile = profile_of(enrolment.user_id)
    language = (profile.preferred_language if profile else None) or "en"
    holder = profile.name if profile else str(enrolment.user)
    try:
        with transaction.atomic():
            certificate, created = Certificate.objects.get_or_create(
                user=enrolment.user,
                course=course,
                defaults={
                    "enrolment": enrolment,
                    "holder_name": holder,
                    "course_title": course.title,
                    "hours": Decimal(course.estimated_hours),
                    "issuer_state_id": course.state_id,
                    "issuer_agency": course.agency.name if course.agency else "",
                    "language": language,
                    "issued_at": enrolment.completed_at or timezone.now(),
                },
            )
            if created:
                records.certificate_issued(certificate, enrolment)
    except IntegrityError:
        certificate = Certificate.objects.get(user=enrolment.user, course=course)
    if not certificate.pdf:
        from ..certificates import render_certificate_pdf

        pdf_bytes = render_certificate_pdf(certificate)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if not locked.pdf:
                from django.core.files.base import ContentFile

                locked.pdf.save(f"{locked.code}.pdf", ContentFile(pdf_bytes), save=True)
            certificate = locked
    from django.urls import reverse

    from ..certificates import verification_url

    verify = reverse("certificate_verify", args=[certificate.code])
    absolute, title = verification_url(certificate.code), certificate.course_title
    notify(
        recipients=[enrolment.user],
        kind="courses.certificate",
        subject=gettext_lazy("Your certificate is ready"),
        body=lambda: (
            _("Your certificate for “%(course)s” is ready. Anyone can check it at %(url)s")
            % {"course": title, "url": absolute}
        ),
        url=verify,
        dedupe_key=f"courses:certificate:{certificate.pk}",
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, revoker, certificate: Certificate, reason: str) -> Certificate:
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if not access.can_revoke_certificate(revoker, certificate):
        raise PermissionDenied(_("Only a national coordinator of the issuing state can revoke this certificate."))
    if certificate.revoked_at:
        raise ValidationError(_("This certificate has already been revoked."), code="conflict")
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for revoking; it is shown on the verification page.")})
    certificate.revoked_at, certificate.revoked_by = timezone.now(), revoker
    certificate.revoke_reason = reason.strip()[:2000]
    certificate.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
    records.certificate_revoked(certificate, revoker=revoker)
    return certificate


def issue_attendance_certificate(
    *,
    user,
    activity_ref: str,
    title: str,
    hours: Decimal,
    issuer_state_id: int,
    issuer_agency: str = "",
    issued_at=None,
    url: str = "",
) -> str:
    """Issue the attendance certificate of a training activity (the activities app names it by
    ``activity_ref``): one per holder and activity, with the same verification page, PDF and
    revocation as a course's. Safe to repeat; returns the verification code."""
    activity_ref = (activity_ref or "").strip()
    if not activity_ref or len(activity_ref) > 80:
        raise ValidationError(_("An attendance certificate needs the activity it is for."))
    if Decimal(hours) <= 0:
        raise ValidationError(_("An attendance certificate needs the hours attended."))
    profile = profile_of(user.pk)
    language = (profile.preferred_language if profile else None) or "en"
    holder = profile.name if profile else str(user)
    try:
        with transaction.atomic():
            certificate, created = Certificate.objects.get_or_create(
                user=user,
                activity_ref=activity_ref,
                defaults={
                    "kind": Certificate.Kind.ATTENDANCE,
                    "holder_name": holder,
                    "course_title": title[:255],
                    "hours": Decimal(hours).quantize(Decimal("0.1")),
                    "issuer_state_id": issuer_state_id,
                    "issuer_agency": issuer_agency[:200],
                    "language": language,
                    "issued_at": issued_at or timezone.now(),
                },
            )
    except IntegrityError:
        certificate, created = Certificate.objects.get(user=user, activity_ref=activity_ref), False
    if not certificate.pdf:
        from django.core.files.base import ContentFile

        from ..certificates import render_certificate_pdf

        pdf_bytes = render_certificate_pdf(certificate)
        with transaction.atomic():
            locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
            if not locked.pdf:
                locked.pdf.save(f"{locked.code}.pdf", ContentFile(pdf_bytes), save=True)
            certificate = locked
    if created:
        from django.urls import reverse

        from ..certificates import verification_url

        absolute, code = verification_url(certificate.code), certificate.code
        notify(
            recipients=[user],
            kind="courses.attendance_certificate",
            subject=gettext_lazy("Your certificate of attendance is ready"),
            body=lambda: (
                _("Your certificate of attendance for “%(title)s” is ready. Anyone can check it at %(url)s")
                % {"title": title, "url": absolute}
            ),
            url=url or reverse("certificate_verify", args=[code]),
            dedupe_key=f"courses:certificate:{certificate.pk}",
        )
    return certificate.code
