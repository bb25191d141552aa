"""The shared player grant (lms.grants): one player's grant is never another's, a grant is bound to
its session and periods, and the access check behind it runs once per grant while cached."""

from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from lms.grants import GrantSigner, Refused

ALPHA = GrantSigner("test.alpha", lambda: 600)
BETA = GrantSigner("test.beta", lambda: 600)
USER = SimpleNamespace(pk=7, is_authenticated=True)


def request_with(session_key, user_pk=7, cookie=True):
    request = RequestFactory().get("/", HTTP_COOKIE="sessionid=x" if cookie else "")
    request.session = SimpleNamespace(session_key=session_key)
    request.user = SimpleNamespace(pk=user_pk)
    return request


def test_a_grant_of_one_player_is_not_a_grant_of_another():
    token = ALPHA.sign(user=USER, session_key="s1", lesson_id=3, object_id=4)
    assert ALPHA.unsign(token).object_id == 4
    assert BETA.unsign(token) is None


def test_a_grant_holds_in_its_period_and_the_next_only():
    token = ALPHA.sign(user=USER, session_key="s1", lesson_id=3, object_id=4, now=0)
    assert ALPHA.unsign(token, now=599) is not None
    assert ALPHA.unsign(token, now=1199) is not None
    assert ALPHA.unsign(token, now=1200) is None


def test_anonymous_readers_get_no_grant():
    with pytest.raises(ValueError):
        ALPHA.sign(user=SimpleNamespace(pk=None, is_authenticated=False), session_key="s", lesson_id=1, object_id=1)


@override_settings(SESSION_COOKIE_NAME="sessionid")
def test_check_refuses_another_session_or_user_and_a_forged_token():
    token = ALPHA.sign(user=USER, session_key="s1", lesson_id=3, object_id=4)
    assert ALPHA.check(request_with("s1"), token, session_required=True).lesson_id == 3
    for request in (request_with("s2"), request_with("s1", user_pk=8)):
        with pytest.raises(Refused) as refused:
            ALPHA.check(request, token, session_required=False)
        assert refused.value.status == 403
    with pytest.raises(Refused):
        ALPHA.check(request_with("s1"), token[:-2] + "xx", session_required=False)
    # A file request without any session cookie (the sandboxed player's opaque origin) needs no session.
    assert ALPHA.check(request_with(None, cookie=False), token, session_required=False) is not None
    with pytest.raises(Refused):
        ALPHA.check(request_with(None, cookie=False), token, session_required=True)


def test_verified_runs_the_check_once_while_cached_and_keeps_a_refusal_uncached():
    cache.clear()
    token = ALPHA.sign(user=USER, session_key="s1", lesson_id=3, object_id=4)
    grant = ALPHA.unsign(token)
    calls = []
    ALPHA.verified(token, grant, lambda: calls.append(1), seconds=60)
    ALPHA.verified(token, grant, lambda: calls.append(1), seconds=60)
    assert calls == [1]

    def refuse():
        raise Refused(403, "no")

    other = BETA.sign(user=USER, session_key="s1", lesson_id=3, object_id=4)
    for _ in range(2):
        with pytest.raises(Refused):
            BETA.verified(other, BETA.unsign(other), refuse, seconds=60)
