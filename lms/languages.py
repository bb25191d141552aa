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


class TranslatedName:
    """The one scheme for names kept in the four languages: a model with ``name_en``, ``name_es``,
    ``name_pt`` and ``name_fr`` fields mixes this in; ``name`` is the reader's language and
    ``name_in(code)`` another one, English where a translation is empty."""

    @property
    def name(self) -> str:
        from django.utils.translation import get_language

        return self.name_in(get_language())

    def name_in(self, language: str | None) -> str:
        return getattr(self, f"name_{(language or 'en')[:2]}", "") or self.name_en


def translated(obj, field: str, language: str | None = None) -> str:
    """A text kept in the four languages as ``<field>_en`` … ``<field>_fr`` columns (as the plan
    and the forum keep what the secretariat types): the reader's language where it was written,
    English otherwise. ``TranslatedName`` is the same rule for ``name_*`` columns."""
    from django.utils.translation import get_language

    code = (language or get_language() or "en")[:2]
    return getattr(obj, f"{field}_{code}", "") or getattr(obj, f"{field}_en", "")


def in_interface_language(url: str, language: str) -> str:
    """A site address with its language prefix swapped for the reader's interface language.

    Every address under a language prefix answers in every language (``HomePage.route`` serves a
    page of another locale under any prefix), so a Spanish-only course read with the English
    interface is ``/en/…`` and its links keep the reader's language."""
    from django.conf import settings

    parts = url.split("/", 2)
    if len(parts) < 3 or parts[0] != "" or parts[1] not in settings.LANGUAGE_CODES:
        return url
    if language not in settings.LANGUAGE_CODES or parts[1] == language:
        return url
    return f"/{language}/{parts[2]}"
