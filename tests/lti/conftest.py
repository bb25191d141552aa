import pytest

from tests.lti.platform import LTI, TestPlatform


@pytest.fixture
def lti_platform():
    platform = TestPlatform()
    yield platform
    platform.stop()


@pytest.fixture
def registered(db, lti_platform):
    return lti_platform.register_by_hand()


@pytest.fixture
def course(site_frame):
    from tests.accounts.factories import state
    from tests.courses.factories import CoursePageFactory, LessonPageFactory

    course = CoursePageFactory(state=state("MX"), title="Chain of custody")
    course.lessons = [
        LessonPageFactory(parent=course, title="Sealing evidence"),
        LessonPageFactory(parent=course, title="Transport"),
    ]
    return course


def custom(**values):
    return {LTI + "custom": {k: str(v) for k, v in values.items()}}
