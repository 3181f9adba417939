//! `ClicksWidget`: owns the data, the loading state and the one request in
//! flight; lays out the parts.

use super::chart_view::ChartView;
use super::filters_bar::FiltersBar;
use super::notices::{ErrorBanner, Notices};
use super::pager::Pager;
use super::state::{emit, EventSink, ViewControl, WidgetEvent};
use super::summary::Summary;
use super::table::ClicksTable;
use crate::api::{retry_delay_ms, FetchError};
use crate::client::{
    read_clicks_response, send_clicks_request, take_page_request, FetchOutcome, Sent,
};
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

/// How long a request runs before the data on screen is dimmed as stale.
const DIM_AFTER_MS: u64 = 300;

/// The response on screen and the view it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The parsed response.
    pub data: Arc<ClicksResponse>,
    /// The view it was requested for.
    pub filters: Filters,
}

/// The request in flight and its retry timer: both end when the view
/// changes, the person cancels, or the widget goes.
#[derive(Default)]
struct InFlight {
    generation: Cell<u64>,
    controller: RefCell<Option<web_sys::AbortController>>,
    /// The pending retry wait: its timeout id and the resolver that ends it early.
    wait: RefCell<Option<(i32, js_sys::Function)>>,
    /// The first request, sent before the view was built, and its plan.
    early: RefCell<Option<(RequestPlan, Sent)>>,
}

impl InFlight {
    /// Aborts the current request, ends any retry wait, and returns the next
    /// generation number.
    fn supersede(&self) -> u64 {
        if let Some(controller) = self.controller.borrow_mut().take() {
            controller.abort();
        }
        if let Some((timeout, resolve)) = self.wait.borrow_mut().take() {
            if let Some(window) = web_sys::window() {
                window.clear_timeout_with_handle(timeout);
            }
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
        self.next_generation()
    }

    /// Starts a new generation without stopping the request in flight
    /// (when the new view takes that request over).
    fn next_generation(&self) -> u64 {
        let next = self.generation.get().wrapping_add(1);
        self.generation.set(next);
        next
    }

    /// Sends `plan` now under a new abort controller, the one kept from
    /// then on. The one place a request of the widget's starts.
    fn start(&self, plan: &RequestPlan) -> Result<Sent, FetchError> {
        let controller = web_sys::AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        *self.controller.borrow_mut() = controller;
        send_clicks_request(&plan.url, plan.credentials, &plan.headers, signal.as_ref())
    }

    /// Keeps the first request for the request effect's first run:
    /// `page_request` (the same request the page sent before the wasm
    /// loaded) or else `plan`, sent now.
    fn send_early(
        &self,
        plan: &RequestPlan,
        page_request: Option<(web_sys::AbortController, Sent)>,
    ) {
        let sent = match page_request {
            Some((controller, sent)) => {
                *self.controller.borrow_mut() = Some(controller);
                sent
            }
            // A request that could not even be built is tried again, and
            // its failure shown, by the request effect.
            None => match self.start(plan) {
                Ok(sent) => sent,
                Err(_) => return,
            },
        };
        *self.early.borrow_mut() = Some((plan.clone(), sent));
    }

    /// The early request, if it is the one `plan` asks for (the same URL,
    /// headers and credentials).
    fn take_early(&self, plan: &Result<RequestPlan, impl Sized>) -> Option<Sent> {
        let (early, sent) = self.early.borrow_mut().take()?;
        plan.as_ref().is_ok_and(|p| *p == early).then_some(sent)
    }

    /// Waits `ms` milliseconds, or less if superseded meanwhile.
    async fn wait(&self, ms: u32) {
        let mut started = false;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let Some(window) = web_sys::window() else {
                return;
            };
            if let Ok(id) =
                window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            {
                *self.wait.borrow_mut() = Some((id, resolve));
                started = true;
            }
        });
        if started {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        }
        self.wait.borrow_mut().take();
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
    // Busy for longer than `DIM_AFTER_MS`: only then is the data on screen
    // dimmed, so a quick page flip changes no style at all (no restyle of
    // the rows, no transition frames while the answer is on its way).
    let slow = RwSignal::new(false);
    let attempt = RwSignal::new(0u32);
    // When the next automatic retry happens (ms since the epoch), if one is pending.
    let retry_at: RwSignal<Option<f64>> = RwSignal::new(None);

