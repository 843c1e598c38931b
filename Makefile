# Handover: the two commands of the README are `make site` and `make test`.
SWIFT       ?= swift
BUILD_DEPS  := libcmark-gfm-dev libcmark-gfm-extensions-dev libgraphviz-dev graphviz zlib1g-dev
BROWSER_DEPS := chromium chromium-driver poppler-utils
# A real Prometheus for the tests of `handover pull prometheus`.
PULL_DEPS   := prometheus
# The real MLflow tracking server and Evidently of the model-health tests (evidently 0.7 needs pandas < 3).
PIP_DEPS    := pytest selenium axe-selenium-python==2.1.6 prometheus_client "mlflow[auth]==3.17.2" evidently==0.7.23 "pandas<3"
BENCH_DEPS  := hugo time
NOTES       ?= 10000

.PHONY: site test bench deps browser-deps build clean format lint

deps:
	@scripts/install-deps.sh $(BUILD_DEPS)

build: deps
	$(SWIFT) build -c release --product handover

## Render the example project in Content/ into _site/.
site: build
	.build/release/handover build .

browser-deps:
	@scripts/install-deps.sh $(BROWSER_DEPS) $(PULL_DEPS)
	@python3 -c "import pytest, selenium, axe_selenium_python, prometheus_client, mlflow.server, flask_wtf, evidently, sklearn" 2>/dev/null || python3 -m pip install -q --root-user-action=ignore $(PIP_DEPS)

## Run every test: the Swift tests, then the browser test of the built example site.
# The binary first: diagrams are laid out by `handover __diagram-worker` processes, in tests too.
test: deps browser-deps lint
	$(SWIFT) build --product handover
	$(SWIFT) test
	python3 -m pytest Tests/Browser -q

## Formatting (.swift-format): `make format` rewrites, `make lint` (part of `make test`) fails on any difference.
FORMAT_PATHS := Sources Tests Plugins Package.swift
format:
	$(SWIFT) format format --in-place --recursive $(FORMAT_PATHS)

lint:
	$(SWIFT) format lint --strict --recursive $(FORMAT_PATHS)

## Full-build benchmark on a generated corpus, against Hugo when it is installed.
bench: build
	@scripts/install-deps.sh $(BENCH_DEPS) || echo "bench: could not install $(BENCH_DEPS); Hugo comparison skipped" >&2
	python3 scripts/bench.py --notes $(NOTES) --handover .build/release/handover

clean:
	rm -rf .build _site .bench
