"""The Elasticsearch backend, built with ``elasticsearch.dsl`` (docs/decisions/0051).

One index. Each document's text goes into fields of its own language (``title_es``…), analysed
twice as in the SQL backends, so that accents neither miss nor confuse a match: ``title_es`` stems and then folds accents, its subfield
``title_es.folded`` folds and then stems. A query searches every language's fields, so a Spanish
query never matches through the English stemmer, and the reader's language is weighted. Facets are
``filter`` + ``terms`` aggregations counting distinct groups (translations once), the facet's own
selection left out so that values combine with OR; hits are collapsed by ``group_key``; access is a
filter in every request; suggestions are a completion field whose context is the audience tier.

Mappings and request bodies are unit-tested (tests/search/test_elastic.py); the same conformance
checks run live where ``ELASTICSEARCH_URL`` is set (tests/search/test_elastic_live.py)."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable

from elasticsearch.dsl import (
    Completion,
    Date,
    Float,
    Index,
    Keyword,
    Long,
    Mapping,
    Object,
    Search,
    Text,
    analyzer,
    token_filter,
)

from accounts.access import Scope

from ..analysis import LANGUAGES, edit_distance, fold, typo_limit, words
from ..documents import SearchDocument
from .base import FACETS, Backend, Results, SearchQuery, Suggestion
from .common import assemble_hits, document_row, facet_lists, term_tier

STEMMERS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}
TEXT_FIELDS = {"title": 4.0, "summary": 2.0, "topics": 1.5, "body": 1.0}
OWN_LANGUAGE_BOOST = 1.5
KEYWORDS = [
    "key",
    "kind",
    "language",
    "audience",
    "state_code",
    "subregion",
    "discipline",
    "level",
    "scope",
    "delivery",
    "duration_band",
    "group_key",
]
STORED = ["title", "url", "summary", "body", "facts", "hours", "published_at", "object_id", "state_id", "kind"]


def _analyzers(code: str):
    stem = token_filter(f"{code}_stemmer", "stemmer", language=STEMMERS[code])
    stop = token_filter(f"{code}_stop", "stop", stopwords=f"_{STEMMERS[code]}_")
    stem_then_fold = analyzer(
        f"{code}_stem_fold", tokenizer="standard", filter=["lowercase", stop, stem, "asciifolding"]
    )
    fold_then_stem = analyzer(
        f"{code}_fold_stem", tokenizer="standard", filter=["lowercase", "asciifolding", stop, stem]
    )
    return stem_then_fold, fold_then_stem


FOLDED = analyzer("folded", tokenizer="standard", filter=["lowercase", "asciifolding"])


def mapping() -> Mapping:
    m = Mapping()
    for name in KEYWORDS:
        m.field(name, Keyword())
    m.field("object_id", Long())
    m.field("state_id", Long())
    m.field("hours", Float())
    m.field("published_at", Date())
    m.field("url", Keyword(index=False))
    m.field("facts", Object(enabled=False))
    m.field("title", Text(analyzer=FOLDED))  # shown, and the folded words for typo suggestions
    m.field("summary", Text(index=False))
    m.field("body", Text(index=False))
    m.field("words", Keyword())  # the folded vocabulary: word suggestions by terms aggregation
    m.field("checksum", Keyword(index=False))
    for code in LANGUAGES:
        first, second = _analyzers(code)
        for name in TEXT_FIELDS:
            m.field(f"{name}_{code}", Text(analyzer=first, fields={"folded": Text(analyzer=second)}))
    m.field(
        "suggest",
        Completion(
            analyzer=FOLDED,
            contexts=[{"name": "visibility", "type": "category", "path": "visibility"}],
        ),
    )
    m.field("visibility", Keyword())
    return m


def visibility(audience: str, state_id: int | None) -> str:
    tier, state = term_tier(audience, state_id)
    return f"state:{state}" if tier == "state" else tier


def scope_contexts(scope: Scope) -> list[str] | None:
    """The completion contexts a reader may see; None for everything."""
    if scope.all_states:
        return None
    contexts = ["public"]
    if scope.law_enforcement:
        contexts.append("law_enforcement")
    contexts += [f"state:{state_id}" for state_id in sorted(scope.state_ids)]
    return contexts


def access_filter(scope: Scope) -> dict | None:
    if scope.all_states:
        return None
    should = [{"term": {"audience": "public"}}]
    if scope.law_enforcement:
        should.append({"term": {"audience": "law_enforcement"}})
    if scope.state_ids:
        should.append(
            {"bool": {"filter": [{"term": {"audience": "state"}}, {"terms": {"state_id": sorted(scope.state_ids)}}]}}
        )
    return {"bool": {"should": should, "minimum_should_match": 1}}


def filter_clauses(filters: dict[str, list[str]]) -> list[dict]:
    return [{"terms": {FACETS[name]: list(values)}} for name, values in sorted(filters.items())]


def source(document: SearchDocument) -> dict:
    row = document_row(document)
    body = {name: row[name] for name in KEYWORDS}
    body.update(
        {
            "object_id": row["object_id"],
            "state_id": row["state_id"],
            "hours": row["hours"],
            "published_at": row["published_at"].isoformat() if row["published_at"] else None,
            "url": row["url"],
            "facts": document.facts or {},
            "title": row["title"],
            "summary": row["summary"],
            "body": row["body"][:3000],
            "words": row["words"].split(),
            "checksum": row["checksum"],
            "visibility": visibility(row["audience"], row["state_id"]),
        }
    )
    code = row["language"] if row["language"] in LANGUAGES else "en"
    for name in TEXT_FIELDS:
        body[f"{name}_{code}"] = row[name]
    title_words = words(row["title"])
    body["suggest"] = {
        "input": [row["title"]] + [" ".join(title_words[i:]) for i in range(1, min(len(title_words), 6))],
        "contexts": {"visibility": [body["visibility"]]},
    }
    return body


def _text_fields(code: str) -> list[str]:
    fields = []
    for name, boost in TEXT_FIELDS.items():
        fields += [f"{name}_{code}^{boost}", f"{name}_{code}.folded^{boost}"]
    return fields


def text_query(query: SearchQuery, *, fuzzy: bool = False) -> dict:
    """Every term must match (in one language's fields); phrases as phrases."""
    per_language = []
    for code in LANGUAGES:
        must = []
        for term in query.parsed.terms:
            clause = {"multi_match": {"query": term, "fields": _text_fields(code), "type": "best_fields"}}
            if fuzzy:
                clause["multi_match"]["fuzziness"] = "AUTO:5,8"
            must.append(clause)
        for phrase in query.parsed.phrases:
            must.append({"multi_match": {"query": " ".join(phrase), "fields": _text_fields(code), "type": "phrase"}})
        per_language.append({"bool": {"filter": [{"term": {"language": code}}], "must": must}})
    return {"bool": {"should": per_language, "minimum_should_match": 1}}


def search_body(query: SearchQuery, *, fuzzy: bool = False) -> dict:
    """The request of one results page, with the facet aggregations."""
    base_filter = [f for f in [access_filter(query.scope)] if f]
    if query.parsed.is_empty:
        main = {"bool": {"filter": base_filter}}
    else:
        main = {
            "function_score": {
                "query": {"bool": {"must": [text_query(query, fuzzy=fuzzy)], "filter": base_filter}},
                "functions": [{"filter": {"term": {"language": query.language}}, "weight": OWN_LANGUAGE_BOOST}],
                "boost_mode": "multiply",
                "score_mode": "multiply",
            }
        }
    sort = query.sort
    if query.parsed.is_empty and sort == "relevance":
        sort = "newest"
    sorts = {
        "relevance": ["_score", {"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
        "newest": [{"published_at": {"order": "desc", "missing": "_last"}}, {"key": "asc"}],
        "duration": [{"hours": {"order": "asc", "missing": "_last"}}, {"key": "asc"}],
    }[sort]
    aggs = {"total_groups": {"cardinality": {"field": "group_key", "precision_threshold": 40000}}}
    for name, column in FACETS.items():
        aggs[f"facet_{name}"] = {
            "filter": {"bool": {"filter": filter_clauses(query.without(name))}},
            "aggs": {
                "values": {
                    "terms": {"field": column, "size": 50},
                    "aggs": {"groups": {"cardinality": {"field": "group_key", "precision_threshold": 40000}}},
                }
            },
        }
    body = {
        "query": main,
        "post_filter": {"bool": {"filter": filter_clauses(query.filters)}},
        "aggs": {
            "filtered": {
                "filter": {"bool": {"filter": filter_clauses(query.filters)}},
                "aggs": {"total": aggs["total_groups"]},
            }
        }
        | {k: v for k, v in aggs.items() if k != "total_groups"},
        "collapse": {"field": "group_key"},
        "sort": sorts,
        "from": query.offset,
        "size": query.per_page,
        "track_total_hits": True,
        "_source": ["key", "group_key", "language"],
    }
    if not query.parsed.is_empty:
        fields = {}
        for code in LANGUAGES:
            for name in ("title", "summary", "body"):
                fields[f"{name}_{code}"] = {}
                fields[f"{name}_{code}.folded"] = {}
        body["highlight"] = {
            "pre_tags": ["<mark>"],
            "post_tags": ["</mark>"],
            "encoder": "html",
            "fields": fields,
            "fragment_size": 200,
            "number_of_fragments": 1,
        }
    return body


def members_body(group_keys: list[str], scope: Scope) -> dict:
    filters = [{"terms": {"group_key": group_keys}}] + [f for f in [access_filter(scope)] if f]
    return {"query": {"bool": {"filter": filters}}, "size": len(group_keys) * 4}


def words_body(prefix: str, scope: Scope, *, limit: int = 5) -> dict:
    """Word completions the reader may see: a terms aggregation over visible documents' words."""
    last = fold(words(prefix)[-1]) if words(prefix) else ""
    return {
        "size": 0,
        "query": {"bool": {"filter": [f for f in [access_filter(scope)] if f] + [{"prefix": {"words": last}}]}},
        "aggs": {"words": {"terms": {"field": "words", "include": re.escape(last) + ".*", "size": limit}}},
    }


def suggest_body(prefix: str, scope: Scope, *, limit: int = 8) -> dict:
    completion = {"field": "suggest", "size": limit * 2, "skip_duplicates": True}
    contexts = scope_contexts(scope)
    if contexts is not None:
        completion["contexts"] = {"visibility": contexts}
    return {
        "suggest": {"titles": {"prefix": fold(prefix), "completion": completion}},
        "_source": ["title", "url", "language", "group_key"],
    }


class ElasticsearchBackend(Backend):
    name = "elasticsearch"

    def __init__(self, *, url: str = "", prefix: str = "capacitas", client=None) -> None:
        self.url = url
        self.index_name = f"{prefix}-search"
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(self.url)
        return self._client

    def index_definition(self) -> Index:
        index = Index(self.index_name)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.mapping(mapping())
        return index

    def ensure_index(self) -> None:
        index = self.index_definition()
        if not index.exists(using=self.client):
            index.create(using=self.client)

    def _search(self, body: dict) -> dict:
        search = Search(using=self.client, index=self.index_name).update_from_dict(body)
        return search.execute().to_dict()

    # --- Indexing ------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        from elasticsearch.helpers import bulk

        self.ensure_index()
        actions = [
            {"_op_type": "index", "_index": self.index_name, "_id": document.key, "_source": source(document)}
            for document in documents
        ]
        if not actions:
            return 0
        bulk(self.client, actions, refresh="wait_for")
        return len(actions)

    def remove(self, keys: Iterable[str]) -> int:
        from elasticsearch.helpers import bulk

        keys = list(keys)
        if not keys:
            return 0
        self.ensure_index()
        actions = [{"_op_type": "delete", "_index": self.index_name, "_id": key} for key in keys]
        done, _errors = bulk(self.client, actions, refresh="wait_for", raise_on_error=False)
        return done

    def clear(self) -> None:
        index = self.index_definition()
        if index.exists(using=self.client):
            index.delete(using=self.client)
        index.create(using=self.client)

    def checksums(self, kind: str | None = None) -> dict[str, str]:
        from elasticsearch.helpers import scan

        self.ensure_index()
        query = {"query": {"term": {"kind": kind}} if kind else {"match_all": {}}, "_source": ["key", "checksum"]}
        return {
            hit["_id"]: hit["_source"].get("checksum", "")
            for hit in scan(self.client, index=self.index_name, query=query)
        }

    # --- Searching -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> Results:
        if query.parsed.is_empty and query.text.strip():
            return Results(hits=[], total=0, facets=facet_lists({}), page=query.page, per_page=query.per_page)
        self.ensure_index()
        results = self._run(query, fuzzy=False)
        if results.total == 0 and not query.parsed.is_empty:
            self._rescue(query, results)
        return results

    def _run(self, query: SearchQuery, *, fuzzy: bool) -> Results:
        response = self._search(search_body(query, fuzzy=fuzzy))
        return self.parse(query, response)

    def parse(self, query: SearchQuery, response: dict) -> Results:
        hits = response.get("hits", {}).get("hits", [])
        aggregations = response.get("aggregations", {})
        total = int(aggregations.get("filtered", {}).get("total", {}).get("value", 0))
        counts = {}
        for name in FACETS:
            buckets = aggregations.get(f"facet_{name}", {}).get("values", {}).get("buckets", [])
            counts[name] = Counter({b["key"]: int(b["groups"]["value"]) for b in buckets})
        groups = [
            {"group_key": hit["_source"]["group_key"], "best": index, "score": hit.get("_score") or 0.0}
            for index, hit in enumerate(hits)
        ]
        highlights = {hit["_id"]: hit.get("highlight", {}) for hit in hits}
        result_hits = []
        if groups:
            members = self._members([g["group_key"] for g in groups], query.scope)
            ids = {member["key"]: number for number, member in enumerate(members)}
            for group, hit in zip(groups, hits, strict=True):
                group["best"] = ids.get(hit["_id"], -1)
            result_hits = assemble_hits(
                [g for g in groups if g["best"] >= 0], [{**m, "id": n} for n, m in enumerate(members)], query
            )
            for result in result_hits:
                fragments = [f for values in highlights.get(result.key, {}).values() for f in values]
                if fragments:
                    result.snippet = fragments[0]
        return Results(
            hits=result_hits, total=total, facets=facet_lists(counts), page=query.page, per_page=query.per_page
        )

    def _members(self, group_keys: list[str], scope: Scope) -> list[dict]:
        response = self._search(members_body(group_keys, scope))
        members = []
        for hit in response.get("hits", {}).get("hits", []):
            row = dict(hit["_source"])
            row["id"] = hit["_id"]
            if row.get("published_at"):
                row["published_at"] = datetime.datetime.fromisoformat(row["published_at"])
            members.append(row)
        return members

    def _rescue(self, query: SearchQuery, results: Results) -> None:
        found = self._run(query, fuzzy=True)
        if found.total:
            corrections = {}
            vocabulary = set()
            for hit in found.hits:
                vocabulary |= {fold(w) for w in words(hit.title + " " + hit.snippet)}
            for word in {fold(w) for w in query.parsed.all_words()}:
                limit = typo_limit(word)
                close = sorted((edit_distance(word, v, limit), v) for v in vocabulary if v != word)
                if limit and close and close[0][0] <= limit:
                    corrections[word] = close[0][1]
            if corrections:
                from ..analysis import corrected_text

                results.suggestion = corrected_text(query.text, corrections)
            results.hits, results.total, results.facets, results.corrected = found.hits, found.total, found.facets, True
            return
        if query.filters:
            broader = SearchQuery(text=query.text, scope=query.scope, language=query.language)
            total = self.parse(broader, self._search(search_body(broader))).total
            if total:
                results.broader = {"filters": {}, "total": total}

    def suggest(self, prefix: str, *, scope: Scope, language: str, limit: int = 8) -> list[Suggestion]:
        if len("".join(words(prefix))) < 2:
            return []
        self.ensure_index()
        response = self._search(suggest_body(prefix, scope, limit=limit))
        found, seen = [], set()
        for option in response.get("suggest", {}).get("titles", [{}])[0].get("options", []):
            data = option.get("_source", {})
            if data.get("group_key") in seen:
                continue
            seen.add(data.get("group_key"))
            found.append(
                Suggestion(text=data["title"], kind="title", url=data.get("url", ""), language=data.get("language", ""))
            )
        found.sort(key=lambda s: s.language != language)
        tokens = [fold(w) for w in words(prefix)]
        head = " ".join(tokens[:-1])
        buckets = self._search(words_body(prefix, scope)).get("aggregations", {}).get("words", {}).get("buckets", [])
        terms = [Suggestion(text=(head + " " + b["key"]).strip(), kind="term") for b in buckets]
        return terms[: max(2, limit - len(found))] + found[:limit]
