"""The public entry point of the plan for other apps: services write, selectors read."""

from .selectors import (  # noqa: F401
    MeasureChoice,
    WorkPlanPeriod,
    measure_choices,
    objectives_with_measures,
    visible_work_plans,
    work_plan_periods,
)
