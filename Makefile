# The README's two commands are `make lint` and `make test`.
SWIFT ?= swift

.PHONY: deps test-deps build lint test

## System packages the build needs (libyaml).
deps:
	scripts/install-deps

## Everything the test suite talks to or runs: the build's packages and ShellCheck.
test-deps: deps
	scripts/install-shellcheck

build: deps
	$(SWIFT) build

## Lints every playbook in playbooks/ (the main job for now).
lint: build
	scripts/install-shellcheck
	$(SWIFT) run runbook lint playbooks/

## Installs what the tests need and runs the whole suite.
test: test-deps
	$(SWIFT) test
