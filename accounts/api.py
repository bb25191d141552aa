"""The public entry point of accounts for other apps: services write, selectors read.

Other apps import ``accounts.api`` and ``accounts.access`` only."""

from .access import Audience, Scope, Viewer, can_view, can_view_object, visible_q, visible_scope  # noqa: F401
from .audience import AudiencePageMixin, sync_view_restriction  # noqa: F401
from .models import (  # noqa: F401
    Agency,
    AgencyKind,
    Gender,
    MemberState,
    Profile,
    Role,
    Subregion,
)
from .notifications import mark_read, notify, unread_count  # noqa: F401
from .selectors import (  # noqa: F401
    active_grants,
    active_users,
    agencies,
    agencies_in,
    agency_by_id,
    member_state_by_id,
    member_state_for_code,
    member_states,
    member_states_with_ids,
    profile_for,
    profile_of,
    subregion_by_state_code,
    users_with_role,
    verification_requests_for_decider,
)
from .services import (  # noqa: F401
    agency_create,
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
    verify_by_email_domain,
)
