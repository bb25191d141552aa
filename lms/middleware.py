"""Requests the admin's forms cannot read are a 400, not a 500."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _


class IncompleteAdminFormMiddleware:
    """A POST to the Wagtail admin with a part of its form missing gets a 400 in the reader's language.

    Wagtail's edit views read a StreamField's ``<name>-count`` and each inline formset's management
    form straight from ``request.POST``: without them Django raises MultiValueDictKeyError or the
    formset's "ManagementForm data is missing" ValidationError before anything is saved. Browsers
    never send such a form, so the sender gets a plain refusal."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not request.path.startswith("/admin/"):
            return None
        incomplete = isinstance(exception, MultiValueDictKeyError) or (
            isinstance(exception, ValidationError) and getattr(exception, "code", None) == "missing_management_form"
        )
        if not incomplete:
            return None
        return HttpResponseBadRequest(
            _("The form arrived incomplete (a part of it is missing). Reload the page and try again."),
            content_type="text/plain; charset=utf-8",
        )
