"""Import, run-time data, rollup and progress, on the shared packages."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage

from scorm import selectors, sequencing
from scorm.models import ScormAttempt, ScormPackage, ScormScoData
from scorm.services import attempt_new, cmi_read, commit_record, package_import, seconds_of
from scorm.validation import PackageInvalid

from .conftest import VALID, lesson_with, sample

pytestmark = pytest.mark.django_db

LAUNCH = "a1b2c3d4e5f6a7b8"


@pytest.mark.parametrize(
    "path", [path for path in VALID if "ComplexNested" not in path.name], ids=lambda path: path.name
)
def test_every_playable_package_imports_once_by_hash(path):
    package, created = package_import(data=path.read_bytes(), filename=path.name)
    assert created and package.files
    launch = sequencing.launchable(package.manifest)[0]
    assert default_storage.exists(f"{package.storage_prefix}/{launch['href']}")
    again, created_again = package_import(data=path.read_bytes())
    assert again.pk == package.pk and not created_again


def test_a_refused_package_stores_nothing():
    with pytest.raises(PackageInvalid):
        package_import(data=sample("invalid/InvalidFileReferences_SCORM12.zip"))
    assert not ScormPackage.objects.exists()


def test_a_12_commit_is_read_and_resumed(site_frame):
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    cmi = {
        "core": {
            "lesson_location": "4",
            "lesson_status": "incomplete",
            "exit": "suspend",
            "session_time": "00:02:30",
            "score": {"raw": "", "min": "", "max": ""},
        },
        "suspend_data": "x=1",
    }
    result = commit_record(user=learner, lesson_id=lesson.pk, package=package, item="item_1", cmi=cmi, launch=LAUNCH)
    assert not result["completed"]
    data = ScormScoData.objects.get()
    assert (data.location, data.completion_status, data.total_seconds) == ("4", "incomplete", 150)
    resumed = selectors.runtime_data(user=learner, package=package, item={"identifier": "item_1"}, data=data)
    assert resumed["core"]["entry"] == "resume"
    assert resumed["core"]["lesson_location"] == "4"
    assert resumed["core"]["total_time"] == "0000:02:30"
    assert resumed["suspend_data"] == "x=1"


def test_total_time_adds_sessions_and_not_commits(site_frame):
    package, _ = package_import(data=sample("valid/RunTimeAdvancedCalls_SCORM20043rdEdition.zip"))
    lesson, learner = lesson_with(package)
    for launch, session in ((LAUNCH, "PT10S"), (LAUNCH, "PT20S"), ("f" * 16, "PT1M")):
        commit_record(
            user=learner,
            lesson_id=lesson.pk,
            package=package,
            item="item_1",
            cmi={"session_time": session},
            launch=launch,
        )
    assert ScormScoData.objects.get().total_seconds == 80  # 20 s in the first session, 60 in the second


def test_completion_feeds_progress_certificate_rules_and_statements(site_frame):
    from courses.models import ActivityResult, LessonProgress
    from xapi.models import Statement

    package, _ = package_import(data=sample("valid/RunTimeAdvancedCalls_SCORM20043rdEdition.zip"))
    lesson, learner = lesson_with(package, pass_mark=80)
    cmi = {"completion_status": "completed", "success_status": "passed", "score": {"scaled": "0.7"}}
    commit_record(user=learner, lesson_id=lesson.pk, package=package, item="item_1", cmi=cmi, launch=LAUNCH)
    result = ActivityResult.objects.get(user=learner, kind="scorm")
    assert result.completed and not result.satisfied  # below the block's pass mark of 80 %
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is None
    cmi["score"] = {"scaled": "0.9"}
    commit_record(user=learner, lesson_id=lesson.pk, package=package, item="item_1", cmi=cmi, launch=LAUNCH)
    result.refresh_from_db()
    assert result.satisfied and result.score_scaled == pytest.approx(0.9)
    assert LessonProgress.objects.get(user=learner, lesson=lesson).completed_at is not None
    verbs = set(Statement.objects.filter(user=learner).values_list("verb_id", flat=True))
    assert "http://adlnet.gov/expapi/verbs/passed" in verbs
    stored = Statement.objects.filter(user=learner).first()
    assert stored.data["actor"]["account"]["name"] == str(learner.pk)


def test_multi_sco_rollup_needs_every_sco(site_frame):
    package, _ = package_import(data=sample("valid/SequencingPostTestRollup4thEd_SCORM20044thEdition.zip"))
    lesson, learner = lesson_with(package)
    items = [item["identifier"] for item in sequencing.launchable(package.manifest)]
    assert len(items) == 5
    for identifier in items[:-1]:
        result = commit_record(
            user=learner,
            lesson_id=lesson.pk,
            package=package,
            item=identifier,
            cmi={"completion_status": "completed"},
            launch=LAUNCH,
        )
        assert not result["completed"]
    result = commit_record(
        user=learner,
        lesson_id=lesson.pk,
        package=package,
        item=items[-1],
        cmi={"completion_status": "completed", "success_status": "passed", "score": {"scaled": "1"}},
        launch=LAUNCH,
    )
    assert result["completed"]


def test_a_new_attempt_starts_empty_and_keeps_the_old(site_frame):
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    commit_record(
        user=learner, lesson_id=lesson.pk, package=package, item="item_1", cmi={"suspend_data": "old"}, launch=LAUNCH
    )
    attempt = attempt_new(user=learner, lesson_id=lesson.pk, package=package)
    assert attempt.number == 2
    latest = selectors.attempt_latest(user_id=learner.pk, lesson_id=lesson.pk, package=package)
    assert latest.pk == attempt.pk and not latest.scos.exists()
    assert ScormAttempt.objects.filter(user=learner).count() == 2


@pytest.mark.parametrize(
    "cmi, is_2004",
    [
        ({"core": {"lesson_status": "excellent"}}, False),
        ({"completion_status": "done"}, True),
        ({"score": {"scaled": "3"}}, True),
        ({"suspend_data": "x" * 64001}, True),
        ({"location": {"nested": "object"}}, True),
        ({"exit": "explode"}, True),
        ("not an object", True),
    ],
)
def test_values_outside_the_data_model_are_refused(cmi, is_2004):
    with pytest.raises(ValidationError):
        cmi_read(cmi, is_2004=is_2004)


def test_an_unknown_item_or_session_is_refused(site_frame):
    package, _ = package_import(data=sample("valid/RuntimeBasicCalls_SCORM12.zip"))
    lesson, learner = lesson_with(package)
    with pytest.raises(ValidationError):
        commit_record(user=learner, lesson_id=lesson.pk, package=package, item="other", cmi={}, launch=LAUNCH)
    with pytest.raises(ValidationError):
        commit_record(user=learner, lesson_id=lesson.pk, package=package, item="item_1", cmi={}, launch="<script>")
    assert not ScormScoData.objects.exists()


@pytest.mark.parametrize(
    "value, is_2004, seconds",
    [
        ("0001:01:01.5", False, 3661.5),
        ("PT1H30M", True, 5400),
        ("P1DT1S", True, 86401),
        ("nonsense", True, 0),
        ("PT", True, 0),
        (42, False, 0),
    ],
)
def test_time_intervals(value, is_2004, seconds):
    assert seconds_of(value, is_2004=is_2004) == seconds
