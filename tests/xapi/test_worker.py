"""Forwarding on a real Celery worker (Redis broker, the test database): the retries with backoff
reach a local LRS that fails the first three times."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from lms.celery import app
from tests.accounts.factories import UserFactory
from xapi.api import statements_store
from xapi.models import ForwardItem, ForwardTarget

from .factories import statement
from .test_tasks import FlakyLRS

ROOT = Path(__file__).resolve().parents[2]


def _worker(queue: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    env.update(
        # The development settings, where eagerness follows the environment (the test settings force
        # it on, and the fan-out task's own .delay() would then run inside it).
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DEBUG="false",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{connection.settings_dict['NAME']}",
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        CELERY_RESULT_BACKEND=settings.CELERY_RESULT_BACKEND,
        CELERY_TASK_ALWAYS_EAGER="false",
    )
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
            f"xapi-{os.getpid()}@%h",
            "-Q",
            f"{queue},celery",
            "--loglevel=WARNING",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


@pytest.mark.worker
def test_forwarding_retries_in_order_per_learner_on_a_real_worker(transactional_db, monkeypatch):
    """A real worker sends to a real HTTP LRS on 127.0.0.1 that fails its first three requests;
    statements keep arriving meanwhile, from three learners; each learner's arrive in order."""
    queue = f"xapi-test-{os.getpid()}"
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    monkeypatch.setitem(app.conf, "task_routes", {"xapi.tasks.*": {"queue": queue}})
    cache.clear()
    app.control.purge()
    # The worker also takes the default queue: its retries are routed without this test's routes.
    worker = _worker(queue)
    learners = [UserFactory() for _ in range(3)]
    stored: dict[int, list[str]] = {learner.pk: [] for learner in learners}
    try:
        with FlakyLRS(failures=3) as lrs:
            ForwardTarget.objects.create(name="Regional LRS", endpoint=lrs.url)
            for _round in range(4):
                for learner in learners:
                    batch = [statement(), statement()]
                    # Autocommit: each hand-off runs at once, while earlier ones may be retrying.
                    statements_store(statements=batch, user=learner)
                    stored[learner.pk] += [s["id"] for s in batch]
                time.sleep(0.3)
            total = sum(len(ids) for ids in stored.values())
            deadline = time.monotonic() + 120
            while len({s["id"] for s in lrs.accepted()}) < total and time.monotonic() < deadline:
                time.sleep(0.2)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)
        cache.clear()
    assert [r["status"] for r in lrs.requests[:3]] == [503, 503, 503]
    accepted = lrs.accepted()
    assert {s["id"] for s in accepted} == {i for ids in stored.values() for i in ids}
    for learner in learners:
        name = str(learner.pk)
        arrived = [s["id"] for s in accepted if s["actor"]["account"]["name"] == name]
        # Order of first arrival (an LRS stores a resent statement once).
        assert list(dict.fromkeys(arrived)) == stored[learner.pk]
    assert not ForwardItem.objects.exists()
