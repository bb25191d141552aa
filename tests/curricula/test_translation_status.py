"""A curriculum page lists its translations and says which are out of date (the original was
published again after them)."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale

from curricula.models import CurriculumPage
from tests.curricula.factories import curriculum

pytestmark = pytest.mark.django_db


def translate(page, language):
    copy = page.copy_for_translation(Locale.objects.get(language_code=language))
    copy.save_revision().publish()
    return CurriculumPage.objects.get(pk=copy.pk)


def test_translations_are_listed_and_an_older_one_is_out_of_date(client, states):
    mx, _co = states
    original = curriculum(mx, title="Community policing")
    spanish = translate(original, "es")
    french = translate(original, "fr")
    page = client.get(original.url).content.decode()
    assert 'hreflang="es"' in page and 'hreflang="fr"' in page
    assert "out of date" not in page

    # The original changes after the Spanish and French versions were published.
    CurriculumPage.objects.filter(pk__in=[spanish.pk, french.pk]).update(
        last_published_at=timezone.now() - datetime.timedelta(days=3)
    )
    original.summary = "A revised course for patrol officers."
    original.save_revision().publish()
    page = client.get(original.url).content.decode()
    assert page.count("out of date") == 2
    body = client.get(spanish.url).content.decode()
    assert "Esta traducción está desactualizada" in body
    assert f'href="{original.url}"' in body
