"""The Elasticsearch backend without a server: its mapping, the bodies it sends and how it reads
answers. (The conformance suite runs it live where ELASTICSEARCH_URL is set.)"""

import datetime

import pytest

from accounts.access import Scope
from search.backends.base import SearchQuery
from search.backends.elastic import (
    ElasticsearchBackend,
    access_filter,
    mapping,
    scope_contexts,
    search_body,
    source,
    suggest_body,
    words_body,
)
from search.documents import SearchDocument

ANONYMOUS = Scope(all_states=False, law_enforcement=False, state_ids=frozenset())
OFFICIAL = Scope(all_states=False, law_enforcement=True, state_ids=frozenset({7}))
EVERYTHING = Scope(all_states=True, law_enforcement=True, state_ids=frozenset())


def document(**changes):
    values = {
        "kind": "course",
        "object_id": 3,
        "title": "Perícia criminal em balística",
        "url": "/pt/x/",
        "language": "pt",
        "audience": "state",
        "state_id": 7,
        "state_code": "BR",
        "subregion": "south_america",
        "summary": "Exames periciais",
        "body": "Projéteis",
        "discipline": "forensic",
        "hours": 60,
        "group_key": "g1",
        "published_at": datetime.datetime(2026, 1, 3, tzinfo=datetime.UTC),
    }
    values.update(changes)
    return SearchDocument(**values)


def test_mapping_has_both_forms_per_language_and_keyword_facets():
    backend = ElasticsearchBackend(prefix="t")
    definition = backend.index_definition().to_dict()
    analysis = definition["settings"]["analysis"]
    assert analysis["analyzer"]["es_stem_fold"]["filter"] == ["lowercase", "es_stop", "es_stemmer", "asciifolding"]
    assert analysis["analyzer"]["es_fold_stem"]["filter"] == ["lowercase", "asciifolding", "es_stop", "es_stemmer"]
    assert analysis["filter"]["pt_stemmer"] == {"type": "stemmer", "language": "portuguese"}
    properties = definition["mappings"]["properties"]
    assert properties["title_fr"]["analyzer"] == "fr_stem_fold"
    assert properties["title_fr"]["fields"]["folded"]["analyzer"] == "fr_fold_stem"
    for name in (
        "kind",
        "discipline",
        "level",
        "language",
        "state_code",
        "subregion",
        "scope",
        "delivery",
        "duration_band",
        "group_key",
    ):
        assert properties[name]["type"] == "keyword"
    assert properties["suggest"]["type"] == "completion"
    assert properties["suggest"]["contexts"][0]["name"] == "visibility"
    assert mapping().to_dict() == definition["mappings"]


def test_source_puts_text_in_the_documents_language_and_tiers_the_suggestions():
    body = source(document())
    assert body["title_pt"] == "Perícia criminal em balística"
    assert "title_es" not in body
    assert body["visibility"] == "state:7"
    assert body["suggest"]["contexts"] == {"visibility": ["state:7"]}
    assert "balistica" in body["words"]
    assert body["duration_band"] == "long"
    assert source(document(audience="public"))["visibility"] == "public"


def test_access_is_a_filter_of_every_request():
    assert access_filter(EVERYTHING) is None
    anonymous = access_filter(ANONYMOUS)
    assert anonymous["bool"]["should"] == [{"term": {"audience": "public"}}]
    official = access_filter(OFFICIAL)["bool"]["should"]
    assert {"term": {"audience": "law_enforcement"}} in official
    assert {"bool": {"filter": [{"term": {"audience": "state"}}, {"terms": {"state_id": [7]}}]}} in official
    body = search_body(SearchQuery(text="balística", scope=ANONYMOUS))
    assert anonymous in body["query"]["function_score"]["query"]["bool"]["filter"]
    assert scope_contexts(ANONYMOUS) == ["public"]
    assert scope_contexts(OFFICIAL) == ["public", "law_enforcement", "state:7"]
    assert "contexts" not in suggest_body("ba", EVERYTHING)["suggest"]["titles"]["completion"]
    assert suggest_body("ba", ANONYMOUS)["suggest"]["titles"]["completion"]["contexts"] == {"visibility": ["public"]}
    assert anonymous in words_body("ba", ANONYMOUS)["query"]["bool"]["filter"]


