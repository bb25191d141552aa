"""The conformance suite: every backend (PostgreSQL, SQLite FTS5) answers these the same way.
Elasticsearch runs the same checks live in test_elastic_live.py where ELASTICSEARCH_URL is set."""

import pytest

from search import api
from tests.accounts.factories import official, secretariat


def keys(results):
    return [hit.key for hit in results.hits]


def facet(results, name):
    return dict(results.facets[name])


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("investigaciones", "es", "course:1"),  # Spanish plural finds the singular
        ("investigations", "en", "course:2"),  # English stemming
        ("perícias", "pt", "course:3"),  # Portuguese plural
        ("enquête", "fr", "course:4"),  # French singular finds the plural
        ("proyectil", "es", "course:8"),  # "proyectiles" in the body
    ],
)
def test_language_stemming(indexed, text, language, expected):
    results = api.search(text, language=language)
    assert expected in keys(results)


@pytest.mark.parametrize(
    "text, expected",
    [("policia", "course:1"), ("pericia", "course:3"), ("balistica", "course:8"), ("enquetes", "course:4")],
)
def test_accents_do_not_matter(indexed, text, expected):
    assert expected in keys(api.search(text, language="es" if expected != "course:4" else "fr"))


def test_accented_query_finds_unaccented_forms(indexed):
    assert "course:3" in keys(api.search("perícia", language="pt"))
    assert "course:3" in keys(api.search("PERICIA", language="pt"))


@pytest.mark.parametrize(
    "typo, fixed, expected", [("custudy", "custody", "course:2"), ("balistca", "balistica", "course:8")]
)
def test_typos_find_the_word_and_suggest_it(indexed, typo, fixed, expected):
    results = api.search(typo, language="en")
    assert results.suggestion == fixed
    assert results.corrected
    assert expected in keys(results)


def test_two_typos_in_a_long_word(indexed):
    results = api.search("investigasion", language="es")  # investigación, two letters off
    assert results.total >= 1
    assert results.corrected


def test_phrases_match_as_phrases(indexed):
    assert "course:2" in keys(api.search('"chain of custody"', language="en"))
    assert api.search('"custody of chain"', language="en").total == 0
    assert "course:1" in keys(api.search('"cadena de custodia"', language="es"))


def test_every_word_must_match(indexed):
    assert keys(api.search("ballistics cartridges", language="en")) == ["course:7"]


def test_translations_are_grouped_in_the_readers_language(indexed):
    english = api.search("investigación", language="en")
    assert keys(english) == ["course:2"]
    assert english.hits[0].other_languages == ["es"]
    spanish = api.search("investigation", language="es")
    assert keys(spanish) == ["course:1"]
    assert english.total == 1


def test_language_filter_shows_that_language(indexed):
    results = api.search("investigación", language="en", filters={"language": ["es"]})
    assert keys(results) == ["course:1"]


def test_results_carry_type_state_language_snippet_and_facts(indexed):
    hit = api.search("evidencias", language="es").hits[0]
    assert (hit.kind, hit.object_id, hit.language, hit.state_code) == ("course", 1, "es", "MX")
    assert hit.url == "/es/course/1/"
    assert "<mark>" in hit.snippet
    assert hit.facts == {"hours": 20}
    assert hit.score > 0


def test_facet_counts(indexed):
    results = api.search("criminal", language="en")
    assert results.total == 2  # the Spanish and English versions of one course count once
    assert facet(results, "type") == {"course": 2}
    assert facet(results, "language") == {"en": 1, "es": 1, "pt": 1}
    assert facet(results, "state") == {"MX": 1, "BR": 1}
    assert facet(results, "subregion") == {"north_america": 1, "south_america": 1}
    assert facet(results, "discipline") == {"police": 1, "forensic": 1}
    assert facet(results, "delivery") == {"online": 1, "blended": 1}


def test_filters_combine(indexed):
    results = api.search("", filters={"type": ["course"], "level": ["advanced"]})
    assert sorted(keys(results)) == ["course:3", "course:7"]
    # A facet's own selection does not narrow its own counts; the others do.
    assert facet(results, "level") == {"advanced": 2, "intermediate": 2, "basic": 1, "specialisation": 1}
    assert facet(results, "type") == {"course": 2}
    assert sorted(keys(api.search("", filters={"type": ["course"], "level": ["advanced", "basic"]}))) == [
        "course:2",
        "course:3",
        "course:7",
    ]
    either = api.search("balística", language="es", filters={"language": ["es", "pt"]})
    assert sorted(keys(either)) == ["course:3", "course:8"]
    assert api.search("", filters={"subregion": ["caribbean"], "duration": ["extended"]}).total == 1


def test_browse_without_text_and_duration_bands(indexed):
    everything = api.search("")
    assert everything.total == 8  # not the state-only nor the law-enforcement course; translations once
    assert facet(everything, "duration") == {"short": 1, "medium": 2, "long": 2, "extended": 1}


