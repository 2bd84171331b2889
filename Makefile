# The two commands: `make run` (set up and serve the site) and `make test` (set up and run the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lint format migrate data clean bench soak relevance

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

data: migrate
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py load_demo

run: data
	@echo ""
	@echo "  The case study library is at http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/ (create an account with: $(BIN)/python manage.py createsuperuser)"
	@echo ""
	PORT=$(PORT) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache

# Benchmark against PostgreSQL (DATABASE_URL's server; a database of its own): see bench/run.py.
bench: install
	$(BIN)/python bench/run.py $(BENCH_ARGS)

# Soak test: 50 clients for 60 s against gunicorn + PostgreSQL on loopback (see bench/soak.py).
soak: install
	$(BIN)/python bench/soak.py $(SOAK_ARGS)

# Search quality on the judged relevance corpus (tests/search), on SQLite and on PostgreSQL.
RELEVANCE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/casestudies_relevance
relevance: install
	@status=0; \
	env -u DATABASE_URL $(BIN)/pytest -q -p no:cacheprovider tests/search/test_corpus_relevance.py -k relevance_on || status=1; \
	DATABASE_URL=$(RELEVANCE_DATABASE_URL) $(BIN)/pytest -q -p no:cacheprovider tests/search/test_corpus_relevance.py -k relevance_on || status=1; \
	exit $$status
