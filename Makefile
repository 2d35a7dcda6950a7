# Two commands do all the set-up on a fresh machine with Python 3.11+:
#   make run   - create .venv, install, migrate, load the demo, serve http://127.0.0.1:$(PORT)/
#   make test  - the whole test suite (SQLite by default, PostgreSQL when DATABASE_URL is set)

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The embedded default is for development: the SECRET_KEY falls back to a dev key.
export DEBUG ?= 1

.PHONY: run test install axe migrate demo check lint migrations-check browser-test clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

run: export NEWSROOM_DOMAIN ?= 127.0.0.1:$(PORT)
run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# axe-core for the accessibility test, pinned in tests/browser/package-lock.json;
# installed when npm is there (without it the test is skipped with a message).
AXE := tests/browser/node_modules/.package-lock.json
$(AXE): tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund

# A failed install (no network) is said and the tests go on: the audit is then
# skipped on a laptop, and fails under CI, which must run it.
axe:
	@if command -v npm >/dev/null 2>&1; then \
		$(MAKE) --no-print-directory $(AXE) || \
		echo "axe-core could not be installed (npm ci failed): the accessibility test will be skipped."; \
	fi

# One test process per core (Django's --parallel: each gets its own copy of the
# test database): the suite took 26 minutes of a CI run on a slow 2-core
# machine, 17 in parallel. TEST_PARALLEL=1 runs it in one process.
TEST_PARALLEL ?= auto
# The suite runs with DEBUG off, under the settings production derives from it
# (the proxy header, secure cookies), as `manage.py test` does without it: a
# test of such a setting passed alone and failed under `make test`. The
# settings give tests a development SECRET_KEY.
#
# The settings read the deployment's environment (newsroom/settings.py); a
# shell that has NEWSROOM_DOMAIN or TIME_ZONE set for `make run` failed 14
# tests. They run without those variables; DATABASE_URL alone chooses the
# database (TEST_REDIS_URL the Redis the cache tests use).
DEPLOYMENT_ENV := ALLOWED_HOSTS AXES_COOLOFF_HOURS AXES_ENABLED AXES_FAILURE_LIMIT \
	CACHE_KEY_PREFIX CACHE_PURGE_CALLABLE CACHE_PURGE_HOST CACHE_PURGE_METHOD \
	CACHE_PURGE_PROTO CACHE_PURGE_TIMEOUT CACHE_PURGE_URL CONN_MAX_AGE CSRF_COOKIE_SECURE \
	CSRF_TRUSTED_ORIGINS DATABASE_REPLICA_URL DB_CONNECT_TIMEOUT DB_JIT \
	DB_STATEMENT_TIMEOUT IMAGE_UPLOAD_MAX_BYTES IMAGE_UPLOAD_MAX_PIXELS IMPORT_MAX_BYTES \
	LOG_LEVEL MEDIA_BUCKET MEDIA_CUSTOM_DOMAIN MEDIA_ENDPOINT_URL MEDIA_REGION MEDIA_ROOT \
	NEWSROOM_DOMAIN NEWSROOM_LOCALE NEWSROOM_NAME NEWSROOM_TAGLINE PAGE_CACHE_ENABLED \
	PAGE_CACHE_IGNORED_PARAMS PAGE_CACHE_LOCAL_SECONDS PAGE_CACHE_SECONDS PAGE_CACHE_STALE_SECONDS \
	REDIRECT_HOSTS REDIS_URL REPLICA_LAG_SECONDS SECRET_KEY SECURE_HSTS_INCLUDE_SUBDOMAINS \
	SECURE_HSTS_PRELOAD SECURE_HSTS_SECONDS SECURE_SSL_REDIRECT SESSION_COOKIE_AGE \
	SESSION_COOKIE_SECURE SILENCED_SYSTEM_CHECKS STATIC_ROOT TIME_ZONE TRUSTED_PROXY_COUNT
WITHOUT_DEPLOYMENT_ENV := env $(addprefix -u ,$(DEPLOYMENT_ENV))
test: export DEBUG = 0
test: install axe
	$(WITHOUT_DEPLOYMENT_ENV) $(PY) manage.py test --noinput --parallel $(TEST_PARALLEL) $(TESTS)

# The real-browser tests alone (they are part of `make test` too).
browser-test: export DEBUG = 0
browser-test: install axe
	$(WITHOUT_DEPLOYMENT_ENV) $(PY) manage.py test --noinput --tag browser

check: install
	$(PY) manage.py check

migrations-check: install
	$(PY) manage.py makemigrations --check --dry-run

lint: install
	$(VENV)/bin/ruff check .

clean:
	rm -rf $(VENV) staticfiles
