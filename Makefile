# Small Wins. `make html` builds the site, `make test` runs every test.
# Both install what they need first: a virtualenv from pyproject.toml and,
# for the browser tests, Debian's chromium, a Java runtime, nginx and npm packages.

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
PORT ?= 8000
BUILDOPTS ?=
INSTALLED := $(VENV)/.installed
BROWSER_DEPS := node_modules/.installed

.DEFAULT_GOAL := help
.PHONY: help install html regenerate devserver publish test lint bench clean check \
	new-page new-category new-resource

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml
	@test -x $(PY) || scripts/bootstrap-python $(PYTHON) $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@# Byte-compiled as pip compiles installed packages: a build does not compile them
	@# again where Python is told not to write bytecode itself (PYTHONDONTWRITEBYTECODE).
	$(PY) -m compileall -q plugins scripts checks
	@touch $@

install: $(INSTALLED) ## Create .venv and install the project with its test tools

$(BROWSER_DEPS): package.json package-lock.json
	scripts/bootstrap-system
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# A failed recipe makes `make` exit 2 whatever the script's code (1 for content errors):
# make's last line names it, "Error 1" (see the README's exit codes).
html: $(INSTALLED) ## Build the site into output/
	$(PY) scripts/build.py --settings $(CONFFILE) --output $(OUTPUTDIR) $(BUILDOPTS)

regenerate: $(INSTALLED) ## Rebuild output/ whenever a file changes
	$(PY) scripts/regenerate.py --settings $(CONFFILE) --output $(OUTPUTDIR)

devserver: $(INSTALLED) ## Serve on 127.0.0.1:$(PORT), rebuild and reload the browser on change
	$(PY) scripts/devserver.py --settings $(CONFFILE) --output $(OUTPUTDIR) --port $(PORT)

publish: $(INSTALLED) ## Build the site for publication (absolute URLs, feeds)
	$(PY) scripts/build.py --settings $(PUBLISHCONF) --output $(OUTPUTDIR) $(BUILDOPTS)

check: $(INSTALLED) ## Build, then check content and pages (CHECKOPTS="--strict")
	$(PY) -m checks --settings $(CONFFILE) --output $(OUTPUTDIR) $(CHECKOPTS)

# Without TITLE (or, for a resource, CATEGORY) each shows what it takes.
new-page: $(INSTALLED) ## New page: TITLE="..." [CATEGORY=...] (with one: an article)
	@$(PY) -m checks.scaffold page --settings $(CONFFILE) --title "$(TITLE)" \
		$(if $(CATEGORY),--category "$(CATEGORY)")

new-category: $(INSTALLED) ## New category page: TITLE="..."
	@$(PY) -m checks.scaffold category --settings $(CONFFILE) --title "$(TITLE)"

new-resource: $(INSTALLED) ## New support resource: TITLE="..." CATEGORY=... [SOURCE=https://...]
	@$(PY) -m checks.scaffold resource --settings $(CONFFILE) --title "$(TITLE)" \
		--category "$(CATEGORY)" $(if $(SOURCE),--source "$(SOURCE)")

.PHONY: import-hsds
import-hsds: $(INSTALLED) ## HSDS 3.0 feed to resource files: SRC=feed.json [IMPORTOPTS="--country US"]
	$(PY) scripts/import_hsds.py "$(SRC)" $(IMPORTOPTS)

lint: $(INSTALLED) ## Check the Python code style
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

test: $(INSTALLED) $(BROWSER_DEPS) lint ## Run every test, browser tests included
	@scripts/bootstrap-system  # quick when chromium, java, nginx are there; installs them if not
	$(PY) -m pytest $(PYTESTOPTS)

bench: $(INSTALLED) ## Compare build speed with plain Pelican on a synthetic corpus
	$(PY) scripts/bench.py $(BENCHOPTS)

# With the spare the next build writes over, the staging folders of builds killed
# midway and the old site of a swap cut short (the next build removes those too).
BUILD_LEFTOVERS := $(addprefix $(dir $(OUTPUTDIR)).$(notdir $(OUTPUTDIR)),-spare -retired .lock) \
	$(wildcard $(dir $(OUTPUTDIR)).$(notdir $(OUTPUTDIR))-building-*)

clean: ## Remove the built site and caches
	rm -rf $(OUTPUTDIR) $(BUILD_LEFTOVERS) __pycache__ .pytest_cache .ruff_cache cache
