# The researcher's toolkit (jugglesim scenario, sweep, merge, plot, replay). Its tests
# live under sim/ and cmd/jugglesim, which the top Makefile's test-sim and test-cross
# already run, so it adds no TEST_TARGETS.

.PHONY: research-charts sweep-timing solutions

## The four presets' solved games, shipped for the equilibrium bot (sim/bot/solutions):
## run again when a preset, the strategy spaces or the rules change (a test says so).
solutions:
	$(GO) test ./sim/bot/solve -run '^TestSolveShipped$$' -count=1 -solve -v
	$(GO) test ./sim/bot -run '^TestShippedSolutions$$' -count=1

## The charts of docs/research.md's worked examples: 4,000 rounds, and an incentive
## sweep's 105,600.
research-charts:
	./docs/research/error-budget.sh
	./docs/research/dev-pay.sh

## Whole-process timings of a 10,000-round sweep with 1 and 2 workers, and tick by tick (hyperfine from
## Debian), and its memory for 10,000 and 100,000 rounds (docs/research.md, Performance).
sweep-timing: sim
	command -v hyperfine >/dev/null || apt-get install -y -q hyperfine >/dev/null
	hyperfine --warmup 1 --runs 5 -N \
	  '$(BIN)/jugglesim sweep -presets silo -seeds 1-10000 -workers 1 -summary=false -o /tmp/sweep-w1.csv' \
	  '$(BIN)/jugglesim sweep -presets silo -seeds 1-10000 -workers 2 -summary=false -o /tmp/sweep-w2.csv' \
	  '$(BIN)/jugglesim sweep -presets silo -seeds 1-10000 -workers 2 -summary=false -tick-by-tick -o /tmp/sweep-tick.csv'
	cmp /tmp/sweep-w1.csv /tmp/sweep-w2.csv
	cmp /tmp/sweep-w2.csv /tmp/sweep-tick.csv
	/usr/bin/time -f '10k rounds: max RSS %M KB, %e s' $(BIN)/jugglesim sweep -presets silo -seeds 1-10000 -summary=false -o /tmp/sweep-10k.csv
	/usr/bin/time -f '100k rounds: max RSS %M KB, %e s' $(BIN)/jugglesim sweep -presets silo -seeds 1-100000 -summary=false -o /tmp/sweep-100k.csv
