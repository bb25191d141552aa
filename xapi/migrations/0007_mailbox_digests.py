"""pgcrypto, and indexes on the SHA-1 of each platform mailbox, so that a client's statement whose
actor is ``mbox_sha1sum`` is checked against the platform's accounts by an index scan
(docs/decisions/0043-client-isolation.md)."""

from django.conf import settings
from django.contrib.postgres.operations import CryptoExtension
from django.db import migrations

DIGEST = "encode(digest('mailto:' || lower(email), 'sha1'), 'hex')"


def _tables(apps):
    user = apps.get_model(settings.AUTH_USER_MODEL)._meta.db_table
    address = apps.get_model("account", "EmailAddress")._meta.db_table
    return {"xapi_user_mbox_sha1": user, "xapi_emailaddress_mbox_sha1": address}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    for name, table in _tables(apps).items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} (({DIGEST}))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.connection.ops.quote_name
    for name in _tables(apps):
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")


class Migration(migrations.Migration):
    dependencies = [
        ("xapi", "0006_forward_outbox"),
        ("account", "0009_emailaddress_unique_primary_email"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        CryptoExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
