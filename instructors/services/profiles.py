"""Writes for instructor profiles, their availability and certifications."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.api import Agency, notify, profile_for

from .. import access
from ..models import (
    AvailabilityWindow,
    Certification,
    InstructorLanguage,
    InstructorProfile,
)
from .notifications import site_url

# --- Profiles -----------------------------------------------------------------------------------

PROFILE_FIELDS = {"disciplines", "years_experience", "formats", "travel_subregions", "bio", "accepting"}


@transaction.atomic
def profile_save(
    *,
    user,
    agency: Agency,
    topics=(),
    pages_taught=(),
    languages: dict[str, str] | None = None,
    **fields,
) -> InstructorProfile:
    """Create or update the user's own profile. Changing the home agency ends the verification."""
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    account = profile_for(user)
    if account is None or account.verified_state_id is None:
        raise PermissionDenied(_("Only verified officials keep an instructor profile."))
    if (account.agency_id and account.agency_id != agency.pk) or agency.state_id != account.verified_state_id:
        raise ValidationError({"agency": _("Your home agency is the agency of your account.")})
    profile = InstructorProfile.objects.filter(user=user).first() or InstructorProfile(user=user)
    if profile.pk and profile.agency_id != agency.pk:
        profile.verified_at = None
        profile.verified_by = None
    profile.agency = agency
    profile.state_id = agency.state_id
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    profile.topics.set(topics)
    profile.pages_taught.set(pages_taught)
    if languages is not None:
        profile.languages.all().delete()
        for code, level in languages.items():
            row = InstructorLanguage(profile=profile, language=code, level=level)
            row.full_clean(exclude=["profile"])
            row.save()
    return profile


@transaction.atomic
def profile_verify(*, profile: InstructorProfile, actor) -> InstructorProfile:
    if not access.can_verify_profile(actor, profile):
        raise PermissionDenied(_("Only the home agency's manager or the state's coordinator can verify this profile."))
    profile.verified_at = timezone.now()
    profile.verified_by = actor
    profile.save(update_fields=["verified_at", "verified_by", "updated_at"])
    notify(
        recipients=[profile.user],
        kind="exchange.profile_verified",
        subject=gettext_lazy("Your instructor profile has been verified"),
        url=site_url(profile),
    )
    return profile


@transaction.atomic
def availability_add(
    *, profile: InstructorProfile, actor, starts_on: datetime.date, ends_on: datetime.date, note: str = ""
) -> AvailabilityWindow:
    if not access.can_edit_profile(actor, profile):
        raise PermissionDenied(_("You can change only your own profile."))
    window = AvailabilityWindow(profile=profile, starts_on=starts_on, ends_on=ends_on, note=note)
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def availability_remove(*, window: AvailabilityWindow, actor) -> None:
    if not access.can_edit_profile(actor, window.profile):
        raise PermissionDenied(_("You can change only your own profile."))
    window.delete()


CERTIFICATION_TYPES = {
    "application/pdf": b"%PDF-",
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
}
CERTIFICATION_MAX_BYTES = 5 * 1024 * 1024


def _sniff_type(upload: UploadedFile) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, magic in CERTIFICATION_TYPES.items():
        if head.startswith(magic):
            return content_type
    return None


@transaction.atomic
def certification_add(
    *,
    profile: InstructorProfile,
    actor,
    title: str,
    upload: UploadedFile,
    issuer: str = "",
    issued_on: datetime.date | None = None,
) -> Certification:
    """A PDF, PNG or JPEG of at most 5 MB, recognised by its content (not by its name)."""
    if not access.can_edit_profile(actor, profile):
        raise PermissionDenied(_("You can change only your own profile."))
    if upload.size > CERTIFICATION_MAX_BYTES:
        raise ValidationError({"file": _("The file is larger than 5 MB.")})
    content_type = _sniff_type(upload)
    if content_type is None:
        raise ValidationError({"file": _("Upload a PDF, PNG or JPEG file.")})
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    certification = Certification(
        profile=profile, title=title, issuer=issuer, issued_on=issued_on, content_type=content_type, size=upload.size
    )
    certification.full_clean(exclude=["file"])
    upload.name = f"certificate.{extension}"
    certification.file = upload
    certification.save()
    return certification
