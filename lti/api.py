"""The public entry point of the LTI tool for other apps (nobody reads it yet)."""

from .access import can_manage_platforms  # noqa: F401
from .selectors import roster_of  # noqa: F401
