"""Courses created or updated from a catalogue import."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import (
    CoursePage,
)


@transaction.atomic
def catalog_course_upsert(
    *,
    external_id: str,
    state,
    title: str,
    summary: str,
    body: str,
    language: str,
    discipline: str,
    level: str,
    scope: str,
    delivery: str,
    hours,
    topics,
    audience: str,
) -> tuple[CoursePage, bool]:
    """Create or update a published course from a catalogue import, under the state's page in the
    language's tree. Raises ``ValidationError`` naming the field on bad input; writes nothing then."""
    from wagtail.models import Locale

    from accounts.api import Audience
    from curricula.api import Delivery, Discipline, Level, Scope
    from home.api import state_page, state_pages_ensure

    errors = {}
    if not (external_id or "").strip():
        errors["external_id"] = _("An external identifier is required.")
    if not (title or "").strip():
        errors["title"] = _("A title is required.")
    for name, value, choices in (
        ("discipline", discipline, Discipline.values),
        ("level", level, Level.values),
        ("scope", scope, Scope.values),
        ("delivery", delivery, Delivery.values),
        ("audience", audience, Audience.values),
    ):
        if value not in choices:
            errors[name] = _("“%(value)s” is not one of: %(choices)s") % {"value": value, "choices": ", ".join(choices)}
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        errors["language"] = _("“%(value)s” is not a language of this site.") % {"value": language}
    try:
        hours = Decimal(str(hours))
        if not Decimal("0.5") <= hours <= Decimal("999"):
            raise ValueError
    except (ArithmeticError, ValueError, TypeError):
        errors["hours"] = _("Hours must be a number between 0.5 and 999.")
    if state is None:
        errors["state"] = _("A provider state is required.")
    if errors:
        raise ValidationError(errors)
    topic_list = _topics(topics)
    parent = state_page(state=state, locale=locale)
    if parent is None:
        state_pages_ensure(state=state)
        parent = state_page(state=state, locale=locale)
    course = CoursePage.objects.filter(external_id=external_id).first()
    created = course is None
    if created:
        course = CoursePage(external_id=external_id, locale=locale, state=state)
    elif course.state_id != state.pk or course.locale_id != locale.pk:
        raise ValidationError({"external_id": _("This identifier belongs to a course of another state or language.")})
    course.title = title.strip()[:255]
    course.summary = (summary or "").strip()[:600] or course.title
    course.body = body or ""
    course.discipline, course.level, course.scope, course.delivery = discipline, level, scope, delivery
    course.estimated_hours = hours
    course.audience = audience
    if created:
        from django.utils.text import slugify

        base = slugify(title)[:60] or "course"
        slug, n = base, 1
        while parent.get_children().filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        course.slug = slug
        try:
            parent.add_child(instance=course)
        except ValidationError as error:
            raise ValidationError(error.message_dict if hasattr(error, "error_dict") else {"title": error.messages})
    course.topics.set(topic_list)
    course.save_revision().publish()
    course.refresh_from_db()
    return course, created


def _topics(topics) -> list:
    """Topics given as objects, primary keys or slugs."""
    from curricula.api import Topic, topics_by_key

    items = list(topics or [])
    objects = [t for t in items if isinstance(t, Topic)]
    keys = [t for t in items if not isinstance(t, Topic)]
    if keys:
        found = topics_by_key(keys)
        known = {t.slug for t in found} | {str(t.pk) for t in found}
        unknown = [str(k) for k in keys if str(k) not in known]
        if unknown:
            raise ValidationError({"topics": _("Unknown topics: %(topics)s") % {"topics": ", ".join(unknown)}})
        objects += found
    return objects
