"""Writes of the forum: keyword-only, checked, atomic. Each refusal is a ForumError with a
translated message; nothing is written when one is raised."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import access
from .errors import ForumError
from .models import (
    LANGUAGES,
    ApproachText,
    Attachment,
    DigestFrequency,
    DigestPreference,
    Mention,
    ModerationAction,
    NationalApproach,
    Post,
    PostReport,
    PostRevision,
    Reaction,
    ReactionKind,
    ReadMarker,
    Space,
    SpaceKind,
    Subscription,
    Thread,
)
from .richtext import MAX_CHARS, plain, sanitise
from .uploads import CheckedFile, check_uploads

MENTION = re.compile(r"(?<![\w.@])@([\w.+-]{2,150})")


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ForumError(_("Choose the language the post is written in."), status=400)
    return language


def _body(text: str) -> str:
    if len(text or "") > MAX_CHARS:
        raise ForumError(_("A post can have at most %(count)s characters.") % {"count": MAX_CHARS}, status=400)
    body = sanitise(text)
    if not plain(body):
        raise ForumError(_("Write something before you post."), status=400)
    return body


def _attach(post: Post, files: list[CheckedFile]) -> None:
    for checked in files:
        attachment = Attachment(
            post=post,
            name=checked.name,
            content_type=checked.content_type,
            size=len(checked.data),
            sha256=checked.sha256,
        )
        attachment.file.save(checked.name, ContentFile(checked.data), save=False)
        attachment.save()


def _mentions(post: Post) -> list[int]:
    """Record the readers of the space named with @username in the text; returns their ids."""
    names = {m.group(1).rstrip(".") for m in MENTION.finditer(plain(post.body))}
    if not names:
        return []
    users = get_user_model().objects.filter(username__in=sorted(names), is_active=True).exclude(pk=post.author_id)
    space = post.thread.space
    ids = []
    for user in users[:20]:
        if access.can_read_space(user, space):
            Mention.objects.get_or_create(post=post, user=user)
            ids.append(user.pk)
    return ids


def _after_post(post_id: int, *, new_thread: bool, mentioned: list[int]) -> None:
    from . import notifications

    transaction.on_commit(
        lambda: notifications.post_created(post_id=post_id, new_thread=new_thread, mentioned=mentioned)
    )


def _add_post(*, user, thread: Thread, body: str, language: str, quote: Post | None, files) -> Post:
    """Append a post under a row lock of its thread, so numbers stay 1, 2, 3 … without gaps."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    if locked.locked:
        raise ForumError(_("This thread is locked: no new posts can be added."), status=409)
    now = timezone.now()
    post = Post.objects.create(
        thread=locked,
        number=locked.post_count + 1,
        author=user,
        body=body,
        language=language,
        quote=quote,
        created_at=now,
    )
    _attach(post, files)
    locked.post_count = post.number
    locked.last_post_id = post.pk
    locked.last_post_at = now
    locked.save(update_fields=["post_count", "last_post_id", "last_post_at"])
    thread.post_count, thread.last_post_id, thread.last_post_at = locked.post_count, post.pk, now
    post.thread = locked
    return post


def thread_create(
    *,
    user,
    space: Space,
    title: str,
    body: str,
    language: str,
    topic: str = "",
    measure_id: int | None = None,
    discipline: str = "",
    files=(),
) -> Thread:
    if not access.can_write_space(user, space):
        raise ForumError(_("You cannot start a thread in this space."), status=403)
    title = (title or "").strip()
    if not title:
        raise ForumError(_("Give the thread a title."), status=400)
    if len(title) > 200:
        raise ForumError(_("A title can have at most 200 characters."), status=400)
    language = _language(language)
    clean_body = _body(body)
    checked = check_uploads(files)
    with transaction.atomic():
        thread = Thread.objects.create(
            space=space,
            title=title,
            topic=(topic or "").strip()[:80],
            measure_id=measure_id,
            discipline=discipline or "",
            language=language,
            author=user,
        )
        post = _add_post(user=user, thread=thread, body=clean_body, language=language, quote=None, files=checked)
        Subscription.objects.get_or_create(user=user, thread=thread)
        ReadMarker.objects.update_or_create(user=user, thread=thread, defaults={"last_read_post_id": post.pk})
        mentioned = _mentions(post)
        _after_post(post.pk, new_thread=True, mentioned=mentioned)
    return thread


