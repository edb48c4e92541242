# Engross: two commands set everything up on a fresh Debian machine.
#   make demo   installs what is missing, builds, renders the sample case into out/
#   make test   installs what is missing, then runs the whole test suite
#   make conformance   opens every fixture's DOCX in LibreOffice and checks its text
#   make serve  builds and starts the web app (engross serve) on http://127.0.0.1:8080/
#   make fuzz   runs each libFuzzer target (Fuzz/) for FUZZ_SECONDS; make fuzz-ci: 20 s each, from the seeds
#   make browser-test   drives the web app in headless Chromium as a user does (part of make test)
#   make api-test   runs schemathesis against the HTTP API of a server with accounts (part of make test)
#   make schema-test   checks that validate accepts case files generated from each template's JSON Schema (part of make test)
#   make pdf-check   checks Engross's PDFs against the PDF/UA-1 and PDF/A-2b rules of scripts/check-pdf (part of make test)
#   make docx-test   edits the declaration's DOCX in LibreOffice and checks its citations renumber (part of make test)
SHELL := /bin/bash
comma := ,
APT_PACKAGES := libxml2-dev zlib1g-dev libcairo2-dev libpango1.0-dev libpoppler-glib-dev libqpdf-dev pkg-config \
  fonts-liberation2 fonts-noto-core fonts-wqy-microhei poppler-utils qpdf
SWIFT_BUILD_FLAGS ?=
# A fixed "today" so that the demo gives the same bytes every time (2026-11-29).
DEMO_EPOCH := 1795910400
DEMO_CASE := Fixtures/cases/letters/support/valid.json

CONFORMANCE_PACKAGES := libreoffice-writer-nogui poppler-utils qpdf
# The PostgreSQL store's tests run against a throwaway cluster (scripts/test-postgres), never the
# system's default one; pg_dump checks that nothing sensitive is stored in clear.
POSTGRES_PACKAGES := postgresql postgresql-client
# The PDF form tests read filled forms back with independent readers: MuPDF's mutool, and pypdf.
FORM_TEST_PACKAGES := mupdf-tools

# Seconds per fuzz target for `make fuzz` (the figures in SECURITY.md are from 600).
FUZZ_SECONDS ?= 120

.PHONY: all deps build release demo serve test conformance lint bench fuzz fuzz-ci clean

all: build

# Install system packages, only those that are missing: $(call install,PACKAGES)
define install
	@missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

# Install Python packages from PyPI, only if a module is missing: $(call pip_install,MODULES,PACKAGES)
define pip_install
	@python3 -m pip --version >/dev/null 2>&1 || { \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-pip >/dev/null; }
	@python3 -c 'import $(1)' 2>/dev/null || { echo "Installing $(2) (PyPI)"; \
	  python3 -m pip install --quiet $(2) 2>/dev/null \
	    || python3 -m pip install --quiet --break-system-packages $(2); }
endef

deps:
	$(call install,$(APT_PACKAGES))

build: deps
	swift build $(SWIFT_BUILD_FLAGS)

release: deps
	swift build -c release

demo: build
	@mkdir -p out
	@SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/engross validate letters/support $(DEMO_CASE)
	@for f in txt md html docx pdf; do \
	  SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/engross render letters/support $(DEMO_CASE) -f $$f -o out/support-letter.$$f --force || exit $$?; \
	done
	@SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/engross render letters/support $(DEMO_CASE) -f html -o out/support-letter-redacted.html --redact --force
	@SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/engross packet packets/t-visa Fixtures/packets/t-visa/case.json -o out/t-visa-packet --bates DEMO --forms Fixtures/forms --pdfa
	@echo
	@echo "Done. The sample support letter (case file $(DEMO_CASE)) is in out/:"
	@echo "  out/support-letter.pdf            typeset by Engross, to file or print"
	@echo "  out/support-letter.docx           to edit in Word or LibreOffice"
	@echo "  out/support-letter.html           preview and print it from a browser"
	@echo "  out/support-letter.txt, .md       plain text and Markdown"
	@echo "  out/support-letter-redacted.html  the same letter with sensitive values removed"
	@echo "And a whole T visa filing packet (Fixtures/packets/t-visa/case.json) in out/t-visa-packet/:"
	@echo "  t-visa-packet.pdf                 cover letter, a filled form, exhibit index, declaration, letters, exhibits; Bates-stamped, tagged, PDF/A-2b"
	@echo "  documents/                        each generated document as PDF and DOCX, the form as its filled PDF"
	@echo "  manifest.json                     SHA-256 of the case file, every exhibit and every output"
	@echo
	@echo "To fill in cases in a browser form instead of JSON, run: make serve"

# The web app on this computer only (127.0.0.1); cases are kept in SERVE_DATA (default: the
# user's data folder, ~/.local/share/engross). Stop it with Ctrl-C.
SERVE_PORT ?= 8080
serve: build
	.build/debug/engross serve --port $(SERVE_PORT) $(if $(SERVE_DATA),--data $(SERVE_DATA))

