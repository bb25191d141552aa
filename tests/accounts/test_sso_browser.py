"""An official signs in with their agency in headless Chromium, under the site's real CSP: the form,
the way out to the agency's OpenID Connect provider (127.0.0.1) and back, signed in and verified."""

import pytest
from django.contrib.auth import get_user_model

from accounts.models import Profile
from tests.accounts import factories as f
from tests.accounts.sso_idps import OIDCProvider


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_with_the_agency_in_a_browser(live_server, page, site_frame):
    from sso import services

    idp = OIDCProvider().start()
    try:
        mx = f.state("MX")
        police = f.AgencyFactory(state=mx, name="Policía Federal")
        f.AgencyDomainFactory(agency=police, domain="policia.gob.mx")
        services.identity_provider_save(
            actor=f.secretariat(),
            agency=police,
            kind="openid_connect",
            server_url=idp.issuer,
            client_id=idp.client_id,
            secret=idp.client_secret,
        )
        idp.sign_in_as("ana@policia.gob.mx", name="Ana López")
        blocked = []
        page.on("console", lambda message: "Content Security Policy" in message.text and blocked.append(message.text))

        page.goto(f"{live_server.url}/es/accounts/login/")
        page.get_by_role("link", name="Iniciar sesión con su institución").click()
        page.get_by_label("Su dirección de correo electrónico de trabajo").fill("ana@policia.gob.mx")
        page.get_by_role("button", name="Continuar hacia mi institución").click()
        page.wait_for_url(f"{live_server.url}/es/", timeout=20_000)

        assert not blocked, blocked
        assert idp.token_requests == 1
        user = get_user_model().objects.get(email="ana@policia.gob.mx")
        assert Profile.objects.get(user=user).verified_state == mx
    finally:
        idp.stop()
