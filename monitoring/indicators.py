"""The indicators of the plan's follow-up, each the sum of one or more measures of the fact table,
and the dimensions they break down by."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from accounts.api import AgencyKind, Gender
from curricula.api import Discipline, Level

from .models import Measure

DISCIPLINE, LEVEL, AGENCY_KIND, GENDER = "discipline", "level", "agency_kind", "gender"
ALL_DIMENSIONS = (DISCIPLINE, LEVEL, AGENCY_KIND, GENDER)
DIMENSION_LABELS = {
    DISCIPLINE: _("Discipline"),
    LEVEL: _("Level"),
    AGENCY_KIND: _("Agency kind"),
    GENDER: _("Gender"),
}
NOT_RECORDED = _("Not recorded")


def dimension_choices(dimension: str) -> list[tuple[str, str]]:
    return {
        DISCIPLINE: Discipline.choices,
        LEVEL: Level.choices,
        AGENCY_KIND: AgencyKind.choices,
        GENDER: Gender.choices,
    }[dimension]


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str
    measures: tuple[str, ...]
    dimensions: tuple[str, ...]
    personal: bool  # counts people: small counts are protected outside the owning state
    cumulative: bool = False  # a running total up to the end of the period
    hours: bool = False
    mask_of: str | None = None  # takes the protection pattern of this (head-count) indicator
    help: str = ""


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        "officials_trained",
        _("Officials trained"),
        (Measure.COMPLETIONS, Measure.EXCHANGE_PARTICIPANTS),
        ALL_DIMENSIONS,
        personal=True,
        help=_("Distance-course completions by officials of the state, plus participants in exchanges it hosted."),
    ),
    Indicator(
        "training_hours",
        _("Hours of training"),
        (Measure.COMPLETION_HOURS, Measure.EXCHANGE_HOURS),
        ALL_DIMENSIONS,
        personal=True,
        hours=True,
        mask_of="officials_trained",
        help=_("Course hours of each completion, plus exchange hours times participants."),
    ),
    Indicator(
        "courses_published",
        _("Courses published"),
        (Measure.COURSES_PUBLISHED,),
        (DISCIPLINE, LEVEL, AGENCY_KIND),
        personal=False,
        help=_("Distance courses first published in the period, counted once across translations."),
    ),
    Indicator(
        "curricula_published",
        _("Curricula published"),
        (Measure.CURRICULA_PUBLISHED,),
        (DISCIPLINE, LEVEL),
        personal=False,
        help=_("Curricula first published in the period, counted once across translations."),
    ),
    Indicator(
        "curricula_adopted_in",
        _("Curricula adopted from other states"),
        (Measure.ADOPTIONS_IN,),
        (DISCIPLINE, LEVEL),
        personal=False,
    ),
    Indicator(
        "curricula_adopted_out",
        _("Curricula adopted by other states"),
        (Measure.ADOPTIONS_OUT,),
        (DISCIPLINE, LEVEL),
        personal=False,
    ),
    Indicator(
        "exchanges_sent",
        _("Exchanges sent"),
        (Measure.EXCHANGES_SENT,),
        ALL_DIMENSIONS,
        personal=True,
        help=_("Delivered exchanges of the state's instructors abroad; gender is the instructor's."),
    ),
    Indicator(
        "exchanges_hosted",
        _("Exchanges hosted"),
        (Measure.EXCHANGES_HOSTED,),
        ALL_DIMENSIONS,
        personal=True,
        help=_("Delivered exchanges the state's agencies hosted; gender is the instructor's."),
    ),
    Indicator(
        "instructors",
        _("Instructors"),
        (Measure.INSTRUCTORS,),
        (DISCIPLINE, AGENCY_KIND, GENDER),
        personal=True,
        cumulative=True,
        help=_("Verified instructor profiles at the end of the period, under their main discipline."),
    ),
)
BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
DEFAULT = "officials_trained"


def get(key: str | None) -> Indicator:
    """The indicator for a key; raises KeyError for an unknown one."""
    return BY_KEY[key or DEFAULT]
