# The two commands of the README, and what they need on a fresh machine.
#   make demo   set up, create the demo event, start the kiosk on http://0.0.0.0:5000
#   make test   set up (Python packages, front-end files, Chromium), run every test

VENV     := .venv
PYTHON   := $(VENV)/bin/python
KIOSK    := $(VENV)/bin/kiosk
STAMP    := $(VENV)/.installed
VENDOR   := static/vendor/.installed
SUDO     := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test setup browser clean

demo: setup
	$(KIOSK) demo
	$(KIOSK) serve

test: setup browser
	KIOSK_REQUIRE_BROWSER=1 $(PYTHON) -m pytest

setup: $(STAMP) $(VENDOR)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e ".[test]"
	touch $@

$(VENDOR): package.json package-lock.json scripts/vendor.mjs
	npm ci --no-audit --no-fund
	touch $@

# Browser tests drive Debian's Chromium (Playwright's own download is not reachable).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

clean:
	rm -rf $(VENV) node_modules static/vendor