# The tests run against SQLite and against a PostgreSQL cluster started for them and stopped
# after, whatever the outcome (ENGROSS_TEST_POSTGRES_URL tells the tests where it is).
test: deps
	$(call install,$(POSTGRES_PACKAGES) $(FORM_TEST_PACKAGES))
	$(call pip_install,pypdf,pypdf)
	swift build $(SWIFT_BUILD_FLAGS)
	@set -e; trap 'scripts/test-postgres stop' EXIT; \
	  export ENGROSS_TEST_POSTGRES_URL="$$(scripts/test-postgres start)"; \
	  echo "PostgreSQL for the tests: $$ENGROSS_TEST_POSTGRES_URL"; \
	  swift test $(SWIFT_BUILD_FLAGS)
	$(MAKE) browser-test
	$(MAKE) api-test
	$(MAKE) schema-test
	$(MAKE) pdf-check
	$(MAKE) docx-test

# Case files generated from each template's JSON Schema alone (hypothesis-jsonschema, PyPI) must pass
# `engross validate`, but for what the schema's description lists as beyond it (Tests/schema).
SCHEMA_TEST_EXAMPLES ?= 5
.PHONY: schema-test
schema-test: deps
	$(call pip_install,hypothesis_jsonschema$(comma) pytest,hypothesis-jsonschema pytest)
	swift build $(SWIFT_BUILD_FLAGS) --product engross
	cd Tests/schema && ENGROSS="$$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)/engross" \
	  SCHEMA_TEST_EXAMPLES=$(SCHEMA_TEST_EXAMPLES) python3 -m pytest -q -p no:cacheprovider

# Live citations in DOCX (Tests/docx): the T visa declaration rendered by engross is opened in a
# headless LibreOffice through UNO (Debian's python3-uno, hence Debian's /usr/bin/python3), a numbered
# paragraph is inserted before the first cited one and the fields updated: every citation must follow.
DOCX_TEST_PACKAGES := libreoffice-writer-nogui python3-uno
.PHONY: docx-test
docx-test: deps
	$(call install,$(DOCX_TEST_PACKAGES))
	swift build $(SWIFT_BUILD_FLAGS) --product engross
	ENGROSS="$$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)/engross" /usr/bin/python3 Tests/docx/live_citations.py

# scripts/check-pdf (PDF/UA-1 and PDF/A-2b rules; pypdf from PyPI, qpdf): its tests break each rule,
# then the sample letter (plain, --pdfa) and the --pdfa demo packet must pass; pdfua (PyPI) gives a
# second opinion on the tagging.
.PHONY: pdf-check
pdf-check: deps
	$(call pip_install,pypdf$(comma) pytest$(comma) pdfua,pypdf pytest pdfua)
	swift build $(SWIFT_BUILD_FLAGS) --product engross
	cd Tests/pdfcheck && ENGROSS="$$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)/engross" python3 -m pytest -q -p no:cacheprovider

# Every fixture as DOCX opened by LibreOffice, and as Engross's own PDF: every paragraph must
# survive, in order; qpdf and pdffonts check the PDFs.
conformance: deps
	$(call install,$(CONFORMANCE_PACKAGES))
	swift build --product engross-conformance
	SOURCE_DATE_EPOCH=$(DEMO_EPOCH) .build/debug/engross-conformance --png out/conformance
	@echo "First pages of the converted documents, to look at: out/conformance/"

# The browser tests of the web app (Tests/browser): pytest and Playwright (from PyPI) drive Debian's
# Chromium through `engross serve` as a user does; downloads are read with pdftotext and LibreOffice.
BROWSER_PACKAGES := chromium poppler-utils libreoffice-writer-nogui
.PHONY: browser-test
browser-test: deps
	$(call install,$(BROWSER_PACKAGES))
	$(call pip_install,playwright$(comma) pytest,playwright pytest)
	swift build $(SWIFT_BUILD_FLAGS) --product engross-server
	swift build $(SWIFT_BUILD_FLAGS) --product engross
	cd Tests/browser && bin="$$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)" \
	  && ENGROSS_SERVER="$$bin/engross-server" ENGROSS="$$bin/engross" python3 -m pytest -q

# schemathesis (PyPI) against the HTTP API (Sources/EngrossServer/Resources/openapi.json) of an
# engross-server with accounts on 127.0.0.1, a free port and a temporary data folder; every
# operation, up to API_TEST_EXAMPLES cases each (about 20 s in all). scripts/api-test stops the server.
API_TEST_EXAMPLES ?= 100
.PHONY: api-test
api-test: deps
	$(call pip_install,schemathesis,schemathesis)
	swift build $(SWIFT_BUILD_FLAGS) --product engross-server
	ENGROSS_SERVER="$$(swift build $(SWIFT_BUILD_FLAGS) --show-bin-path)/engross-server" API_TEST_EXAMPLES=$(API_TEST_EXAMPLES) scripts/api-test

lint: build
	.build/debug/engross lint

# The library and the command line (scripts/bench), the web app under load (scripts/bench-serve, wrk),
# then the clinic server: 200 users on PostgreSQL, one and two processes (scripts/load-clinic).
bench: deps
	$(call install,wrk hyperfine $(POSTGRES_PACKAGES))
	scripts/bench
	scripts/bench-serve
	scripts/load-clinic --no-build --processes 1
	scripts/load-clinic --no-build --processes 2

# libFuzzer and the address sanitizer come with the Swift toolchain; the fuzz targets link the
# whole library, so they need the same system packages as the build.
fuzz: deps
	scripts/fuzz --seconds $(FUZZ_SECONDS)

# CI: every target for 20 s from the seeds alone; a finding fails the build and prints its input.
fuzz-ci: deps
	scripts/fuzz --seconds 20 --fresh

clean:
	rm -rf .build out Fuzz/.build
