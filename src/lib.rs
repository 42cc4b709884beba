//! 回款哨兵 AR Sentinel.
//!
//! Functional core, imperative shell: `domain` and `import` are plain Rust, tested natively;
//! `store`, `notify` sending and `ui` are thin browser adapters compiled only for wasm32.
pub mod domain;
pub mod import;
