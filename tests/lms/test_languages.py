"""One scheme for names in the four languages."""

from django.utils import translation

from lms.languages import TranslatedName


class Named(TranslatedName):
    def __init__(self, **names):
        for code in ("en", "es", "pt", "fr"):
            setattr(self, f"name_{code}", names.get(code, ""))


def test_the_name_is_the_readers_language_and_english_where_a_translation_is_empty():
    named = Named(en="Chain of custody", es="Cadena de custodia")
    with translation.override("es"):
        assert named.name == "Cadena de custodia"
    with translation.override("fr"):
        assert named.name == "Chain of custody"
    assert named.name_in("es-mx") == "Cadena de custodia"
    assert named.name_in(None) == named.name_in("xx") == "Chain of custody"
