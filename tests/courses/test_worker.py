"""The certificate task on a real Celery worker (Redis broker, the test database): run twice, and a
worker killed with SIGKILL half-way, both leave exactly one certificate."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from courses.models import Certificate, EnrolmentStatus
from lms.celery import app
from tests.accounts.factories import official, state
from tests.courses.factories import CoursePageFactory, EnrolmentFactory

ROOT = Path(__file__).resolve().parents[2]


def _worker_env() -> dict:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_RESULT_BACKEND=settings.CELERY_RESULT_BACKEND,
    )
    return env


def _start_worker(name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "lms",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-n",
            f"{name}@%h",
            "-Q",
            f"courses-test-{os.getpid()}",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=_worker_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait(timeout=10)


def _wait_for(predicate, timeout=120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def live_celery():
    """Send tasks to the broker instead of running them in the test process."""
    queue = f"courses-test-{os.getpid()}"
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    yield queue
    app.conf.task_always_eager = previous


@pytest.fixture
def completed(transactional_db, site_frame):
    mx = state("MX")
    course = CoursePageFactory(state=mx, estimated_hours=3)
    return EnrolmentFactory(
        course=course, user=official(mx), status=EnrolmentStatus.COMPLETED, completed_at=timezone.now()
    )


@pytest.mark.worker
def test_task_sent_twice_to_a_real_worker_issues_one_certificate(live_celery, completed):
    from courses.tasks import issue_certificate

    worker = _start_worker("twice")
    try:
        first = issue_certificate.apply_async((completed.pk,), queue=live_celery)
        second = issue_certificate.apply_async((completed.pk,), queue=live_celery)
        assert first.get(timeout=180) == second.get(timeout=180)
    finally:
        _stop(worker)
    certificate = Certificate.objects.get()
    assert certificate.pdf.name.endswith(".pdf")


@pytest.mark.worker
def test_worker_killed_half_way_then_another_one_leaves_exactly_one_certificate(live_celery, completed):
    from courses.tasks import issue_certificate

    worker = _start_worker("doomed")
    try:
        issue_certificate.apply_async((completed.pk,), queue=live_celery)
        # The row is written first, the PDF after: kill the worker between the two.
        assert _wait_for(lambda: Certificate.objects.filter(pdf="").exists() or Certificate.objects.exists())
        half_way = Certificate.objects.filter(pdf="").exists()
        _stop(worker, signal.SIGKILL)
    finally:
        _stop(worker, signal.SIGKILL)
    assert Certificate.objects.count() == 1
    assert half_way, "the worker finished before it could be killed half-way"
    # The lost task is delivered again (acks_late); the completion flow's retry sends it too.
    worker = _start_worker("rescuer")
    try:
        result = issue_certificate.apply_async((completed.pk,), queue=live_celery)
        code = result.get(timeout=180)
    finally:
        _stop(worker)
    assert Certificate.objects.count() == 1
    certificate = Certificate.objects.get()
    assert certificate.code == code and certificate.pdf.name.endswith(".pdf")
