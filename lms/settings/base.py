"""Settings shared by every environment. Secrets and service URLs come from the environment only."""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in (os.environ.get(name) or default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps first so that their templates and translations win.
    "accounts",
    "home",
    "curricula",
    "courses",
    "h5p",
    "scorm",
    "xapi",
    "instructors",
    "activities",
    "search",
    "monitoring",
    "plan",
    "badges",
    "lti",
    "cartridges",
    "sso",
    "forum",
    "practices",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    # Tasks
    "django_celery_beat",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    # allauth's security-key list (/accounts/2fa/webauthn/) loads the humanize template tags.
    "django.contrib.humanize",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses every other response, HTML included (static files come precompressed from WhiteNoise,
    # which answers before this). BREACH: see docs/decisions/0034 (masked CSRF tokens, Django's
    # random gzip padding).
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "accounts.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.PreferredLanguageMiddleware",
    "lms.middleware.UnstorableTextMiddleware",
    "accounts.middleware.PrivilegedMFAMiddleware",
    "home.pagecache.PublicPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "lms.middleware.IncompleteAdminFormMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"), conn_max_age=60)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "accounts.backends.PermissionsModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Languages: the interface language is not the content language (docs/architecture.md).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("pt", "Português"),
    ("fr", "Français"),
]
LANGUAGE_CODES = [code for code, _name in LANGUAGES]
WAGTAIL_I18N_ENABLED = True
# Content languages are named in the reader's interface language (a page "in Spanish" reads
# "Inglés" for English in the Spanish admin), with Django's own translations of these names.
WAGTAIL_CONTENT_LANGUAGES = [
    ("en", gettext_lazy("English")),
    ("es", gettext_lazy("Spanish")),
    ("pt", gettext_lazy("Portuguese")),
    ("fr", gettext_lazy("French")),
]
# The admin speaks the four interface languages, following the profile (accounts.services.admin_language_sync).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The H5P player (h5p-standalone from npm, installed with --ignore-scripts) is served as static files.
H5P_PLAYER_DIST = BASE_DIR / "node_modules" / "h5p-standalone" / "dist"
if H5P_PLAYER_DIST.is_dir():
    STATICFILES_DIRS.append(("h5p-standalone", H5P_PLAYER_DIST))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Certificates, reports and certification files: outside MEDIA_ROOT, without a public URL, served
# only by the views that check access (lms/files.py). Production may hand them to nginx with
# X-Accel-Redirect: PRIVATE_FILES_ACCEL_PREFIX names an internal location rooted at PRIVATE_ROOT.
PRIVATE_ROOT = Path(env("PRIVATE_ROOT", str(BASE_DIR / "private")))
PRIVATE_FILES_ACCEL_PREFIX = env("PRIVATE_FILES_ACCEL_PREFIX", "")
PRIVATE_STORAGE = {"BACKEND": "lms.files.PrivateFileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": PRIVATE_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "Capacitas"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Documents go through Wagtail's serve view, which applies the collection's privacy; never a bare
# file URL under MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
SITE_BASE_URL = env("SITE_BASE_URL", WAGTAILADMIN_BASE_URL)
# Open Badges 3.0 (decision 0024): the issuer's Ed25519 private key in PEM, its name in credentials,
# and how long a credential holds (0: as long as the certificate, which does not expire).
BADGES_ISSUER_KEY = env("BADGES_ISSUER_KEY", "")
BADGES_GENERATE_KEY = env_bool("BADGES_GENERATE_KEY", False)
BADGES_ISSUER_NAME = env("BADGES_ISSUER_NAME", "Capacitas")
BADGES_VALID_FOR_DAYS = int(env("BADGES_VALID_FOR_DAYS", "0") or 0)
BADGES_RETIRED_KEYS = env("BADGES_RETIRED_KEYS", "")
# The admin signs people in through allauth (with its MFA step), not through its own password form.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Passwords are reset and changed only through allauth (lms/urls.py routes /admin/password_reset/ there).
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
# Pages with an audience tier send visitors to the same login (Wagtail view restrictions).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# No Gravatar: it would send officials' e-mail hashes to a third party (and the CSP blocks it).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Accounts: django-allauth with mandatory e-mail verification, rate limits and MFA.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True  # continues allauth's login, MFA stage included
# Every session is made by allauth's login flow with its MFA stage: no sign-in by a reset link or an
# e-mailed code, no passkey-only sign-in. Privileged pages also check that MFA was used in the
# session (accounts.access.mfa_satisfied), whatever made it.
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGIN_BY_CODE_ENABLED = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_TRUST_ENABLED = False  # no "trust this browser": MFA at every sign-in
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = False
# Agencies' own identity providers (sso, decision 0120): allauth's OpenID Connect and SAML providers,
# configured per agency in the database (SocialApp), with sso's checks on top. An agency's provider
# is trusted for its own e-mail domains: a person it signs in is connected to the account of that
# address and needs no confirmation e-mail (sso.services refuses addresses of other domains).
SOCIALACCOUNT_PROVIDERS: dict = {
    "openid_connect": {"provider_class": "sso.oidc.provider.AgencyOpenIDConnectProvider"},
    "saml": {"provider_class": "sso.saml.AgencySAMLProvider"},
}
SOCIALACCOUNT_ADAPTER = "sso.adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False

# E-mail
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Capacitas <no-reply@capacitas.example.org>")

# Celery: JSON only, time limits, late acknowledgement with redelivery of a lost worker's task.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_TIME_LIMIT = 30 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 25 * 60
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Above the longest task's hard limit, so that Redis does not redeliver a task still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
CELERY_RESULT_EXPIRES = 24 * 60 * 60
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True

# Search (the project's own catalogue search, see search/).
SEARCH_BACKEND = env("SEARCH_BACKEND", "")  # "", "postgres", "sqlite" or "elasticsearch"; "" picks by database
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX_PREFIX = env("ELASTICSEARCH_INDEX_PREFIX", "capacitas")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "capacitas",
    }
}

