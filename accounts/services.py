"""Writes for accounts: member states, agencies, verification and role grants.

Every service is keyword-only, validates before it writes, and raises ``ValidationError`` with a
translated message (or ``PermissionDenied``) without changing anything when the input is wrong.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Collection, GroupCollectionPermission

from . import access
from .access import GROUP_LAW_ENFORCEMENT, GROUP_SECRETARIAT, state_group_name
from .models import (
    Agency,
    AgencyDomain,
    AuditEvent,
    MemberState,
    Profile,
    Role,
    RoleGrant,
    VerificationMethod,
    VerificationRequest,
)

User = get_user_model()


def audit(*, actor, action: str, subject_user=None, **detail) -> AuditEvent:
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, action=action, subject_user=subject_user, detail=detail
    )


# --- Member states and agencies -------------------------------------------------------------------


def state_groups_ensure(*, state: MemberState) -> dict[str, Group]:
    """The three groups of a member state: its officials, its editors and its coordinators."""
    groups = {
        kind: Group.objects.get_or_create(name=state_group_name(kind, state.code))[0]
        for kind in ("officials", "editors", "coordinators")
    }
    authoring = list(
        Permission.objects.filter(
            Q(content_type__app_label="wagtailadmin", codename="access_admin")
            | Q(content_type__app_label=AUTHORING_APP, codename__in=AUTHORING_CODENAMES)
            # Wagtail's "Translate" action; it copies only pages the user may edit (their state's).
            | Q(content_type__app_label="simple_translation", codename="submit_translation")
        )
    )
    collection_permissions = list(
        Permission.objects.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs"], codename__in=COLLECTION_CODENAMES
        )
    )
    # Wagtail's migrations create the root collection; a database emptied by transactional tests has none.
    root_collection = Collection.get_first_root_node() or Collection.add_root(name="Root")
    for kind in ("editors", "coordinators"):
        groups[kind].permissions.add(*authoring)
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[kind], collection=root_collection, permission=permission
            )
    Group.objects.get_or_create(name=GROUP_LAW_ENFORCEMENT)
    secretariat_group_ensure()
    return groups


# Editors and coordinators author curricula and courses: they upload H5P content, images and
# documents (images and documents in the root collection, shared by all states).
AUTHORING_APP = "h5p"
AUTHORING_CODENAMES = ["add_h5pcontent", "change_h5pcontent", "view_h5pcontent"]
COLLECTION_CODENAMES = ["add_image", "choose_image", "add_document", "choose_document"]

# The secretariat manages member states and agencies in the admin (accounts.wagtail_hooks).
SECRETARIAT_MODEL_PERMISSIONS = [
    (model, action) for model in ("memberstate", "agency", "agencydomain") for action in ("add", "change", "delete")
]


def secretariat_group_ensure() -> Group:
    secretariat, _created = Group.objects.get_or_create(name=GROUP_SECRETARIAT)
    codenames = ["access_admin"] + [f"{action}_{model}" for model, action in SECRETARIAT_MODEL_PERMISSIONS]
    permissions = Permission.objects.filter(
        content_type__app_label__in=["wagtailadmin", "accounts"], codename__in=codenames
    )
    secretariat.permissions.add(*permissions)
    return secretariat


@transaction.atomic
def member_state_create(
    *, code: str, iso3: str, name_en: str, name_es: str, name_pt: str, name_fr: str, subregion: str
) -> MemberState:
    state = MemberState(
        code=(code or "").upper(),
        iso3=(iso3 or "").upper(),
        name_en=name_en,
        name_es=name_es,
        name_pt=name_pt,
        name_fr=name_fr,
        subregion=subregion,
    )
    state.full_clean()
    state.save()
    state_groups_ensure(state=state)
    return state


def member_state_by_code(code: str) -> MemberState:
    """Raise a translated ValidationError for an unknown code."""
    state = MemberState.objects.filter(code=(code or "").strip().upper()).first()
    if state is None:
        raise ValidationError(_("“%(code)s” is not the ISO 3166 code of an OAS member state.") % {"code": code})
    return state


@transaction.atomic
def agency_create(*, state: MemberState, name: str, kind: str, domains: list[str] | tuple[str, ...] = ()) -> Agency:
    agency = Agency(state=state, name=name, kind=kind)
    agency.full_clean()
    agency.save()
    for domain in domains:
        record = AgencyDomain(agency=agency, domain=domain.strip().lower())
        record.full_clean()
        record.save()
    return agency


# --- Profiles -------------------------------------------------------------------------------------


def profile_get_or_create(*, user, preferred_language: str | None = None) -> Profile:
    """The user's profile; a new one takes ``preferred_language`` when it is one of the site's."""
    defaults = {}
    if preferred_language in settings.LANGUAGE_CODES:
        defaults["preferred_language"] = preferred_language
    profile, _created = Profile.objects.get_or_create(user=user, defaults=defaults)
    return profile


@transaction.atomic
def profile_update(*, user, **fields) -> Profile:
    allowed = {"display_name", "member_state", "agency", "position", "preferred_language", "gender"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    profile = profile_get_or_create(user=user)
    verified_for = (profile.agency_id, profile.member_state_id)
    for name, value in fields.items():
        setattr(profile, name, value)
    if profile.agency_id and profile.member_state_id and profile.agency.state_id != profile.member_state_id:
        raise ValidationError({"agency": _("This agency belongs to another member state.")})
    if profile.agency_id and not profile.member_state_id:
        profile.member_state_id = profile.agency.state_id
    # Moving to another state or agency ends a verification made for the old one: the new agency
    # (or the new state's coordinator) verifies the official again.
    moved = (profile.agency_id, profile.member_state_id) != verified_for
    if profile.verified_state_id and (moved or profile.verified_state_id != profile.member_state_id):
        profile.verified_state = None
        profile.verified_at = None
        profile.verification_method = ""
        profile.verified_by = None
    profile.full_clean()
    profile.save()
    if "preferred_language" in fields:
        admin_language_sync(user=user, language=profile.preferred_language)
    user_groups_sync(user=user)
    return profile


def admin_language_sync(*, user, language: str) -> None:
    """Wagtail's admin keeps its own language preference; keep it equal to the profile's, so the
    admin is in the editor's language, never Wagtail's chrome in one and the project's in another."""
    from wagtail.users.models import UserProfile

    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language or ""})


