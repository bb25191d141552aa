"""Session-bound grants for sandboxed players (H5P activities, SCORM packages).

A grant names a user, a lesson, the played object, a period number and a digest of the session key
of the lesson page that made it. The same session playing the same object in the same period gets
the same grant, so file URLs that carry it stay the same and the browser can cache them; a grant is
accepted in its period and the next one. Each kind of player has its own salt, so a grant of one is
never a grant of the other (docs/decisions/0034, 0090)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _


class Refused(Exception):
    """A player's refusal with its status (403 or 404) and the reason in the reader's language."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class SignedGrant:
    user_id: int
    lesson_id: int
    object_id: int
    period: int
    session: str


class GrantSigner:
    def __init__(self, salt: str, period_seconds):
        """``period_seconds`` is read on every use (a callable), so settings overridden in tests hold."""
        self.salt = salt
        self.period_seconds = period_seconds

    def session_digest(self, session_key: str) -> str:
        """A digest of a session key: names the session in a URL without revealing its key."""
        return salted_hmac(f"{self.salt}.session", session_key).hexdigest()[:32]

    def bound_to(self, grant: SignedGrant, session_key: str | None) -> bool:
        return bool(session_key) and constant_time_compare(grant.session, self.session_digest(session_key))

    def current_period(self, now: float | None = None) -> int:
        return int((time.time() if now is None else now) // self.period_seconds())

    def sign(self, *, user, session_key: str, lesson_id: int, object_id: int, now: float | None = None) -> str:
        if not getattr(user, "is_authenticated", False) or not session_key:
            raise ValueError("a player grant needs a signed-in user and a session")
        value = {
            "u": int(user.pk),
            "l": int(lesson_id),
            "c": int(object_id),
            "p": self.current_period(now),
            "s": self.session_digest(session_key),
        }
        return signing.Signer(salt=self.salt).sign_object(value, compress=False)

    def unsign(self, token: str, *, now: float | None = None) -> SignedGrant | None:
        """The grant in a token, or None when it is forged, malformed or out of its periods."""
        try:
            value = signing.Signer(salt=self.salt).unsign_object(token)
            grant = SignedGrant(
                user_id=int(value["u"]),
                lesson_id=int(value["l"]),
                object_id=int(value["c"]),
                period=int(value["p"]),
                session=str(value["s"]),
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
            return None
        if grant.period not in (self.current_period(now), self.current_period(now) - 1):
            return None
        return grant

    def check(self, request, token: str, *, session_required: bool) -> SignedGrant:
        """The grant in ``token`` for this request, or ``Refused``. A request that carries a session
        cookie must carry the session (and its user) the grant was made for; a player's own page
        must carry one."""
        grant = self.unsign(token)
        if grant is None:
            raise Refused(403, _("This link has expired or is not valid. Reload the lesson."))
        has_cookie = settings.SESSION_COOKIE_NAME in request.COOKIES
        bound = self.bound_to(grant, request.session.session_key) and request.user.pk == grant.user_id
        if (session_required or has_cookie) and not bound:
            raise Refused(403, _("This link belongs to another session. Reload the lesson."))
        return grant

    def verified(self, token: str, grant: SignedGrant, verify, *, seconds: int) -> None:
        """Run ``verify()`` (which raises ``Refused``) once per grant every ``seconds``: a player's
        many file requests then cost one access check, and a withdrawn right holds within that
        time."""
        key = f"{self.salt}:{token[-27:]}:{grant.user_id}:{grant.lesson_id}:{grant.object_id}"
        if cache.get(key) is None:
            verify()
            cache.set(key, True, seconds)
