"""HTML never enters a practice, a comment or an adoption note: it is refused with a message, and
what is stored is shown escaped (each would fail without practices.services' markup check)."""

import pytest
from django.urls import reverse

from practices import services
from practices.errors import PracticeError
from practices.models import Practice
from tests.practices.factories import people, practice_data, published

pytestmark = pytest.mark.django_db

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p><a href=javascript:x>", "<!-- x -->"]


@pytest.fixture
def p(db):
    return people()


@pytest.mark.parametrize(
    "field", ["title", "summary", "context", "problem", "actions", "results", "resources", "contact"]
)
def test_markup_in_any_text_field_is_refused(p, field):
    for payload in PAYLOADS:
        with pytest.raises(PracticeError) as refused:
            services.practice_submit(
                user=p.submitter, state=p.state_a, data=practice_data(**{field: f"Text {payload}"})
            )
        assert refused.value.status == 400 and "HTML" in refused.value.message
    assert not Practice.objects.exists()


def test_markup_in_comments_notes_and_review_comments_is_refused(client, p):
    practice = published(p)
    for call in (
        lambda: services.comment_add(user=p.official_b, practice=practice, body="<script>x</script>"),
        lambda: services.adoption_record(user=p.official_b, practice=practice, note="<b>x</b>"),
    ):
        with pytest.raises(PracticeError):
            call()
    assert not practice.comments.exists() and not practice.adoptions.exists()


def test_a_less_than_sign_is_text_and_is_shown_escaped(client, p):
    practice = published(p, results="Complaints fell < 5 % & response time <30 min.")
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Complaints fell &lt; 5 % &amp; response time &lt;30 min." in page
    assert client.get(reverse("practices:index")).status_code == 200
