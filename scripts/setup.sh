#!/usr/bin/env bash
# Installs what AR Sentinel needs, at pinned versions, skipping what is already there.
#   scripts/setup.sh          build tools: wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt
#   scripts/setup.sh --test   the same plus Chromium, chromedriver and the browser driver
# Idempotent: run it as often as you like. Every download comes from a package registry.
set -euo pipefail
cd "$(dirname "$0")/.."
# rustup's and npm's tools first on PATH, also when the caller's PATH lacks ~/.cargo/bin.
source scripts/env.sh

TRUNK_VERSION=0.21.14
# wasm-bindgen-cli must be exactly the wasm-bindgen in Cargo.lock.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
need_apt=()

command -v cargo >/dev/null || { echo "Rust is missing: install it with rustup first." >&2; exit 1; }
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 9 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one of its locked dependencies is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

command -v node >/dev/null || need_apt+=(nodejs npm)
if [ "${1:-}" = "--test" ]; then
  command -v chromium >/dev/null || need_apt+=(chromium)
  command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  say "installing ${need_apt[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# wasm-opt (binaryen), the browser driver and the benchmark baseline, pinned in package-lock.json.
if ! cmp -s package-lock.json node_modules/.installed-lock.json 2>/dev/null; then
  say "installing npm tools (binaryen, playwright-core, papaparse)"
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.installed-lock.json
fi
say "tools ready: $(trunk --version), wasm-bindgen $WASM_BINDGEN_VERSION, $(node_modules/.bin/wasm-opt --version | cut -d' ' -f1-3)"
