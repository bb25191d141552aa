"""Thin views for accounts: parse, check access, call a service, render."""

from django.conf import settings
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from . import services


@require_POST
def set_language(request):
    """Django's language switch, remembering the choice on the signed-in user's profile."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in settings.LANGUAGE_CODES:
        services.profile_update(user=request.user, preferred_language=language)
    return response
