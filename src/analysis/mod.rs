//! All clicks of a range (CONTRACT 8), as plain Rust over the loaded rows:
//! what the breakdowns count ([`dimension`], [`breakdown`]), the loaded set
//! and its paging ([`loaded`], [`paging`]), search and sort ([`search`],
//! [`sort`]), the weekday × hour grid ([`heatmap`]) and the spike note
//! ([`spike`]). Components only show their results.

pub mod breakdown;
pub mod dimension;
pub mod heatmap;
pub mod loaded;
pub mod paging;
pub mod search;
pub mod sort;
pub mod spike;
