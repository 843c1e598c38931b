# Handover: the two commands of the README are `make site` and `make test`.
SWIFT       ?= swift
BUILD_DEPS  := libcmark-gfm-dev libcmark-gfm-extensions-dev
BENCH_DEPS  := hugo time
NOTES       ?= 10000

.PHONY: site test bench deps build clean

deps:
	@scripts/install-deps.sh $(BUILD_DEPS)

build: deps
	$(SWIFT) build -c release --product handover

## Render the example project in Content/ into _site/.
site: build
	.build/release/handover build .

## Run every test.
test: deps
	$(SWIFT) test

## Full-build benchmark on a generated corpus, against Hugo when it is installed.
bench: build
	@scripts/install-deps.sh $(BENCH_DEPS) || echo "bench: could not install $(BENCH_DEPS); Hugo comparison skipped" >&2
	python3 scripts/bench.py --notes $(NOTES) --handover .build/release/handover

clean:
	rm -rf .build _site .bench
