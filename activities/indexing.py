"""What training activities hand to search: one document per activity still open or closed for
nominations (a cancelled one yields none, so search removes it), in the first language the
activity is given in, with its audience tier and host state (search filters by the reader's scope,
the same rule as accounts.access)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from search.api import Provider, SearchDocument

from .models import Activity, Status

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _language(activity: Activity) -> str:
    for code in activity.languages or []:
        if str(code)[:2] in LANGUAGES:
            return str(code)[:2]
    return settings.LANGUAGE_CODE


def activity_documents(ids: Iterable[int] | None) -> Iterable[SearchDocument]:
    qs = Activity.objects.exclude(status=Status.CANCELLED).select_related("state", "agency").order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    for activity in qs.iterator(chunk_size=200):
        language = _language(activity)
        with translation.override(language):
            url = reverse("activities:detail", kwargs={"pk": activity.pk})
            kind = str(activity.get_format_display())
            organiser = str(activity.get_organiser_kind_display())
        yield SearchDocument(
            kind="activity",
            object_id=activity.pk,
            title=activity.title,
            url=url,
            language=language,
            audience=activity.audience,
            state_id=activity.state_id,
            state_code=activity.state.code,
            subregion=activity.state.subregion,
            summary=activity.description[:300],
            body=activity.description,
            discipline=activity.discipline,
            scope=activity.scope,
            hours=float(activity.hours) if activity.hours is not None else None,
            published_at=activity.created_at,
            facts={
                "state": activity.state.name_in(language),
                "format": kind,
                "organiser": activity.agency.name if activity.agency else (activity.partner_name or organiser),
                "starts": activity.starts_at.date().isoformat(),
                "measures": list(activity.measure_codes or []),
            },
        )


def providers() -> list[Provider]:
    return [Provider(kind="activity", label=_("Training activity"), model=Activity, documents=activity_documents)]
