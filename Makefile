# Dev vs Ops. `make play` opens the game, `make test` runs every check; both install what
# they need on a fresh Debian machine (Debian packages through apt-get, Go modules through
# the go command).

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(GOROOT)/lib/wasm/go_js_wasm_exec
BIN       := bin

.PHONY: all test test-sim test-cross bench sim vet deps-test help

all: sim

help:
	@echo "make play    build and open the game"
	@echo "make test    vet, race detector, every test, the model on 386/arm64/wasm"
	@echo "make sim     build the headless CLI into $(BIN)/jugglesim"
	@echo "make bench   the model's benchmarks"

## The headless CLI: no cgo, runs on any server.
sim:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/jugglesim ./cmd/jugglesim

vet:
	$(GO) vet ./sim/... ./cmd/jugglesim/...

deps-test:
	./scripts/deps.sh race cross

## Every check. The model's tests run with the race detector, then again on 386, arm64
## (under qemu) and wasm (under node): one model, every platform.
test: deps-test vet test-sim test-cross

test-sim:
	$(GO) test -race -count=1 ./sim/... ./cmd/jugglesim/...

test-cross:
	CGO_ENABLED=0 GOARCH=386 $(GO) test -count=1 ./sim/... ./cmd/jugglesim/...
	CGO_ENABLED=0 GOARCH=arm64 $(GO) test -count=1 -exec qemu-aarch64-static ./sim/... ./cmd/jugglesim/...
	CGO_ENABLED=0 GOOS=js GOARCH=wasm $(GO) test -count=1 -exec "$(WASM_EXEC)" ./sim/... ./cmd/jugglesim/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./sim/...
