"""Player grants: signed, bound to the viewer's session, stable within a period.

A grant names a user, a lesson, a content, a period number and a digest of the session key of the
lesson page that made it. The same session viewing the same activity in the same period gets the
same grant, so the player's file URLs (which carry it in their path) stay the same and the browser
keeps their files cached. A grant is accepted during its period and the next one; a request that
carries a session cookie must carry the session the grant was made for. See docs/decisions/0034.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.crypto import constant_time_compare

from lms.grants import GrantSigner

SALT = "h5p.grant"
_SIGNER = GrantSigner(SALT, lambda: settings.H5P_GRANT_PERIOD)


@dataclass(frozen=True)
class Grant:
    user_id: int
    lesson_id: int
    content_id: int
    period: int
    session: str

    def bound_to(self, session_key: str | None) -> bool:
        """Was this grant made for the session with this key?"""
        return bool(session_key) and constant_time_compare(self.session, session_digest(session_key))


def session_digest(session_key: str) -> str:
    """A digest of a session key: names the session in a URL without revealing its key."""
    return _SIGNER.session_digest(session_key)


def current_period(now: float | None = None) -> int:
    return _SIGNER.current_period(now)


def grant_sign(*, user, session_key: str, lesson_id: int, content_id: int, now: float | None = None) -> str:
    """The grant of this user's session for one activity of one lesson, in the current period."""
    return _SIGNER.sign(user=user, session_key=session_key, lesson_id=lesson_id, object_id=content_id, now=now)


def grant_unsign(token: str, *, now: float | None = None) -> Grant | None:
    """The grant in a token, or None when the token is forged, malformed or out of its periods."""
    signed = _SIGNER.unsign(token, now=now)
    if signed is None:
        return None
    return Grant(signed.user_id, signed.lesson_id, signed.object_id, signed.period, signed.session)
