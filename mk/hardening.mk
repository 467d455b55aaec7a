# Hardening: the model's own swarm (VOPR-style random rounds, each played every way it must
# agree) and mutation testing. Included by the top Makefile.
#   make swarm                       random rounds for SWARM_DURATION (default 10m) from a
#                                    random first seed; make swarm SWARM_DURATION=1h
#   make swarm SWARM_SEED=1          the same, from seed 1 (a failure prints its own repro)
#   make test                        runs swarm-short: seeds 1-20000, at most 45 s
#   make mutate                      gremlins over the model's packages (not in make test)

SWARM_DURATION ?= 10m
SWARM_SEED     ?= $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
SWARM_SHORT    ?= -seed 1 -count 20000 -duration 45s

GREMLINS         := github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
GOBIN_DIR        := $(or $(shell $(GO) env GOBIN),$(shell $(GO) env GOPATH)/bin)
MUTATE_PKGS      ?= sim sim/bot sim/replay sim/scenario sim/report
MUTATE_TIMEOUT   ?= 60m
MUTATE_WORKERS   ?= 1

TEST_TARGETS += swarm-short

.PHONY: swarm swarm-short mutate

## The swarm for as long as asked; exit status 1 if any round failed.
swarm: sim
	nice -n 10 ./$(BIN)/jugglesim swarm -seed $(SWARM_SEED) -count 0 -duration $(SWARM_DURATION)

## The short swarm of make test.
swarm-short: sim
	./$(BIN)/jugglesim swarm $(SWARM_SHORT) -progress off

## Mutation testing with gremlins, one package at a time (each at most MUTATE_TIMEOUT):
## the efficacy line of each is the share of covered mutants that some test kills. The
## root package is run alone (its subpackages excluded). Slow: an hour or more on 2 cores.
mutate:
	$(GO) install $(GREMLINS)
	@mkdir -p $(BIN)/mutate
	@for p in $(MUTATE_PKGS); do \
	  exclude=""; [ $$p = sim ] && exclude="--exclude-files /"; \
	  echo "== $$p"; \
	  timeout $(MUTATE_TIMEOUT) nice -n 10 $(GOBIN_DIR)/gremlins unleash --workers $(MUTATE_WORKERS) \
	    --timeout-coefficient 10 $$exclude -o $(BIN)/mutate/$$(echo $$p | tr / -).json ./$$p \
	    > $(BIN)/mutate/$$(echo $$p | tr / -).log 2>&1; \
	  echo "exit $$?"; grep -E 'Killed:|efficacy' $(BIN)/mutate/$$(echo $$p | tr / -).log; \
	  grep -E '^ +LIVED' $(BIN)/mutate/$$(echo $$p | tr / -).log | sed 's/^ */  /'; \
	done
