"""Player grants: signed, bound to the viewer's session, stable within a period.

A grant names a user, a lesson, a package, a period number and a digest of the session key of the
lesson page that made it. The same session viewing the same package in the same period gets the
same grant, so the SCO's file URLs (which carry it in their path) stay the same and the browser
keeps their files cached. A grant is accepted during its period and the next one; a request that
carries a session cookie must carry the session the grant was made for. The pattern is H5P's
(docs/decisions/0034); see docs/decisions/0090.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "scorm.grant"


@dataclass(frozen=True)
class Grant:
    user_id: int
    lesson_id: int
    package_id: int
    period: int
    session: str

    def bound_to(self, session_key: str | None) -> bool:
        """Was this grant made for the session with this key?"""
        return bool(session_key) and constant_time_compare(self.session, session_digest(session_key))


def session_digest(session_key: str) -> str:
    """A digest of a session key: names the session in a URL without revealing its key."""
    return salted_hmac("scorm.grant.session", session_key).hexdigest()[:32]


def current_period(now: float | None = None) -> int:
    return int((time.time() if now is None else now) // settings.SCORM_GRANT_PERIOD)


def grant_sign(*, user, session_key: str, lesson_id: int, package_id: int, now: float | None = None) -> str:
    """The grant of this user's session for one package of one lesson, in the current period."""
    if not getattr(user, "is_authenticated", False) or not session_key:
        raise ValueError("a player grant needs a signed-in user and a session")
    value = {
        "u": int(user.pk),
        "l": int(lesson_id),
        "c": int(package_id),
        "p": current_period(now),
        "s": session_digest(session_key),
    }
    return signing.Signer(salt=SALT).sign_object(value, compress=False)


def grant_unsign(token: str, *, now: float | None = None) -> Grant | None:
    """The grant in a token, or None when the token is forged, malformed or out of its periods."""
    try:
        value = signing.Signer(salt=SALT).unsign_object(token)
        grant = Grant(
            user_id=int(value["u"]),
            lesson_id=int(value["l"]),
            package_id=int(value["c"]),
            period=int(value["p"]),
            session=str(value["s"]),
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        return None
    if grant.period not in (current_period(now), current_period(now) - 1):
        return None
    return grant