    let plan = Memo::new(move |_| {
        plan_request(&settings.get(), filters.get(), headers.get(), attempt.get())
    });

    let in_flight = Rc::new(InFlight::default());
    // The first request goes out now, before the view is built, so its
    // answer is on the way meanwhile (effects first run after the view).
    let first = plan.get_untracked();
    // The page's own early request, if it is this one (else it is aborted).
    let page_request = take_page_request(first.as_ref().ok());
    if let Ok(first) = first {
        in_flight.send_early(&first, page_request);
    }
    let effect_in_flight = in_flight.clone();
    Effect::new(move |_| {
        let plan = plan.get();
        let early = effect_in_flight.take_early(&plan);
        let generation = if early.is_some() {
            effect_in_flight.next_generation()
        } else {
            effect_in_flight.supersede()
        };
        let Ok(plan) = plan else {
            // Nothing to fetch (setup incomplete or a key refused): not busy.
            busy.set(false);
            error.set(None);
            return;
        };
        busy.set(true);
        let targets = SettleTargets {
            shown,
            error,
            busy,
            control,
        };
        // An answer already here (the page's own request, read while the
        // wasm loaded) is shown in this run, not after a trip through the
        // task queue; unless it is a failure to try again.
        let first = match early {
            Some(Sent::Done(outcome)) if !will_retry(&outcome) => {
                effect_in_flight.controller.borrow_mut().take();
                settle(outcome, plan, targets);
                return;
            }
            Some(sent) => Ok(sent),
            None => effect_in_flight.start(&plan),
        };
        let in_flight = effect_in_flight.clone();
        spawn_local(async move {
            let mut retries = 0;
            let mut sent = Some(first);
            loop {
                let outcome = match sent.take().unwrap_or_else(|| in_flight.start(&plan)) {
                    Ok(sent) => read_clicks_response(sent).await,
                    Err(error) => FetchOutcome::Failed(error),
                };
                // A newer view (or the widget's removal) supersedes this answer.
                if in_flight.generation.get() != generation {
                    return;
                }
                if let FetchOutcome::Failed(failure) = &outcome {
                    if let Some(delay) = retry_delay_ms(failure, retries, js_sys::Math::random()) {
                        // Say what is happening, keep the last good data, then try again.
                        error.try_set(Some(failure.clone()));
                        announce_failure(events, failure);
                        retry_at.try_set(Some(js_sys::Date::now() + f64::from(delay)));
                        // Nothing is in flight while waiting (CONTRACT 5: aria-busy).
                        busy.try_set(false);
                        in_flight.wait(delay).await;
                        if in_flight.generation.get() != generation {
                            return;
                        }
                        retry_at.try_set(None);
                        busy.try_set(true);
                        retries += 1;
                        continue;
                    }
                }
                in_flight.controller.borrow_mut().take();
                settle(outcome, plan, targets);
                return;
            }
        });
    });
    // The host hears the latest value of `busy` as the DOM shows it. Each
    // busy spell is numbered; its timer dims only if that spell is still
    // on. (Timers are left to fire rather than cleared: a cleared one-shot
    // callback would never free its closure.)
    let busy_spell = StoredValue::new(0u32);
    Effect::new(move |_| {
        let is_busy = busy.get();
        emit(events, WidgetEvent::Busy(is_busy));
        if is_busy {
            let spell = busy_spell.try_update_value(|n| {
                *n = n.wrapping_add(1);
                *n
            });
            set_timeout(
                move || {
                    if busy.try_get_untracked() == Some(true) && busy_spell.try_get_value() == spell
                    {
                        slow.try_set(true);
                    }
                },
                std::time::Duration::from_millis(DIM_AFTER_MS),
            );
        } else if slow.get_untracked() {
            slow.set(false);
        }
    });
    let cancel_in_flight = SendWrapper::new(in_flight.clone());
    let cleanup_in_flight = SendWrapper::new(in_flight);
    on_cleanup(move || {
        cleanup_in_flight.supersede();
    });