def profile_language_from_admin(*, user_id: int, language: str) -> None:
    """A language chosen in Wagtail's account settings becomes the profile's preferred language too
    (a queryset update: it sends no signal back)."""
    if language in settings.LANGUAGE_CODES:
        Profile.objects.filter(user_id=user_id).exclude(preferred_language=language).update(preferred_language=language)


# --- Law-enforcement verification ----------------------------------------------------------------


def agency_for_email(email: str) -> Agency | None:
    domain = (email or "").rsplit("@", 1)[-1].strip().lower()
    if not domain:
        return None
    return Agency.objects.select_related("state").filter(domains__domain=domain).first()


@transaction.atomic
def verify_by_email_domain(*, user, email: str) -> Profile | None:
    """Called when an e-mail address is verified: an address on an agency's domain makes its owner a
    verified official of that agency's state."""
    agency = agency_for_email(email)
    if agency is None:
        return None
    profile = profile_get_or_create(user=user)
    if profile.agency_id and profile.agency_id != agency.pk:
        return None  # an address of another agency does not move anyone
    profile.agency = agency
    profile.member_state = agency.state
    profile.verified_state = agency.state
    profile.verified_at = timezone.now()
    profile.verification_method = VerificationMethod.EMAIL_DOMAIN
    profile.verified_by = None
    profile.save()
    audit(
        actor=user,
        action="verified_by_email_domain",
        subject_user=user,
        agency=agency.pk,
        email_domain=email.rsplit("@", 1)[-1],
    )
    user_groups_sync(user=user)
    return profile


