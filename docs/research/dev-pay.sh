#!/usr/bin/env bash
# The worked example of docs/research.md: what pay makes dev test?
# Solves the game of docs/research/dev-pay.toml at 11 feature prices (105,600 rounds)
# and makes docs/img/dev-pay.png and docs/img/dev-pay-pay.png.
# Run it from the repository's root: ./docs/research/dev-pay.sh (or make research-charts).
set -euo pipefail
out=${TMPDIR:-/tmp}/dev-pay
mkdir -p "$out"
CGO_ENABLED=0 go build -o "$out/jugglesim" ./cmd/jugglesim
jugglesim() { "$out/jugglesim" "$@"; }

jugglesim equilibrium -scenarios docs/research/dev-pay.toml -seeds 1-200 \
    -vary dev.pay.per_feature=0:100:10 -cells "$out/cells.csv" -progress off
jugglesim plot "$out/cells.csv" -o docs/img/dev-pay.png
