"""Signed, expiring grants for the sandboxed player.

The player document runs in an iframe sandboxed without ``allow-same-origin``: its origin is opaque,
so it has no session cookie. A grant, signed with the site's secret and timestamped, carries the
user id, the lesson id and the content id; it is the credential for the player document and for
every package file. Each request still asks ``courses.api.lesson_can_view`` (see h5p.views).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "h5p.grant"


@dataclass(frozen=True)
class Grant:
    user_id: int | None
    lesson_id: int
    content_id: int


def grant_sign(*, user, lesson_id: int, content_id: int) -> str:
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"u": user_id, "l": int(lesson_id), "c": int(content_id)}, compress=False
    )


def grant_unsign(token: str, *, max_age: int | None = None) -> Grant | None:
    """The grant in a token, or None when the token is forged, malformed or expired."""
    try:
        value = signing.TimestampSigner(salt=SALT).unsign_object(
            token, max_age=settings.H5P_URL_MAX_AGE if max_age is None else max_age
        )
        user_id = value["u"]
        grant = Grant(
            user_id=None if user_id is None else int(user_id), lesson_id=int(value["l"]), content_id=int(value["c"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return grant
