"""Writes of the LTI tool: accepting a launch (after pylti1p3 has checked its signature, state,
registration and deployment), the platform user's account, links, tickets, the grades and roster
exchanged with the platform, and dynamic registration.

Every refusal raises ``LaunchRefused`` with a translated message, its status and the reason that
goes to the log; a refused launch writes nothing (one transaction)."""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import api as accounts_api
from courses import api as courses_api

from .models import Account, Deployment, LearnerLink, Platform, ResourceLink, RosterMember, Target, Ticket, UsedNonce

log = logging.getLogger("lti")

LTI = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
NRPS_CLAIM = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"
DL_CLAIM = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
INSTRUCTOR_ROLES = ("#Instructor", "#Administrator", "#ContentDeveloper", "#TeachingAssistant")


class LaunchRefused(Exception):
    def __init__(self, message: str, *, status: int = 403, reason: str = ""):
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason or message


@dataclass
class Launch:
    platform: Platform
    account: Account
    language: str
    deep_linking: bool
    is_instructor: bool
    link: ResourceLink | None = None
    page: object | None = None
    course: object | None = None
    can_open: bool = False


def claim_dict(claims: dict, name: str) -> dict:
    """A claim that must be a JSON object; anything else counts as absent."""
    value = claims.get(name)
    return value if isinstance(value, dict) else {}


def language_of(claims: dict) -> str:
    """The site language closest to the launch's locale (``launch_presentation.locale`` or the
    OpenID ``locale`` claim, e.g. ``es-419``); English when none fits."""
    presentation = claim_dict(claims, LTI + "launch_presentation")
    for raw in (presentation.get("locale"), claims.get("locale")):
        if isinstance(raw, str):
            code = raw.replace("_", "-").split("-")[0].lower()
            if code in settings.LANGUAGE_CODES:
                return code
    return settings.LANGUAGE_CODE[:2]


def _is_instructor(claims: dict) -> bool:
    roles = claims.get(LTI + "roles")
    roles = roles if isinstance(roles, list) else []
    return any(isinstance(r, str) and r.endswith(INSTRUCTOR_ROLES) for r in roles)


def check_claims(platform: Platform, claims: dict) -> None:
    """What pylti1p3 leaves to the tool: the audience (and ``azp`` when there are several), that
    the token has a lifetime and is within it, and a subject."""
    aud = claims.get("aud")
    audiences = [aud] if isinstance(aud, str) else aud if isinstance(aud, list) else []
    if platform.client_id not in audiences or (len(audiences) > 1 and claims.get("azp") != platform.client_id):
        raise LaunchRefused(_("This launch was not meant for Capacitas."), reason=f"audience {aud!r}")
    now = time.time()
    exp, iat = claims.get("exp"), claims.get("iat")
    if not isinstance(exp, int | float) or not isinstance(iat, int | float):
        raise LaunchRefused(_("The launch has expired. Start it again from your platform."), reason="no exp or iat")
    if exp < now - settings.LTI_CLOCK_LEEWAY or iat > now + settings.LTI_CLOCK_LEEWAY:
        raise LaunchRefused(_("The launch has expired. Start it again from your platform."), reason="expired")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub or len(sub) > 255:
        raise LaunchRefused(_("The launch does not say who you are."), status=400, reason="no sub")


def _nonce_use(platform: Platform, claims: dict) -> None:
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not nonce or len(nonce) > 255:
        raise LaunchRefused(_("This launch was already used. Start it again from your platform."), reason="no nonce")
    expires = datetime.fromtimestamp(claims["exp"], tz=UTC) + timedelta(seconds=settings.LTI_CLOCK_LEEWAY)
    try:
        with transaction.atomic():
            UsedNonce.objects.create(platform=platform, nonce=nonce, expires_at=expires)
    except IntegrityError:
        raise LaunchRefused(
            _("This launch was already used. Start it again from your platform."), reason=f"nonce reused {nonce!r}"
        ) from None


def _username(platform: Platform, sub: str) -> str:
    return "lti-" + hashlib.sha256(f"{platform.pk}:{sub}".encode()).hexdigest()[:26]


