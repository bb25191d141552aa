"""Writes of the good-practice library. Each service checks who acts and what they send, refuses
with a PracticeError (a translated message and a status) and writes nothing half-way."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.api import Audience, MemberState, profile_for
from courses.api import visible_courses
from curricula.api import Discipline, visible_curricula
from lms import measures as plan_measures
from lms.untrusted import UntrustedInput, check_value

from . import access, notifications
from .errors import PracticeError
from .models import (
    RATING_MAX,
    RATING_MIN,
    Adoption,
    Comment,
    LinkKind,
    Practice,
    PracticeLink,
    PracticeMeasure,
    Rating,
    Status,
)

TEXT_FIELDS = ("title", "summary", "context", "problem", "actions", "results", "resources", "contact")
REQUIRED_TEXT = ("title", "summary", "context", "problem", "actions", "results")
# A tag opening, a closing tag, a comment or a declaration: "<b", "</", "<!--", "<?". A lone "<"
# (as in "< 5 %") is plain text and stays.
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")


def _plain(text, *, label: str) -> str:
    text = "" if text is None else str(text)
    try:
        check_value(text)
    except UntrustedInput as error:
        raise PracticeError(error.message) from None
    if "\x00" in text:
        raise PracticeError(_("%(field)s contains a character that cannot be stored.") % {"field": label})
    if MARKUP.search(text):
        raise PracticeError(_("%(field)s may not contain HTML markup: write plain text.") % {"field": label})
    return text.strip()


def _field_label(name: str) -> str:
    return str(Practice._meta.get_field(name).verbose_name).capitalize()


def _clean_data(*, user, data: dict) -> dict:
    cleaned = {}
    for name in TEXT_FIELDS:
        cleaned[name] = _plain(data.get(name, ""), label=_field_label(name))
        if name in REQUIRED_TEXT and not cleaned[name]:
            raise PracticeError(_("%(field)s is required.") % {"field": _field_label(name)})
        limit = Practice._meta.get_field(name).max_length
        if limit and len(cleaned[name]) > limit:
            raise PracticeError(
                _("%(field)s is too long (at most %(limit)d characters).")
                % {"field": _field_label(name), "limit": limit}
            )
    language = data.get("language")
    if language not in settings.LANGUAGE_CODES:
        raise PracticeError(_("Choose the language the practice is written in."))
    discipline = data.get("discipline")
    if discipline not in Discipline.values:
        raise PracticeError(_("Choose a discipline from the list."))
    audience = data.get("audience") or Audience.PUBLIC
    if audience not in Audience.values:
        raise PracticeError(_("Choose an audience from the list."))
    codes = sorted({str(code) for code in data.get("measures") or []})
    unknown = plan_measures.unknown(codes)
    if unknown:
        raise PracticeError(
            _("No measure of the Plan of Action has the code %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    cleaned.update(
        language=language,
        discipline=discipline,
        audience=audience,
        gender_perspective=bool(data.get("gender_perspective")),
        human_rights=bool(data.get("human_rights")),
        measures=codes,
        topics=list(data.get("topics") or []),
        links=_links(user=user, curricula=data.get("curricula") or [], courses=data.get("courses") or []),
    )
    return cleaned


def _ids(values) -> set[int]:
    from lms.untrusted import parse_id

    ids = {parse_id(value) for value in values}
    if None in ids:
        raise PracticeError(_("A linked curriculum or course is not one you can see."), status=400)
    return ids


def _links(*, user, curricula, courses) -> list[tuple[str, int]]:
    """The pages linked, each checked against what the submitter may see: a link never points
    readers at a page its author could not read (nor tells the author such a page exists)."""
    curriculum_ids, course_ids = _ids(curricula), _ids(courses)
    seen_curricula = set(visible_curricula(user).filter(pk__in=sorted(curriculum_ids)).values_list("pk", flat=True))
    if seen_curricula != curriculum_ids:
        raise PracticeError(_("A linked curriculum is not one you can see."))
    seen_courses = set(visible_courses(user).filter(pk__in=sorted(course_ids)).values_list("pk", flat=True))
    if seen_courses != course_ids:
        raise PracticeError(_("A linked course is not one you can see."))
    return [(LinkKind.CURRICULUM, pk) for pk in sorted(curriculum_ids)] + [
        (LinkKind.COURSE, pk) for pk in sorted(course_ids)
    ]


def _write_tags(practice: Practice, cleaned: dict) -> None:
    practice.topics.set(cleaned["topics"])
    practice.measures.all().delete()
    PracticeMeasure.objects.bulk_create([PracticeMeasure(practice=practice, code=code) for code in cleaned["measures"]])
    practice.links.all().delete()
    PracticeLink.objects.bulk_create(
        [PracticeLink(practice=practice, kind=kind, page_id=pk) for kind, pk in cleaned["links"]]
    )


FIELDS = (*TEXT_FIELDS, "language", "discipline", "audience", "gender_perspective", "human_rights")


@transaction.atomic
def practice_submit(*, user, state: MemberState, data: dict, demo_key: str = "") -> Practice:
    """A verified official submits a practice of their state; the state's coordinators are told."""
    if state is None or state.pk not in access.submitting_state_ids(user):
        raise PracticeError(_("You can submit practices only for a state whose official you are."), status=403)
    cleaned = _clean_data(user=user, data=data)
    profile = profile_for(user)
    agency = profile.agency if profile and profile.agency and profile.agency.state_id == state.pk else None
    practice = Practice(
        state=state,
        agency=agency,
        submitted_by=user,
        status=Status.SUBMITTED,
        demo_key=demo_key,
        **{name: cleaned[name] for name in FIELDS},
    )
    practice.full_clean(exclude=["topics"])
    practice.save()
    _write_tags(practice, cleaned)
    transaction.on_commit(lambda: notifications.submitted(practice_id=practice.pk))
    return practice


