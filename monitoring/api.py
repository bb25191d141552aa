"""The public entry point of monitoring for other apps: services write, selectors read."""

from .indicators import INDICATORS, Indicator  # noqa: F401
from .periods import Period  # noqa: F401
from .selectors import hemisphere_dashboard, state_dashboard  # noqa: F401
from .services import facts_rebuild  # noqa: F401
