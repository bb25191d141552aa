"""The list pages' filters (django-filter, decision 0071): values that are not one of the choices are
left out rather than refused, so a stale or hand-edited link still lists something."""

from __future__ import annotations

import django_filters

from curricula.api import Delivery, Discipline
from lms.untrusted import parse_id

from . import selectors
from .models import ListingStatus


class _Filters(django_filters.FilterSet):
    """The raw query values of the filters, for the form on the page and the pagination links."""

    NAMES: tuple[str, ...] = ()

    def values(self) -> dict[str, str]:
        return {name: (self.data.get(name) or "") for name in self.NAMES}


def _state(queryset, name, value):
    return queryset.filter(state__code=value.upper())


class ProfileFilter(_Filters):
    NAMES = ("discipline", "topic", "language", "state", "format")

    discipline = django_filters.ChoiceFilter(choices=Discipline.choices, method="_discipline")
    topic = django_filters.CharFilter(method="_topic")
    language = django_filters.CharFilter(field_name="languages__language")
    state = django_filters.CharFilter(method=_state)

    def _discipline(self, queryset, name, value):
        # Disciplines are a JSON list of values on the profile.
        return queryset.filter(disciplines__icontains=f'"{value}"')

    def _topic(self, queryset, name, value):
        topic_id = parse_id(value)
        return queryset if topic_id is None else queryset.filter(topics__pk=topic_id)

    @property
    def qs(self):
        return super().qs.distinct()


class ListingFilter(_Filters):
    """Offers and requests; without a valid ``status`` only the open ones."""

    NAMES = ("discipline", "language", "format", "state", "status")

    discipline = django_filters.ChoiceFilter(choices=Discipline.choices)
    language = django_filters.CharFilter()
    format = django_filters.ChoiceFilter(choices=Delivery.choices)
    state = django_filters.CharFilter(method=_state)
    status = django_filters.ChoiceFilter(choices=ListingStatus.choices)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = selectors.open_only(queryset)
        return queryset
