//! The imperative shell's face: Leptos components that show state and forward intent.
//!
//! `i18n`, `route` and `chart` (chart geometry) are pure and tested natively; everything that touches the DOM is
//! compiled for the browser only.
pub mod chart;
pub mod i18n;
pub mod i18n_credit;
pub mod i18n_forecast;
pub mod i18n_import;
pub mod i18n_insight;
pub mod route;
pub mod rule_form;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
mod browser;
#[cfg(target_arch = "wasm32")]
mod data;
#[cfg(target_arch = "wasm32")]
mod data_credit;
#[cfg(target_arch = "wasm32")]
mod export_buttons;
#[cfg(target_arch = "wasm32")]
mod forecast;
#[cfg(target_arch = "wasm32")]
mod insight;
#[cfg(target_arch = "wasm32")]
mod outbox;
#[cfg(target_arch = "wasm32")]
mod pages;
#[cfg(target_arch = "wasm32")]
mod reminder_run;
#[cfg(target_arch = "wasm32")]
mod shell;

#[cfg(target_arch = "wasm32")]
pub use app::start;
