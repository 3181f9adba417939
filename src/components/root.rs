//! `ClicksWidget`: owns the data, the loading state and the one request in
//! flight; lays out the parts.

use super::chart_view::ChartView;
use super::filters_bar::FiltersBar;
use super::notices::{ErrorBanner, Notices};
use super::pager::Pager;
use super::state::{emit, EventSink, ViewControl, WidgetEvent};
use super::summary::Summary;
use super::table::ClicksTable;
use crate::api::FetchError;
use crate::client::{fetch_clicks, FetchOutcome};
use crate::config::{ConfigIssue, Filters, Settings};
use crate::model::ClicksResponse;
use crate::pagination::PageWindow;
use crate::query::{plan_request, RequestPlan};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// The response on screen and the view it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The parsed response.
    pub data: Arc<ClicksResponse>,
    /// The view it was requested for.
    pub filters: Filters,
}

/// The request in flight: aborted when the view changes or the widget goes.
#[derive(Default)]
struct InFlight {
    generation: Cell<u64>,
    controller: RefCell<Option<web_sys::AbortController>>,
}

impl InFlight {
    /// Aborts the current request and returns the next generation number.
    fn supersede(&self) -> u64 {
        if let Some(controller) = self.controller.borrow_mut().take() {
            controller.abort();
        }
        let next = self.generation.get().wrapping_add(1);
        self.generation.set(next);
        next
    }
}

/// The whole widget: summary, filters, chart, table and pager for one smart
/// link, fetched through the host's proxy.
#[component]
pub fn ClicksWidget(
    /// Where and how to fetch (proxy, link id, credentials, theme). Required.
    #[prop(into)]
    settings: Signal<Settings>,
    /// The view: date range, bots, duplicates, page size and page. Required;
    /// the widget writes to it when the person changes a filter or page.
    filters: RwSignal<Filters>,
    /// Configuration problems to show above the data. Default: none.
    #[prop(into, optional)]
    issues: Signal<Vec<ConfigIssue>>,
    /// Extra request headers for the proxy. Default: none.
    #[prop(into, optional)]
    headers: Signal<Vec<(String, String)>>,
    /// Receives load, error, change and busy events. Default: nobody.
    #[prop(optional)]
    events: Option<EventSink>,
) -> impl IntoView {
    let events = events.unwrap_or_else(|| StoredValue::new_local(None));
    let control = ViewControl { filters, events };
    let shown: RwSignal<Option<Shown>> = RwSignal::new(None);
    let error: RwSignal<Option<FetchError>> = RwSignal::new(None);
    let busy = RwSignal::new(false);
    let attempt = RwSignal::new(0u32);

    let plan = Memo::new(move |_| {
        plan_request(&settings.get(), filters.get(), headers.get(), attempt.get())
    });

    let in_flight = Rc::new(InFlight::default());
    let effect_in_flight = in_flight.clone();
    Effect::new(move |_| {
        let plan = plan.get();
        let generation = effect_in_flight.supersede();
        let Ok(plan) = plan else {
            busy.set(false);
            error.set(None);
            return;
        };
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        *effect_in_flight.controller.borrow_mut() = controller;
        busy.set(true);
        emit(events, WidgetEvent::Busy(true));
        let in_flight = effect_in_flight.clone();
        spawn_local(async move {
            let outcome =
                fetch_clicks(&plan.url, plan.credentials, &plan.headers, signal.as_ref()).await;
            // A newer view (or the widget's removal) supersedes this answer.
            if in_flight.generation.get() != generation {
                return;
            }
            in_flight.controller.borrow_mut().take();
            settle(
                outcome,
                plan,
                SettleTargets {
                    shown,
                    error,
                    busy,
                    control,
                },
            );
        });
    });
    let cleanup_in_flight = SendWrapper::new(in_flight);
    on_cleanup(move || {
        cleanup_in_flight.supersede();
    });

    let retry = Callback::new(move |()| attempt.update(|n| *n = n.wrapping_add(1)));
    let blocked = move || plan.with(|p| p.as_ref().err().copied());
    let stale = move || busy.get() && shown.with(|s| s.is_some());
    let theme = move || format!("slc-root slc-theme-{}", settings.with(|s| s.theme.as_str()));

    view! {
        <div class=theme aria-busy=move || busy.get().to_string() class:slc-loading=stale>
            <Notices issues=issues blocked=Signal::derive(blocked) />
            <ErrorBanner error=error retry=retry />
            <Summary shown=shown filters=filters busy=busy />
            <FiltersBar control=control />
            <div class="slc-data">
                <ChartView shown=shown />
                <ClicksTable shown=shown busy=busy />
            </div>
            <Pager control=control shown=shown />
        </div>
    }
}

struct SettleTargets {
    shown: RwSignal<Option<Shown>>,
    error: RwSignal<Option<FetchError>>,
    busy: RwSignal<bool>,
    control: ViewControl,
}

/// Applies a finished request. Uses `try_` setters: the widget may be gone.
fn settle(outcome: FetchOutcome, plan: RequestPlan, targets: SettleTargets) {
    let events = targets.control.events;
    match outcome {
        FetchOutcome::Aborted => {}
        FetchOutcome::Loaded(data) => {
            let clicks_total = data.total_for_paging();
            let row_count = data.rows.len();
            let window = PageWindow::new(plan.filters.page, clicks_total, plan.filters.page_size);
            targets.shown.try_set(Some(Shown {
                data: Arc::new(data),
                filters: plan.filters,
            }));
            targets.error.try_set(None);
            targets.busy.try_set(false);
            emit(events, WidgetEvent::Busy(false));
            emit(
                events,
                WidgetEvent::Loaded {
                    filters: plan.filters,
                    clicks_total,
                    row_count,
                },
            );
            // A page past the end (an old link, fewer clicks now): show the last one.
            if let Some(last) = window.clamped() {
                targets.control.change(|f| Filters { page: last, ..f });
            }
        }
        FetchOutcome::Failed(failure) => {
            let message = failure.message();
            let status = failure.status();
            targets.error.try_set(Some(failure));
            targets.busy.try_set(false);
            emit(events, WidgetEvent::Busy(false));
            emit(events, WidgetEvent::Failed { status, message });
        }
    }
}
