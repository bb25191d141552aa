"""Template tags of scorm: the player of one package in one lesson."""

import json

from django import template
from django.conf import settings
from django.middleware.csrf import get_token
from django.urls import reverse

from .. import selectors, sequencing
from ..signing import GRANTS

register = template.Library()


@register.simple_tag(takes_context=True)
def scorm_player(context, value, page=None) -> dict:
    """What the block template needs: the table of contents with the learner's statuses, the signed
    launch addresses of its items, the navigation the organisation allows and the post URLs.

    Only the lesson page being served may sign: a block without a request, a lesson or a signed-in
    learner who may see it renders no player."""
    request = context.get("request")
    page = page or context.get("page")
    package = value.get("package") if hasattr(value, "get") else None
    if request is None or page is None or getattr(page, "pk", None) is None or package is None:
        return {"ready": False}
    from courses import api as courses_api

    if not request.user.is_authenticated or not courses_api.lesson_can_view(request.user, page.pk):
        return {"ready": False, "refused": True}
    if not request.session.session_key:
        request.session.save()
    token = GRANTS.sign(
        user=request.user, session_key=request.session.session_key, lesson_id=page.pk, object_id=package.pk
    )
    attempt = selectors.attempt_latest(user_id=request.user.pk, lesson_id=page.pk, package=package)
    statuses = selectors.sco_statuses(attempt=attempt) if attempt else {}
    items = sequencing.launchable(package.manifest)
    last = max(attempt.scos.all(), key=lambda sco: sco.updated_at, default=None) if attempt else None
    current = last.item if last is not None else sequencing.first_item(package.manifest)
    navigation = {
        item["identifier"]: {
            "launch": settings.SCORM_ORIGIN
            + reverse("scorm:launch", args=[token, item["identifier"]])
            + (f"?{item['query']}" if item.get("query") else ""),
            "next": sequencing.neighbour(package.manifest, item["identifier"], 1, is_2004=package.is_2004),
            "previous": sequencing.neighbour(package.manifest, item["identifier"], -1, is_2004=package.is_2004),
            "choosable": sequencing.choosable(package.manifest, item["identifier"], is_2004=package.is_2004),
            "title": item["title"],
        }
        for item in items
    }
    rolled = sequencing.rollup(package.manifest, statuses)
    return {
        "ready": bool(items),
        "package": package,
        "toc": selectors.table_of_contents(package=package, statuses=statuses),
        "navigation_json": json.dumps(navigation),
        "launch": navigation[current]["launch"] if current in navigation else "",
        "current": current,
        "multiple": len(items) > 1,
        "attempt": attempt.number if attempt else 1,
        "completed": rolled.completed,
        "commit_url": reverse("scorm:commit", args=[page.pk, package.pk]),
        "attempt_url": reverse("scorm:attempt", args=[page.pk, package.pk]),
        "csrf_token": get_token(request),
    }
