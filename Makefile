# Capacitas: one command per habit. `make run` and `make test` work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
DEV := DJANGO_SETTINGS_MODULE=lms.settings.dev
TEST := DJANGO_SETTINGS_MODULE=lms.settings.test
HOST ?= 127.0.0.1
# The suite runs on every core (pytest-xdist); `make test WORKERS=0` runs it in one process.
WORKERS ?= auto
PORT ?= 8000

# requirements.txt (what a developer installs) is requirements/dev.txt; CI installs requirements/test.txt,
# the production image requirements/base.txt. Edit the .in files, then `make requirements`.
REQUIREMENTS ?= requirements.txt
PIP_COMPILE := $(BIN)/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host

.PHONY: install requirements run serve test test-fast lint format messages makemessages bench migrations-check clean

install: $(VENV)/.stamp node_modules/.stamp

$(VENV)/.stamp: requirements.txt $(wildcard requirements/*.txt)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r $(REQUIREMENTS)
	touch $@

# Recompile the pinned files from the .in files, keeping every pin that still satisfies them
# (`make requirements PIP_COMPILE_ARGS=--upgrade-package=django` moves one).
requirements:
	$(PIP_COMPILE) $(PIP_COMPILE_ARGS) requirements/base.in -o requirements/base.txt
	$(PIP_COMPILE) $(PIP_COMPILE_ARGS) requirements/test.in -o requirements/test.txt
	$(PIP_COMPILE) $(PIP_COMPILE_ARGS) requirements/dev.in -o requirements/dev.txt

node_modules/.stamp: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

# Translations are compiled, never committed (.mo files are build output).
messages: $(VENV)/.stamp
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

# Extract new strings into every catalogue: the project's locale/ (lms, templates/) and each app's.
makemessages: $(VENV)/.stamp
	$(DEV) $(PY) scripts/makemessages.py

run: install messages
	$(DEV) $(PY) manage.py migrate --noinput -v0
	$(DEV) $(PY) manage.py load_demo
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

serve: install messages
	$(DEV) $(PY) manage.py runserver $(HOST):$(PORT)

test: install messages
	$(TEST) $(PY) manage.py makemigrations --check --dry-run -v0
	$(TEST) $(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

test-fast: install messages
	$(TEST) $(PY) -m pytest -n $(WORKERS) -m "not browser and not worker" $(PYTEST_ARGS)

lint: $(VENV)/.stamp
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-logo
	$(PY) scripts/check_catalogues.py

format: $(VENV)/.stamp
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install messages
	$(TEST) $(PY) -m benchmarks

clean:
	rm -rf $(VENV) node_modules staticfiles db.sqlite3 .pytest_cache .ruff_cache
