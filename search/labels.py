"""Readable labels for facet values, in the reader's language."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from lms.languages import language_name

from .backends.base import DURATION_BANDS


def facet_titles() -> dict[str, str]:
    return {
        "type": _("Type"),
        "discipline": _("Discipline"),
        "level": _("Level"),
        "language": _("Language"),
        "state": _("Member state"),
        "subregion": _("Subregion"),
        "scope": _("Scope"),
        "delivery": _("Delivery format"),
        "duration": _("Duration"),
    }


def value_labels() -> dict[str, dict[str, str]]:
    """facet -> value -> label. One query (member states)."""
    from accounts.api import Subregion, member_states
    from curricula.api import Delivery, Discipline, Level, Scope

    from .registry import providers

    kinds = {
        "course": _("Course"),
        "curriculum": _("Curriculum"),
        "instructor": _("Instructor"),
        "offer": _("Exchange offer"),
        "request": _("Exchange request"),
    }
    kinds.update({kind: str(provider.label) for kind, provider in providers().items()})
    return {
        "type": kinds,
        "discipline": {value: str(label) for value, label in Discipline.choices},
        "level": {value: str(label) for value, label in Level.choices},
        "scope": {value: str(label) for value, label in Scope.choices},
        "delivery": {value: str(label) for value, label in Delivery.choices},
        "subregion": {value: str(label) for value, label in Subregion.choices},
        # Named in the reader's language ("inglés" on a Spanish page), as on course pages.
        "language": {code: language_name(code) for code in settings.LANGUAGE_CODES},
        "state": {state.code: state.name for state in member_states()},
        "duration": {code: str(label) for code, _low, _high, label in DURATION_BANDS},
    }
