"""The public entry point of monitoring for other apps: services write, selectors read."""

from .charts import bars  # noqa: F401
from .indicators import DIMENSION_LABELS, INDICATORS, Indicator, dimension_choices  # noqa: F401  # noqa: F401
from .periods import (  # noqa: F401
    Kind,
    Period,  # noqa: F401
    period_choices,
)
from .selectors import Cell, Row, Table, hemisphere_dashboard, state_dashboard, state_figures  # noqa: F401  # noqa: F401
from .services import facts_rebuild  # noqa: F401
from .suppression import SHOWN, SMALL, THRESHOLD, protect  # noqa: F401