def post_create(*, user, thread: Thread, body: str, language: str, quote_id: int | None = None, files=()) -> Post:
    if not access.can_write_space(user, thread.space) or thread.hidden:
        raise ForumError(_("You cannot post in this thread."), status=403)
    if thread.locked:
        raise ForumError(_("This thread is locked: no new posts can be added."), status=409)
    language = _language(language)
    clean_body = _body(body)
    quote = None
    if quote_id:
        quote = Post.objects.filter(pk=quote_id, thread=thread, hidden=False).first()
        if quote is None:
            raise ForumError(_("The post you quote is not in this thread."), status=400)
    checked = check_uploads(files)
    with transaction.atomic():
        post = _add_post(user=user, thread=thread, body=clean_body, language=language, quote=quote, files=checked)
        Subscription.objects.get_or_create(user=user, thread=thread)
        ReadMarker.objects.update_or_create(user=user, thread=thread, defaults={"last_read_post_id": post.pk})
        mentioned = _mentions(post)
        _after_post(post.pk, new_thread=False, mentioned=mentioned)
    return post


@transaction.atomic
def post_edit(*, user, post: Post, body: str, language: str) -> Post:
    if not access.can_edit_post(user, post):
        raise ForumError(_("Only the author can edit a post."), status=403)
    if post.thread.locked:
        raise ForumError(_("This thread is locked: its posts can no longer be edited."), status=409)
    language = _language(language)
    clean_body = _body(body)
    if clean_body == post.body and language == post.language:
        return post
    PostRevision.objects.create(post=post, body=post.body, language=post.language, edited_by=user)
    post.body, post.language, post.edited_at = clean_body, language, timezone.now()
    post.save(update_fields=["body", "language", "edited_at"])
    _mentions(post)
    return post