@transaction.atomic
def verify_by_identity_provider(*, user, agency: Agency, provider: str) -> Profile:
    """A sign-in through the agency's own identity provider, which asserted that the person belongs
    to the agency: they are a verified official of the agency's state (the provider is trusted by
    its configuration, decision 0120). Another agency's earlier verification gives way to it."""
    profile = profile_get_or_create(user=user)
    renewed = profile.verification_method == VerificationMethod.IDENTITY_PROVIDER and profile.agency_id == agency.pk
    profile.agency = agency
    profile.member_state = agency.state
    profile.verified_state = agency.state
    profile.verified_at = timezone.now()
    profile.verification_method = VerificationMethod.IDENTITY_PROVIDER
    profile.verified_by = None
    profile.save()
    if not renewed:
        audit(
            actor=user, action="verified_by_identity_provider", subject_user=user, agency=agency.pk, provider=provider
        )
    user_groups_sync(user=user)
    return profile


@transaction.atomic
def verification_withdraw_for_agency(*, user, agency: Agency, actor=None, reason: str, provider: str = "") -> bool:
    """The agency (its identity provider, or whoever disabled that provider) no longer vouches for
    this person: a verification as an official of the agency ends. Returns whether one ended."""
    profile = Profile.objects.select_for_update().filter(user=user).first()
    if profile is None or profile.agency_id != agency.pk or profile.verified_state_id is None:
        return False
    method = profile.verification_method
    profile.verified_state = None
    profile.verified_at = None
    profile.verification_method = ""
    profile.verified_by = None
    profile.save()
    audit(
        actor=actor,
        action="verification_withdrawn",
        subject_user=user,
        agency=agency.pk,
        provider=provider,
        method=method,
        reason=reason,
    )
    user_groups_sync(user=user)
    return True


@transaction.atomic
def identity_provider_verifications_withdraw(*, agency: Agency, actor, provider: str) -> int:
    """The agency's identity provider was disabled or removed: everyone it verified loses that status."""
    count = 0
    profiles = Profile.objects.filter(
        agency=agency, verification_method=VerificationMethod.IDENTITY_PROVIDER, verified_state__isnull=False
    ).select_related("user")
    for profile in profiles:
        count += verification_withdraw_for_agency(
            user=profile.user, agency=agency, actor=actor, reason="provider_disabled", provider=provider
        )
    return count


@transaction.atomic
def verification_request_create(*, user, agency: Agency, message: str = "") -> VerificationRequest:
    if VerificationRequest.objects.filter(user=user, status=VerificationRequest.Status.PENDING).exists():
        raise ValidationError(_("You already have a verification request waiting for a decision."))
    profile = profile_get_or_create(user=user)
    if profile.verified_state_id == agency.state_id:
        raise ValidationError(_("You are already a verified official of this member state."))
    request = VerificationRequest(user=user, agency=agency, message=message)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def verification_decide(
    *, decider, request: VerificationRequest, approve: bool, reason: str = ""
) -> VerificationRequest:
    request = VerificationRequest.objects.select_for_update().select_related("agency").get(pk=request.pk)
    if not access.can_verify_official(decider, request.agency):
        raise PermissionDenied(
            _("Only the agency's training manager or the state's national coordinator can decide this.")
        )
    if request.user_id == decider.pk:
        raise PermissionDenied(_("You cannot decide your own verification request."))
    if request.status != VerificationRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Give a reason when you reject a request.")})
    request.status = VerificationRequest.Status.APPROVED if approve else VerificationRequest.Status.REJECTED
    request.decided_at = timezone.now()
    request.decided_by = decider
    request.reason = reason
    request.save()
    if approve:
        profile = profile_get_or_create(user=request.user)
        profile.agency = request.agency
        profile.member_state = request.agency.state
        profile.verified_state = request.agency.state
        profile.verified_at = request.decided_at
        profile.verification_method = VerificationMethod.APPROVAL
        profile.verified_by = decider
        profile.save()
        user_groups_sync(user=request.user)
    audit(
        actor=decider,
        action="verification_approved" if approve else "verification_rejected",
        subject_user=request.user,
        agency=request.agency_id,
        reason=reason,
    )
    return request


