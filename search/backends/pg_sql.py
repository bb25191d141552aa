"""PostgreSQL DDL for the search tables: extensions, one text-search configuration per language
(Snowball stemming after ``unaccent``), the both-forms vector function, per-language partial GIN
indexes and the trigram word list. Applied by migration 0002 on PostgreSQL only."""

LANGUAGE_CONFIGS = {"en": "english", "es": "spanish", "pt": "portuguese", "fr": "french"}

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
]
for _code, _config in LANGUAGE_CONFIGS.items():
    FORWARD += [
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS capacitas_{_code}",
        f"CREATE TEXT SEARCH CONFIGURATION capacitas_{_code} (COPY = pg_catalog.{_config})",
        f"ALTER TEXT SEARCH CONFIGURATION capacitas_{_code} ALTER MAPPING FOR hword, hword_part, word "
        f"WITH unaccent, {_config}_stem",
    ]
FORWARD += [
    # Both forms, so that a query with or without accents finds the same words: the accented word stemmed and then folded, and the folded word stemmed.
    """
    CREATE OR REPLACE FUNCTION capacitas_vector(cfg regconfig, ucfg regconfig, txt text, w "char")
    RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT setweight(
        public.unaccent(to_tsvector(cfg, coalesce(txt, ''))::text)::tsvector
        || to_tsvector(ucfg, coalesce(txt, '')), w)
    $$
    """,
    """
    CREATE OR REPLACE FUNCTION capacitas_query(cfg regconfig, ucfg regconfig, words text, phrase boolean)
    RETURNS tsquery LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN phrase THEN
        public.unaccent(phraseto_tsquery(cfg, words)::text)::tsquery || phraseto_tsquery(ucfg, words)
      ELSE
        public.unaccent(plainto_tsquery(cfg, words)::text)::tsquery || plainto_tsquery(ucfg, words)
      END
    $$
    """,
    "ALTER TABLE search_searchentry ADD COLUMN vector tsvector, ADD COLUMN rank_vector tsvector, "
    "ADD COLUMN title_vector tsvector",
    "CREATE INDEX search_entry_title_vector ON search_searchentry USING gin (title_vector)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
    "CREATE INDEX search_term_prefix ON search_searchterm (term text_pattern_ops)",
]
# One partial GIN index per language: a query of one language reads only that language's index.
for _code in LANGUAGE_CONFIGS:
    FORWARD.append(
        f"CREATE INDEX search_entry_vector_{_code} ON search_searchentry USING gin (vector) WHERE language = '{_code}'"
    )

BACKWARD = [
    *[f"DROP INDEX IF EXISTS search_entry_vector_{code}" for code in LANGUAGE_CONFIGS],
    "DROP INDEX IF EXISTS search_term_prefix",
    "DROP INDEX IF EXISTS search_term_trgm",
    "DROP INDEX IF EXISTS search_entry_title_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector, DROP COLUMN IF EXISTS rank_vector, "
    "DROP COLUMN IF EXISTS title_vector",
    "DROP FUNCTION IF EXISTS capacitas_query(regconfig, regconfig, text, boolean)",
    'DROP FUNCTION IF EXISTS capacitas_vector(regconfig, regconfig, text, "char")',
    *[f"DROP TEXT SEARCH CONFIGURATION IF EXISTS capacitas_{code}" for code in LANGUAGE_CONFIGS],
]
