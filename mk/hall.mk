# The lecture hall (cmd/jugglehall): the class server, its pages and its load test.
# Included by the top Makefile.
#   make hall        build the browser game and start the hall on 127.0.0.1:8080 (SQLite)
#   make hall-load   200 simulated teams upload at once, on SQLite and on PostgreSQL
#   make test        runs test-hall among the other checks

HALL_PKGS := ./cmd/jugglehall/... ./web/hall/...
HALL_ADDR ?= 127.0.0.1:8080
HALL_DB   ?=

TEST_TARGETS += test-hall

.PHONY: hall hall-bin hall-load test-hall

## The server: no cgo, no display, runs on any Linux server.
hall-bin:
	CGO_ENABLED=0 $(GO) build -o $(BIN)/jugglehall ./cmd/jugglehall

## The browser game and the hall, on an embedded SQLite file in the user's data folder
## (HALL_DB=postgres://... or a file's path for another database).
hall: web-build hall-bin
	./$(BIN)/jugglehall -addr $(HALL_ADDR) -game $(WEB_DIR) $(if $(HALL_DB),-db $(HALL_DB)) $(ARGS)

## 200 teams join one session and upload real recorded rounds at once (README, Lecture hall).
hall-load: hall-bin
	./scripts/deps.sh postgres
	$(GO) run ./cmd/jugglehall/load -hall $(BIN)/jugglehall -teams 200 -months 3

## The hall's checks: vet, the race detector, every API and storage test on SQLite and
## on a PostgreSQL the tests start themselves (initdb in a temporary folder, as an
## unprivileged user, on a free port), the SIGKILL restart test, and a class in headless
## Chromium (join, play, upload, projector). HALL_REQUIRE_* turn a missing PostgreSQL or
## Chromium into a failure rather than a skip.
test-hall:
	./scripts/deps.sh postgres browser race
	$(GO) vet $(HALL_PKGS)
	HALL_REQUIRE_POSTGRES=1 HALL_REQUIRE_BROWSER=1 $(GO) test -race -count=1 -timeout 20m $(HALL_PKGS)