@transaction.atomic
def reaction_toggle(*, user, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back; returns whether it is there now."""
    if kind not in ReactionKind.values:
        raise ForumError(_("Unknown reaction."), status=400)
    if not access.can_write_space(user, post.thread.space) or post.hidden:
        raise ForumError(_("You cannot react to this post."), status=403)
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.create(post=post, user=user, kind=kind)
    return True


@transaction.atomic
def answer_mark(*, user, post: Post) -> Thread:
    thread = post.thread
    if not thread.space.questions:
        raise ForumError(_("Answers are marked only in question-and-answer spaces."), status=400)
    if not access.can_mark_answer(user, thread):
        raise ForumError(_("Only the person who asked, or a moderator, can mark the answer."), status=403)
    if post.hidden or post.number == 1:
        raise ForumError(_("This post cannot be the answer."), status=400)
    thread.answer_post_id = None if thread.answer_post_id == post.pk else post.pk
    thread.save(update_fields=["answer_post_id"])
    return thread


def post_report(*, user, post: Post, reason: str) -> PostReport:
    reason = (reason or "").strip()
    if not getattr(user, "is_authenticated", False):
        raise ForumError(_("Sign in to report a post."), status=403)
    if not reason:
        raise ForumError(_("Say why the post should be looked at."), status=400)
    try:
        with transaction.atomic():
            report = PostReport.objects.create(post=post, reporter=user, reason=reason[:500])
    except IntegrityError:
        raise ForumError(_("You have already reported this post."), status=409) from None
    from . import notifications

    transaction.on_commit(lambda: notifications.post_reported(report_id=report.pk))
    return report


# --- Moderation --------------------------------------------------------------------------------------


def _moderator(user, space: Space) -> None:
    if not access.can_moderate_space(user, space):
        raise ForumError(
            _("Only the secretariat, or a national coordinator of this space's state, can moderate here."), status=403
        )


@transaction.atomic
def post_moderate(*, user, post: Post, hide: bool, reason: str = "") -> Post:
    _moderator(user, post.thread.space)
    if post.number == 1 and hide:
        raise ForumError(_("The first post carries the thread: hide the thread instead."), status=400)
    if post.hidden == hide:
        return post
    post.hidden, post.hidden_reason = hide, (reason or "").strip()[:300] if hide else ""
    post.save(update_fields=["hidden", "hidden_reason"])
    if hide and post.thread.answer_post_id == post.pk:
        Thread.objects.filter(pk=post.thread_id).update(answer_post_id=None)
    PostReport.objects.filter(post=post, resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=user)
    ModerationAction.objects.create(
        moderator=user,
        action=ModerationAction.Action.HIDE_POST if hide else ModerationAction.Action.SHOW_POST,
        thread=post.thread,
        post=post,
        reason=post.hidden_reason,
    )
    Thread.objects.get(pk=post.thread_id).save(update_fields=["last_post_at"])  # re-index the thread
    return post


THREAD_ACTIONS = {
    "lock": ("locked", True, ModerationAction.Action.LOCK),
    "unlock": ("locked", False, ModerationAction.Action.UNLOCK),
    "hide": ("hidden", True, ModerationAction.Action.HIDE_THREAD),
    "show": ("hidden", False, ModerationAction.Action.SHOW_THREAD),
}


@transaction.atomic
def thread_moderate(*, user, thread: Thread, action: str, reason: str = "", to_space: Space | None = None) -> Thread:
    _moderator(user, thread.space)
    if action == "move":
        if to_space is None:
            raise ForumError(_("Choose the space to move the thread to."), status=400)
        if not access.can_moderate_space(user, to_space):
            raise ForumError(_("You can move a thread only into a space you moderate."), status=403)
        if to_space.pk == thread.space_id:
            return thread
        from_space = thread.space
        thread.space = to_space
        if not to_space.questions:
            thread.answer_post_id = None
        thread.save(update_fields=["space", "answer_post_id"])
        ModerationAction.objects.create(
            moderator=user,
            action=ModerationAction.Action.MOVE,
            thread=thread,
            from_space=from_space,
            to_space=to_space,
            reason=(reason or "")[:300],
        )
        return thread
    if action not in THREAD_ACTIONS:
        raise ForumError(_("Unknown moderation action."), status=400)
    field, value, logged = THREAD_ACTIONS[action]
    if getattr(thread, field) != value:
        setattr(thread, field, value)
        thread.save(update_fields=[field])
        ModerationAction.objects.create(moderator=user, action=logged, thread=thread, reason=(reason or "")[:300])
    return thread


@transaction.atomic
def report_resolve(*, user, report: PostReport) -> PostReport:
    _moderator(user, report.post.thread.space)
    if report.resolved_at is None:
        report.resolved_at, report.resolved_by = timezone.now(), user
        report.save(update_fields=["resolved_at", "resolved_by"])
    return report


# --- Following and reading ---------------------------------------------------------------------------


def subscription_toggle(*, user, thread: Thread | None = None, space: Space | None = None) -> bool:
    """Follow, or stop following; returns whether the user follows now."""
    if (thread is None) == (space is None):
        raise ForumError(_("Follow a thread or a space."), status=400)
    target = thread.space if thread is not None else space
    if not getattr(user, "is_authenticated", False) or not access.can_read_space(user, target):
        raise ForumError(_("You cannot follow this."), status=403)
    with transaction.atomic():
        lookup = {"thread": thread} if thread is not None else {"space": space}
        deleted, _rows = Subscription.objects.filter(user=user, **lookup).delete()
        if deleted:
            return False
        Subscription.objects.create(user=user, **lookup)
    return True


def subscription_email_set(*, user, subscription_id: int, email: bool) -> None:
    updated = Subscription.objects.filter(pk=subscription_id, user=user).update(email=email)
    if not updated:
        raise ForumError(_("That subscription is not yours."), status=404)


def digest_set(*, user, frequency: str) -> DigestPreference:
    if frequency not in DigestFrequency.values:
        raise ForumError(_("Choose how often the digest comes."), status=400)
    preference, _created = DigestPreference.objects.get_or_create(user=user)
    if preference.frequency != frequency:
        preference.frequency = frequency
        preference.last_sent_at = preference.last_sent_at or timezone.now()
        preference.save(update_fields=["frequency", "last_sent_at"])
    return preference


def read_marker_advance(*, user, thread: Thread, post_id: int | None) -> None:
    """Move the reader's marker forward to this post (never back), in one statement."""
    if not getattr(user, "is_authenticated", False) or not post_id:
        return
    updated = ReadMarker.objects.filter(user=user, thread=thread, last_read_post_id__lt=post_id).update(
        last_read_post_id=post_id
    )
    if not updated:
        ReadMarker.objects.get_or_create(user=user, thread=thread, defaults={"last_read_post_id": post_id})


def thread_mark_read(*, user, thread: Thread) -> None:
    read_marker_advance(user=user, thread=thread, post_id=thread.last_post_id)


# --- Spaces and national approaches ------------------------------------------------------------------


def space_upsert(*, slug: str, kind: str, state=None, questions: bool = False, order: int = 0, **texts) -> Space:
    if kind not in SpaceKind.values:
        raise ForumError(_("Unknown kind of space."), status=400)
    space, _created = Space.objects.update_or_create(
        slug=slug, defaults={"kind": kind, "state": state, "questions": questions, "order": order, **texts}
    )
    return space


def coordinators_space() -> Space:
    space = Space.objects.filter(kind=SpaceKind.COORDINATORS).order_by("order", "pk").first()
    if space is None:
        space = space_upsert(
            slug="coordinators",
            kind=SpaceKind.COORDINATORS,
            title_en="National coordinators' forum",
            title_es="Foro de coordinadores nacionales",
            title_pt="Fórum dos coordenadores nacionais",
            title_fr="Forum des coordonnateurs nationaux",
        )
    return space


APPROACH_FIELDS = ("priorities", "institutions", "training_needs", "offers")


def _approach_body(texts: dict[str, dict[str, str]], language: str) -> str:
    from django.utils import translation

    from .models import ApproachText

    labels = {name: ApproachText._meta.get_field(name).verbose_name for name in APPROACH_FIELDS}
    text = texts[language]
    with translation.override(language):
        parts = [f"<h3>{labels[name]}</h3>{sanitise(text[name])}" for name in APPROACH_FIELDS]
    return "".join(parts)


def approach_publish(
    *, user, state, work_plan_id: int, texts: dict[str, dict[str, str]], measure_ids=(), language: str | None = None
) -> NationalApproach:
    """``texts`` maps languages to the four parts; the discussion opens in the first language given."""
    from plan.api import work_plan_periods

    if not access.can_publish_approach(user, state.pk):
        raise ForumError(_("Only a national coordinator of the state can publish its approach."), status=403)
    if work_plan_id not in {p.id for p in work_plan_periods(user)}:
        raise ForumError(_("Choose a work-plan period that has been sent to the member states."), status=400)
    texts = {
        code: {name: (values.get(name) or "").strip() for name in APPROACH_FIELDS}
        for code, values in (texts or {}).items()
        if code in LANGUAGES and any((values.get(name) or "").strip() for name in APPROACH_FIELDS)
    }
    if not texts:
        raise ForumError(_("Write the approach in at least one language."), status=400)
    for values in texts.values():
        if not all(values.values()):
            raise ForumError(
                _(
                    "Fill in the priorities, the institutions, the training needs and the offer in each language you write."
                ),
                status=400,
            )
    language = language if language in texts else next(iter(texts))
    if NationalApproach.objects.filter(state=state, work_plan_id=work_plan_id).exists():
        raise ForumError(_("This state has already presented its approach for this period."), status=409)
    space = coordinators_space()
    with transaction.atomic():
        from django.utils import translation

        with translation.override(language):
            title = _("National approach of %(state)s, %(period)s") % {
                "state": state.name_in(language),
                "period": next(p.label for p in work_plan_periods(user) if p.id == work_plan_id),
            }
        thread = thread_create(
            user=user,
            space=space,
            title=title,
            body=_approach_body(texts, language),
            language=language,
            topic=str(_("National approach")),
        )
        approach = NationalApproach.objects.create(
            state=state, work_plan_id=work_plan_id, published_by=user, thread=thread
        )
        for code, values in texts.items():
            ApproachText.objects.create(approach=approach, language=code, **values)
        if measure_ids:
            approach.measures.set(list(measure_ids))
    return approach


def post_count_fix(*, thread: Thread) -> None:
    """Recount a thread's posts (after bulk loads)."""
    last = Post.objects.filter(thread=thread).order_by("-number").values("pk", "number", "created_at").first()
    Thread.objects.filter(pk=thread.pk).update(
        post_count=last["number"] if last else 0,
        last_post_id=last["pk"] if last else None,
        last_post_at=last["created_at"] if last else F("created_at"),
    )
