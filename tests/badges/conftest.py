import pytest
from django.utils import timezone

from courses.models import Certificate
from curricula.models import Topic
from tests.accounts.factories import official, state
from tests.courses.factories import CoursePageFactory


def certificate_for(course, learner, **kwargs) -> Certificate:
    return Certificate.objects.create(
        user=learner,
        course=course,
        holder_name=str(learner),
        course_title=course.title,
        hours=course.estimated_hours,
        issuer_state=course.state,
        issued_at=timezone.now(),
        **kwargs,
    )


@pytest.fixture
def certificate(site_frame):
    mx = state("MX")
    course = CoursePageFactory(
        state=mx,
        title="Escena del crimen",
        estimated_hours="12.5",
        discipline="forensic",
        outcomes="Asegurar la escena\nDocumentar la cadena de custodia",
    )
    topic = Topic.objects.create(
        slug="chain-of-custody", discipline="forensic", name_en="Chain of custody", name_es="Cadena de custodia"
    )
    course.topics.add(topic)
    course.save()
    learner = official(mx, email="jorge@policia.example.mx")
    return certificate_for(course, learner, language="es")
