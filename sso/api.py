"""The public entry point of sso for other apps."""

from .selectors import provider_for_email  # noqa: F401
