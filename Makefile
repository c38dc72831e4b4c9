# The README's two commands are `make lint` and `make test`.
SWIFT ?= swift

.PHONY: deps test-deps build lint test bench

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

## Installs what the tests need, starts throwaway PostgreSQL and Redis on 127.0.0.1,
## runs the whole suite, and stops the servers whatever the outcome.
test: test-deps
	scripts/test-services start
	$(SWIFT) test --no-parallel; status=$$?; scripts/test-services stop; exit $$status

## Benchmarks: lint CPU time against a bare libyaml parse of the same files (docs/performance.md).
bench: deps
	benchmarks/run
