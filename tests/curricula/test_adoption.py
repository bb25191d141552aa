"""Adoption copies a published curriculum of another state as a draft, with its provenance; adopters
hear once about each new revision of their source."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Notification
from curricula.exchange import curriculum_export
from curricula.models import Adoption, CurriculumPage
from curricula.services import adopters_notify, adoption_create
from tests.accounts.factories import coordinator, editor, sign_in_with_mfa
from tests.curricula.factories import CompetencyFactory, TopicFactory, curriculum, module

pytestmark = pytest.mark.django_db

FIELDS = (
    "title",
    "summary",
    "discipline",
    "level",
    "scope",
    "subregion",
    "audience",
    "target_roles",
    "total_hours",
    "learning_outcomes",
    "prerequisites",
    "licence",
    "version_label",
)


@pytest.fixture
def source(states):
    mx, _co = states
    topics = [TopicFactory(), TopicFactory()]
    return curriculum(
        mx,
        language="es",
        title="Cadena de custodia",
        discipline="forensic",
        level="advanced",
        scope="subregional",
        subregion="central_america",
        audience="law_enforcement",
        total_hours=Decimal("36.5"),
        licence="cc-by-sa-4.0",
        version_label="2.1",
        modules=[
            module("Escena del crimen", "12.5", topics=topics, gender_perspective=True),
            module("Embalaje y rotulado", "24", topics=topics[:1], human_rights=False, methods="Taller práctico"),
        ],
        competencies=[CompetencyFactory(), CompetencyFactory()],
    )


def test_adoption_copies_every_field_and_block(states, source):
    mx, co = states
    adopter = editor(co)
    adoption = adoption_create(user=adopter, source=source)
    copy = CurriculumPage.objects.get(pk=adoption.adopted_page_id)
    assert copy.state_id == co.pk and copy.get_parent().specific.state_id == co.pk
    assert copy.locale_id == source.locale_id
    assert not copy.live and copy.translation_key != source.translation_key
    for name in FIELDS:
        assert getattr(copy, name) == getattr(source, name), name
    assert list(copy.competencies.order_by("pk")) == list(source.competencies.order_by("pk"))
    assert [b.block_type for b in copy.modules] == ["module", "module"]

    def blocks(page):
        return [{k: list(v) if k == "topics" else v for k, v in b.value.items()} for b in page.modules]

    assert blocks(copy) == blocks(source)
    exported_source, exported_copy = curriculum_export(source), curriculum_export(copy)
    exported_copy["curriculum"]["state"] = exported_source["curriculum"]["state"]
    assert exported_copy == exported_source
    assert adoption.source_page_id == source.pk
    assert adoption.source_revision_id == source.live_revision_id
    assert adoption.source_version_label == "2.1"
    assert adoption.adopter_state_id == co.pk and adoption.adopted_by_id == adopter.pk
    # The copy's history holds only its own revision, never the source's drafts.
    assert copy.revisions.count() == 1


def test_adoption_into_a_chosen_language(states, source):
    _mx, co = states
    adoption = adoption_create(user=coordinator(co), source=source, language="pt")
    assert adoption.adopted_page.locale.language_code == "pt"
    assert adoption.adopted_page.get_parent().specific.state_id == co.pk


def test_refuses_own_state_and_unpublished(states, source):
    mx, co = states
    with pytest.raises(ValidationError):
        adoption_create(user=editor(mx), source=source)
    draft = curriculum(mx, title="Borrador", publish=False)
    with pytest.raises(ValidationError):
        adoption_create(user=editor(co), source=draft)
    assert Adoption.objects.count() == 0
    assert CurriculumPage.objects.count() == 2


def test_refusal_through_the_view_is_translated_and_writes_nothing(states, source, client):
    mx, _co = states
    sign_in_with_mfa(client, coordinator(mx))
    response = client.post(
        reverse(
            "curricula:adopt",
            args=[source.pk],
        ),
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert response.status_code == 409
    assert Adoption.objects.count() == 0 and CurriculumPage.objects.count() == 1
    with_es = client.post(f"/es/curriculum/{source.pk}/adopt/")
    assert with_es.status_code == 409
    assert "no puede adoptarlo" in with_es.content.decode()
    assert client.get(f"/en/curriculum/{source.pk}/adopt/").status_code == 405


def test_adopt_view_copies_and_the_source_lists_the_adoption(states, source, client):
    _mx, co = states
    adopter = editor(co)
    sign_in_with_mfa(client, adopter)
    response = client.post(f"/en/curriculum/{source.pk}/adopt/")
    assert response.status_code == 302
    adoption = Adoption.objects.get()
    assert adoption.adopted_by_id == adopter.pk
    # The source lists the adoption once the copy is published (a draft copy is not public).
    CurriculumPage.objects.get(pk=adoption.adopted_page_id).save_revision(user=adopter).publish()
    page = client.get(source.url)
    assert page.status_code == 200
    assert "Colombia" in page.content.decode()
    assert "2.1" in page.content.decode()


def test_a_new_source_revision_notifies_each_adopter_once(states, source, django_capture_on_commit_callbacks):
    _mx, co = states
    adopter, co_coordinator = editor(co), coordinator(co)
    adoption_create(user=adopter, source=source)
    assert Notification.objects.count() == 0

    source.version_label = "2.2"
    source.total_hours = Decimal("40")
    with django_capture_on_commit_callbacks(execute=True):
        revision = source.save_revision()
        revision.publish()
    notices = Notification.objects.filter(kind="curricula.source_updated")
    assert sorted(n.user_id for n in notices) == sorted([adopter.pk, co_coordinator.pk])
    notice = notices.get(user=adopter)
    assert "2.2" in notice.subject
    assert notice.url.endswith(f"/{source.pk}/changes/{Adoption.objects.get().source_revision_id}...{revision.pk}/")
    assert len(mail.outbox) == 2

    # The same revision again (a redelivered task, a re-publish) notifies nobody.
    assert adopters_notify(source_page_id=source.pk, revision_id=revision.pk) == 0
    with django_capture_on_commit_callbacks(execute=True):
        revision.publish()
    assert Notification.objects.filter(kind="curricula.source_updated").count() == 2
    assert len(mail.outbox) == 2

    # The link shows what changed to anyone who may read the curriculum.
    from django.test import Client

    from accounts.models import Profile

    Profile.objects.filter(user=adopter).update(preferred_language="es")
    reader = Client()
    sign_in_with_mfa(reader, adopter)
    redirect = reader.get(notice.url)  # no language prefix: each reader lands in their own language
    assert redirect.status_code == 302 and redirect.url.startswith("/es/curriculum/")
    diff = reader.get(redirect.url)
    assert diff.status_code == 200
    body = diff.content.decode()
    assert "2.1" in body and "2.2" in body and "40" in body
    # Drafts are never shown there.
    draft = source.save_revision()
    assert reader.get(redirect.url.replace(f"...{revision.pk}", f"...{draft.pk}")).status_code == 404

    # A later revision is news again, once.
    with django_capture_on_commit_callbacks(execute=True):
        source.save_revision().publish()
    assert Notification.objects.filter(kind="curricula.source_updated").count() == 4