def test_sorting(indexed):
    newest = api.search("", filters={"type": ["course"]}, sort="newest")
    assert keys(newest)[:2] == ["course:8", "course:7"]
    shortest = api.search("", filters={"type": ["course"]}, sort="duration")
    assert keys(shortest)[0] == "course:4"
    assert keys(shortest)[-1] == "course:6"


def test_paging(indexed):
    first = api.search("", per_page=3, page=1, sort="newest")
    second = api.search("", per_page=3, page=2, sort="newest")
    assert first.total == second.total == 8
    assert first.pages == 3
    assert not set(keys(first)) & set(keys(second))
    assert api.search("", per_page=3, page=9).hits == []
    assert api.search("", per_page=3, page=9).total == 8


def test_relevance_prefers_title_matches(indexed):
    results = api.search("ballistics", language="en")
    assert set(keys(results)[:2]) == {"course:7", "instructor:10"}


def test_no_results_offers_a_broader_search(indexed):
    results = api.search("prison", language="en", filters={"language": ["pt"]})
    assert results.total == 0
    assert results.broader["total"] == 1


def test_nonsense_finds_nothing(indexed):
    results = api.search("qwxzv", language="en")
    assert results.total == 0 and results.hits == [] and not results.corrected


def test_suggestions_from_the_second_letter(indexed):
    texts = [s.text for s in api.suggest("ba", language="es")]
    assert any(text.startswith("balistic") for text in texts)
    assert "Balística forense aplicada" in texts
    assert api.suggest("b", language="es") == []


# --- Access: nothing hidden leaks through results, counts or suggestions -----------------------------


def test_state_content_of_another_state_never_appears(indexed, states):
    reader = official(states["MX"])
    for user in (None, reader):
        results = api.search("zafiro", user=user, language="es")
        assert results.total == 0 and results.hits == []
        assert results.suggestion == ""  # the word itself is not revealed either
        assert "CO" not in facet(api.search("policía", user=user, language="es"), "state") or (
            facet(api.search("policía", user=user, language="es"), "state")["CO"] == 1  # the public curriculum
        )
        assert api.search("", user=user).total == 8 + (user is not None)  # + the law-enforcement course
        assert not [s for s in api.suggest("za", user=user, language="es") if "zafir" in s.text.lower()]
        assert api.search("vigilancia", user=user, language="es").total == 0


def test_the_owning_state_and_the_secretariat_see_it(indexed, states):
    for user in (official(states["CO"]), secretariat()):
        assert keys(api.search("zafiro", user=user, language="es")) == ["course:5"]
        assert any("Zafiro" in s.text for s in api.suggest("zaf", user=user, language="es"))
        assert facet(api.search("vigilancia", user=user, language="es"), "state") == {"CO": 1}


def test_law_enforcement_tier(indexed, states):
    assert api.search("interview", language="en").total == 0
    assert keys(api.search("interview", user=official(states["JM"]), language="en")) == ["course:11"]


def test_typo_correction_ignores_hidden_words(indexed, states):
    results = api.search("zafiri", language="es")
    assert results.total == 0 and results.suggestion == ""
    results = api.search("zafiri", user=official(states["CO"]), language="es")
    assert results.suggestion == "zafiro" and results.total == 1


# --- Index maintenance ------------------------------------------------------------------------------


def test_reindexing_a_document_replaces_it(backend, indexed):
    changed = indexed[6]
    changed.title = "Terminal ballistics"
    backend.index([changed])
    results = api.search("terminal", language="en")
    assert keys(results) == ["course:7"]
    assert api.search("", filters={"type": ["course"]}).total == 6


def test_removal_takes_words_out_of_suggestions(backend, indexed, states):
    backend.remove(["course:5"])
    user = official(states["CO"])
    assert api.search("zafiro", user=user, language="es").total == 0
    assert not [s for s in api.suggest("zaf", user=user, language="es") if "zafir" in s.text.lower()]


def test_bad_parameters(indexed):
    with pytest.raises(ValueError):
        api.search("x", filters={"colour": ["red"]})
    with pytest.raises(ValueError):
        api.search("x", sort="random")
    with pytest.raises(ValueError):
        api.search("x", page=0)


@pytest.mark.parametrize(
    "text, filters, sort, page",
    [
        ("criminal", {}, "relevance", 1),
        ("", {"type": ["course"]}, "newest", 2),
        ("balística", {"language": ["es", "pt"]}, "duration", 1),
        ("", {}, "newest", 9),
    ],
)
def test_results_without_facets_are_the_same_page(backend, indexed, text, filters, sort, page):
    from accounts.access import visible_scope
    from search.backends.base import SearchQuery

    def run(facets):
        return backend.search(
            SearchQuery(
                text=text, scope=visible_scope(None), filters=filters, sort=sort, page=page, per_page=3, facets=facets
            )
        )

    full, bare = run(True), run(False)
    assert (keys(bare), bare.total) == (keys(full), full.total)
    assert all(not values for values in bare.facets.values())
