"""The PostgreSQL backend: the project's own tables (``search.models``), a text-search
configuration per language with ``unaccent``, per-language partial GIN indexes, ranking on title
and summary, and a trigram word list for typos and suggestions (docs/decisions/0050)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from django.db import connections, transaction

from accounts.access import Scope

from ..analysis import LANGUAGES, corrected_text, edit_distance, fold, typo_limit, words
from ..documents import SearchDocument
from .base import FACETS, Backend, Results, SearchQuery, Suggestion
from .common import ROW_FIELDS, assemble_hits, document_row, facet_lists, passes, term_deltas
from .pg_sql import LANGUAGE_CONFIGS

TABLE = "search_searchentry"
TERMS = "search_searchterm"
OWN_LANGUAGE_BOOST = 1.5
SHOWN = ", ".join(
    [
        "e.id",
        *(f"e.{name}" for name in ROW_FIELDS if name not in ("body", "words", "checksum")),
        "left(e.body, 3000) AS body",
    ]
)
FACET_COLUMNS = list(FACETS.values())


class Sql:
    """A WHERE clause with its positional parameters."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list = []

    def add(self, sql: str, *params) -> Sql:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def where(self) -> str:
        return " AND ".join(f"({part})" for part in self.parts) if self.parts else "TRUE"


def access_sql(scope: Scope, alias: str = "e", *, state_default: str | None = None) -> tuple[str, list]:
    if scope.all_states:
        return "TRUE", []
    parts, params = [f"{alias}.audience = 'public'"], []
    if scope.law_enforcement:
        parts.append(f"{alias}.audience = 'law_enforcement'")
    if scope.state_ids:
        parts.append(f"({alias}.audience = 'state' AND {alias}.state_id = ANY(%s))")
        params.append(sorted(scope.state_ids))
    return " OR ".join(parts), params