# Public pages for anonymous readers from the cache (home/pagecache.py, docs/decisions/0014): how long
# a page may be kept at most; any publication empties it at once. 0 turns it off.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))

# Widgets render through TEMPLATES, so the project's templates/wagtailadmin/widgets/ replace
# Wagtail's inline-script widgets (the CSP below blocks inline scripts; decision 0002).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Content-Security-Policy (django-csp 4). H5P content runs in a sandboxed iframe (see h5p/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}

# --- h5p ---
# Limits on uploaded packages (see h5p/validation.py and docs/decisions/0030).
H5P_MAX_PACKAGE_BYTES = int(env("H5P_MAX_PACKAGE_BYTES", str(64 * 1024 * 1024)))
H5P_MAX_UNCOMPRESSED_BYTES = int(env("H5P_MAX_UNCOMPRESSED_BYTES", str(256 * 1024 * 1024)))
H5P_MAX_FILES = int(env("H5P_MAX_FILES", "3000"))
H5P_MAX_COMPRESSION_RATIO = int(env("H5P_MAX_COMPRESSION_RATIO", "100"))
# A player grant (bound to the viewer's session) stays the same for this many seconds, so the
# player's file URLs are stable and cached (immutable); it is accepted for one more period
# (docs/decisions/0034). A leaked file URL is worth nothing after two periods.
H5P_GRANT_PERIOD = int(env("H5P_GRANT_PERIOD", str(8 * 60 * 60)))
# The origin that serves the player and its files, e.g. "https://h5p.example.org" (a host name of
# this same deployment). Empty: this site's origin; the player is sandboxed (opaque origin) either way.
H5P_ORIGIN = (env("H5P_ORIGIN", "") or "").rstrip("/")
if H5P_ORIGIN:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = ["'self'", H5P_ORIGIN]
    # The lesson page fetches the player's files for it (h5p/static/h5p/activity.js).
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"] = ["'self'", H5P_ORIGIN]

# --- scorm ---
# Limits on uploaded packages (see scorm/validation.py and docs/decisions/0090).
SCORM_MAX_PACKAGE_BYTES = int(env("SCORM_MAX_PACKAGE_BYTES", str(256 * 1024 * 1024)))
SCORM_MAX_UNCOMPRESSED_BYTES = int(env("SCORM_MAX_UNCOMPRESSED_BYTES", str(1024 * 1024 * 1024)))
SCORM_MAX_FILES = int(env("SCORM_MAX_FILES", "10000"))
SCORM_MAX_COMPRESSION_RATIO = int(env("SCORM_MAX_COMPRESSION_RATIO", "100"))
# A launch grant (bound to the viewer's session) stays the same for this many seconds.
SCORM_GRANT_PERIOD = int(env("SCORM_GRANT_PERIOD", str(4 * 60 * 60)))
# The origin that serves SCOs, e.g. "https://scorm.example.org". Empty: this site's origin; a SCO
# is sandboxed (an opaque origin) either way.
SCORM_ORIGIN = (env("SCORM_ORIGIN", "") or "").rstrip("/")
if SCORM_ORIGIN:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
        *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
        SCORM_ORIGIN,
    ]
# The SCORM run-time API (scorm-again from npm, installed with --ignore-scripts) is served as static files.
SCORM_RUNTIME_DIST = BASE_DIR / "node_modules" / "scorm-again" / "dist"
if SCORM_RUNTIME_DIST.is_dir():
    STATICFILES_DIRS.append(("scorm-again", SCORM_RUNTIME_DIST))

