//! 回款哨兵 AR Sentinel.
//!
//! Functional core, imperative shell: `domain` and `import` are plain Rust, tested natively;
//! `store`, the senders of `notify` and the components of `ui` are thin browser adapters
//! compiled only for wasm32.
pub mod bench;
pub mod domain;
pub mod export;
pub mod import;
pub mod notify;
pub mod store;
pub mod ui;
