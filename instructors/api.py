"""The public entry point of instructors for other apps: services write, selectors read."""

from .facts import exchange_facts, exchange_participant_facts, instructor_facts  # noqa: F401
