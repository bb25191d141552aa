import pytest

from courses.indexing import course_documents, providers
from tests.accounts.factories import state
from tests.courses.factories import CoursePageFactory, LessonPageFactory, QuizFactory

pytestmark = pytest.mark.django_db


def test_one_document_per_live_course_in_its_language_with_lesson_text(site_frame):
    course = CoursePageFactory(state=state("MX"), language="es", title="Escena", audience="state")
    LessonPageFactory(parent=course, title="Protección del lugar", quiz=QuizFactory())
    [document] = list(course_documents([course.pk]))
    assert (document.kind, document.language, document.audience, document.state_code) == ("course", "es", "state", "MX")
    assert "Protección del lugar" in document.body
    assert document.group_key == str(course.translation_key)
    assert document.facts["lessons"] == 1
    course.unpublish()
    assert list(course_documents([course.pk])) == []


def test_provider_is_the_page_provider_of_courses():
    [provider] = providers()
    assert (provider.kind, provider.is_page) == ("course", True)
