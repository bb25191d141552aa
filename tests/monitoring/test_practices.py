"""The state dashboard counts good practices and their adoptions (read through practices.api)."""

import html
import re

import pytest
from django.urls import reverse

from practices import services
from practices.api import adoption_counts
from tests.accounts.factories import official, sign_in_with_mfa
from tests.practices.factories import people, published

pytestmark = pytest.mark.django_db


def _row(page: str, label: str) -> str:
    match = re.search(rf'<th scope="row">{re.escape(html.escape(label))}</th><td>(\d+)</td>', page)
    assert match, label
    return match.group(1)


def test_the_state_page_shows_its_practices_and_adoptions(client):
    p = people()
    practice = published(p)
    published(p, title="Not adopted")
    services.adoption_record(user=p.official_b, practice=practice)
    services.adoption_record(user=p.official_a2, practice=practice)  # another agency of the same state
    other = published(p, title="Made in Jamaica", user=official(agency=p.agency_b, username="jm"), state_obj=p.state_b)
    services.adoption_record(user=p.official_a2, practice=other)

    counts = adoption_counts(state_ids=[p.state_a.pk, p.state_b.pk])
    a, b = counts[p.state_a.pk], counts[p.state_b.pk]
    assert (a.published, a.adoptions_received, a.adoptions_from_other_states, a.adoptions_made) == (2, 2, 1, 2)
    assert (b.published, b.adoptions_received, b.adoptions_from_other_states, b.adoptions_made) == (1, 1, 1, 1)

    sign_in_with_mfa(client, p.coordinator_a)
    page = client.get(reverse("monitoring:state", kwargs={"code": "CO"})).content.decode()
    assert _row(page, "Practices of the state published") == "2"
    assert _row(page, "Adoptions of them by agencies") == "2"
    assert _row(page, "… of which by agencies of other states") == "1"


def test_a_state_without_practices_shows_zeros(client):
    p = people()
    sign_in_with_mfa(client, p.coordinator_b)
    page = client.get(reverse("monitoring:state", kwargs={"code": "JM"})).content.decode()
    assert _row(page, "Practices of the state published") == "0"