    let retry = Callback::new(move |()| attempt.update(|n| *n = n.wrapping_add(1)));
    // Cancel stops the automatic retries; the error and the last data stay.
    let cancel = Callback::new(move |()| {
        cancel_in_flight.supersede();
        retry_at.set(None);
        busy.set(false);
    });
    // Back online, or back to a visible tab after a failure: retry once by itself.
    let retry_after_failure = move |_: web_sys::Event| {
        let failed =
            error.with_untracked(Option::is_some) && retry_at.with_untracked(Option::is_none);
        let visible = web_sys::window()
            .and_then(|w| w.document())
            .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if failed && visible && !busy.get_untracked() {
            attempt.update(|n| *n = n.wrapping_add(1));
        }
    };
    let online = window_event_listener_untyped("online", retry_after_failure);
    let visibility = window_event_listener_untyped("visibilitychange", retry_after_failure);
    on_cleanup(move || {
        online.remove();
        visibility.remove();
    });
    let blocked = move || plan.with(|p| p.as_ref().err().copied());
    let stale = move || slow.get() && shown.with(|s| s.is_some());
    let theme = move || format!("slc-root slc-theme-{}", settings.with(|s| s.theme.as_str()));

    view! {
        <div class=theme aria-busy=move || busy.get().to_string() class:slc-loading=stale>
            <Notices issues=issues blocked=Signal::derive(blocked) />
            <ErrorBanner error=error retry_at=retry_at retry=retry cancel=cancel />
            <Summary shown=shown filters=filters busy=busy />
            <FiltersBar control=control />
            <div class="slc-data">
                <ChartView shown=shown />
                <ClicksTable shown=shown />
            </div>
            <Pager control=control shown=shown />
        </div>
    }
}

/// Whether `outcome` is a failure the widget tries again after a wait.
fn will_retry(outcome: &FetchOutcome) -> bool {
    matches!(outcome, FetchOutcome::Failed(failure) if retry_delay_ms(failure, 0, 0.0).is_some())
}

#[derive(Clone, Copy)]
struct SettleTargets {
    shown: RwSignal<Option<Shown>>,
    error: RwSignal<Option<FetchError>>,
    busy: RwSignal<bool>,
    control: ViewControl,
}

/// Applies a finished request. Uses `try_` setters: the widget may be gone.
fn settle(outcome: FetchOutcome, plan: RequestPlan, targets: SettleTargets) {
    let control = targets.control;
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
            after_render(move || {
                emit(
                    control.events,
                    WidgetEvent::Loaded {
                        filters: plan.filters,
                        clicks_total,
                        row_count,
                    },
                );
                // A page past the end (an old link, fewer clicks now): show
                // the last one, unless the view has moved on meanwhile.
                if let Some(last) = window.clamped() {
                    if control.filters.try_get_untracked() == Some(plan.filters) {
                        control.change(|f| Filters { page: last, ..f });
                    }
                }
            });
        }
        FetchOutcome::Failed(failure) => {
            let events = control.events;
            targets.error.try_set(Some(failure.clone()));
            targets.busy.try_set(false);
            announce_failure(events, &failure);
        }
    }
}

/// Reports `failure` (`slc-error`) once the error banner shows it.
fn announce_failure(events: EventSink, failure: &FetchError) {
    let event = WidgetEvent::Failed {
        status: failure.status(),
        message: failure.message(),
    };
    after_render(move || emit(events, event));
}

/// Runs `then` after the effects woken so far have run, so an event
/// reports what the DOM already shows (CONTRACT 3: `slc-load` comes "after
/// data is shown"). Signals notify their effects at once, and the executor
/// runs tasks in the order they were woken: one tick later, every part has
/// been written.
fn after_render(then: impl FnOnce() + 'static) {
    spawn_local(async move {
        leptos::task::tick().await;
        then();
    });
}
