# The README's two commands are `make lint` and `make test`.
SWIFT ?= swift

.PHONY: deps test-deps build lint test bench demo fuzz

## System packages the build needs (libyaml).
deps:
	scripts/install-deps

## Everything the test suite talks to or runs: the build's packages, ShellCheck, the
## Python validators (JSON Schema, SARIF) and the PostgreSQL and Redis servers' packages.
test-deps: deps
	scripts/install-deps libyaml-dev pkg-config libhiredis-dev postgresql redis-server redis-tools
	scripts/install-shellcheck
	scripts/install-test-deps

build: deps
	$(SWIFT) build

## Lints every playbook in playbooks/ (the main job for now).
lint: build
	scripts/install-shellcheck
	$(SWIFT) run runbook lint playbooks/

## Installs what the tests need, starts throwaway PostgreSQL and Redis on 127.0.0.1 and the
## school-ERP sandbox the playbooks' end-to-end tests run against, runs the whole suite, and
## stops everything whatever the outcome.
test: test-deps
	scripts/test-services start
	$(SWIFT) build --build-tests && scripts/sandbox start && $(SWIFT) test --no-parallel --skip-build; \
	  status=$$?; scripts/sandbox stop --all || true; scripts/test-services stop; exit $$status

## The README's demo: a real incident against the sandbox, from lint to report.
demo:
	scripts/demo

## Benchmarks (docs/performance.md), not part of `make test`: exec overhead against direct
## backend calls and ansible-playbook, lint against a bare libyaml parse, yamllint and
## ansible-lint, and start-up. Installs what it needs and starts and stops its own servers.
bench: deps
	benchmarks/run

## Fuzzes the YAML loader, parser and checker with libFuzzer and AddressSanitizer for
## FUZZ_SECONDS (600): corpus in .fuzz/corpus, crashes in .fuzz/findings/ (scripts/fuzz).
fuzz: deps
	scripts/fuzz
