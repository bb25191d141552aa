"""Thin views: parse, check access through ``curricula.access``, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import privileged_action
from lms.refusals import refusal
from lms.untrusted import parse_id

from . import access, selectors, services
from .exchange import curriculum_export_json
from .pdf import curriculum_pdf


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


@require_POST
@privileged_action
def adopt(request, page_id: int):
    page = access.access_curriculum(request.user, page_id)
    state = None
    state_id = request.POST.get("state")
    if state_id:
        if parse_id(state_id) is None:
            return HttpResponseBadRequest(_("Choose a member state."))
        state = next((s for s in access.adopt_states(request.user, page) if s.pk == parse_id(state_id)), None)
        if state is None:
            raise PermissionDenied(_("Only the editors and coordinators of a member state can adopt for it."))
    language = request.POST.get("language") or None
    adopted_before = selectors.adaptations_by_state(page=page, state_ids=access.adopt_state_ids(request.user, page))
    try:
        adoption = services.adoption_create(user=request.user, source=page, state=state, language=language)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return refusal(
            request,
            _error_text(error),
            status=409,
            heading=_("This curriculum cannot be adopted"),
            back=page.get_url(request),
            back_label=_("Back to “%(title)s”") % {"title": page.title},
        )
    messages.success(
        request, adoption_message(adoption, page=page, existed=adoption.adopter_state_id in adopted_before)
    )
    # The copy is a draft: it is edited, localised and submitted for approval in the admin.
    return redirect(reverse("wagtailadmin_pages:edit", args=[adoption.adopted_page_id]))


def adoption_message(adoption, *, page, existed: bool) -> str:
    if existed:
        return _("%(state)s already adopted “%(title)s”: here is its adaptation.") % {
            "state": adoption.adopter_state.name,
            "title": page.title,
        }
    return _(
        "“%(title)s” was copied as a draft into your state's curricula. Localise it and submit it for approval."
    ) % {"title": page.title}


@require_GET
def export_json(request, page_id: int):
    page = access.access_curriculum(request.user, page_id)
    response = HttpResponse(curriculum_export_json(page), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.json"'
    response["Cache-Control"] = "private, no-store" if page.audience != "public" else "public, max-age=300"
    return response


@require_GET
def export_pdf(request, page_id: int):
    page = access.access_curriculum(request.user, page_id)
    response = HttpResponse(
        curriculum_pdf(page=page, base_url=request.build_absolute_uri("/")), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'inline; filename="{page.slug}.pdf"'
    response["Cache-Control"] = "private, no-store" if page.audience != "public" else "public, max-age=300"
    return response


@require_GET
def changes(request, page_id: int, from_revision: int, to_revision: int):
    """What changed in a curriculum between two of its published versions."""
    page = access.access_curriculum(request.user, page_id)
    published = selectors.published_revision_ids(page_id=page.pk)
    if from_revision not in published or to_revision not in published:
        raise Http404(_("No such published version."))
    revisions = {r.pk: r for r in page.revisions.filter(pk__in=[from_revision, to_revision])}
    if len(revisions) != len({from_revision, to_revision}):
        raise Http404(_("No such published version."))
    context = selectors.revision_changes(
        page=page, from_revision=revisions[from_revision], to_revision=revisions[to_revision]
    )
    context.update({"page": page, "from_revision": revisions[from_revision], "to_revision": revisions[to_revision]})
    return render(request, "curricula/changes.html", context)
