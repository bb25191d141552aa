"""Writes for curricula: the approval workflow of a state, adoption with provenance, and the notices
adopters receive when their source publishes a new revision.

Every service is keyword-only, checks access through ``accounts.access`` (via ``curricula.access``)
and raises a translated ``ValidationError`` or ``PermissionDenied`` before it writes anything."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.actions.copy_page import CopyPagePermissionError
from wagtail.models import GroupApprovalTask, Locale, Revision, Workflow, WorkflowPage, WorkflowTask

from accounts.access import state_group_name
from accounts.api import MemberState, Role, member_state_by_id, notify, sync_view_restriction, users_with_role
from home.api import state_page, state_pages_ensure

from . import access as curricula_access
from .models import Adoption, Competency, CurriculumPage, Topic

# --- The approval workflow of a state -------------------------------------------------------------


def workflow_name(state: MemberState) -> str:
    return f"{state.code} curriculum approval"


@transaction.atomic
def state_workflow_ensure(*, state: MemberState) -> Workflow:
    """The state's workflow: one approval task for its coordinators, attached to the state's page in
    every language. Idempotent; makes the state's pages (and groups) first if they are missing."""
    pages = state_pages_ensure(state=state)
    coordinators, _created = Group.objects.get_or_create(name=state_group_name("coordinators", state.code))
    task = GroupApprovalTask.objects.filter(name=f"{state.code} coordinators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=f"{state.code} coordinators approval")
    if set(task.groups.values_list("pk", flat=True)) != {coordinators.pk}:
        task.groups.set([coordinators])
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(state), defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for page in pages.values():
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


# --- Adoption -------------------------------------------------------------------------------------


def _free_slug(parent, slug: str) -> str:
    taken = set(parent.get_children().values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


@transaction.atomic
def adoption_create(
    *, user, source: CurriculumPage, state: MemberState | None = None, language: str | None = None
) -> Adoption:
    """Copy a published curriculum of another state, as a draft, into the adopter's state page (in the
    source's language or the one chosen), recording the source page and its exact live revision.

    Idempotent: a state adopts a curriculum (any of its translations) once. When it already has,
    this returns that adoption and copies nothing; concurrent requests meet the unique constraint."""
    source = CurriculumPage.objects.select_for_update().get(pk=source.pk)
    if not source.live or source.live_revision_id is None:
        raise ValidationError(_("Only a published curriculum can be adopted."))
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("Sign in as a curriculum editor or national coordinator to adopt a curriculum."))
    allowed = curricula_access.adopt_state_ids(user, source)
    if state is None:
        if curricula_access.can_edit_in_state(user, source.state_id) and not allowed:
            raise ValidationError(_("This curriculum already belongs to your state: it cannot be adopted by it."))
        if len(allowed) != 1:
            raise ValidationError(_("Choose the member state that adopts this curriculum."))
        state = member_state_by_id(allowed[0])
    if state.pk == source.state_id:
        raise ValidationError(_("This curriculum already belongs to your state: it cannot be adopted by it."))
    if state.pk not in allowed:
        raise PermissionDenied(_("Only the editors and coordinators of a member state can adopt for it."))
    existing = _existing_adoption(source=source, state=state)
    if existing is not None:
        return existing
    language = language or source.locale.language_code
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None:
        raise ValidationError({"language": _("This language is not offered here.")})
    parent = state_page(state=state, locale=locale)
    if parent is None:
        parent = state_pages_ensure(state=state).get(language)
    if parent is None:
        raise ValidationError({"language": _("This language is not offered here.")})
    revision = Revision.objects.get(pk=source.live_revision_id)
    try:
        # A savepoint: if another request adopted the same curriculum for this state meanwhile (from
        # another translation, so the row lock above did not hold it back), the copy is undone.
        with transaction.atomic():
            try:
                copy = source.copy(
                    to=parent,
                    update_attrs={"locale": locale, "slug": _free_slug(parent, source.slug)},
                    keep_live=False,
                    copy_revisions=False,
                    user=user,
                    log_action="wagtail.copy",
                ).specific
            except CopyPagePermissionError as error:
                raise PermissionDenied(_("You may not add pages under this member state's page.")) from error
            sync_view_restriction(copy)
            adoption = Adoption(
                source_page=source,
                source_key=source.translation_key,
                source_revision=revision,
                source_version_label=source.version_label,
                adopted_page=copy,
                adopter_state=state,
                adopted_by=user,
            )
            adoption.full_clean(validate_constraints=False)
            adoption.save()
    except IntegrityError:
        existing = _existing_adoption(source=source, state=state)
        if existing is None:
            raise
        return existing
    return adoption


def _existing_adoption(*, source: CurriculumPage, state: MemberState) -> Adoption | None:
    return (
        Adoption.objects.select_related("adopted_page", "adopter_state")
        .filter(source_key=source.translation_key, adopter_state=state)
        .first()
    )


def adopter_recipients(adoption: Adoption) -> list:
    """Who hears about a new source revision: the person who adopted and the adopting state's coordinators."""
    people = {user.pk: user for user in users_with_role(role=Role.NATIONAL_COORDINATOR, state=adoption.adopter_state)}
    if adoption.adopted_by_id and adoption.adopted_by.is_active:
        people.setdefault(adoption.adopted_by_id, adoption.adopted_by)
    return list(people.values())


def changes_url(*, page_id: int, from_revision_id: int, to_revision_id: int) -> str:
    """The public comparison of two published versions, without a language prefix: each reader is
    sent to it in their own language (LocaleMiddleware and the preferred-language middleware)."""
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse(
            "curricula:changes",
            kwargs={"page_id": page_id, "from_revision": from_revision_id, "to_revision": to_revision_id},
        )
    prefix = f"/{settings.LANGUAGE_CODE}/"
    return "/" + url[len(prefix) :] if url.startswith(prefix) else url


def adopters_notify(*, source_page_id: int, revision_id: int) -> int:
    """Tell each adopter of this curriculum about its newly published revision, once per revision
    (the notice's ``dedupe_key`` names the adoption and the revision). Returns the notices made."""
    source = CurriculumPage.objects.filter(pk=source_page_id).first()
    if source is None:
        return 0
    adoptions = (
        Adoption.objects.filter(source_page_id=source_page_id)
        .exclude(source_revision_id=revision_id)
        .select_related("adopter_state", "adopted_by", "adopted_page")
    )
    made = 0
    for adoption in adoptions:
        if adoption.source_revision_id > revision_id:
            continue  # a revision older than the adopted one is no news
        title = source.title
        version = source.version_label
        adopted_title = adoption.adopted_page.title

        def subject(title=title, version=version):
            return _("“%(title)s” has a new version (%(version)s)") % {"title": title, "version": version}

        def body(title=title, old=adoption.source_version_label, version=version, adopted=adopted_title):
            return _(
                "The curriculum “%(title)s”, which your state adopted at version %(old)s as “%(adopted)s”, "
                "has published version %(version)s. Follow the link to see what changed."
            ) % {"title": title, "old": old, "version": version, "adopted": adopted}

        notices = notify(
            recipients=adopter_recipients(adoption),
            kind="curricula.source_updated",
            subject=subject,
            body=body,
            url=changes_url(
                page_id=source_page_id, from_revision_id=adoption.source_revision_id, to_revision_id=revision_id
            ),
            dedupe_key=f"curricula.adoption:{adoption.pk}:revision:{revision_id}",
        )
        made += len(notices)
    return made


@transaction.atomic
def taxonomy_ensure() -> tuple[dict[str, Topic], dict[str, Competency]]:
    """The starting topics and competencies (``curricula/taxonomy_seed.py``), by slug and by code."""
    from .taxonomy_seed import COMPETENCIES, TOPICS

    topics = {}
    for slug, discipline, en, es, pt, fr in TOPICS:
        topics[slug], _created = Topic.objects.get_or_create(
            slug=slug, defaults={"discipline": discipline, "name_en": en, "name_es": es, "name_pt": pt, "name_fr": fr}
        )
    competencies = {}
    for code, discipline, en, es, pt, fr in COMPETENCIES:
        competencies[code], _created = Competency.objects.get_or_create(
            code=code, defaults={"discipline": discipline, "name_en": en, "name_es": es, "name_pt": pt, "name_fr": fr}
        )
    return topics, competencies