# --- Role grants ----------------------------------------------------------------------------------


@transaction.atomic
def role_grant(
    *, granter, user, role: str, state: MemberState | None = None, agency: Agency | None = None, reason: str = ""
) -> RoleGrant:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if role == Role.AGENCY_MANAGER:
        if agency is None:
            raise ValidationError({"agency": _("An agency training manager needs an agency.")})
        if state is not None and state.pk != agency.state_id:
            raise ValidationError({"agency": _("This agency belongs to another member state.")})
        state = None
    elif role in (Role.CURRICULUM_EDITOR, Role.NATIONAL_COORDINATOR):
        if state is None:
            raise ValidationError({"state": _("This role needs a member state.")})
        agency = None
    else:
        state = agency = None
    if not access.can_grant(granter, role=role, state_id=state.pk if state else None, agency=agency):
        raise PermissionDenied(_("You may not grant this role for this member state or agency."))
    existing = RoleGrant.objects.active().filter(user=user, role=role, state=state, agency=agency)
    if existing.exists():
        raise ValidationError(_("This person already holds this role."))
    grant = RoleGrant(
        user=user,
        role=role,
        state=state,
        agency=agency,
        granted_by=granter if getattr(granter, "pk", None) else None,
        reason=reason,
    )
    grant.full_clean()
    grant.save()
    audit(
        actor=granter,
        action="role_granted",
        subject_user=user,
        role=role,
        state=state.code if state else None,
        agency=agency.pk if agency else None,
    )
    access.forget(user)
    user_groups_sync(user=user)
    return grant


@transaction.atomic
def role_revoke(*, revoker, grant: RoleGrant, reason: str = "") -> RoleGrant:
    grant = RoleGrant.objects.select_for_update().get(pk=grant.pk)
    if grant.revoked_at:
        raise ValidationError(_("This role has already been revoked."))
    if not access.can_grant(revoker, role=grant.role, state_id=grant.state_id, agency=grant.agency):
        raise PermissionDenied(_("You may not revoke this role."))
    grant.revoked_at = timezone.now()
    grant.revoked_by = revoker
    grant.save()
    audit(actor=revoker, action="role_revoked", subject_user=grant.user, role=grant.role, grant=grant.pk, reason=reason)
    access.forget(grant.user)
    user_groups_sync(user=grant.user)
    return grant


def user_groups_sync(*, user) -> None:
    """Keep the user's Django groups (which Wagtail's permissions and view restrictions use) equal to
    what ``accounts.access`` decides."""
    access.forget(user)
    viewer = access.viewer_for(user)
    states = dict(MemberState.objects.values_list("pk", "code"))
    wanted: set[str] = set()
    if viewer.is_secretariat:
        wanted.add(GROUP_SECRETARIAT)
    if viewer.is_official:
        wanted.add(GROUP_LAW_ENFORCEMENT)
    for state_id in viewer.official_states:
        wanted.add(state_group_name("officials", states[state_id]))
    for state_id in viewer.editor_states:
        wanted.add(state_group_name("editors", states[state_id]))
    for state_id in viewer.coordinator_states:
        wanted.add(state_group_name("coordinators", states[state_id]))
    managed_names = {GROUP_SECRETARIAT, GROUP_LAW_ENFORCEMENT} | {
        state_group_name(kind, code) for code in states.values() for kind in ("officials", "editors", "coordinators")
    }
    current = set(user.groups.values_list("name", flat=True))
    for name in (current & managed_names) - wanted:
        user.groups.remove(Group.objects.get(name=name))
    for name in wanted - current:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    access.forget(user)
