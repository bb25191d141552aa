"""The public entry point of xapi for other apps: services write, selectors read."""

from .services import (  # noqa: F401
    StatementConflict,
    StatementInvalid,
    actor_for_user,
    platform_authority,
    statement_store,
    statements_store,
)
