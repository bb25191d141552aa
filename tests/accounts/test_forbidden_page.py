"""The refusal page tells a signed-in user who is not a verified official how to get verified."""

import pytest

from tests.accounts.factories import UserFactory, official, sign_in_with_mfa

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "es", "pt", "fr"])
def test_a_refusal_for_an_unverified_user_links_to_verification(client, site_frame, language):
    sign_in_with_mfa(client, UserFactory(username="unverified"))
    response = client.get(f"/{language}/accounts/verification/")
    assert response.status_code == 403
    assert f'href="/{language}/accounts/profile/#status-heading"' in response.content.decode()


def test_a_verified_official_is_not_sent_to_verification(client, site_frame):
    from tests.accounts.factories import AgencyFactory, state

    sign_in_with_mfa(client, official(agency=AgencyFactory(state=state("MX"))))
    response = client.get("/en/accounts/verification/")
    assert response.status_code == 403
    assert "#status-heading" not in response.content.decode()
