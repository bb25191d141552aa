"""The public entry point of monitoring for other apps: services write, selectors read."""

from .charts import bars  # noqa: F401
from .indicators import DIMENSION_LABELS, INDICATORS, Indicator, dimension_choices  # noqa: F401
from .periods import Kind, Period, period_choices  # noqa: F401
from .selectors import (  # noqa: F401
    Cell,
    Row,
    Table,
    hemisphere_dashboard,
    state_dashboard,
    state_figures,
    states_totals,
)
from .services import facts_rebuild  # noqa: F401
from .suppression import SHOWN, SMALL, THRESHOLD, protect  # noqa: F401
