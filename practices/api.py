"""The public entry point of the good-practice library for other apps: services write, selectors read.

The plan's follow-up and monitoring read the library through here (they sit above it)."""

from .selectors import AdoptionCounts, adoption_counts  # noqa: F401
