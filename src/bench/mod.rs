//! Benchmark support. `data` (pure) generates realistic exports of any size; `browser` (only
//! with `--features bench`, see scripts/bench.sh) times the import stages in a real browser.
pub mod data;

#[cfg(all(target_arch = "wasm32", feature = "bench"))]
mod browser;
