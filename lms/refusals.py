"""One way to refuse in a page: ``refusal(request, message, status=...)`` renders ``refused.html``
(a heading, the reason in the reader's language, one way on) with the status that says why: 400 a
request that cannot be done, 403 not yours to do, 404 not there (or not for you to know of), 409
in conflict with what is there. Django's own 403 and 404 pages extend the same template."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def refusal(
    request: HttpRequest,
    message: str,
    *,
    status: int = 403,
    heading: str | None = None,
    back: str | None = None,
    back_label: str | None = None,
    login: bool = False,
) -> HttpResponse:
    """The refusal page. ``back`` (with ``back_label``, "Back" by default) is the way on; with
    ``login`` an anonymous reader is offered the login page instead, coming back here."""
    context = {
        "heading": heading or _("Not possible"),
        "message": message,
        "back": back,
        "back_label": back_label or _("Back"),
        "login": login,
    }
    return render(request, "refused.html", context, status=status)
