"""The public entry point of home for other apps."""

from .models import InterfaceLanguageUrlMixin, content_language_of  # noqa: F401
from .selectors import home_pages, state_id_above, state_page, state_pages_by_subregion  # noqa: F401
from .services import home_pages_ensure, locales_ensure, state_pages_ensure  # noqa: F401
