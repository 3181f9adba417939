//! The widget's components. `ClicksWidget` is the root that both the
//! standalone page and the custom element mount; the others each draw one
//! part of CONTRACT 5.

mod all_clicks;
mod all_clicks_loader;
mod auto_refresh;
mod breakdowns_view;
mod chart_view;
mod details;
mod filters_bar;
mod formats;
mod heatmap_view;
mod notices;
mod pager;
mod root;
mod state;
mod summary;
mod table;

pub use root::ClicksWidget;
pub use state::{EventSink, WidgetEvent};
