"""The SQLite FTS5 backend: the zero set-up default of ``make run``.

Text is analysed in Python (``search.analysis``): every word becomes its two folded stem forms
(docs/decisions/0050), prefixed with the document's language (``es_investig``), so a query can be analysed in
every language at once without one language's stems matching another's documents. Title and summary
(``head``) weigh more than topics and body (``rest``); ``title_words`` holds the folded title words
for prefix suggestions. The tables are created on first use (and by migration 0003 on SQLite), so a
backend can also run over a plain ``sqlite3`` connection (the conformance tests do)."""

from __future__ import annotations

import datetime
import sqlite3
from collections import Counter
from collections.abc import Iterable
from contextlib import closing
from dataclasses import replace

from accounts.access import Scope

from ..analysis import LANGUAGES, corrected_text, edit_distance, fold, forms, typo_limit, words
from ..documents import SearchDocument
from .base import FACETS, Backend, Results, SearchQuery, Suggestion
from .common import ROW_FIELDS, assemble_hits, document_row, facet_lists, passes, term_deltas

OWN_LANGUAGE_BOOST = 1.5
SCHEMA = [
    "CREATE TABLE IF NOT EXISTS search_fts_entry (id INTEGER PRIMARY KEY AUTOINCREMENT, key TEXT NOT NULL UNIQUE, "
    + ", ".join(
        f"{name} {'REAL' if name == 'hours' else 'INTEGER' if name in ('object_id', 'state_id') else 'TEXT'}"
        for name in ROW_FIELDS
        if name != "key"
    )
    + ")",
    "CREATE INDEX IF NOT EXISTS search_fts_entry_group ON search_fts_entry (group_key)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(head1, head2, rest1, rest2, title_words, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\")",
    "CREATE TABLE IF NOT EXISTS search_fts_term (term TEXT NOT NULL, language TEXT NOT NULL, audience TEXT NOT NULL, "
    "state_id INTEGER NOT NULL, df INTEGER NOT NULL, PRIMARY KEY (term, language, audience, state_id))",
]
MEMBER_COLUMNS = ["id", *ROW_FIELDS]


def analysed(text: str, language: str) -> tuple[str, str]:
    language = language if language in LANGUAGES else "en"
    first, second = [], []
    for word in words(text):
        a, b = forms(word, language)
        first.append(f"{language}_{a}")
        second.append(f"{language}_{b}")
    return " ".join(first), " ".join(second)


def _quote(token: str) -> str:
    return '"' + token.replace('"', "") + '"'


def match_expression(query: SearchQuery) -> str:
    """An FTS5 MATCH expression: every term (in any language's forms) and every phrase."""
    clauses = []
    for term in query.parsed.terms:
        tokens = sorted({f"{code}_{form}" for code in LANGUAGES for form in forms(term, code)})
        clauses.append("{head1 head2 rest1 rest2} : (" + " OR ".join(_quote(t) for t in tokens) + ")")
    for phrase in query.parsed.phrases:
        options = []
        for code in LANGUAGES:
            for index, columns in ((0, "{head1 rest1}"), (1, "{head2 rest2}")):
                tokens = [f"{code}_{forms(word, code)[index]}" for word in phrase]
                options.append(f"{columns} : {_quote(' '.join(tokens))}")
        clauses.append("(" + " OR ".join(dict.fromkeys(options)) + ")")
    return " AND ".join(clauses)


def access_sql(scope: Scope, alias: str = "e") -> tuple[str, list]:
    if scope.all_states:
        return "1", []
    parts, params = [f"{alias}.audience = 'public'"], []
    if scope.law_enforcement:
        parts.append(f"{alias}.audience = 'law_enforcement'")
    if scope.state_ids:
        ids = sorted(scope.state_ids)
        parts.append(f"({alias}.audience = 'state' AND {alias}.state_id IN ({', '.join('?' * len(ids))}))")
        params += ids
    return " OR ".join(parts), params


