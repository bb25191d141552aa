"""The curriculum page, its PDF, the index across languages, and what search receives."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import Locale

from curricula.indexing import providers
from curricula.models import CurriculumIndexPage
from curricula.services import adoption_create
from tests.accounts.factories import editor, official
from tests.curricula.factories import TopicFactory, curriculum, module

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(site_frame):
    home = site_frame["en"]
    page = CurriculumIndexPage(title="Curricula", slug="curricula")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_pdf_has_title_modules_and_hours(states, client):
    mx, _co = states
    page = curriculum(
        mx,
        title="Investigación de homicidios",
        language="es",
        total_hours=Decimal("52.5"),
        modules=[module("Inspección técnico-ocular", "20.5"), module("Entrevista a testigos", "32")],
    )
    response = client.get(reverse("curricula:export_pdf", args=[page.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Investigación de homicidios" in text
    assert "Inspección técnico-ocular" in text and "Entrevista a testigos" in text
    assert "20.5" in text and "32" in text and "52.5" in text


def test_pdf_download_follows_the_audience(states, client):
    mx, co = states
    page = curriculum(mx, audience="state")
    url = reverse("curricula:export_pdf", args=[page.pk])
    assert client.get(url).status_code == 404
    client.force_login(official(co))
    assert client.get(url).status_code == 404
    client.force_login(official(mx))
    assert client.get(url).status_code == 200


def test_curriculum_page_shows_modules_outcomes_lineage(states, client):
    mx, co = states
    source = curriculum(mx, title="Policía de proximidad", language="es", version_label="3.0")
    adoption = adoption_create(user=editor(co), source=source)
    adoption.adopted_page.save_revision().publish()
    adopted = adoption.adopted_page
    adopted.refresh_from_db()
    response = client.get(adopted.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Policía de proximidad" in body and "3.0" in body and "Mexico" in body or "México" in body
    assert "Use of force" in body and "Explain the legal framework" in body
    assert reverse("curricula:export_pdf", args=[adopted.pk]) in body


def listing_html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_index_lists_across_languages_grouped(states, index, client):
    mx, co = states
    english = curriculum(mx, title="Crime scene basics", language="en")
    spanish = english.copy_for_translation(Locale.objects.get(language_code="es"))
    spanish.title = "Fundamentos de la escena del crimen"
    spanish.save_revision().publish()
    curriculum(co, title="Gestión penitenciaria", language="es", discipline="prison")
    curriculum(co, title="Unpublished", publish=False)
    curriculum(co, title="Colombian officials only", audience="state")

    html = listing_html(client, "/en/curricula/")
    assert "Crime scene basics" in html and "Fundamentos de la escena" not in html
    assert "Gestión penitenciaria" in html and "In Spanish" in html  # another language, marked
    assert "Unpublished" not in html and "Colombian officials only" not in html
    html = listing_html(client, "/en/curricula/?language=es")
    assert "Fundamentos de la escena del crimen" in html and "Crime scene basics" not in html
    html = listing_html(client, "/en/curricula/?discipline=prison")
    assert "Gestión penitenciaria" in html and "Crime scene basics" not in html
    html = listing_html(client, "/en/curricula/?state=MX&level=basic")
    assert "Crime scene basics" in html and "Gestión penitenciaria" not in html
    client.force_login(official(co))
    assert "Colombian officials only" in listing_html(client, "/en/curricula/")


def test_index_keeps_a_constant_number_of_queries(states, index, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mx, co = states
    topic = TopicFactory()
    for n in range(2):
        curriculum(mx, title=f"Curriculum {n}", modules=[module(topics=[topic])])
    client.get("/en/curricula/")  # warm Wagtail's site root cache
    with CaptureQueriesContext(connection) as few:
        listing_html(client, "/en/curricula/")
    for n in range(2, 8):
        curriculum(co if n % 2 else mx, title=f"Curriculum {n}", language="es" if n % 3 else "en")
    with django_assert_num_queries(len(few.captured_queries)):
        html = listing_html(client, "/en/curricula/")
    assert html.count('class="card"') == 8
    with django_assert_num_queries(len(few.captured_queries)):
        listing_html(client, "/en/curricula/?state=MX&discipline=police")


def test_curriculum_page_keeps_a_constant_number_of_queries(states, client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mx, co = states
    topics = [TopicFactory() for _ in range(4)]
    small = curriculum(mx, title="Small", modules=[module(topics=topics[:1])])
    large = curriculum(mx, title="Large", modules=[module(f"M{n}", topics=topics) for n in range(8)])
    client.get(small.url)
    with CaptureQueriesContext(connection) as few:
        client.get(small.url)
    # Wagtail's routing and the shared layout's language links take most of these; the page's own
    # context (state, lineage and adoptions, translations, competencies, topics) takes five.
    assert len(few.captured_queries) <= 23
    with django_assert_num_queries(len(few.captured_queries)):
        assert client.get(large.url).status_code == 200


def test_search_documents(states):
    mx, _co = states
    topic = TopicFactory(name_en="Chain of custody", name_es="Cadena de custodia")
    page = curriculum(mx, title="Custodia", language="es", modules=[module("Escena", topics=[topic])])
    curriculum(mx, title="Draft", publish=False)
    (provider,) = providers()
    assert provider.kind == "curriculum" and provider.is_page
    (doc,) = list(provider.documents(None))
    assert doc.object_id == page.pk and doc.language == "es" and doc.state_code == "MX"
    assert doc.topics == ["Cadena de custodia"]
    assert "Escena" in doc.body and "Explain the legal framework" in doc.body
    assert doc.group_key == str(page.translation_key)
    assert doc.hours == 40.0 and doc.discipline == "police" and doc.audience == "public"
    assert list(provider.documents([page.pk]))[0].key == f"curriculum:{page.pk}"
