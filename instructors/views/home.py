"""The exchange's front page and a user's own exchanges."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts import access as accounts_access
from accounts.api import Subregion

from .. import access, selectors
from ..models import (
    Stage,
)
from .common import PAGE_SIZE

# --- Front page and lists --------------------------------------------------------------------------


@require_GET
def home(request):
    context = {"is_official": access.can_use_exchange(request.user)}
    if context["is_official"]:
        context.update(
            requests=selectors.open_only(selectors.requests_visible(request.user))[:6],
            offers=selectors.open_only(selectors.offers_visible(request.user))[:6],
            waiting_count=selectors.agreements_waiting(request.user).count(),
            own_profile=access.own_profile(request.user),
        )
    return render(request, "instructors/home.html", context)


# --- My exchanges --------------------------------------------------------------------------------


@require_GET
@login_required
def mine(request):
    viewer = accounts_access.viewer_for(request.user)
    profile = access.own_profile(request.user)
    involving = Paginator(selectors.agreements_involving(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "instructors/mine.html",
        {
            "profile": profile,
            "waiting": selectors.agreements_waiting(request.user)[:50],
            "page_obj": involving,
            "to_verify": selectors.profiles_to_verify(request.user)[:50]
            if (viewer.manager_agencies or viewer.coordinator_states or viewer.is_secretariat)
            else [],
            "my_requests": selectors.requests_created_by(request.user)[:20],
            "my_offers": selectors.offers_created_by(request.user)[:20],
            "roles": {
                "instructor": profile is not None,
                "manager": bool(viewer.manager_agencies),
                "coordinator": bool(viewer.coordinator_states),
                "secretariat": viewer.is_secretariat,
            },
            "counts": selectors.stage_counts(request.user)
            if viewer.is_secretariat or viewer.coordinator_states
            else None,
            "stage_labels": dict(Stage.choices),
            "subregions": Subregion.choices,
        },
    )
