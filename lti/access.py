"""Who may manage LTI platforms: the secretariat (and superusers), after an MFA step."""

from __future__ import annotations

from accounts import access as accounts_access


def can_manage_platforms(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or accounts_access.is_secretariat(user)
    )
