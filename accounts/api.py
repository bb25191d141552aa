"""The public entry point of accounts for other apps: services write, selectors read.

Other apps import ``accounts.api`` and ``accounts.access`` only. Of the models, only ``MemberState``
and ``Agency`` are here: other apps' foreign keys point at them and handlers take ``MemberState`` as a
signal sender (decision 0070). ``AgencyKind``, ``Gender``, ``Role`` and ``Subregion`` are choices."""

from .access import Audience, Scope, Viewer, can_view, can_view_object, visible_q, visible_scope  # noqa: F401
from .audience import AudiencePageMixin, sync_view_restriction  # noqa: F401
from .demo import demo_official_ensure, demo_party_ensure, demo_role_ensure, demo_role_holder  # noqa: F401
from .models import Agency, AgencyKind, Gender, MemberState, Role, Subregion, VerificationMethod  # noqa: F401
from .notifications import mark_read, notify, unread_count  # noqa: F401
from .selectors import (  # noqa: F401
    active_grants,
    active_user_by_email,
    active_user_by_id,
    active_users,
    agencies,
    agencies_in,
    agency_by_id,
    first_agency_of,
    first_user_with_role,
    member_state_by_id,
    member_state_for_code,
    member_state_shown,
    member_states,
    member_states_with_ids,
    officials_of,
    platform_mbox_sha1sums,
    platform_mboxes,
    profile_for,
    profile_of,
    subregion_by_state_code,
    user_ids_with_role,
    users_with_role,
    users_with_secretariat_powers,
    verification_requests_for_decider,
)
from .services import (  # noqa: F401
    agency_create,
    agency_for_email,
    identity_provider_verifications_withdraw,
    member_state_by_code,
    member_state_create,
    profile_get_or_create,
    profile_update,
    role_grant,
    role_revoke,
    state_groups_ensure,
    user_groups_sync,
    verification_decide,
    verification_request_create,
    verification_withdraw_for_agency,
    verify_by_email_domain,
    verify_by_identity_provider,
)
