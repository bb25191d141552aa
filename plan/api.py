"""The public entry point of the plan for other apps: services write, selectors read."""

from .selectors import objectives_with_measures, visible_work_plans  # noqa: F401