def account_for(*, platform: Platform, claims: dict, language: str) -> Account:
    """The Capacitas account of the platform's user ``sub``: made on the first launch, with the
    platform's e-mail when it gives one that no account here holds yet. An account is never joined
    to an existing one by e-mail, and a platform's e-mail verifies nothing (decision 0112)."""
    sub = claims["sub"]
    account = Account.objects.filter(platform=platform, sub=sub).select_related("user").first()
    if account is not None:
        return account
    User = get_user_model()
    email = claims.get("email") if isinstance(claims.get("email"), str) else ""
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    if email and User.objects.filter(email__iexact=email).exists():
        email = ""
    user = User(username=_username(platform, sub), email=email.lower())
    for field, claim in (("first_name", "given_name"), ("last_name", "family_name")):
        if isinstance(claims.get(claim), str):
            setattr(user, field, claims[claim][:150])
    user.set_unusable_password()
    user.save()
    accounts_api.profile_get_or_create(user=user, preferred_language=language)
    return Account.objects.create(platform=platform, sub=sub, user=user)


def _target(claims: dict):
    """The course or lesson the link opens: its ``custom`` parameters ``lesson_id`` or ``course_id``."""
    custom = claim_dict(claims, LTI + "custom")
    for target, key in ((Target.LESSON, "lesson_id"), (Target.COURSE, "course_id")):
        raw = custom.get(key)
        if raw is not None:
            try:
                return target, int(str(raw))
            except ValueError:
                break
    raise LaunchRefused(_("This link does not name a course or lesson of Capacitas."), status=400, reason="no target")


def _open_target(user, target: str, page_id: int):
    """The page and its course, once the user may open it: the course must be one they may see; a
    learner is enrolled on the first launch (the course's own rules apply)."""
    if target == Target.LESSON:
        found = courses_api.live_lesson_with_course(page_id)
        page, course = found if found else (None, None)
    else:
        page = course = courses_api.live_course(page_id)
    if course is None:
        raise LaunchRefused(_("This course or lesson is no longer available."), status=404, reason="no page")
    if not courses_api.course_can_view(user, course):
        raise LaunchRefused(_("This course is not open to your account."), reason=f"course {course.pk} not visible")
    try:
        courses_api.enrolment_create(user=user, course=course)
    except ValidationError as error:
        if error.code != "conflict":
            raise LaunchRefused(" ".join(error.messages), status=409, reason="enrolment refused") from None
    except PermissionDenied as error:
        raise LaunchRefused(str(error), reason="enrolment refused") from None
    can_open = target == Target.COURSE or courses_api.lesson_can_view(user, page.pk)
    return page, course, can_open


def _link_upsert(*, platform, claims, target, page, account) -> ResourceLink:
    resource = claim_dict(claims, LTI + "resource_link")
    context = claim_dict(claims, LTI + "context")
    ags, nrps = claim_dict(claims, AGS_CLAIM), claim_dict(claims, NRPS_CLAIM)
    link, _created = ResourceLink.objects.update_or_create(
        platform=platform,
        deployment_id=str(claims.get(LTI + "deployment_id"))[:255],
        resource_link_id=str(resource.get("id") or "")[:255],
        defaults={
            "context_id": str(context.get("id") or "")[:255],
            "target": target,
            "page_id": page.pk,
            "title": str(resource.get("title") or "")[:255],
            "ags": ags,
            "nrps": nrps,
            "updated_at": timezone.now(),
        },
    )
    LearnerLink.objects.get_or_create(link=link, account=account)
    return link


@transaction.atomic
def launch_accept(*, platform: Platform, claims: dict) -> Launch:
    """A launch pylti1p3 has validated: our own checks, then the account, the link and enrolment."""
    check_claims(platform, claims)
    _nonce_use(platform, claims)
    language = language_of(claims)
    account = account_for(platform=platform, claims=claims, language=language)
    launch = Launch(
        platform=platform,
        account=account,
        language=language,
        deep_linking=claims.get(LTI + "message_type") == "LtiDeepLinkingRequest",
        is_instructor=_is_instructor(claims),
    )
    if launch.deep_linking:
        return launch
    if not claim_dict(claims, LTI + "resource_link").get("id"):
        raise LaunchRefused(_("This link does not name a course or lesson of Capacitas."), status=400, reason="no link")
    target, page_id = _target(claims)
    launch.page, launch.course, launch.can_open = _open_target(account.user, target, page_id)
    launch.link = _link_upsert(platform=platform, claims=claims, target=target, page=launch.page, account=account)
    if launch.is_instructor and launch.link.nrps.get("context_memberships_url"):
        from .tasks import roster_read

        transaction.on_commit(lambda pk=launch.link.pk: roster_read.delay(pk))
    return launch