# --- courses: video ---
# Uploaded lesson video and its captions and poster (checked in courses/video.py, decision 0023).
COURSES_VIDEO_MAX_BYTES = int(env("COURSES_VIDEO_MAX_BYTES", str(300 * 1024 * 1024)))
COURSES_CAPTIONS_MAX_BYTES = int(env("COURSES_CAPTIONS_MAX_BYTES", str(512 * 1024)))
COURSES_POSTER_MAX_BYTES = int(env("COURSES_POSTER_MAX_BYTES", str(2 * 1024 * 1024)))
# Privacy-enhanced players a secretariat allows in lessons: "www.youtube-nocookie.com" and/or
# "player.vimeo.com". None by default; the CSP frame-src names exactly these hosts.
COURSES_VIDEO_EMBED_HOSTS = [
    host
    for host in env_list("COURSES_VIDEO_EMBED_HOSTS", "")
    if host in ("www.youtube-nocookie.com", "player.vimeo.com")
]
CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
    *CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
    *(f"https://{host}" for host in COURSES_VIDEO_EMBED_HOSTS),
]

# --- xapi ---
# The learning record store (see xapi/ and docs/decisions/0035-0039).
XAPI_MAX_PAGE_SIZE = int(env("XAPI_MAX_PAGE_SIZE", "500"))
# How long a statement may take from being stamped `stored` to being committed (seconds).
XAPI_CONSISTENCY_MARGIN_SECONDS = float(env("XAPI_CONSISTENCY_MARGIN_SECONDS", "1"))
# An external LRS that receives a copy of every statement (ForwardTarget rows in the admin add more).
XAPI_FORWARD_ENDPOINT = env("XAPI_FORWARD_ENDPOINT", "")
XAPI_FORWARD_USERNAME = env("XAPI_FORWARD_USERNAME", "")
XAPI_FORWARD_PASSWORD = env("XAPI_FORWARD_PASSWORD", "")
XAPI_FORWARD_TIMEOUT = float(env("XAPI_FORWARD_TIMEOUT", "20"))
# Beat sends what is still queued for the external LRSs (after an outage) without waiting for a
# new statement to start a sender.
XAPI_FORWARD_SWEEP_MINUTES = int(env("XAPI_FORWARD_SWEEP_MINUTES", "5"))
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "xapi-forward-all-pending": {
        "task": "xapi.tasks.forward_all_pending",
        "schedule": XAPI_FORWARD_SWEEP_MINUTES * 60,
    },
}

# --- monitoring ---
# The fact table behind the dashboards is rebuilt from the other apps' records by a Celery task
# (see docs/decisions/0061-fact-table.md); beat runs it every few minutes.
MONITORING_REFRESH_MINUTES = int(env("MONITORING_REFRESH_MINUTES", "10"))
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "monitoring-facts-refresh": {
        "task": "monitoring.tasks.facts_refresh",
        "schedule": MONITORING_REFRESH_MINUTES * 60,
    },
}

# --- lti ---
# Capacitas as an LTI 1.3 tool (lti/, decisions 0110-0114). The tool's private keys are stored
# encrypted with Fernet under LTI_KEY_SECRET (comma-separated Fernet keys, the first encrypting);
# empty: derived from SECRET_KEY (development). A retired key stays in /lti/jwks/ this many days.
LTI_KEY_SECRET = env("LTI_KEY_SECRET", "")
LTI_KEY_GRACE_DAYS = int(env("LTI_KEY_GRACE_DAYS", "14"))
# Seconds of clock difference accepted with a platform's ID tokens.
LTI_CLOCK_LEEWAY = int(env("LTI_CLOCK_LEEWAY", "60"))
# How long the landing page's ticket into Capacitas stays good (single use).
LTI_TICKET_SECONDS = int(env("LTI_TICKET_SECONDS", "120"))
LTI_HTTP_TIMEOUT = float(env("LTI_HTTP_TIMEOUT", "10"))
# Dynamic registration reads platforms over HTTPS only; tests turn plain HTTP on for 127.0.0.1.
LTI_REGISTRATION_ALLOW_HTTP = env_bool("LTI_REGISTRATION_ALLOW_HTTP", False)
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "lti-purge-expired": {"task": "lti.tasks.purge_expired", "schedule": 60 * 60},
}

# --- forum ---
# The largest attachment of a forum post (PDF, PNG, JPEG or plain text, checked by its bytes).
FORUM_ATTACHMENT_MAX_BYTES = int(env("FORUM_ATTACHMENT_MAX_BYTES", str(5 * 1024 * 1024)))
# Beat sends the forum's e-mail digests: daily ones every day, weekly ones on Mondays, at this UTC hour.
FORUM_DIGEST_HOUR = int(env("FORUM_DIGEST_HOUR", "6"))
CELERY_BEAT_SCHEDULE = {
    **globals().get("CELERY_BEAT_SCHEDULE", {}),
    "forum-digest-daily": {
        "task": "forum.tasks.send_digests",
        "schedule": crontab(minute=0, hour=FORUM_DIGEST_HOUR),
        "args": ("daily",),
    },
    "forum-digest-weekly": {
        "task": "forum.tasks.send_digests",
        "schedule": crontab(minute=0, hour=FORUM_DIGEST_HOUR, day_of_week=1),
        "args": ("weekly",),
    },
}
