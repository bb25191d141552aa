"""Readers' responses to a published practice: ratings, comments and adoptions, each refused with
a message and a status when it should be, and leaving nothing behind when refused."""

import re

import pytest
from django.urls import reverse

from accounts.models import Notification
from practices.models import Adoption, Comment, Rating
from tests.accounts.factories import UserFactory, official

from .factories import published, submitted

pytestmark = pytest.mark.django_db


def _url(practice, name):
    return reverse(f"practices:{name}", kwargs={"pk": practice.pk})


@pytest.mark.parametrize("stars", ["0", "6", "-1", "3.5", "x", "", "99999999999999999999"])
def test_a_rating_out_of_range_is_refused(client, p, stars):
    practice = published(p)
    client.force_login(p.official_b)
    response = client.post(_url(practice, "rate"), {"stars": stars})
    assert response.status_code == 400
    assert "1" in response.content.decode() and "5" in response.content.decode()
    assert not Rating.objects.exists()


def test_a_reader_rates_and_changes_their_rating(client, p):
    practice = published(p)
    client.force_login(p.official_b)
    client.post(_url(practice, "rate"), {"stars": "4"})
    client.post(_url(practice, "rate"), {"stars": "5"})
    assert list(Rating.objects.values_list("user", "stars")) == [(p.official_b.pk, 5)]
    assert "Rated 5.0 of 5 by 1 reader" in client.get(practice.get_absolute_url()).content.decode()


def test_an_anonymous_reader_cannot_rate_or_comment(client, p):
    practice = published(p)
    assert client.post(_url(practice, "rate"), {"stars": "4"}).status_code == 403
    assert client.post(_url(practice, "comment"), {"body": "Hello"}).status_code == 403
    assert not Rating.objects.exists() and not Comment.objects.exists()


def test_nobody_responds_to_an_unpublished_practice(client, p):
    practice = submitted(p)
    client.force_login(p.coordinator_a)
    assert client.post(_url(practice, "rate"), {"stars": "4"}).status_code == 403
    assert client.post(_url(practice, "adopt"), {}).status_code == 403
    assert not Rating.objects.exists() and not Adoption.objects.exists()


def test_a_comment_is_plain_text(client, p):
    practice = published(p)
    client.force_login(p.official_b)
    response = client.post(_url(practice, "comment"), {"body": "<b>great</b>"})
    assert response.status_code == 400 and "HTML" in response.content.decode()
    assert not Comment.objects.exists()
    assert client.post(_url(practice, "comment"), {"body": "We tried it: 3 < 4."}).status_code == 302
    assert Comment.objects.get().body == "We tried it: 3 < 4."
    assert client.post(_url(practice, "comment"), {"body": "   "}).status_code == 400


def test_an_agency_adopts_once_and_the_submitting_state_is_told(client, p, django_capture_on_commit_callbacks):
    practice = published(p)
    client.force_login(p.official_b)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_url(practice, "adopt"), {"note": "Used in Kingston."}).status_code == 302
    adoption = Adoption.objects.get()
    assert (adoption.agency, adoption.state, adoption.recorded_by) == (p.agency_b, p.state_b, p.official_b)
    assert Notification.objects.filter(user=p.submitter, kind="practices.adopted").exists()
    assert Notification.objects.filter(user=p.coordinator_a, kind="practices.adopted").exists()

    colleague = official(agency=p.agency_b, username="colleague_b")
    client.force_login(colleague)
    response = client.post(_url(practice, "adopt"), {})
    assert response.status_code == 409 and "already recorded" in response.content.decode()
    assert Adoption.objects.count() == 1


def test_the_submitting_state_sees_who_adopted_it_others_see_a_count(client, p):
    practice = published(p)
    client.force_login(p.official_b)
    client.post(_url(practice, "adopt"), {"note": "Used in Kingston."})
    client.force_login(p.coordinator_a)
    assert "Jamaica Constabulary Force" in client.get(practice.get_absolute_url()).content.decode()
    third = UserFactory(username="reader")
    client.force_login(third)
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "Adopted by 1 agency." in page and "Used in Kingston." not in page


def test_only_a_verified_official_of_an_agency_adopts(client, p):
    practice = published(p)
    client.force_login(UserFactory(username="unverified"))
    response = client.post(_url(practice, "adopt"), {})
    assert response.status_code == 403 and "verified official" in response.content.decode()
    client.force_login(p.secretariat)
    assert client.post(_url(practice, "adopt"), {}).status_code == 403
    assert not Adoption.objects.exists()


def test_the_submitting_agency_does_not_adopt_its_own_practice(client, p):
    practice = published(p)
    client.force_login(p.submitter)
    assert client.post(_url(practice, "adopt"), {}).status_code == 409
    assert not Adoption.objects.exists()


def test_another_agency_of_the_same_state_may_adopt(client, p):
    practice = published(p)
    client.force_login(p.official_a2)
    assert client.post(_url(practice, "adopt"), {}).status_code == 302
    assert Adoption.objects.count() == 1


def test_a_refusal_is_translated(client, p):
    practice = published(p)
    client.force_login(p.official_b)
    response = client.post(_url(practice, "rate").replace("/en/", "/fr/"), {"stars": "9"})
    assert response.status_code == 400 and "nombre entier" in response.content.decode()


def test_the_coordinator_sees_the_states_practices_with_their_adoptions(client, p):
    from tests.accounts.factories import sign_in_with_mfa

    practice = published(p, title="Mesas adoptadas")
    client.force_login(p.official_b)
    client.post(_url(practice, "adopt"), {})
    sign_in_with_mfa(client, p.coordinator_a)
    page = client.get(reverse("practices:mine")).content.decode()
    assert "Your state&#x27;s published practices" in page or "Your state's published practices" in page
    assert re.search(r"Mesas adoptadas</a></td><td>Colombia</td><td>1</td>", page)
    sign_in_with_mfa(client, p.coordinator_b)
    assert "Mesas adoptadas" not in client.get(reverse("practices:mine")).content.decode()
