"""Requests the views cannot store are refused whole with a 400 in the reader's language, not a 500:
text with NUL characters or lone surrogates anywhere in the request, and admin POSTs with a part of
their form missing."""

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


#: The bodies Django decodes into ``request.POST``; others (JSON, xAPI's multipart/mixed) are read
#: by their views through lms.untrusted, which applies the same rule.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def unstorable(text: str) -> bool:
    """Whether text holds a character no text column can store: NUL (PostgreSQL refuses it in text
    and JSON) or a lone surrogate (which cannot be encoded as UTF-8)."""
    if "\x00" in text:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class UnstorableTextMiddleware:
    """Refuse a request whose path, query string, form fields or uploaded file names hold NUL or a
    lone surrogate, before any view reads them.

    Django's form ``CharField`` refuses NUL, but many values never pass through one (query
    parameters, ids, choices read straight from ``request.POST``, Wagtail's admin widgets); at the
    database such a value is a 500. No form of the platform can need either character, so the rule
    is one place for every view. Uploaded files' contents are the views' to check.

    The LRS (``/xapi/``) is left to refuse such values itself, in its own protocol (a JSON error
    with the xAPI version headers that clients and the conformance suite read)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/xapi/") and self._holds_unstorable(request):
            return HttpResponseBadRequest(
                _("The request contains a character that cannot be stored (a NUL byte or an invalid character)."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)

    @staticmethod
    def _holds_unstorable(request) -> bool:
        if unstorable(request.path_info):
            return True
        pairs = list(request.GET.lists())
        if request.method == "POST" and request.content_type in FORM_TYPES:
            # A body Django cannot parse raises MultiPartParserError here, which Django answers with a 400.
            pairs += request.POST.lists()
            pairs += [(name, [upload.name for upload in uploads]) for name, uploads in request.FILES.lists()]
        return any(unstorable(key) or any(unstorable(str(value)) for value in values) for key, values in pairs)
