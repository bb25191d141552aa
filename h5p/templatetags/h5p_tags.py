"""Template tags of h5p: the player of one activity in one lesson."""

import json

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse

from ..signing import GRANTS

register = template.Library()


@register.simple_tag(takes_context=True)
def h5p_player(context, value, page=None) -> dict:
    """What the block template needs: the signed player URL and the lesson page's post URLs.

    Only the lesson page being served may sign: a block without a request or a lesson renders no
    player (``src`` is empty)."""
    request = context.get("request")
    page = page or context.get("page")
    content = value.get("content") if hasattr(value, "get") else None
    if request is None or page is None or getattr(page, "pk", None) is None or content is None:
        return {"src": ""}
    from courses import api as courses_api

    from .. import access

    # Another state's content whose own audience excludes this reader: not even its title is shown.
    playable = access.can_play(request.user, content)
    title = content.title if playable else ""
    if not courses_api.lesson_can_view(request.user, page.pk):
        return {"src": "", "refused": True, "title": title}
    if not playable:
        return {"src": "", "withheld": True, "title": ""}
    signed_in = request.user.is_authenticated
    if not signed_in:
        return {"src": "", "refused": True, "title": title}
    if not request.session.session_key:
        request.session.save()
    # Bound to this session: the player page and its files refuse any other session (see h5p.signing).
    token = GRANTS.sign(
        user=request.user, session_key=request.session.session_key, lesson_id=page.pk, object_id=content.pk
    )
    from .. import selectors

    return {
        "src": settings.H5P_ORIGIN + reverse("h5p:player", args=[token]),
        # The lesson page fetches these for the player (its HTTP cache works; the player's does not).
        "files_origin": settings.H5P_ORIGIN,
        "files_base": selectors.files_base(token=token, content=content),
        "files": json.dumps(selectors.player_files(content=content), separators=(",", ":")),
        "content": content,
        "title": title,
        "lesson_id": page.pk,
        "signed_in": signed_in,
        "statements_url": reverse("h5p:statement", args=[page.pk, content.pk]) if signed_in else "",
        "state_url": reverse("h5p:state", args=[page.pk, content.pk]) if signed_in else "",
        "csrf_token": get_token(request) if signed_in else "",
    }
