//! smart-link-clicks: the clicks of one smart link, as a Leptos/WebAssembly
//! widget that ships as a standalone page and as the `<smart-link-clicks>`
//! custom element.
//!
//! Pure logic (no DOM) lives in `analysis`, `api`, `chart`, `clean`, `columns`, `compare`, `config`, `csv`,
//! `day`, `event_detail`, `format`, `lenient`, `model`, `pagination`,
//! `period`, `query` and `svg`, tested natively; the components and the browser glue
//! (`browser`, `client`, `request`, `element`, `intl`, `standalone`) wire signals
//! to it.

pub mod analysis;
pub mod api;
#[cfg(feature = "bench")]
pub mod bench;
pub mod chart;
pub mod clean;
pub mod columns;
pub mod compare;
pub mod config;
pub mod csv;
pub mod day;
pub mod event_detail;
pub mod format;
pub mod lenient;
pub mod model;
pub mod pagination;
pub mod period;
pub mod query;
pub mod svg;

pub mod browser;
pub mod client;
pub mod components;
pub mod element;
pub mod intl;
pub mod request;
pub mod standalone;

/// Entry point of the bundle: defines `<smart-link-clicks>`. The
/// standalone page then starts itself (`standalone::start_standalone_page`).
pub fn start() {
    element::define_element();
}
