# Dev vs Ops. `make play` opens the game, `make test` runs every check; both install what
# they need on a fresh Debian machine (Debian packages through apt-get, Go modules through
# the go command). Parts of the project add their targets in mk/*.mk.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
BIN       := bin

# The model and the headless CLI: every package that must build without cgo or a display.
SIM_PKGS  := ./sim/... ./internal/... ./cmd/jugglesim/...

# test runs every target in TEST_TARGETS; mk/*.mk files add theirs.
TEST_TARGETS := vet test-sim test-cross

.PHONY: all help test sim vet deps-test test-sim test-cross bench

all: sim

help:
	@echo "make play    build and open the game (make play ARGS=\"-preset devops\")"
	@echo "make web     build the game for the browser and serve it on localhost:8080"
	@echo "make test    every check: vet, race detector, tests, the model on 386/arm64/wasm"
	@echo "make sim     build the headless CLI into $(BIN)/jugglesim"
	@echo "make bench   the model's benchmarks"

## The headless CLI: no cgo, runs on any server.
sim:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/jugglesim ./cmd/jugglesim

deps-test:
	./scripts/deps.sh race cross

vet:
	$(GO) vet $(SIM_PKGS)

## The model's tests with the race detector, then again on 386, arm64 (under qemu) and
## wasm (under node): one model, every platform.
test-sim: deps-test
	$(GO) test -race -count=1 $(SIM_PKGS)

test-cross: deps-test
	CGO_ENABLED=0 GOARCH=386 $(GO) test -count=1 $(SIM_PKGS)
	CGO_ENABLED=0 GOARCH=arm64 $(GO) test -count=1 -exec qemu-aarch64-static $(SIM_PKGS)
	CGO_ENABLED=0 GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$(WASM_EXEC)" $(SIM_PKGS)

bench:
	$(GO) test -run '^$$' -bench . -benchmem $(SIM_PKGS)

-include mk/*.mk

# Defined last, so that mk/*.mk can add to TEST_TARGETS.
test: deps-test
	$(MAKE) $(TEST_TARGETS)
