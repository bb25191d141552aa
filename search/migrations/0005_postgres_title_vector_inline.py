"""PostgreSQL only: the title vector used by suggestions stays in the row like the ranking vector,
so checking a row's title never reads TOAST storage."""

from django.db import migrations


def run(storage):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE search_searchentry ALTER COLUMN title_vector SET STORAGE {storage}")

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_narrow_rows")]

    operations = [migrations.RunPython(run("MAIN"), run("EXTENDED"), elidable=False)]
