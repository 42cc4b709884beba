//! Browser-level tests (wasm-bindgen-test in headless Chromium): code that needs browser APIs.
//! Run by scripts/test.sh as `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "browser/store.rs"]
mod store;
