# Two commands: `make demo` and `make test`. Each creates .venv when missing;
# `make test` also installs Chromium (Debian's package) when missing.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint chromium bench serve clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,scrapyd]'
	touch $(STAMP)

PROFILE := data/examples/profile.toml

demo: $(STAMP)
	@echo "== 1/4  cle refresh --offline: crawl the bundled provider pages (recreations, not live data)"
	$(BIN)/cle refresh --offline
	@echo "== 2/4  cle status: hours still needed per credential"
	$(BIN)/cle status --profile $(PROFILE)
	@echo "== 3/4  cle recommend: courses that close the gap, free first"
	$(BIN)/cle recommend --profile $(PROFILE) --top 5
	@echo "== 4/4  cle plan: the cheapest set that covers the need before each deadline"
	$(BIN)/cle plan --profile $(PROFILE)
	@echo
	@echo "Browse the catalog: $(BIN)/cle serve   (then open http://127.0.0.1:8001/catalog/courses)"

# The lint first (seconds), then the suite with the system Chromium exported for
# the browser test (.ci/chromium installs it, or says the one command to run).
test: lint
	CLE_CHROMIUM="$$(.ci/chromium)" && export CLE_CHROMIUM && $(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

chromium:
	@.ci/chromium

bench: $(STAMP)
	$(BIN)/python -m bench.run_all

serve: $(STAMP)
	$(BIN)/cle serve

# Removes the virtualenv and the checkout's state folder (catalog, feeds, runs,
# index, logs); a state folder set by $CLE_STATE_DIR is left alone.
clean:
	rm -rf $(VENV) state build *.egg-info
