#!/usr/bin/env bash
# Benchmarks (not tests: figures, side by side with named baselines, reported as ratios).
# Builds a release bundle with the `bench` feature into target/bench-dist and runs
# scripts/bench.mjs in headless Chromium. BENCH_INVOICES and BENCH_RUNS override the defaults.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh
trunk build --release --features bench --dist target/bench-dist
node scripts/bench.mjs target/bench-dist