# --- tickets ---------------------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def ticket_issue(*, user, url: str) -> str:
    token = secrets.token_urlsafe(32)
    Ticket.objects.create(
        digest=_digest(token),
        user=user,
        url=url,
        expires_at=timezone.now() + timedelta(seconds=settings.LTI_TICKET_SECONDS),
    )
    return token


@transaction.atomic
def ticket_redeem(token: str) -> Ticket | None:
    """The ticket, once: a second use, an expired or unknown ticket is None."""
    if not isinstance(token, str) or not token or len(token) > 100:
        return None
    now = timezone.now()
    ticket = Ticket.objects.select_for_update().filter(digest=_digest(token)).select_related("user").first()
    if ticket is None or ticket.used_at is not None or ticket.expires_at < now or not ticket.user.is_active:
        return None
    ticket.used_at = now
    ticket.save(update_fields=["used_at"])
    return ticket


# --- grades and roster -----------------------------------------------------------------------------


def _connector(platform: Platform):
    from pylti1p3.service_connector import ServiceConnector

    from .tool_config import registration_for

    return ServiceConnector(registration_for(platform))


def score_of(learner: LearnerLink) -> dict:
    """What the platform's gradebook should say about the learner on this link."""
    link, user = learner.link, learner.account.user
    if link.target == Target.LESSON:
        done = courses_api.lesson_done(user_id=user.pk, lesson_id=link.page_id)
        return {"given": 1 if done else 0, "maximum": 1, "completed": done}
    course = courses_api.live_course(link.page_id)
    if course is None:
        return {}
    progress = courses_api.course_progress_of(user=user, course=course)
    done = progress.rule_holds
    return {"given": 100 if done else progress.percent, "maximum": 100, "completed": done}


def _grade(*, given, maximum, completed: bool, sub: str, when: str | None = None, comment: str = ""):
    from pylti1p3.grade import Grade

    grade = (
        Grade()
        .set_score_given(given)
        .set_score_maximum(maximum)
        .set_timestamp(when or timezone.now().isoformat())
        .set_activity_progress("Completed" if completed else "InProgress")
        .set_grading_progress("FullyGraded" if completed else "Pending")
        .set_user_id(sub)
    )
    return grade.set_comment(comment) if comment else grade


def quiz_scores_of(learner: LearnerLink, lesson_id: int) -> dict[str, dict]:
    """The learner's last graded attempt at each quiz of the lesson, by quiz id: the percentage,
    passed or failed, and which attempt it was."""
    return {
        str(result.quiz_id): {
            "given": round(result.score, 2),
            "maximum": 100,
            "passed": result.passed,
            "attempt": result.number,
            "title": result.title,
            "at": result.submitted_at.isoformat(),
        }
        for result in courses_api.quiz_results_of(user_id=learner.account.user_id, lesson_id=lesson_id)
    }


