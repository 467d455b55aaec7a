#!/usr/bin/env bash
# The worked example of docs/research.md: does an error budget pay off for dev?
# Makes docs/img/error-budget.png and docs/img/error-budget-pay.png from 4,000 rounds.
# Run it from the repository's root: ./docs/research/error-budget.sh (or make research-charts).
set -euo pipefail
out=${TMPDIR:-/tmp}/error-budget
mkdir -p "$out"
CGO_ENABLED=0 go build -o "$out/jugglesim" ./cmd/jugglesim
jugglesim() { "$out/jugglesim" "$@"; }

# The sre preset (error budget on) at three SLOs, and the same without the budget.
jugglesim sweep -presets sre -seeds 1-1000 -vary practices.slo=0.95,0.98,0.99 -o "$out/budget.csv"
jugglesim sweep -scenarios docs/research/sre-no-budget.toml -seeds 1-1000 -vary practices.slo=0.98 -o "$out/no-budget.csv"
jugglesim plot "$out/budget.csv" "$out/no-budget.csv" -o docs/img/error-budget.png
