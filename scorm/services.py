"""Writes of scorm: importing packages, recording what a SCO commits, starting a new attempt."""

from __future__ import annotations

import logging
import re
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from . import selectors, sequencing
from .models import ScormAttempt, ScormPackage, ScormScoData
from .validation import ValidPackage, package_validate

logger = logging.getLogger(__name__)

#: Limits on what one commit may store (SCORM 2004 allows 64000 characters of suspend data).
MAX_COMMIT_BYTES = 1024 * 1024
MAX_SUSPEND_DATA = 64000
MAX_LOCATION = 1000
MAX_INTERACTIONS = 500
MAX_TOTAL_SECONDS = 10 * 365 * 24 * 3600.0

STATUS_12 = {"passed", "completed", "failed", "incomplete", "browsed", "not attempted"}
COMPLETION_2004 = {"completed", "incomplete", "not attempted", "unknown"}
SUCCESS_2004 = {"passed", "failed", "unknown"}
EXIT_VALUES = {"", "time-out", "suspend", "logout", "normal"}


# --- import ------------------------------------------------------------------------------------------


def package_import(*, data: bytes, filename: str = "", user=None, title: str = "", state=None) -> tuple:
    """Validate and store a package; return (package, created). The same bytes are stored once.

    Raises ``scorm.validation.PackageInvalid`` (listing every problem) before anything is stored."""
    import hashlib

    existing = ScormPackage.objects.filter(content_hash=hashlib.sha256(data).hexdigest()).first()
    if existing is not None:
        return existing, False
    return package_store(package=package_validate(data), filename=filename, user=user, title=title, state=state)


def package_store(*, package: ValidPackage, filename: str = "", user=None, title: str = "", state=None) -> tuple:
    written: list[str] = []
    record = ScormPackage(
        title=(title or package.title)[:255],
        content_hash=package.sha256,
        version=package.version,
        manifest=package.manifest,
        files=sorted(package.files),
        package_size=package.size,
        original_filename=filename[:255],
        state=state,
        uploaded_by=user if getattr(user, "is_authenticated", False) else None,
    )
    record.full_clean(exclude=["content_hash", "version", "manifest", "files"])
    try:
        with transaction.atomic():
            record.save()
            for path, raw in package.files.items():
                name = f"{record.storage_prefix}/{path}"
                if default_storage.exists(name):
                    default_storage.delete(name)
                saved = default_storage.save(name, ContentFile(raw))
                written.append(saved)
                if saved != name:  # a storage that renames would break the SCO's relative paths
                    raise OSError(f"storage renamed {name} to {saved}")
    except IntegrityError:
        _files_delete(written)
        existing = ScormPackage.objects.filter(content_hash=package.sha256).first()
        if existing is None:
            raise
        return existing, False
    except BaseException:
        _files_delete(written)
        raise
    return record, True


def _files_delete(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete %s after a failed SCORM import", name)


# --- run-time data -----------------------------------------------------------------------------------

_TIME_12 = re.compile(r"^(\d{1,4}):(\d{1,2}):(\d{1,2}(?:\.\d{1,2})?)$")
_TIME_2004 = re.compile(
    r"^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$"
)


def seconds_of(value, *, is_2004: bool) -> float:
    """Seconds of a SCORM time interval (1.2 ``HHHH:MM:SS.SS``, 2004 ISO 8601 ``PT1H2M3S``); 0 if invalid."""
    if not isinstance(value, str):
        return 0.0
    if is_2004:
        match = _TIME_2004.match(value.strip())
        if not match or value.strip() in ("P", "PT"):
            return 0.0
        years, months, days, hours, minutes, seconds = (float(part or 0) for part in match.groups())
        total = (((years * 365 + months * 30 + days) * 24 + hours) * 60 + minutes) * 60 + seconds
    else:
        match = _TIME_12.match(value.strip())
        if not match:
            return 0.0
        total = int(match.group(1)) * 3600 + int(match.group(2)) * 60 + float(match.group(3))
    return min(total, MAX_TOTAL_SECONDS)


def _number(value) -> float | None:
    if isinstance(value, bool) or value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) < 1e9 else None


