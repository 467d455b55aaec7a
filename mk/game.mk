# The game (cmd/juggle) and its browser build. Included by the top Makefile.
#   make play     build the game and open it (installs the Debian packages it needs)
#   make web      build the browser version into dist/web and serve it on localhost
#   make test     runs test-game among the other checks

GAME_PKGS  := ./game/... ./cmd/juggle/... ./assets/... ./web/...
WEB_DIR    := dist/web
WEB_ADDR   ?= localhost:8080
# The game's tests run inside ebiten's loop on a virtual display, one package at a time,
# with a silent ALSA device so that the sound code runs too.
GAME_TEST_ENV := ALSA_CONFIG_PATH=$(CURDIR)/game/testdata/alsa-null.conf

TEST_TARGETS += test-game

.PHONY: play juggle web web-build test-game deps-game

deps-game:
	./scripts/deps.sh build

## The game binary.
juggle: deps-game
	$(GO) build -o $(BIN)/juggle ./cmd/juggle

play: juggle
	./$(BIN)/juggle $(ARGS)

## The browser build: the game as WebAssembly, Go's loader and the page.
web-build:
	mkdir -p $(WEB_DIR)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WEB_DIR)/juggle.wasm ./cmd/juggle
	gzip -9 -k -f $(WEB_DIR)/juggle.wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" web/index.html $(WEB_DIR)/
	@echo "juggle.wasm: $$(wc -c < $(WEB_DIR)/juggle.wasm) bytes, $$(wc -c < $(WEB_DIR)/juggle.wasm.gz) gzipped"

web: web-build
	$(GO) run ./web -dir $(WEB_DIR) -addr $(WEB_ADDR)

## The game's checks: vet, the tests under Xvfb (the scripted run with no sound device
## included), and the browser build drawing in headless Chromium.
test-game:
	./scripts/deps.sh build xvfb browser
	$(GO) vet $(GAME_PKGS)
	$(GO) test -count=1 ./assets/...
	$(GAME_TEST_ENV) xvfb-run -a $(GO) test -p=1 -count=1 ./game/... ./cmd/juggle/...
	$(GO) test -count=1 ./web/...
