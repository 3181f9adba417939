//! smart-link-clicks: the clicks of one smart link, as a Leptos/WebAssembly
//! widget that ships as a standalone page and as the `<smart-link-clicks>`
//! custom element.
//!
//! Pure logic (no DOM) lives in `api`, `chart`, `config`, `csv`, `day`,
//! `format`, `json`, `model`, `pagination`, `query`, `svg` and `table_cells`, tested natively; the
//! components and the browser glue wire signals to it.

pub mod allocator;
pub mod api;
pub mod bench;
pub mod chart;
pub mod config;
pub mod csv;
pub mod day;
pub mod format;
pub mod json;
pub mod model;
pub mod pagination;
pub mod query;
pub mod svg;
pub mod table_cells;

pub mod browser;
pub mod client;
pub mod components;
pub mod element;
pub mod standalone;

/// Entry point of the bundle: defines `<smart-link-clicks>` and, on the
/// standalone page, configures it from the query string.
pub fn start() {
    element::define_element();
    standalone::boot();
}