def _text(value, maximum: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValidationError(_("The SCO sent a value of the wrong type."))
    text = str(value)
    if len(text) > maximum:
        raise ValidationError(_("The SCO sent more data than SCORM allows."))
    return text


def _plain(value, depth: int = 0):
    """Only JSON scalars, lists and objects, no deeper than the CMI data model goes."""
    if depth > 8:
        raise ValidationError(_("The SCO sent data nested too deeply."))
    if isinstance(value, dict):
        return {str(key)[:255]: _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item, depth + 1) for item in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise ValidationError(_("The SCO sent a value of the wrong type."))


def _collection(value) -> dict:
    """A CMI collection (interactions, objectives) as scorm-again renders it: a list, or an object
    keyed by index."""
    if isinstance(value, list):
        items = value
    elif isinstance(value, dict):
        items = [item for key, item in sorted(value.items(), key=lambda kv: _index(kv[0])) if _index(key) >= 0]
    else:
        return {}
    if len(items) > MAX_INTERACTIONS:
        raise ValidationError(_("The SCO sent more data than SCORM allows."))
    return {str(position): _plain(item) for position, item in enumerate(items) if isinstance(item, dict)}


def _index(key) -> int:
    try:
        return int(key)
    except (TypeError, ValueError):
        return -1


def cmi_read(cmi, *, is_2004: bool) -> dict:
    """The columns of a committed CMI object, checked against the SCORM data model's types and sizes.

    Raises ``ValidationError`` (a message for the learner) on a value that does not fit."""
    if not isinstance(cmi, dict):
        raise ValidationError(_("Send the SCO's data as a JSON object."))
    if is_2004:
        score = cmi.get("score") if isinstance(cmi.get("score"), dict) else {}
        completion = _text(cmi.get("completion_status"), 20)
        success = _text(cmi.get("success_status"), 20)
        if completion and completion not in COMPLETION_2004 or success and success not in SUCCESS_2004:
            raise ValidationError(_("The SCO sent a status SCORM does not define."))
        scaled = _number(score.get("scaled"))
        if scaled is not None and not -1 <= scaled <= 1:
            raise ValidationError(_("A scaled score lies between -1 and 1."))
        progress = _number(cmi.get("progress_measure"))
        fields = {
            "location": _text(cmi.get("location"), MAX_LOCATION),
            "suspend_data": _text(cmi.get("suspend_data"), MAX_SUSPEND_DATA),
            "completion_status": completion,
            "success_status": success,
            "exit": _text(cmi.get("exit"), 20),
            "score_raw": _number(score.get("raw")),
            "score_min": _number(score.get("min")),
            "score_max": _number(score.get("max")),
            "score_scaled": scaled,
            "progress_measure": None if progress is None else max(0.0, min(1.0, progress)),
            "session_seconds": seconds_of(cmi.get("session_time"), is_2004=True),
        }
        rest = {
            "interactions": _collection(cmi.get("interactions")),
            "objectives": _collection(cmi.get("objectives")),
            "comments_from_learner": _collection(cmi.get("comments_from_learner")),
            "lesson_status": "",
        }
    else:
        core = cmi.get("core") if isinstance(cmi.get("core"), dict) else {}
        score = core.get("score") if isinstance(core.get("score"), dict) else {}
        status = _text(core.get("lesson_status"), 20)
        if status and status not in STATUS_12:
            raise ValidationError(_("The SCO sent a status SCORM does not define."))
        raw, minimum, maximum = _number(score.get("raw")), _number(score.get("min")), _number(score.get("max"))
        if raw is not None:
            low = minimum if minimum is not None else 0.0
            high = maximum if maximum is not None else 100.0
            scaled = max(-1.0, min(1.0, (raw - low) / (high - low))) if high > low else None
        else:
            scaled = None
        fields = {
            "location": _text(core.get("lesson_location"), MAX_LOCATION),
            "suspend_data": _text(cmi.get("suspend_data"), MAX_SUSPEND_DATA),
            "completion_status": {
                "passed": "completed",
                "failed": "completed",
                "completed": "completed",
                "incomplete": "incomplete",
                "browsed": "incomplete",
            }.get(status, "not attempted" if status else ""),
            "success_status": {"passed": "passed", "failed": "failed"}.get(status, "unknown" if status else ""),
            "exit": _text(core.get("exit"), 20),
            "score_raw": raw,
            "score_min": minimum,
            "score_max": maximum,
            "score_scaled": scaled,
            "progress_measure": None,
            "session_seconds": seconds_of(core.get("session_time"), is_2004=False),
        }
        rest = {
            "interactions": _collection(cmi.get("interactions")),
            "objectives": _collection(cmi.get("objectives")),
            "comments": _text(cmi.get("comments"), 4096),
            "lesson_status": status,
        }
    if fields["exit"] not in EXIT_VALUES:
        raise ValidationError(_("The SCO sent an exit value SCORM does not define."))
    return {**fields, "rest": rest}


def attempt_current(*, user, lesson_id: int, package: ScormPackage) -> ScormAttempt:
    attempt = ScormAttempt.objects.filter(user=user, lesson_id=lesson_id, package=package).order_by("-number").first()
    if attempt is None:
        try:
            with transaction.atomic():
                attempt = ScormAttempt.objects.create(user=user, lesson_id=lesson_id, package=package, number=1)
        except IntegrityError:
            attempt = ScormAttempt.objects.filter(user=user, lesson_id=lesson_id, package=package).latest("number")
    return attempt


@transaction.atomic
def attempt_new(*, user, lesson_id: int, package: ScormPackage) -> ScormAttempt:
    """Start again from the beginning (the previous attempts are kept; progress keeps the best)."""
    current = attempt_current(user=user, lesson_id=lesson_id, package=package)
    return ScormAttempt.objects.create(user=user, lesson_id=lesson_id, package=package, number=current.number + 1)


@transaction.atomic
def commit_record(*, user, lesson_id: int, package: ScormPackage, item: str, cmi, launch: str) -> dict:
    """Store what one SCO committed in the learner's current attempt; roll up; report progress.

    ``launch`` names the SCO's session (a random id the player makes at each launch): the total
    time is the total before that session plus the session's time, computed here, not by the SCO.
    Statements (xAPI) record each SCO's and the package's completion when it changes. Raises
    ``ValidationError`` with a message for the learner."""
    if sequencing.item_by_id(package.manifest, item) is None:
        raise ValidationError(_("This package has no such item."))
    if not isinstance(launch, str) or not re.fullmatch(r"[A-Za-z0-9-]{8,64}", launch):
        raise ValidationError(_("The player sent no valid session."))
    read = cmi_read(cmi, is_2004=package.is_2004)
    attempt = attempt_current(user=user, lesson_id=lesson_id, package=package)
    attempt = ScormAttempt.objects.select_for_update().get(pk=attempt.pk)
    data, _created = ScormScoData.objects.get_or_create(attempt=attempt, item=item)
    before = _sco_status(data)
    rest = read.pop("rest")
    meta = data.cmi.get("_meta", {}) if isinstance(data.cmi, dict) else {}
    if meta.get("launch") != launch:
        meta = {"launch": launch, "base_total": data.total_seconds}
    for key, value in read.items():
        setattr(data, key, value)
    data.total_seconds = min(MAX_TOTAL_SECONDS, float(meta.get("base_total", 0)) + data.session_seconds)
    data.cmi = {**rest, "_meta": meta}
    data.commits += 1
    data.save()
    after = _sco_status(data)

    statuses = selectors.sco_statuses(attempt=attempt)
    rolled = sequencing.rollup(package.manifest, statuses)
    was_completed, was_success = attempt.completed, attempt.success
    attempt.completed = attempt.completed or rolled.completed
    attempt.success = rolled.success if rolled.success is not None else attempt.success
    attempt.score_scaled = rolled.score_scaled
    attempt.save(update_fields=["completed", "success", "score_scaled", "updated_at"])

    iri = selectors.activity_iri(lesson_id=lesson_id, package_id=package.pk)
    if after != before and (after.completed or after.success is not None):
        _statement(user, f"{iri}?item={item}", data.item, after, data.total_seconds, package)
    if rolled.completed and not was_completed or (rolled.success is not None and rolled.success != was_success):
        rolled_status = sequencing.ScoStatus(
            completed=rolled.completed, success=rolled.success, score_scaled=rolled.score_scaled
        )
        _statement(user, iri, package.title, rolled_status, data.total_seconds, package)
    from courses import api as courses_api

    if rolled.completed or rolled.success is not None or rolled.score_scaled is not None:
        courses_api.lesson_activity_record(
            user=user,
            lesson_id=lesson_id,
            content_id=package.pk,
            kind="scorm",
            score_scaled=rolled.score_scaled,
            success=rolled.success,
            completed=rolled.completed,
        )
    return {
        "attempt": attempt.number,
        "completed": rolled.completed,
        "success": rolled.success,
        "score_scaled": rolled.score_scaled,
        "items": {key: _status_json(value) for key, value in statuses.items()},
    }


def _sco_status(data: ScormScoData) -> sequencing.ScoStatus:
    return selectors.status_of(data)


def _status_json(status: sequencing.ScoStatus) -> dict:
    return {"completed": status.completed, "success": status.success, "score_scaled": status.score_scaled}


def _statement(user, object_id: str, name: str, status: sequencing.ScoStatus, seconds: float, package) -> None:
    """An xAPI statement of a SCO's or the package's result; the server is its only author."""
    from xapi import api as xapi_api

    if status.success is True:
        verb = "passed"
    elif status.success is False:
        verb = "failed"
    else:
        verb = "completed"
    result: dict = {"completion": status.completed, "duration": f"PT{round(seconds, 2)}S"}
    if status.success is not None:
        result["success"] = status.success
    if status.score_scaled is not None:
        result["score"] = {"scaled": round(status.score_scaled, 4)}
    statement = {
        "id": str(uuid.uuid4()),
        "actor": xapi_api.actor_for_user(user),
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}", "display": {"en-US": verb}},
        "object": {
            "objectType": "Activity",
            "id": object_id,
            "definition": {
                "name": {"und": name[:255]},
                "type": "http://adlnet.gov/expapi/activities/lesson"
                if object_id.count("?item=")
                else "http://adlnet.gov/expapi/activities/course",
            },
        },
        "result": result,
        "context": {"extensions": {"https://w3id.org/xapi/scorm/version": package.get_version_display()}},
    }
    xapi_api.statement_store(statement=statement, user=user)
