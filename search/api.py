"""The public entry point of search for other apps."""

from .documents import Provider, SearchDocument  # noqa: F401
