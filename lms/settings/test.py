"""Tests: PostgreSQL and Redis on 127.0.0.1 (CI), a fast hasher, locmem e-mail, eager Celery unless a
test starts a real worker."""

import tempfile

import dj_database_url

from .base import *  # noqa: F401,F403
from .base import MIDDLEWARE, STORAGES, env

SECRET_KEY = "test-only-secret-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/capacitas"), conn_max_age=0
    )
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="capacitas-media-")
PRIVATE_ROOT = tempfile.mkdtemp(prefix="capacitas-private-")
STORAGES = {
    **STORAGES,
    "private": {"BACKEND": "lms.files.PrivateFileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
}
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_ALWAYS_EAGER = True
ACCOUNT_RATE_LIMITS = False
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_BASE_URL = "http://testserver"

# Tests change pages inside one transaction, where the cache's invalidation (on commit) never runs;
# the page cache's own tests turn it on.
PAGE_CACHE_SECONDS = 0

# Each test run signs credentials with a key generated into its temporary PRIVATE_ROOT.
BADGES_GENERATE_KEY = True

# The test LTI platform (tests/lti/platform.py) serves plain HTTP on 127.0.0.1.
LTI_REGISTRATION_ALLOW_HTTP = True
