"""The search index tables of the PostgreSQL backend (docs/decisions/0050-search-backends.md).

These are the project's own tables, not Wagtail's. The text-search columns (``vector``,
``rank_vector``, ``title_vector``), the per-language partial GIN indexes, the trigram index of the
word list and the ``unaccent``/``pg_trgm`` extensions exist on PostgreSQL only; migration 0002 adds
them there. The SQLite FTS5 backend keeps tables of its own (``search.backends.sqlite``)."""

from django.db import models


class SearchEntry(models.Model):
    """One indexed document: a thing in one language, with the fields that are shown and filtered."""

    key = models.CharField(max_length=80, unique=True)  # "<kind>:<object id>"
    kind = models.CharField(max_length=20)
    object_id = models.BigIntegerField()
    title = models.TextField()
    url = models.CharField(max_length=500)
    language = models.CharField(max_length=5)
    audience = models.CharField(max_length=20)
    state_id = models.BigIntegerField(null=True)
    state_code = models.CharField(max_length=2, blank=True)
    subregion = models.CharField(max_length=20, blank=True)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    topics = models.TextField(blank=True)
    discipline = models.CharField(max_length=30, blank=True)
    level = models.CharField(max_length=30, blank=True)
    scope = models.CharField(max_length=30, blank=True)
    delivery = models.CharField(max_length=30, blank=True)
    hours = models.FloatField(null=True)
    duration_band = models.CharField(max_length=10, blank=True)
    group_key = models.CharField(max_length=80)  # translations of one thing share it
    published_at = models.DateTimeField(null=True)
    facts = models.JSONField(default=dict, blank=True)
    words = models.TextField(blank=True)  # the folded vocabulary, to keep the word list true
    checksum = models.CharField(max_length=40)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["group_key"], name="search_entry_group"),
            models.Index(fields=["kind", "object_id"], name="search_entry_object"),
        ]

    def __str__(self) -> str:
        return self.key


class SearchTerm(models.Model):
    """The vocabulary by language and audience tier, for typo correction and suggestions that never
    reveal a word only hidden documents contain. ``state_id`` is 0 for tiers without a state."""

    term = models.CharField(max_length=60)
    language = models.CharField(max_length=5)
    audience = models.CharField(max_length=20)
    state_id = models.BigIntegerField(default=0)
    df = models.IntegerField(default=0)  # documents containing the word

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "language", "audience", "state_id"], name="search_term_unique")
        ]

    def __str__(self) -> str:
        return self.term
