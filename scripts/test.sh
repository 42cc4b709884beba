#!/usr/bin/env bash
# Installs what is missing, then runs every test level:
#   1. format and lints (native and wasm32, warnings denied)
#   2. native unit and property tests of the pure core (cargo test)
#   3. browser tests: wasm-bindgen-test in headless Chromium (IndexedDB and other browser APIs)
#   4. the release build, with the bundle size
#   5. end-to-end tests: the release dist/ served from a sub-path, driven in headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/env.sh

step() { printf '\n\033[1;34m==> %s\033[0m\n' "$1"; }
export CARGO_TERM_COLOR=never

step "format"
cargo fmt --check

step "clippy (native)"
cargo clippy --all-targets --locked -- -D warnings

step "clippy (wasm32)"
cargo clippy --lib --bins --test browser --locked --target wasm32-unknown-unknown -- -D warnings
# The benchmark entry points (scripts/bench.sh) must keep compiling too.
cargo clippy --lib --locked --target wasm32-unknown-unknown --features bench -- -D warnings

step "native tests"
cargo test --locked

step "browser tests (wasm-bindgen-test, headless Chromium)"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
WASM_BINDGEN_TEST_TIMEOUT=120 \
  cargo test --locked --target wasm32-unknown-unknown --test browser

step "release build"
trunk build --release
node scripts/bundle-size.mjs

step "end-to-end tests (headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
