# Capacitas: one image for web (gunicorn), worker and beat (Celery). Python 3.11 on Debian bookworm.
# Build: docker compose build. The H5P player comes from npm (installed without its scripts).

FROM node:22-bookworm-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
# h5p-standalone's preinstall insists on yarn; its scripts are not needed to serve dist/.
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=lms.settings.production
# pango and a font for WeasyPrint (certificates), gettext for compilemessages, libpq for psycopg.
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core gettext libpq5 \
 && rm -rf /var/lib/apt/lists/*
RUN groupadd --system capacitas && useradd --system --gid capacitas --home-dir /app capacitas
WORKDIR /app
# The site's dependencies only (requirements/base.txt): no test runners, linters or browsers.
COPY requirements/base.txt requirements/base.txt
RUN pip install -r requirements/base.txt
COPY --chown=capacitas:capacitas . .
COPY --from=assets --chown=capacitas:capacitas /app/node_modules ./node_modules
# Build-time only: the settings need a secret to load; the real one comes from the environment.
RUN SECRET_KEY=build-only-not-secret python manage.py compilemessages --ignore=.venv --ignore=node_modules -v0 \
 && SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput -v0 \
 && mkdir -p /app/media /app/private && chown -R capacitas:capacitas /app/media /app/private /app/staticfiles
USER capacitas
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz/', timeout=4).status == 200 else 1)"
# Threaded workers: requests mostly wait on PostgreSQL, so 4 threads a worker keep both cores busy
# (xAPI single POSTs: docs/benchmarks.md measures the same command line).
CMD ["gunicorn", "lms.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--worker-class", "gthread", "--threads", "4", "--timeout", "60", "--access-logfile", "-"]