def filters_sql(filters: dict[str, list[str]], alias: str = "e") -> tuple[str, list]:
    parts, params = [], []
    for name, values in filters.items():
        parts.append(f"{alias}.{FACETS[name]} = ANY(%s)")
        params.append(list(values))
    return (" AND ".join(parts) or "TRUE"), params


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self, using: str = "default") -> None:
        self.using = using

    @property
    def connection(self):
        return connections[self.using]

    # --- Indexing ------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        rows = [document_row(document) for document in documents]
        if not rows:
            return 0
        # The last document for a key wins.
        rows = list({row["key"]: row for row in rows}.values())
        keys = [row["key"] for row in rows]
        columns = ", ".join(ROW_FIELDS)
        placeholders = ", ".join("%s::jsonb" if name == "facts" else "%s" for name in ROW_FIELDS)
        updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in ROW_FIELDS if name != "key")
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT language, audience, state_id, words FROM {TABLE} WHERE key = ANY(%s) FOR UPDATE", [keys]
            )
            old = [dict(zip(("language", "audience", "state_id", "words"), r, strict=True)) for r in cursor.fetchall()]
            cursor.executemany(
                f"INSERT INTO {TABLE} ({columns}, indexed_at) VALUES ({placeholders}, now()) "
                f"ON CONFLICT (key) DO UPDATE SET {updates}, indexed_at = now()",
                [[row[name] for name in ROW_FIELDS] for row in rows],
            )
            self._vectors(cursor, keys)
            self._terms(cursor, term_deltas(old, rows))
        return len(rows)

    def _vectors(self, cursor, keys: list[str]) -> None:
        configs = ", ".join(
            f"('{code}', '{config}'::regconfig, 'capacitas_{code}'::regconfig)"
            for code, config in LANGUAGE_CONFIGS.items()
        )

        def v(column: str, weight: str, alias: str) -> str:
            return f"capacitas_vector(c.cfg, c.ucfg, {alias}.{column}, '{weight}')"

        cursor.execute(
            f"UPDATE {TABLE} e SET rank_vector = v.head, vector = v.head || v.rest, "
            f"title_vector = to_tsvector('simple', public.unaccent(e.title)) "
            f"FROM (SELECT e2.id, {v('title', 'A', 'e2')} || {v('summary', 'B', 'e2')} AS head, "
            f"{v('topics', 'C', 'e2')} || {v('body', 'D', 'e2')} AS rest "
            f"FROM {TABLE} e2 JOIN (VALUES {configs}) AS c(lang, cfg, ucfg) "
            f"ON c.lang = CASE WHEN e2.language IN ('en', 'es', 'pt', 'fr') THEN e2.language ELSE 'en' END "
            f"WHERE e2.key = ANY(%s)) AS v WHERE v.id = e.id",
            [keys],
        )

    def _terms(self, cursor, deltas: Counter) -> None:
        if not deltas:
            return
        cursor.executemany(
            f"INSERT INTO {TERMS} (term, language, audience, state_id, df) VALUES (%s, %s, %s, %s, %s) "
            f"ON CONFLICT (term, language, audience, state_id) DO UPDATE SET df = {TERMS}.df + EXCLUDED.df",
            [[*key, delta] for key, delta in sorted(deltas.items())],
        )
        if any(delta < 0 for delta in deltas.values()):
            cursor.execute(f"DELETE FROM {TERMS} WHERE df <= 0")

    def remove(self, keys: Iterable[str]) -> int:
        keys = list(keys)
        if not keys:
            return 0
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE key = ANY(%s) RETURNING language, audience, state_id, words", [keys]
            )
            old = [dict(zip(("language", "audience", "state_id", "words"), r, strict=True)) for r in cursor.fetchall()]
            self._terms(cursor, term_deltas(old, []))
        return len(old)

    def clear(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}, {TERMS}")

    def checksums(self, kind: str | None = None) -> dict[str, str]:
        with self.connection.cursor() as cursor:
            if kind:
                cursor.execute(f"SELECT key, checksum FROM {TABLE} WHERE kind = %s", [kind])
            else:
                cursor.execute(f"SELECT key, checksum FROM {TABLE}")
            return dict(cursor.fetchall())

    # --- Searching -----------------------------------------------------------------------------

    def _tsqueries(self, cursor, query: SearchQuery) -> dict[str, str]:
        """The query in each language's analysis (both forms), as tsquery text; '' where nothing is
        left (stop words only)."""
        clauses = [(term, False) for term in query.parsed.terms]
        clauses += [(" ".join(phrase), True) for phrase in query.parsed.phrases]
        selects, params = [], []
        for code in LANGUAGES:
            config = LANGUAGE_CONFIGS[code]
            parts = []
            for text, phrase in clauses:
                parts.append(f"capacitas_query('{config}', 'capacitas_{code}', %s, %s)")
                params += [text, phrase]
            selects.append("(" + " && ".join(parts) + ")::text")
        cursor.execute("SELECT " + ", ".join(selects), params)
        return dict(zip(LANGUAGES, cursor.fetchone(), strict=True))

    def _match(self, tsq: dict[str, str]) -> tuple[str, list]:
        parts, params = [], []
        for code, text in tsq.items():
            if text:
                parts.append(f"(e.language = '{code}' AND e.vector @@ %s::tsquery)")
                params.append(text)
        return " OR ".join(parts), params

    def _rank(self, tsq: dict[str, str], reader: str) -> tuple[str, list]:
        cases, params = [], []
        for code, text in tsq.items():
            if text:
                cases.append(f"WHEN '{code}' THEN ts_rank(e.rank_vector, %s::tsquery)")
                params.append(text)
        expression = f"(CASE e.language {' '.join(cases)} ELSE 0 END)"
        expression += f" * (CASE WHEN e.language = %s THEN {OWN_LANGUAGE_BOOST} ELSE 1 END)"
        params.append(reader)
        return expression, params

    def search(self, query: SearchQuery) -> Results:
        with self.connection.cursor() as cursor:
            if query.parsed.is_empty:
                if query.text.strip():
                    return self._empty(query)
                results = self._run(cursor, query, None)
            else:
                tsq = self._tsqueries(cursor, query)
                if not any(tsq.values()):
                    return self._empty(query)
                results = self._run(cursor, query, tsq)
            if results.total == 0 and not query.parsed.is_empty:
                self._rescue(cursor, query, results)
            return results

    def _empty(self, query: SearchQuery) -> Results:
        return Results(hits=[], total=0, facets=facet_lists({}), page=query.page, per_page=query.per_page)

    def _base(self, query: SearchQuery, tsq: dict[str, str] | None, filters: dict[str, list[str]]) -> Sql:
        sql = Sql()
        if tsq is not None:
            clause, params = self._match(tsq)
            sql.add(clause, *params)
        access, access_params = access_sql(query.scope)
        sql.add(access, *access_params)
        if filters:
            clause, params = filters_sql(filters)
            sql.add(clause, *params)
        return sql

    def _run(self, cursor, query: SearchQuery, tsq: dict[str, str] | None) -> Results:
        """One statement: the matches (access applied) are materialised once, with their rank;
        from them come the page of groups, the total and every facet count."""
        sort = query.sort if query.sort in ("relevance", "newest", "duration") else "relevance"
        if tsq is None and sort == "relevance":
            sort = "newest"
        params: list = []
        if sort == "relevance":
            rank, rank_params = self._rank(tsq, query.language)
            params += rank_params
        else:
            rank = "0"
        if not query.facets:
            return self._page_only(cursor, query, tsq, rank, params, sort)
        where = self._base(query, tsq, {})
        params += where.params
        columns = ", ".join(f"e.{column}" for column in FACET_COLUMNS)
        selected, selected_params = filters_sql(query.filters, "m")
        params += selected_params
        group_facets = "".join(f", min({c}) AS {c}" for c in FACET_COLUMNS if c != "language" and query.facets)
        order = {
            "relevance": "score DESC, newest DESC NULLS LAST, group_key",
            "newest": "newest DESC NULLS LAST, group_key",
            "duration": "duration ASC NULLS LAST, group_key",
        }[sort]
        parts = [
            "(SELECT count(*) FROM g) AS total",
            f"(SELECT json_agg(json_build_array(group_key, score)) FROM (SELECT group_key, score FROM g "
            f"ORDER BY {order} LIMIT %s OFFSET %s) AS page) AS hits",
        ]
        tail_params: list = [query.per_page, query.offset]
        if query.facets:
            free = [name for name in FACETS if name not in query.filters and name != "language"]
            if free:
                sets = ", ".join(f"({FACETS[name]})" for name in free)
                grouping = "GROUPING(" + ", ".join(FACETS[name] for name in free) + ")"
                parts.append(
                    f"(SELECT json_agg(row_to_json(x)) FROM (SELECT {', '.join(FACETS[n] for n in free)}, "
                    f"{grouping} AS flags, count(*) AS n FROM g GROUP BY GROUPING SETS ({sets})) AS x) AS free"
                )
            for name in FACETS:
                if name != "language" and name not in query.filters:
                    continue
                column = FACETS[name]
                # Translations: at most one member of a group per language, so a language counts rows.
                counted = "count(*)" if name == "language" else "count(DISTINCT group_key)"
                if name in query.filters or name == "language":
                    others, others_params = filters_sql(query.without(name), "m")
                    parts.append(
                        f"(SELECT json_object_agg(coalesce(v, ''), n) FROM (SELECT m.{column} AS v, {counted} AS n "
                        f"FROM m WHERE {others} GROUP BY m.{column}) AS s) AS facet_{name}"
                    )
                    tail_params += others_params
        sql = (
            f"WITH m AS MATERIALIZED (SELECT e.id, e.group_key, e.published_at, e.hours, {columns}, {rank} AS r "
            f"FROM {TABLE} e WHERE {where.where()}), "
            f"f AS (SELECT * FROM m WHERE {selected}), "
            f"g AS MATERIALIZED (SELECT group_key, max(r) AS score, "
            f"max(published_at) AS newest, min(hours) AS duration{group_facets} FROM f GROUP BY group_key) "
            f"SELECT {', '.join(parts)}"
        )
        cursor.execute(sql, params + tail_params)
        row = dict(zip([c.name for c in cursor.description], cursor.fetchone(), strict=True))
        total = int(row["total"] or 0)
        groups = [{"group_key": g, "score": score} for g, score in row["hits"] or []]
        counts: dict[str, Counter] = {name: Counter() for name in FACETS}
        free_rows = row.get("free") or []
        free = [name for name in FACETS if name not in query.filters and name != "language"]
        for item in free_rows:
            flags = item["flags"]
            for position, name in enumerate(free):
                if not flags & (1 << (len(free) - 1 - position)):
                    counts[name][item[FACETS[name]] or ""] += item["n"]
        for name in FACETS:
            for value, n in (row.get(f"facet_{name}") or {}).items():
                counts[name][value] += n
        hits = []
        if groups:
            hits = assemble_hits(groups, self._members(cursor, query, tsq, groups), query)
        return Results(hits=hits, total=total, facets=facet_lists(counts), page=query.page, per_page=query.per_page)

    ORDERS = {
        "relevance": "score DESC, newest DESC NULLS LAST, group_key",
        "newest": "newest DESC NULLS LAST, group_key",
        "duration": "duration ASC NULLS LAST, group_key",
    }

    def _page_only(self, cursor, query: SearchQuery, tsq, rank: str, rank_params: list, sort: str) -> Results:
        """Hits and total without facet counts: no intermediate results are materialised."""
        where = self._base(query, tsq, query.filters)
        cursor.execute(
            f"SELECT group_key, max(r) AS score, max(published_at) AS newest, min(hours) AS duration, "
            f"count(*) OVER () AS total FROM (SELECT e.group_key, e.published_at, e.hours, {rank} AS r "
            f"FROM {TABLE} e WHERE {where.where()}) AS s GROUP BY group_key ORDER BY {self.ORDERS[sort]} "
            f"LIMIT %s OFFSET %s",
            [*rank_params, *where.params, query.per_page, query.offset],
        )
        rows = cursor.fetchall()
        groups = [{"group_key": g, "score": score} for g, score, _newest, _duration, _total in rows]
        if rows:
            total = rows[0][4]
        elif query.offset:
            cursor.execute(f"SELECT count(DISTINCT group_key) FROM {TABLE} e WHERE {where.where()}", where.params)
            total = cursor.fetchone()[0]
        else:
            total = 0
        hits = assemble_hits(groups, self._members(cursor, query, tsq, groups), query) if groups else []
        return Results(hits=hits, total=total, facets=facet_lists({}), page=query.page, per_page=query.per_page)

    def _members(self, cursor, query: SearchQuery, tsq: dict[str, str] | None, groups: list[dict]) -> list[dict]:
        """The visible members of the page's groups, with whether each matched and its rank; sets
        each group's ``best`` (its best matching member that passes the filters)."""
        access, access_params = access_sql(query.scope)
        if tsq is None:
            extra, extra_params = "TRUE AS matched, 0 AS r", []
        else:
            match, match_params = self._match(tsq)
            rank, rank_params = self._rank(tsq, query.language)
            extra, extra_params = f"({match}) AS matched, {rank} AS r", [*match_params, *rank_params]
        cursor.execute(
            f"SELECT {SHOWN}, {extra} FROM {TABLE} e WHERE e.group_key = ANY(%s) AND ({access})",
            [*extra_params, [g["group_key"] for g in groups], *access_params],
        )
        names = [column.name for column in cursor.description]
        members = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
        best: dict[str, dict] = {}
        for member in members:
            if not member["matched"] or not passes(member, query.filters):
                continue
            current = best.get(member["group_key"])
            if current is None or (member["r"], -member["id"]) > (current["r"], -current["id"]):
                best[member["group_key"]] = member
        for group in groups:
            group["best"] = best[group["group_key"]]["id"] if group["group_key"] in best else 0
        return members

    # --- Typos, broader searches and suggestions ------------------------------------------------

    def _known(self, cursor, scope: Scope, terms: list[str]) -> set[str]:
        access, params = access_sql(scope, "t")
        cursor.execute(f"SELECT DISTINCT term FROM {TERMS} t WHERE term = ANY(%s) AND ({access})", [terms, *params])
        return {row[0] for row in cursor.fetchall()}

    def correct(self, cursor, scope: Scope, word: str) -> str:
        """The closest visible word within one or two letters (trigram candidates, then edit distance)."""
        limit = typo_limit(word)
        if not limit:
            return ""
        access, params = access_sql(scope, "t")
        cursor.execute("SET pg_trgm.similarity_threshold = 0.3")
        cursor.execute(
            f"SELECT term, sum(df) AS df, similarity(term, %s) AS sim FROM {TERMS} t "
            f"WHERE term %% %s AND ({access}) GROUP BY term ORDER BY sim DESC, df DESC LIMIT 12",
            [word, word, *params],
        )
        candidates = [(edit_distance(word, term, limit), -df, term) for term, df, _sim in cursor.fetchall()]
        candidates = [c for c in candidates if c[0] <= limit]
        return min(candidates)[2] if candidates else ""

    def _rescue(self, cursor, query: SearchQuery, results: Results) -> None:
        """Nothing found: search for a correction of unknown words, or report a broader search."""
        folded = [fold(word) for word in query.parsed.all_words()]
        known = self._known(cursor, query.scope, folded)
        corrections = {}
        for word in folded:
            if word not in known:
                fixed = self.correct(cursor, query.scope, word)
                if fixed:
                    corrections[word] = fixed
        if corrections:
            text = corrected_text(query.text, corrections)
            corrected = replace(query, text=text)
            tsq = self._tsqueries(cursor, corrected)
            if any(tsq.values()):
                found = self._run(cursor, corrected, tsq)
                results.suggestion = text
                if found.total:
                    results.hits, results.total, results.facets = found.hits, found.total, found.facets
                    results.corrected = True
                    return
        if query.filters:
            tsq = self._tsqueries(cursor, query)
            where = self._base(query, tsq, {})
            cursor.execute(f"SELECT count(DISTINCT group_key) FROM {TABLE} e WHERE {where.where()}", where.params)
            total = cursor.fetchone()[0]
            if total:
                results.broader = {"filters": {}, "total": total}

    def suggest(self, prefix: str, *, scope: Scope, language: str, limit: int = 8) -> list[Suggestion]:
        tokens = [fold(word) for word in words(prefix)][:6]
        if not tokens or len("".join(tokens)) < 2:
            return []
        access, params = access_sql(scope)
        tsquery = " & ".join(tokens[:-1] + [tokens[-1] + ":*"])
        found: list[Suggestion] = []
        seen_groups: set[str] = set()
        with self.connection.cursor() as cursor:
            for own in (True, False):
                cursor.execute(
                    f"SELECT title, url, language, group_key FROM {TABLE} e "
                    f"WHERE e.title_vector @@ to_tsquery('simple', %s) AND e.language {'=' if own else '<>'} %s "
                    f"AND ({access}) LIMIT %s",
                    [tsquery, language, *params, limit * 3],
                )
                for title, url, lang, group in cursor.fetchall():
                    if group not in seen_groups and len(found) < limit:
                        seen_groups.add(group)
                        found.append(Suggestion(text=title, kind="title", url=url, language=lang))
            term_access, term_params = access_sql(scope, "t")
            cursor.execute(
                f"SELECT term, sum(df) AS df FROM {TERMS} t WHERE term LIKE %s AND ({term_access}) "
                f"GROUP BY term ORDER BY df DESC, term LIMIT %s",
                [tokens[-1].replace("\\", "").replace("%", "").replace("_", "\\_") + "%", *term_params, 5],
            )
            head = " ".join(tokens[:-1])
            terms = [Suggestion(text=(head + " " + term).strip(), kind="term") for term, _df in cursor.fetchall()]
        return terms[: max(2, limit - len(found))] + found[:limit]