class _DjangoCursor:
    """Django's cursor with the qmark placeholders this module writes turned into its ``%s``
    (its debug wrapper formats the SQL with ``%``)."""

    def __init__(self, cursor) -> None:
        self._cursor = cursor

    def execute(self, sql: str, params=None):
        return self._cursor.execute(sql.replace("?", "%s"), params)

    def __getattr__(self, name):
        return getattr(self._cursor, name)

    def close(self) -> None:
        self._cursor.close()


class SqliteBackend(Backend):
    name = "sqlite"

    def __init__(self, using: str = "default", *, connection: sqlite3.Connection | None = None) -> None:
        self.using = using
        self._raw = connection
        self._ready = False

    def _cursor(self):
        if self._raw is not None:
            cursor = self._raw.cursor()
        else:
            from django.db import connections

            cursor = _DjangoCursor(connections[self.using].cursor())
        if not self._ready:
            for statement in SCHEMA:
                cursor.execute(statement)
            self._ready = True
        return closing(cursor)

    def _atomic(self):
        if self._raw is not None:
            return self._raw
        from django.db import transaction

        return transaction.atomic(using=self.using)

    # --- Indexing ------------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        rows = list({d.key: document_row(d) for d in documents}.values())
        if not rows:
            return 0
        with self._atomic(), self._cursor() as cursor:
            old = self._delete(cursor, [row["key"] for row in rows])
            columns = ", ".join(ROW_FIELDS)
            marks = ", ".join("?" * len(ROW_FIELDS))
            for row in rows:
                values = [row[name] for name in ROW_FIELDS]
                at = row["published_at"]
                values[ROW_FIELDS.index("published_at")] = at.isoformat() if at else None
                cursor.execute(f"INSERT INTO search_fts_entry ({columns}) VALUES ({marks})", values)
                rowid = cursor.lastrowid
                head = analysed(f"{row['title']}\n{row['summary']}", row["language"])
                rest = analysed(f"{row['topics']}\n{row['body']}", row["language"])
                title_words = " ".join(fold(word) for word in words(row["title"]))
                cursor.execute(
                    "INSERT INTO search_fts (rowid, head1, head2, rest1, rest2, title_words) VALUES (?, ?, ?, ?, ?, ?)",
                    [rowid, head[0], head[1], rest[0], rest[1], title_words],
                )
            self._terms(cursor, term_deltas(old, rows))
        return len(rows)

    def _delete(self, cursor, keys: list[str]) -> list[dict]:
        old = []
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            cursor.execute(
                f"SELECT id, language, audience, state_id, words FROM search_fts_entry "
                f"WHERE key IN ({', '.join('?' * len(chunk))})",
                chunk,
            )
            for rowid, language, audience, state_id, text in cursor.fetchall():
                old.append({"language": language, "audience": audience, "state_id": state_id, "words": text})
                cursor.execute("DELETE FROM search_fts WHERE rowid = ?", [rowid])
                cursor.execute("DELETE FROM search_fts_entry WHERE id = ?", [rowid])
        return old

    def _terms(self, cursor, deltas: Counter) -> None:
        for (term, language, audience, state_id), delta in sorted(deltas.items()):
            cursor.execute(
                "INSERT INTO search_fts_term (term, language, audience, state_id, df) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (term, language, audience, state_id) DO UPDATE SET df = df + excluded.df",
                [term, language, audience, state_id, delta],
            )
        if any(delta < 0 for delta in deltas.values()):
            cursor.execute("DELETE FROM search_fts_term WHERE df <= 0")

    def remove(self, keys: Iterable[str]) -> int:
        keys = list(keys)
        if not keys:
            return 0
        with self._atomic(), self._cursor() as cursor:
            old = self._delete(cursor, keys)
            self._terms(cursor, term_deltas(old, []))
        return len(old)

    def clear(self) -> None:
        with self._atomic(), self._cursor() as cursor:
            for table in ("search_fts", "search_fts_entry", "search_fts_term"):
                cursor.execute(f"DELETE FROM {table}")

    def checksums(self, kind: str | None = None) -> dict[str, str]:
        with self._cursor() as cursor:
            if kind:
                cursor.execute("SELECT key, checksum FROM search_fts_entry WHERE kind = ?", [kind])
            else:
                cursor.execute("SELECT key, checksum FROM search_fts_entry")
            return dict(cursor.fetchall())

    # --- Searching -----------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> Results:
        with self._cursor() as cursor:
            if query.parsed.is_empty and query.text.strip():
                return Results(hits=[], total=0, facets=facet_lists({}), page=query.page, per_page=query.per_page)
            results = self._run(cursor, query)
            if results.total == 0 and not query.parsed.is_empty:
                self._rescue(cursor, query, results)
            return results

    def _matched(self, cursor, query: SearchQuery) -> list[dict]:
        access, params = access_sql(query.scope)
        facet_columns = ", ".join(f"e.{column}" for column in FACETS.values())
        head = f"SELECT e.id, e.group_key, e.published_at, e.hours, {facet_columns}"
        if query.parsed.is_empty:
            cursor.execute(f"{head}, 0.0 FROM search_fts_entry e WHERE ({access})", params)
        else:
            cursor.execute(
                f"{head}, -bm25(search_fts, 10.0, 10.0, 1.0, 1.0, 0.0) FROM search_fts "
                f"JOIN search_fts_entry e ON e.id = search_fts.rowid WHERE search_fts MATCH ? AND ({access})",
                [match_expression(query), *params],
            )
        names = ["id", "group_key", "published_at", "hours", *FACETS.values(), "r"]
        rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
        for row in rows:
            if row["language"] == query.language:
                row["r"] *= OWN_LANGUAGE_BOOST
        return rows

    def _run(self, cursor, query: SearchQuery) -> Results:
        matched = self._matched(cursor, query)
        selected = [row for row in matched if passes(row, query.filters)]
        groups: dict[str, dict] = {}
        for row in selected:
            group = groups.setdefault(
                row["group_key"],
                {"group_key": row["group_key"], "score": row["r"], "best": row["id"], "newest": "", "duration": None},
            )
            if row["r"] > group["score"]:
                group["score"], group["best"] = row["r"], row["id"]
            group["newest"] = max(group["newest"], row["published_at"] or "")
            if row["hours"] is not None and (group["duration"] is None or row["hours"] < group["duration"]):
                group["duration"] = row["hours"]
        sort = query.sort if query.sort in ("relevance", "newest", "duration") else "relevance"
        if query.parsed.is_empty and sort == "relevance":
            sort = "newest"
        ordered = list(groups.values())
        ordered.sort(key=lambda g: g["group_key"])
        if sort == "relevance":
            ordered.sort(key=lambda g: g["newest"], reverse=True)
            ordered.sort(key=lambda g: g["score"], reverse=True)
        elif sort == "newest":
            ordered.sort(key=lambda g: g["newest"], reverse=True)
        else:
            ordered.sort(key=lambda g: (g["duration"] is None, g["duration"] or 0))
        page = ordered[query.offset : query.offset + query.per_page]
        hits = []
        if page:
            access, params = access_sql(query.scope)
            keys = [g["group_key"] for g in page]
            cursor.execute(
                f"SELECT e.id, {', '.join('e.' + n for n in ROW_FIELDS)} FROM search_fts_entry e "
                f"WHERE e.group_key IN ({', '.join('?' * len(keys))}) AND ({access})",
                [*keys, *params],
            )
            members = [dict(zip(MEMBER_COLUMNS, row, strict=True)) for row in cursor.fetchall()]
            for member in members:
                if member["published_at"]:
                    member["published_at"] = datetime.datetime.fromisoformat(member["published_at"])
            hits = assemble_hits(page, members, query)
        counts: dict[str, Counter] = {}
        for name, column in FACETS.items() if query.facets else ():
            narrowed = query.without(name)
            seen: dict[str, set] = {}
            for row in matched:
                if passes(row, narrowed):
                    seen.setdefault(row[column] or "", set()).add(row["group_key"])
            counts[name] = Counter({value: len(groups_) for value, groups_ in seen.items()})
        return Results(
            hits=hits, total=len(ordered), facets=facet_lists(counts), page=query.page, per_page=query.per_page
        )

    # --- Typos, broader searches and suggestions ------------------------------------------------

    def correct(self, cursor, scope: Scope, word: str) -> str:
        limit = typo_limit(word)
        if not limit:
            return ""
        access, params = access_sql(scope, "t")
        cursor.execute(
            f"SELECT term, sum(df) FROM search_fts_term t WHERE length(term) BETWEEN ? AND ? AND ({access}) "
            f"AND (substr(term, 1, 1) = ? OR substr(term, 2, 1) = ?) GROUP BY term",
            [len(word) - limit, len(word) + limit, *params, word[0], word[1:2]],
        )
        candidates = [(edit_distance(word, term, limit), -df, term) for term, df in cursor.fetchall()]
        candidates = [c for c in candidates if c[0] <= limit]
        return min(candidates)[2] if candidates else ""

    def _rescue(self, cursor, query: SearchQuery, results: Results) -> None:
        access, params = access_sql(query.scope, "t")
        corrections = {}
        for word in {fold(w) for w in query.parsed.all_words()}:
            cursor.execute(f"SELECT 1 FROM search_fts_term t WHERE term = ? AND ({access}) LIMIT 1", [word, *params])
            if cursor.fetchone() is None:
                fixed = self.correct(cursor, query.scope, word)
                if fixed:
                    corrections[word] = fixed
        if corrections:
            text = corrected_text(query.text, corrections)
            corrected = replace(query, text=text)
            found = self._run(cursor, corrected)
            results.suggestion = text
            if found.total:
                results.hits, results.total, results.facets = found.hits, found.total, found.facets
                results.corrected = True
                return
        if query.filters:
            total = len({row["group_key"] for row in self._matched(cursor, query)})
            if total:
                results.broader = {"filters": {}, "total": total}

    def suggest(self, prefix: str, *, scope: Scope, language: str, limit: int = 8) -> list[Suggestion]:
        tokens = [fold(word) for word in words(prefix)][:6]
        if not tokens or len("".join(tokens)) < 2:
            return []
        access, params = access_sql(scope)
        expression = " AND ".join([_quote(t) for t in tokens[:-1]] + [_quote(tokens[-1]) + " *"])
        found: list[Suggestion] = []
        with self._cursor() as cursor:
            cursor.execute(
                f"SELECT e.title, e.url, e.language, e.group_key FROM search_fts JOIN search_fts_entry e "
                f"ON e.id = search_fts.rowid WHERE search_fts MATCH ? AND ({access}) "
                f"ORDER BY e.language = ? DESC, e.published_at DESC LIMIT ?",
                ["{title_words} : (" + expression + ")", *params, language, limit * 3],
            )
            seen: set[str] = set()
            for title, url, lang, group in cursor.fetchall():
                if group not in seen and len(found) < limit:
                    seen.add(group)
                    found.append(Suggestion(text=title, kind="title", url=url, language=lang))
            term_access, term_params = access_sql(scope, "t")
            cursor.execute(
                f"SELECT term, sum(df) AS n FROM search_fts_term t WHERE term >= ? AND term < ? AND ({term_access}) "
                f"GROUP BY term ORDER BY n DESC, term LIMIT 5",
                [tokens[-1], tokens[-1] + "\uffff", *term_params],
            )
            head = " ".join(tokens[:-1])
            terms = [Suggestion(text=(head + " " + term).strip(), kind="term") for term, _n in cursor.fetchall()]
        return terms[: max(2, limit - len(found))] + found[:limit]
