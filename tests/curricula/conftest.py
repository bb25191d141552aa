import time

import pytest


def admin_login(client, user) -> None:
    """Sign in for the Wagtail admin, with the MFA record that coordinators need (AdminMFAMiddleware)."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(user=user, type="totp", defaults={"data": {"secret": "test"}})
    client.force_login(user)
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "mfa", "at": time.time(), "type": "totp"}]
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session.save()


@pytest.fixture
def states(site_frame):
    from accounts.models import MemberState
    from curricula.services import state_workflow_ensure
    from tests.accounts.factories import state

    mx, co = state("MX"), state("CO")
    for s in (mx, co):
        state_workflow_ensure(state=s)
    return MemberState.objects.get(pk=mx.pk), MemberState.objects.get(pk=co.pk)
