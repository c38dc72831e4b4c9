# The README's two commands are `make lint` and `make test`.
SWIFT ?= swift

.PHONY: deps build lint test

deps:
	scripts/install-deps

build: deps
	$(SWIFT) build

## Lints every playbook in playbooks/ (the main job for now).
lint: build
	$(SWIFT) run runbook lint playbooks/

## Installs what the tests need and runs the whole suite.
test: deps
	$(SWIFT) test
