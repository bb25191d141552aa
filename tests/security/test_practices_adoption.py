"""An adoption is recorded only by a verified official of an agency, for that agency, once: it is
what monitoring counts, so it must not be inflated (each fails without its check)."""

import pytest
from django.utils import timezone

from accounts.models import Profile
from practices import services
from practices.errors import PracticeError
from practices.models import Adoption
from tests.accounts.factories import AgencyFactory, UserFactory, official
from tests.practices.factories import people, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def p(db):
    return people()


def test_a_user_who_names_an_agency_but_is_not_verified_cannot_adopt(p):
    practice = published(p)
    claimant = UserFactory(username="claimant")
    Profile.objects.filter(user=claimant).update(agency=p.agency_b, member_state=p.state_b)
    with pytest.raises(PracticeError) as refused:
        services.adoption_record(user=claimant, practice=practice)
    assert refused.value.status == 403
    assert not Adoption.objects.exists()


def test_an_official_verified_for_one_state_cannot_adopt_for_another_states_agency(p):
    practice = published(p)
    user = official(agency=p.agency_b, username="moved")
    Profile.objects.filter(user=user).update(agency=AgencyFactory(state=p.state_a), verified_at=timezone.now())
    with pytest.raises(PracticeError):
        services.adoption_record(user=user, practice=practice)
    assert not Adoption.objects.exists()


def test_an_agency_adopts_a_practice_only_once(p):
    practice = published(p)
    services.adoption_record(user=p.official_b, practice=practice)
    colleague = official(agency=p.agency_b, username="colleague")
    with pytest.raises(PracticeError) as refused:
        services.adoption_record(user=colleague, practice=practice)
    assert refused.value.status == 409
    assert Adoption.objects.count() == 1
