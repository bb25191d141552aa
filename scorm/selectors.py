"""Reads of scorm: packages for the player, learners' statuses and the data a SCO resumes with."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from . import sequencing
from .models import ScormAttempt, ScormPackage, ScormScoData

#: SCORM 2004 statuses a SCO's data reads as (1.2 statuses are mapped on commit, see services).
COMPLETED = "completed"


def package_by_id(package_id: int) -> ScormPackage | None:
    return ScormPackage.objects.filter(pk=package_id).first()


def packages_kept_q(user):
    """The packages an editor may see in the admin and place in lessons: their states' (all for the
    secretariat), and those no state owns."""
    from accounts import access as accounts_access

    return accounts_access.kept_q(user)


def usable_package_ids(user, ids) -> set[int]:
    """Of these package ids, those this editor may place in a lesson."""
    return set(ScormPackage.objects.filter(packages_kept_q(user), pk__in=list(ids)).values_list("pk", flat=True))


def storage_name(*, package: ScormPackage, path: str) -> str | None:
    """The storage name of a file of the package, or None when the package has no such file."""
    return f"{package.storage_prefix}/{path}" if path in package.files else None


def activity_iri(*, lesson_id: int, package_id: int) -> str:
    """The xAPI activity id of one package placed in one lesson, on the site's own address."""
    return settings.SITE_BASE_URL.rstrip("/") + reverse("scorm:activity", args=[lesson_id, package_id])


def package_in_lesson(*, lesson_id: int, package: ScormPackage) -> bool:
    """Is this package placed in the body of this live lesson?"""
    from courses import api as courses_api

    blocks = courses_api.live_lesson_blocks(lesson_id)
    if blocks is None:
        return False
    return any(
        block.get("type") == "scorm"
        and isinstance(block.get("value"), dict)
        and str(block["value"].get("package")) == str(package.pk)
        for block in blocks
    )


def status_of(data: ScormScoData) -> sequencing.ScoStatus:
    if data.success_status in ("passed", "failed"):
        success = data.success_status == "passed"
    else:
        success = None
    return sequencing.ScoStatus(
        completed=data.completion_status == COMPLETED,
        success=success,
        score_scaled=data.score_scaled,
        attempted=True,
    )


def sco_statuses(*, attempt: ScormAttempt) -> dict[str, sequencing.ScoStatus]:
    return {data.item: status_of(data) for data in attempt.scos.all()}


def attempt_latest(*, user_id: int, lesson_id: int, package: ScormPackage) -> ScormAttempt | None:
    return (
        ScormAttempt.objects.filter(user_id=user_id, lesson_id=lesson_id, package=package)
        .order_by("-number")
        .prefetch_related("scos")
        .first()
    )


def _time_12(seconds: float) -> str:
    whole = int(seconds)
    return f"{min(whole // 3600, 9999):04d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def _time_2004(seconds: float) -> str:
    return f"PT{round(seconds, 2)}S"


def _score(data: ScormScoData, keys: tuple[str, ...]) -> dict:
    values = {"raw": data.score_raw, "min": data.score_min, "max": data.score_max, "scaled": data.score_scaled}
    return {key: _format(values[key]) for key in keys if values[key] is not None}


def _format(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def runtime_data(*, user, package: ScormPackage, item: dict, data: ScormScoData | None) -> dict:
    """The CMI object a SCO starts with (scorm-again's ``loadFromJSON``): the learner, the item's
    launch data and limits, and, on resume, what the SCO last committed."""
    learner_id = str(user.pk)
    learner_name = (user.get_full_name() if hasattr(user, "get_full_name") else "") or user.get_username()
    resumed = data is not None and data.commits > 0
    entry = ("resume" if data.exit == "suspend" else "") if resumed else "ab-initio"
    if package.is_2004:
        cmi: dict = {
            "learner_id": learner_id,
            "learner_name": learner_name,
            "entry": entry,
            "credit": "credit",
            "mode": "normal",
            "launch_data": item.get("data_from_lms") or "",
        }
        if item.get("completion_threshold") is not None:
            cmi["completion_threshold"] = _format(item["completion_threshold"])
        if resumed:
            cmi.update(
                {
                    "location": data.location,
                    "suspend_data": data.suspend_data,
                    "total_time": _time_2004(data.total_seconds),
                    "score": _score(data, ("scaled", "raw", "min", "max")),
                }
            )
            if data.completion_status:
                cmi["completion_status"] = data.completion_status
            if data.success_status:
                cmi["success_status"] = data.success_status
            if data.progress_measure is not None:
                cmi["progress_measure"] = _format(data.progress_measure)
            if data.cmi.get("interactions"):
                cmi["interactions"] = data.cmi["interactions"]
            if data.cmi.get("objectives"):
                cmi["objectives"] = data.cmi["objectives"]
        return cmi
    core: dict = {
        "student_id": learner_id,
        "student_name": learner_name,
        "entry": entry,
        "credit": "credit",
        "lesson_mode": "normal",
    }
    cmi = {"core": core, "launch_data": item.get("data_from_lms") or ""}
    if item.get("mastery_score") is not None:
        cmi["student_data"] = {"mastery_score": _format(item["mastery_score"])}
    if resumed:
        core.update(
            {
                "lesson_location": data.location,
                "lesson_status": data.cmi.get("lesson_status") or "not attempted",
                "total_time": _time_12(data.total_seconds),
                "score": _score(data, ("raw", "min", "max")),
            }
        )
        cmi["suspend_data"] = data.suspend_data
    return cmi


def table_of_contents(*, package: ScormPackage, statuses: dict[str, sequencing.ScoStatus]) -> list[dict]:
    """The visible items of the organisation, nested, each with its status and whether the learner
    may choose it."""

    def walk(items: list[dict]) -> list[dict]:
        entries = []
        for item in items:
            children = walk(item.get("children", []))
            if not item.get("visible", True):
                entries.extend(children)
                continue
            status = statuses.get(item["identifier"])
            if item.get("children"):
                status = sequencing.after_rollup_status(item["children"], statuses)
            entries.append(
                {
                    "identifier": item["identifier"],
                    "title": item["title"],
                    "launchable": bool(item.get("href")),
                    "choosable": bool(item.get("href"))
                    and sequencing.choosable(package.manifest, item["identifier"], is_2004=package.is_2004),
                    "completed": bool(status and status.completed),
                    "success": status.success if status else None,
                    "children": children,
                }
            )
        return entries

    return walk(package.manifest.get("items", []))
