# Regatta — every way to set up, build, run, test, benchmark and package.
# `make demo` and `make test` each do their own set-up (install what is missing, build what is stale).
SHELL := /bin/bash
export PATH := $(HOME)/.local/bin:$(PATH)
export NO_PROXY := 127.0.0.1,localhost
UV := uv run --frozen
STATIC := backend/static/index.html
FRONTEND_SOURCES := $(shell find frontend/src frontend/public -type f 2>/dev/null) \
	$(wildcard frontend/index.html frontend/package-lock.json frontend/vite.config.ts frontend/tsconfig*.json)
PYTEST_ARGS ?=

.PHONY: setup setup-app build run demo test lint typecheck types check-types pytest vitest bench package clean

setup:            ## install everything (Debian packages, Python and npm deps, cluster binaries)
	@scripts/setup.sh

setup-app:        ## everything but the Go-built cluster binaries
	@scripts/setup.sh --no-bins

build: setup-app $(STATIC)   ## build the frontend into the folder the backend serves

$(STATIC): $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

run: build        ## the app on your own kubeconfig (~/.kube and $$KUBECONFIG)
	$(UV) python -m backend $(ARGS)

demo: setup build ## the app on three local real clusters, two of them selected
	@scripts/demo.sh

types:            ## regenerate frontend/src/core/types.generated.ts from the pydantic models
	$(UV) python scripts/gen_types.py

check-types:
	$(UV) python scripts/gen_types.py --check

lint:
	$(UV) ruff check backend tests scripts
	$(UV) ruff format --check backend tests scripts
	cd frontend && npm run --silent lint

typecheck:
	$(UV) mypy backend
	cd frontend && npm run --silent typecheck

vitest:
	cd frontend && npm run --silent test

pytest:
	$(UV) pytest tests $(PYTEST_ARGS)

test: setup build ## every test: lint, types, generated-types freshness, vitest, pytest (unit, integration, e2e)
	$(MAKE) --no-print-directory lint typecheck check-types vitest pytest

bench: setup build ## benchmarks; results go to docs/benchmarks.md by hand
	$(UV) python -m tests.bench

package: build     ## the bundle for this OS (PyInstaller, build/regatta.spec) into build/dist/regatta/
	$(UV) pyinstaller --noconfirm --log-level WARN --distpath build/dist --workpath build/work build/regatta.spec

clean:
	rm -rf backend/static build/dist build/work .pytest_cache .mypy_cache .ruff_cache
