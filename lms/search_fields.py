"""Search fields for Wagtail's own index that stay within what the index can store.

Wagtail's database backend turns every ``SearchField`` of a page into one PostgreSQL ``tsvector``,
which holds at most 1 MB; a page whose text has enough distinct words (a pasted document, a
catalogue line of random words) made the save fail with "string is too long for tsvector", and
the whole edit or import with it. :class:`BoundedSearchField` indexes the first
:data:`MAX_INDEXED_CHARACTERS` characters of a field: several such fields stay well under the
limit, and a search for what a page is about finds it by its first pages of text."""

from __future__ import annotations

from wagtail.search import index

#: Distinct words take about 1.5 bytes of tsvector a character; a page has a handful of these fields.
MAX_INDEXED_CHARACTERS = 100_000


class BoundedSearchField(index.SearchField):
    def get_value(self, obj):
        value = super().get_value(obj)
        if isinstance(value, list | tuple):
            value = ", ".join(str(item) for item in value)
        if isinstance(value, str):
            return value[:MAX_INDEXED_CHARACTERS]
        return value
