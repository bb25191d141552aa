"""The public entry point of curricula for other apps: services write, selectors read."""

from .facts import adoption_facts, curriculum_publication_facts, module_coverage  # noqa: F401
from .models import Adoption, Competency, CurriculumIndexPage, CurriculumPage, Licence, Topic  # noqa: F401
from .selectors import curricula_listing, topic_slugs  # noqa: F401
from .services import adoption_create, state_workflow_ensure, taxonomy_ensure  # noqa: F401
from .taxonomy import Delivery, Discipline, Level, Scope  # noqa: F401
