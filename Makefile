# The two commands of the README:
#   make run    build everything, find or start PostgreSQL, migrate, load the sample province, serve on :8080
#   make test   every test: Go (real PostgreSQL), frontend unit tests, browser tests in Chromium
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export GOFLAGS ?= -buildvcs=false

BIN := bin/lms
GO_SOURCES := $(shell find api migrations frontend/embed.go -name '*.go' -o -name '*.sql' -o -name '*.csv' -o -name '*.yaml' 2>/dev/null) go.mod go.sum

.PHONY: run build frontend test test-go test-bench test-frontend test-e2e vet courses tools clean

run: build
	$(BIN) migrate up
	$(BIN) seed
	$(BIN) courses sync
	$(BIN) seed history
	$(BIN) serve

build: tools frontend $(BIN)

# The binary embeds frontend/dist, so it is rebuilt after the frontend.
$(BIN): $(GO_SOURCES) frontend/dist/index.html
	go build -o $(BIN) ./api/cmd/lms

frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

frontend/dist/index.html: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund

test: tools vet courses test-go test-bench test-frontend test-e2e

vet:
	go vet ./...

# The curriculum in courses/ is checked like code.
courses:
	go run ./api/cmd/lms courses validate courses

test-go:
	.ci/ensure-poppler
	go test -count=1 ./...

# The exam-day harness with small numbers (about a minute, its own
# PostgreSQL): fails when the hot path costs more SQL statements per
# request than its budget, or an acknowledged save or submit is lost.
test-bench:
	go run ./api/cmd/lms bench smoke

test-frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm test

# Browser tests drive the real binary (which embeds the built frontend) in
# Debian's Chromium.
test-e2e: build
	.ci/ensure-chromium
	cd frontend && E2E_SKIP_BUILD=1 npm run e2e

tools:
	@command -v go >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/doc/install"; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20.19 or newer with npm is needed (apt-get install nodejs npm, or nodesource)"; exit 1; }

clean:
	rm -rf bin frontend/node_modules
	find frontend/dist -mindepth 1 ! -name .gitkeep -delete
