"""The public entry point of curricula for other apps: services write, selectors read."""

from .models import Competency, Topic  # noqa: F401
from .taxonomy import Delivery, Discipline, Level, Scope  # noqa: F401
