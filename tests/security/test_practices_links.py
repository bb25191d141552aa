"""A practice links only to curricula and courses its submitter can see, and shows each link only
to readers who can see it: a link never reveals a state-tier course to another state."""

import pytest

from practices.errors import PracticeError
from practices.models import PracticeLink
from practices.selectors import practice_detail
from tests.courses.factories import CoursePageFactory
from tests.practices.factories import people, published, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(db, site_frame):
    return people()


def test_a_link_to_a_course_the_submitter_cannot_see_is_refused(p):
    hidden = CoursePageFactory(state=p.state_b, audience="state", title="Jamaica only")
    with pytest.raises(PracticeError) as refused:
        submitted(p, courses=[str(hidden.pk)])
    assert refused.value.status == 400
    assert "course" in refused.value.message
    assert not PracticeLink.objects.exists()


def test_a_link_to_a_page_that_is_not_a_course_is_refused(p):
    curriculum_not_course = CoursePageFactory(state=p.state_a, title="A course").get_parent()
    with pytest.raises(PracticeError):
        submitted(p, courses=[str(curriculum_not_course.pk)])


def test_a_state_course_linked_from_a_public_practice_is_shown_only_to_that_state(p):
    course = CoursePageFactory(state=p.state_a, audience="state", title="Colombia only")
    practice = published(p, courses=[str(course.pk)])
    assert [link.page_id for link in practice_detail(user=p.official_a2, practice=practice).links] == [course.pk]
    assert practice_detail(user=p.official_b, practice=practice).links == []
