"""SQLite only: the FTS5 tables of the SQLite backend (``make run``). Nothing on another vendor."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    from search.backends.sqlite import SCHEMA

    for statement in SCHEMA:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in ("search_fts", "search_fts_entry", "search_fts_term"):
        schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_text_search")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
