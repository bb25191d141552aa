"""One adoption per adopting state and source curriculum (whichever translation was adopted).

Existing duplicates keep their oldest row (the first copy made); the later copies stay as ordinary
drafts in the adopting state's tree, without provenance, so no one's work is deleted."""

from django.db import migrations, models


def fill_source_key(apps, schema_editor):
    Adoption = apps.get_model("curricula", "Adoption")
    seen = set()
    for adoption in Adoption.objects.select_related("source_page").order_by("created_at", "pk"):
        key = (adoption.source_page.translation_key, adoption.adopter_state_id)
        if key in seen:
            adoption.delete()
            continue
        seen.add(key)
        adoption.source_key = adoption.source_page.translation_key
        adoption.save(update_fields=["source_key"])


class Migration(migrations.Migration):
    dependencies = [("curricula", "0002_curriculum_pages_adoption")]

    operations = [
        migrations.AddField(
            model_name="adoption",
            name="source_key",
            field=models.UUIDField(editable=False, null=True, verbose_name="source translation key"),
        ),
        migrations.RunPython(fill_source_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="adoption",
            name="source_key",
            field=models.UUIDField(editable=False, verbose_name="source translation key"),
        ),
        migrations.AddConstraint(
            model_name="adoption",
            constraint=models.UniqueConstraint(
                fields=("source_key", "adopter_state"), name="curricula_one_adoption_per_state"
            ),
        ),
    ]