def score_send(*, learner: LearnerLink, lesson_id: int | None = None) -> bool:
    """Send the learner's score on the link to the platform (AGS), when it changed, and the result of
    each quiz of the lesson that changed, each quiz in a gradebook column of its own under the link
    (found or made by its tag). True if anything was sent."""
    from pylti1p3.assignments_grades import AssignmentsGradesService
    from pylti1p3.lineitem import LineItem

    link = learner.link
    scopes = link.ags.get("scope") or []
    if "https://purl.imsglobal.org/spec/lti-ags/scope/score" not in scopes:
        return False
    last = dict(learner.last_sent or {})
    score = score_of(learner)
    quizzes = quiz_scores_of(learner, lesson_id) if lesson_id is not None else {}
    sent_quizzes = dict(last.get("quizzes") or {})
    changed_quizzes = {pk: q for pk, q in quizzes.items() if sent_quizzes.get(pk) != q}
    main_changed = bool(score) and any(last.get(key) != value for key, value in score.items())
    if not main_changed and not changed_quizzes:
        return False
    ags = AssignmentsGradesService(_connector(link.platform), link.ags)
    sub = learner.account.sub
    if main_changed:
        lineitem = None
        if not link.ags.get("lineitem"):
            lineitem = (
                LineItem()
                .set_tag(f"capacitas-{link.target}-{link.page_id}")
                .set_score_maximum(score["maximum"])
                .set_label(link.title or "Capacitas")
                .set_resource_link_id(link.resource_link_id)
            )
        ags.put_grade(_grade(sub=sub, **score), lineitem)
        last.update(score)
    # Quiz columns need the line items service (to find or make them); a platform that gave only
    # the link's own column gets the lesson's and course's completion alone.
    can_make_columns = bool(link.ags.get("lineitems")) and (
        "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem" in scopes
    )
    for pk, quiz in changed_quizzes.items() if can_make_columns else ():
        lineitem = (
            LineItem()
            .set_tag(f"capacitas-quiz-{pk}-{link.resource_link_id}"[:255])
            .set_score_maximum(100)
            .set_label(quiz["title"] or "Quiz")
            .set_resource_link_id(link.resource_link_id)
        )
        ags.put_grade(
            _grade(
                given=quiz["given"],
                maximum=100,
                completed=True,
                sub=sub,
                when=quiz["at"],
                comment=(_("Passed, attempt %(number)s") if quiz["passed"] else _("Failed, attempt %(number)s"))
                % {"number": quiz["attempt"]},
            ),
            lineitem,
        )
        # Saved after each quiz, so a retry after a failure sends only what is still missing.
        sent_quizzes[pk] = quiz
        last["quizzes"] = sent_quizzes
        LearnerLink.objects.filter(pk=learner.pk).update(last_sent=last, last_sent_at=timezone.now())
    LearnerLink.objects.filter(pk=learner.pk).update(last_sent=last, last_sent_at=timezone.now())
    learner.last_sent = last
    return True


def progress_send(*, user_id: int, lesson_id: int, course_id: int) -> int:
    """Send the new scores on every link that launched this learner into the lesson or its course."""
    sent = 0
    learners = LearnerLink.objects.filter(account__user_id=user_id).select_related("link__platform", "account__user")
    for learner in learners.filter(link__platform__active=True):
        link = learner.link
        if (link.target, link.page_id) in ((Target.LESSON, lesson_id), (Target.COURSE, course_id)):
            sent += score_send(learner=learner, lesson_id=lesson_id)
    return sent


@transaction.atomic
def roster_read(*, link: ResourceLink) -> int:
    """Read the link's course members from the platform (NRPS) and keep them, replacing what the
    last read said. Returns the number of members."""
    from pylti1p3.names_roles import NamesRolesProvisioningService

    members = NamesRolesProvisioningService(_connector(link.platform), link.nrps).get_members()
    context_id = link.context_id
    RosterMember.objects.filter(platform=link.platform, context_id=context_id).delete()
    now = timezone.now()
    rows = {}
    for member in members:
        sub = member.get("user_id")
        if not isinstance(sub, str) or not sub:
            continue
        rows[sub] = RosterMember(
            platform=link.platform,
            context_id=context_id,
            sub=sub[:255],
            name=str(member.get("name") or "")[:255],
            email=str(member.get("email") or "")[:254],
            roles=[r for r in member.get("roles") or [] if isinstance(r, str)],
            status=str(member.get("status") or "")[:20],
            fetched_at=now,
        )
    RosterMember.objects.bulk_create(rows.values())
    return len(rows)


# --- dynamic registration --------------------------------------------------------------------------


class RegistrationFailed(Exception):
    pass


