//! What the components share: the response on screen, the events they
//! report to the host, and the one way a person's action changes the view.

use crate::chart::DailyPoint;
use crate::config::Filters;
use crate::model::ClicksResponse;
use leptos::prelude::*;
use std::rc::Rc;
use std::sync::Arc;

/// The response on screen and the view it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The parsed response.
    pub data: Arc<ClicksResponse>,
    /// The view it was requested for.
    pub filters: Filters,
    /// The smart link it is of.
    pub link_id: String,
}

/// The answer to one of the extra requests of the analyst views (CONTRACT
/// 7: the compared range, the clean totals), while it is wanted: fetched
/// alongside the main request, never delaying it.
#[derive(Debug, Clone, PartialEq)]
pub enum SideAnswer {
    /// Its answer is on its way.
    Loading,
    /// Its answer: the view asked for, its days and its total.
    Shown {
        /// The view the request was for (its range, its flags).
        view: Filters,
        /// One point per day, as the chart draws them.
        points: Arc<Vec<DailyPoint>>,
        /// Its `clicks_total` (or its chart's sum).
        total: u64,
    },
    /// It could not be had; the message says why.
    Failed(String),
}

/// Something the host may want to hear about (CONTRACT 3 events).
#[derive(Debug, Clone, PartialEq)]
pub enum WidgetEvent {
    /// Data is shown (`slc-load`).
    Loaded {
        /// The view shown.
        filters: Filters,
        /// `clicks_total` (or the chart's sum when absent).
        clicks_total: u64,
        /// Rows in the table.
        row_count: usize,
    },
    /// A request failed (`slc-error`); status 0 for a network failure.
    Failed {
        /// HTTP status or 0.
        status: u16,
        /// The message shown.
        message: String,
    },
    /// The person changed a filter or the page (`slc-change`).
    Changed {
        /// The new view.
        filters: Filters,
    },
    /// Whether a request is in flight, as the widget's root now says
    /// (`aria-busy`): sent after each change of it, with the latest value.
    Busy(bool),
}

/// Where events go: a callback held in a `Copy` handle owned by the widget.
pub type EventSink = StoredValue<Option<Rc<dyn Fn(WidgetEvent)>>, LocalStorage>;

/// Sends an event, if the widget is still alive and someone listens.
pub fn emit(sink: EventSink, event: WidgetEvent) {
    let callback = sink.try_with_value(|callback| callback.clone()).flatten();
    if let Some(callback) = callback {
        callback(event);
    }
}

/// The filters plus the sink: what a control needs to change the view.
#[derive(Clone, Copy)]
pub struct ViewControl {
    /// The current view.
    pub filters: RwSignal<Filters>,
    /// Where `slc-change` goes.
    pub events: EventSink,
}

impl ViewControl {
    /// Applies a person's change; reports it when the view really changed.
    pub fn change(&self, change: impl FnOnce(Filters) -> Filters) {
        let Some(before) = self.filters.try_get_untracked() else {
            return;
        };
        let after = change(before);
        if after != before {
            self.filters.set(after);
            emit(self.events, WidgetEvent::Changed { filters: after });
        }
    }

    /// Changes a filter: back to page 1.
    pub fn change_filter(&self, change: impl FnOnce(&mut Filters)) {
        self.change(|f| f.with_filter_change(change));
    }
}