def test_query_body_searches_each_language_with_its_own_fields():
    body = search_body(SearchQuery(text='balística "cadena de custodia"', scope=EVERYTHING, language="es"))
    function_score = body["query"]["function_score"]
    assert function_score["functions"] == [{"filter": {"term": {"language": "es"}}, "weight": 1.5}]
    per_language = function_score["query"]["bool"]["must"][0]["bool"]["should"]
    assert [clause["bool"]["filter"] for clause in per_language] == [
        [{"term": {"language": code}}] for code in ("en", "es", "pt", "fr")
    ]
    spanish = per_language[1]["bool"]["must"]
    assert spanish[0]["multi_match"]["query"] == "balística"
    assert "title_es^4.0" in spanish[0]["multi_match"]["fields"]
    assert "title_es.folded^4.0" in spanish[0]["multi_match"]["fields"]
    assert "fuzziness" not in spanish[0]["multi_match"]
    assert spanish[1]["multi_match"] == {
        "query": "cadena de custodia",
        "fields": spanish[0]["multi_match"]["fields"],
        "type": "phrase",
    }
    assert body["collapse"] == {"field": "group_key"}
    assert body["highlight"]["pre_tags"] == ["<mark>"] and body["highlight"]["encoder"] == "html"
    fuzzy = search_body(SearchQuery(text="custudy", scope=EVERYTHING), fuzzy=True)
    clause = fuzzy["query"]["function_score"]["query"]["bool"]["must"][0]["bool"]["should"][0]["bool"]["must"][0]
    assert clause["multi_match"]["fuzziness"] == "AUTO:5,8"


def test_facets_leave_out_their_own_selection():
    body = search_body(
        SearchQuery(text="", scope=EVERYTHING, filters={"level": ["advanced"], "type": ["course"]}, sort="duration")
    )
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"level": ["advanced"]}}, {"terms": {"kind": ["course"]}}]}
    }
    assert body["aggs"]["facet_level"]["filter"] == {"bool": {"filter": [{"terms": {"kind": ["course"]}}]}}
    assert body["aggs"]["facet_discipline"]["filter"]["bool"]["filter"] == body["post_filter"]["bool"]["filter"]
    assert body["aggs"]["facet_level"]["aggs"]["values"]["aggs"]["groups"]["cardinality"]["field"] == "group_key"
    assert body["sort"][0] == {"hours": {"order": "asc", "missing": "_last"}}
    assert "highlight" not in body


def test_parsing_an_answer_groups_translations_in_the_readers_language():
    backend = ElasticsearchBackend(prefix="t")
    spanish = source(document(object_id=1, language="es", audience="public", title="Balística", group_key="g1"))
    english = source(document(object_id=2, language="en", audience="public", title="Ballistics", group_key="g1"))
    answers = {
        "search": {
            "hits": {
                "hits": [
                    {
                        "_id": "course:1",
                        "_score": 2.0,
                        "_source": {"key": "course:1", "group_key": "g1", "language": "es"},
                        "highlight": {"title_es": ["<mark>Balística</mark>"]},
                    }
                ]
            },
            "aggregations": {
                "filtered": {"total": {"value": 1}},
                "facet_language": {
                    "values": {
                        "buckets": [{"key": "es", "groups": {"value": 1}}, {"key": "en", "groups": {"value": 1}}]
                    }
                },
            },
        },
        "members": {
            "hits": {"hits": [{"_id": "course:1", "_source": spanish}, {"_id": "course:2", "_source": english}]}
        },
    }
    bodies = []

    def fake(body):
        bodies.append(body)
        return answers["members" if "collapse" not in body else "search"]

    backend._search = fake
    backend.ensure_index = lambda: None
    results = backend.search(SearchQuery(text="balística", scope=ANONYMOUS, language="en"))
    assert results.total == 1
    assert [(h.key, h.title, h.other_languages) for h in results.hits] == [("course:2", "Ballistics", ["es"])]
    assert dict(results.facets["language"]) == {"es": 1, "en": 1}
    assert bodies[1]["query"]["bool"]["filter"][0] == {"terms": {"group_key": ["g1"]}}
    spanish_reader = backend.search(SearchQuery(text="balística", scope=ANONYMOUS, language="es"))
    assert spanish_reader.hits[0].snippet == "<mark>Balística</mark>"


@pytest.mark.parametrize("prefix", ["", "b", " "])
def test_no_suggestions_before_the_second_letter(prefix):
    backend = ElasticsearchBackend(prefix="t")
    backend._search = lambda body: pytest.fail("no request expected")
    assert backend.suggest(prefix, scope=ANONYMOUS, language="en") == []
