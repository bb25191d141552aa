"""The public entry point of training activities for other apps: counts for monitoring and the
plan's follow-up, never people."""

from .selectors import attendance_facts, attendance_totals  # noqa: F401