@transaction.atomic
def practice_update(*, user, practice: Practice, data: dict) -> Practice:
    """The submitter corrects a practice not yet reviewed or returned to them; it goes back to the
    coordinator."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if not access.can_edit(user, practice):
        raise PracticeError(_("Only the submitter changes a practice, and only before it is reviewed."), status=403)
    cleaned = _clean_data(user=user, data=data)
    resubmitted = practice.status == Status.RETURNED
    for name in FIELDS:
        setattr(practice, name, cleaned[name])
    practice.status = Status.SUBMITTED
    practice.full_clean(exclude=["topics"])
    practice.save()
    _write_tags(practice, cleaned)
    if resubmitted:
        transaction.on_commit(lambda: notifications.submitted(practice_id=practice.pk))
    return practice


@transaction.atomic
def practice_review(*, user, practice: Practice, approve: bool, comment: str = "") -> Practice:
    """The state's coordinator sends the practice on to the secretariat, or returns it with a reason."""
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.submitted_by_id == user.pk:
        raise PracticeError(_("You cannot review a practice you submitted."), status=403)
    if not access.is_reviewer_of(user, practice):
        raise PracticeError(_("Only a national coordinator of the practice's state reviews it."), status=403)
    if practice.status != Status.SUBMITTED:
        raise PracticeError(_("This practice is not awaiting review."), status=409)
    comment = _plain(comment, label=_("Review comment"))
    if not approve and not comment:
        raise PracticeError(_("Say what the submitter should change."))
    practice.status = Status.REVIEWED if approve else Status.RETURNED
    practice.review_comment = comment
    practice.reviewed_by = user
    practice.reviewed_at = timezone.now()
    practice.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
    transaction.on_commit(lambda: notifications.reviewed(practice_id=practice.pk))
    return practice


@transaction.atomic
def practice_publish(*, user, practice: Practice) -> Practice:
    practice = Practice.objects.select_for_update().get(pk=practice.pk)
    if practice.submitted_by_id == user.pk:
        raise PracticeError(_("You cannot publish a practice you submitted."), status=403)
    if not access.can_publish(user, practice):
        raise PracticeError(_("Only the secretariat publishes practices."), status=403)
    if practice.status != Status.REVIEWED:
        raise PracticeError(_("Only a practice its coordinator reviewed can be published."), status=409)
    practice.status = Status.PUBLISHED
    practice.published_by = user
    practice.published_at = timezone.now()
    practice.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    transaction.on_commit(lambda: notifications.published(practice_id=practice.pk))
    return practice


def _respondable(user, practice: Practice) -> None:
    if not access.can_respond(user, practice):
        raise PracticeError(_("Only signed-in readers of a published practice can do this."), status=403)


@transaction.atomic
def rating_set(*, user, practice: Practice, stars) -> Rating:
    _respondable(user, practice)
    try:
        stars = int(str(stars).strip())
    except (TypeError, ValueError):
        stars = None
    if stars is None or not RATING_MIN <= stars <= RATING_MAX:
        raise PracticeError(
            _("A rating is a whole number from %(low)d to %(high)d.") % {"low": RATING_MIN, "high": RATING_MAX}
        )
    rating, _created = Rating.objects.update_or_create(practice=practice, user=user, defaults={"stars": stars})
    return rating


@transaction.atomic
def comment_add(*, user, practice: Practice, body) -> Comment:
    _respondable(user, practice)
    body = _plain(body, label=_("Comment"))
    if not body:
        raise PracticeError(_("Write a comment first."))
    if len(body) > 4000:
        raise PracticeError(_("A comment has at most %(limit)d characters.") % {"limit": 4000})
    return Comment.objects.create(practice=practice, author=user, body=body)


def adopting_agency(user):
    """The agency a user records adoptions for: theirs, if they are a verified official of it."""
    profile = profile_for(user)
    if profile is None or profile.agency is None or profile.verified_state_id is None:
        return None
    if profile.agency.state_id != profile.verified_state_id:
        return None
    return profile.agency


def adoption_record(*, user, practice: Practice, note: str = "") -> Adoption:
    """ "Our agency adopted this", once per agency; the submitting state is told."""
    _respondable(user, practice)
    agency = adopting_agency(user)
    if agency is None:
        raise PracticeError(
            _("Only a verified official of an agency can record that their agency adopted a practice."), status=403
        )
    if practice.agency_id is not None and agency.pk == practice.agency_id:
        raise PracticeError(_("Your agency is where this practice comes from."), status=409)
    note = _plain(note, label=_("Note"))
    if len(note) > 2000:
        raise PracticeError(_("A note has at most %(limit)d characters.") % {"limit": 2000})
    if Adoption.objects.filter(practice=practice, agency=agency).exists():
        raise PracticeError(_("Your agency's adoption of this practice is already recorded."), status=409)
    try:
        with transaction.atomic():
            adoption = Adoption.objects.create(
                practice=practice, agency=agency, state_id=agency.state_id, recorded_by=user, note=note
            )
    except IntegrityError:
        raise PracticeError(_("Your agency's adoption of this practice is already recorded."), status=409) from None
    transaction.on_commit(lambda: notifications.adopted(adoption_id=adoption.pk))
    return adoption
