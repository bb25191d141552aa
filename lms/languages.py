"""Names of languages, for every app: a content language is named in the reader's language.

One function so that a course, a curriculum and a search result call Spanish content by the same
name; templates reach it as the ``language_name`` filter of the ``capacitas`` tag library."""

from django.utils.translation import get_language_info


def language_name(code: str) -> str:
    """The language's name in the reader's language ("Spanish" for an English reader, "espagnol"
    for a French one); an unknown code is returned as it is."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
