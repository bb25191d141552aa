"""Nobody reviews or publishes their own submission, whatever roles they hold; a coordinator
reviews only their own state's practices (each fails without its check in practices.services)."""

import pytest

from practices import services
from practices.errors import PracticeError
from practices.models import Status
from tests.accounts.factories import grant
from tests.practices.factories import people, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(db):
    return people()


def test_a_coordinator_does_not_review_their_own_submission(p):
    practice = submitted(p, user=p.coordinator_a)
    with pytest.raises(PracticeError) as refused:
        services.practice_review(user=p.coordinator_a, practice=practice, approve=True)
    assert refused.value.status == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_a_coordinator_of_another_state_does_not_review(p):
    practice = submitted(p)
    with pytest.raises(PracticeError) as refused:
        services.practice_review(user=p.coordinator_b, practice=practice, approve=True)
    assert refused.value.status == 403
    practice.refresh_from_db()
    assert practice.status == Status.SUBMITTED


def test_the_secretariat_does_not_publish_its_own_submission(p):
    grant(p.official_a2, "secretariat")
    practice = submitted(p, user=p.official_a2)
    services.practice_review(user=p.coordinator_a, practice=practice, approve=True)
    with pytest.raises(PracticeError) as refused:
        services.practice_publish(user=p.official_a2, practice=practice)
    assert refused.value.status == 403
    practice.refresh_from_db()
    assert practice.status == Status.REVIEWED


def test_the_submitter_who_is_also_secretariat_is_not_in_their_own_queue(p):
    from practices.selectors import awaiting

    grant(p.official_a2, "secretariat")
    practice = submitted(p, user=p.official_a2)
    services.practice_review(user=p.coordinator_a, practice=practice, approve=True)
    assert awaiting(user=p.official_a2) == []
    assert awaiting(user=p.secretariat) == [practice]
