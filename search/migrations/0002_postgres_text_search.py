"""PostgreSQL only: extensions, text-search configurations, vector columns and indexes.

SQLite (``make run``) and Elasticsearch deployments need none of this: the operation does nothing
on another database vendor."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.pg_sql import FORWARD

    for statement in FORWARD:
        schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from search.backends.pg_sql import BACKWARD

    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
