"""The public entry point of curricula for other apps: services write, selectors read.

Of the models only ``Topic`` is here, because instructors' profiles link to topics (a many-to-many
field, decision 0070); ``Licence`` and the taxonomy's values are choices."""

from .facts import adoption_facts, curriculum_publication_facts, module_coverage  # noqa: F401
from .models import Licence, Topic  # noqa: F401
from .selectors import (  # noqa: F401
    curricula_listing,
    live_curriculum,
    topic_slugs,
    topics,
    topics_by_key,
    visible_curricula,
)
from .services import adoption_create, state_workflow_ensure, taxonomy_ensure  # noqa: F401
from .taxonomy import Delivery, Discipline, Level, Scope  # noqa: F401