def _fetch_allowed(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" or (settings.LTI_REGISTRATION_ALLOW_HTTP and parts.scheme == "http")


def tool_configuration(base_url: str) -> dict:
    """The client registration Capacitas sends (LTI Dynamic Registration, section 3.3)."""
    host = urlsplit(base_url).hostname or ""
    return {
        "application_type": "web",
        "response_types": ["id_token"],
        "grant_types": ["implicit", "client_credentials"],
        "initiate_login_uri": f"{base_url}/lti/login/",
        "redirect_uris": [f"{base_url}/lti/launch/"],
        "client_name": "Capacitas",
        "jwks_uri": f"{base_url}/lti/jwks/",
        "token_endpoint_auth_method": "private_key_jwt",
        "scope": " ".join(
            [
                "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
                "https://purl.imsglobal.org/spec/lti-ags/scope/score",
                "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly",
                "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
            ]
        ),
        TOOL_CONFIGURATION: {
            "domain": host,
            "target_link_uri": f"{base_url}/lti/launch/",
            "claims": ["iss", "sub", "name", "given_name", "family_name", "email", "locale"],
            "messages": [
                {"type": "LtiResourceLinkRequest", "target_link_uri": f"{base_url}/lti/launch/"},
                {"type": "LtiDeepLinkingRequest", "target_link_uri": f"{base_url}/lti/launch/"},
            ],
        },
    }


@transaction.atomic
def register_dynamically(*, openid_configuration: str, registration_token: str, base_url: str) -> Platform:
    """Read the platform's OpenID configuration, register Capacitas there, and keep the platform,
    inactive until the secretariat activates it in the admin (decision 0113)."""
    if not _fetch_allowed(openid_configuration):
        raise RegistrationFailed(_("The platform's configuration address must use HTTPS."))
    try:
        response = requests.get(openid_configuration, timeout=settings.LTI_HTTP_TIMEOUT)
        response.raise_for_status()
        config = response.json()
    except (requests.RequestException, ValueError) as error:
        log.warning("LTI registration: configuration %s unreadable: %s", openid_configuration, error)
        raise RegistrationFailed(_("The platform's configuration could not be read.")) from None
    needed = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri", "registration_endpoint")
    if not isinstance(config, dict) or not all(isinstance(config.get(k), str) for k in needed):
        raise RegistrationFailed(_("The platform's configuration is incomplete."))
    issuer = config["issuer"]
    # The configuration must come from the issuer it names (section 3.5.1).
    if not openid_configuration.startswith(issuer.rstrip("/") + "/") or not all(
        _fetch_allowed(config[k]) for k in needed
    ):
        log.warning("LTI registration: issuer %s does not match %s", issuer, openid_configuration)
        raise RegistrationFailed(_("The platform's configuration does not match its address."))
    headers = {"Content-Type": "application/json"}
    if registration_token:
        headers["Authorization"] = f"Bearer {registration_token}"
    try:
        answer = requests.post(
            config["registration_endpoint"],
            json=tool_configuration(base_url),
            headers=headers,
            timeout=settings.LTI_HTTP_TIMEOUT,
        )
        answer.raise_for_status()
        registered = answer.json()
    except (requests.RequestException, ValueError) as error:
        log.warning("LTI registration: %s refused it: %s", config["registration_endpoint"], error)
        raise RegistrationFailed(_("The platform refused the registration.")) from None
    client_id = registered.get("client_id") if isinstance(registered, dict) else None
    if not isinstance(client_id, str) or not client_id:
        raise RegistrationFailed(_("The platform's answer has no client id."))
    tool = registered.get(TOOL_CONFIGURATION) or {}
    deployment_id = tool.get("deployment_id") if isinstance(tool, dict) else None
    platform_name = (
        config.get("https://purl.imsglobal.org/spec/lti-platform-configuration", {}).get("product_family_code")
        or urlsplit(issuer).hostname
    )
    platform, created = Platform.objects.get_or_create(
        issuer=issuer,
        client_id=client_id,
        defaults={
            "name": str(platform_name)[:200],
            "auth_login_url": config["authorization_endpoint"],
            "auth_token_url": config["token_endpoint"],
            "key_set_url": config["jwks_uri"],
            "active": False,
            "registered_dynamically": True,
        },
    )
    if not created:
        raise RegistrationFailed(_("This platform is already registered."))
    if isinstance(deployment_id, str) and deployment_id:
        Deployment.objects.create(platform=platform, deployment_id=deployment_id[:255])
    log.info("LTI registration: %s (%s) registered, waiting for activation", issuer, client_id)
    return platform


def deep_link_resources(chosen, base_url: str) -> list:
    """The content items of a deep linking answer: LTI resource links back to the launch URL with
    the course or lesson in their custom parameters, and a gradebook column for each."""
    from pylti1p3.deep_link_resource import DeepLinkResource
    from pylti1p3.lineitem import LineItem

    resources = []
    for target, page in chosen:
        maximum = 1 if target == Target.LESSON else 100
        lineitem = LineItem().set_tag(f"capacitas-{target}-{page.pk}").set_score_maximum(maximum).set_label(page.title)
        resources.append(
            DeepLinkResource()
            .set_url(f"{base_url}/lti/launch/")
            .set_title(page.title)
            .set_custom_params({f"{target}_id": str(page.pk)})
            .set_lineitem(lineitem)
        )
    return resources
