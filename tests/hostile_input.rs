#![cfg(not(target_arch = "wasm32"))]
//! Hostile input for the import pipeline (the "Trust" requirement): a corpus of bad files
//! under `tests/fixtures/hostile/` with the exact outcome of each, inputs too large to
//! commit built in memory, and bounded property tests over arbitrary and CSV-like bytes.
//! Whatever the file: no panic, no hang, a clear message naming the problem (and the line
//! where there is one), and never a partial batch.

#[path = "hostile_input/cases.rs"]
mod cases;
#[path = "hostile_input/fuzz.rs"]
mod fuzz;
#[path = "hostile_input/generated.rs"]
mod generated;
#[path = "hostile_input/support.rs"]
mod support;
#[path = "hostile_input/text.rs"]
mod text;
