"""PostgreSQL only: keep the rows that every query visits narrow.

The long text (body, summary, words, the full vector) moves out of line into TOAST storage, so a
query that checks access, groups and ranks tens of thousands of matches reads small rows; the
title-and-summary vector used for ranking stays in the row (storage MAIN)."""

from django.db import migrations

FORWARD = [
    "ALTER TABLE search_searchentry SET (toast_tuple_target = 256)",
    "ALTER TABLE search_searchentry ALTER COLUMN rank_vector SET STORAGE MAIN",
]
BACKWARD = [
    "ALTER TABLE search_searchentry RESET (toast_tuple_target)",
    "ALTER TABLE search_searchentry ALTER COLUMN rank_vector SET STORAGE EXTENDED",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0003_sqlite_fts")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD), elidable=False)]
