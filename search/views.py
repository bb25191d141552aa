"""The search page (works without JavaScript) and the JSON API. Thin: parse, search, render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts import access as accounts_access
from curricula.api import Level
from lms.languages import in_interface_language

from . import api
from .backends.base import DURATION_BANDS, FACETS
from .forms import BadParameters, Params, parse
from .labels import facet_titles, value_labels


def _url(params: Params, **changes) -> str:
    data = {"q": params.q, "sort": params.sort, "page": params.page, **changes}
    filters = changes.pop("filters", params.filters)
    pairs = [(k, v) for k, v in data.items() if k != "filters" and v not in ("", None, 1, "relevance")]
    for name, values in filters.items():
        pairs += [(name, value) for value in values]
    return "?" + urlencode(pairs)


# Facets whose values have an order of their own keep it; the others go by count.
NATURAL_ORDER = {"duration": [code for code, _low, _high, _label in DURATION_BANDS], "level": list(Level.values)}


def _facet_order(name: str):
    order = NATURAL_ORDER.get(name)
    if order is None:
        return lambda item: (-item[1], item[0])
    return lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0])


def _facets(results, params: Params, labels: dict) -> list[dict]:
    titles = facet_titles()
    groups = []
    for name in FACETS:
        selected = params.filters.get(name, [])
        values = dict(results.facets.get(name, []))
        for value in selected:  # a selected value stays visible (with 0) so it can be cleared
            values.setdefault(value, 0)
        if not values:
            continue
        options = []
        for value, count in sorted(values.items(), key=_facet_order(name)):
            options.append(
                {
                    "value": value,
                    "label": labels.get(name, {}).get(value, value),
                    "count": count,
                    "selected": value in selected,
                    "id": f"facet-{name}-{value}",
                }
            )
        groups.append({"name": name, "title": titles[name], "options": options})
    return groups


def _more_for(user) -> str:
    """What would show more results: "sign_in" for a visitor, "verify" for an unverified account.

    The note never counts what is hidden (a count would reveal restricted content); it says only
    that content for officials exists in the catalogue."""
    if not getattr(user, "is_authenticated", False):
        return "sign_in"
    if not (accounts_access.is_verified_official(user) or accounts_access.is_secretariat(user)):
        return "verify"
    return ""


def search_page(request):
    status = 200
    error = ""
    try:
        params = parse(request.GET)
    except BadParameters as problem:
        params, error, status = Params(), str(problem), 400
    results = api.search(
        params.q,
        user=request.user,
        filters=params.filters,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        language=get_language(),
    )
    for hit in results.hits:
        # A hit in another language opens with the reader's interface (its content unchanged).
        hit.url = in_interface_language(hit.url, get_language())
    labels = value_labels()
    context = {
        "params": params,
        "results": results,
        "error": error,
        "facet_groups": _facets(results, params, labels),
        "labels": labels,
        "sorts": [("relevance", _("Relevance")), ("newest", _("Newest")), ("duration", _("Duration"))],
        "previous_url": _url(params, page=params.page - 1) if params.page > 1 else "",
        "next_url": _url(params, page=params.page + 1) if params.page < results.pages else "",
        "suggestion_url": _url(params, q=results.suggestion, page=1) if results.suggestion else "",
        "broader_url": _url(params, filters={}, page=1) if results.broader else "",
        "searched": bool(params.q or params.filters),
        "more_for": _more_for(request.user),
        "login_url": reverse("account_login") + "?" + urlencode({"next": request.get_full_path()}),
    }
    return render(request, "search/search_page.html", context, status=status)


def _hit_json(hit) -> dict:
    return {
        "type": hit.kind,
        "id": hit.object_id,
        "title": hit.title,
        "url": hit.url,
        "language": hit.language,
        "state": hit.state_code,
        "subregion": hit.subregion,
        "score": hit.score,
        "snippet": hit.snippet,
        "facts": hit.facts,
        "discipline": hit.discipline,
        "level": hit.level,
        "hours": hit.hours,
        "published_at": hit.published_at.isoformat() if hit.published_at else None,
        "other_languages": hit.other_languages,
    }


def _language(request) -> str:
    return (request.GET.get("lang") or get_language() or "en")[:2]


@require_GET
def search_json(request):
    try:
        params = parse(request.GET)
    except BadParameters as problem:
        return JsonResponse({"error": str(problem)}, status=400)
    language = _language(request)
    results = api.search(
        params.q,
        user=request.user,
        filters=params.filters,
        sort=params.sort,
        page=params.page,
        per_page=params.per_page,
        language=language,
    )
    return JsonResponse(
        {
            "query": params.q,
            "total": results.total,
            "page": results.page,
            "pages": results.pages,
            "per_page": results.per_page,
            "hits": [_hit_json(hit) for hit in results.hits],
            "facets": {name: [{"value": v, "count": n} for v, n in values] for name, values in results.facets.items()},
            "suggestion": results.suggestion,
            "corrected": results.corrected,
            "broader": results.broader,
        }
    )


@require_GET
def suggest_json(request):
    prefix = (request.GET.get("q") or "").strip()
    if len(prefix) > 100:
        return JsonResponse({"error": _("The search text is too long.")}, status=400)
    suggestions = api.suggest(prefix, user=request.user, language=_language(request))
    return JsonResponse(
        {
            "query": prefix,
            "suggestions": [
                {"text": s.text, "kind": s.kind, "url": s.url, "language": s.language} for s in suggestions
            ],
        }
    )
