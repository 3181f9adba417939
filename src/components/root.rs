//! `ClicksWidget`: owns the data, the loading state and the one request in
//! flight; lays out the parts.

use super::all_clicks::AllClicks;
use super::auto_refresh::{auto_refresh, page_visible};
use super::chart_view::ChartView;
use super::filters_bar::FiltersBar;
use super::formats::Formats;
use super::notices::{ErrorBanner, Notices};
use super::pager::Pager;
use super::state::{emit, EventSink, Shown, SideAnswer, ViewControl, WidgetEvent};
use super::summary::Summary;
use super::table::ClicksTable;
use crate::api::FetchError;
use crate::browser::{store_text, stored_text, today_utc};
use crate::chart::daily_points;
use crate::clean::CLEAN_VIEWS;
use crate::client::FetchOutcome;
use crate::columns::ColumnChoice;
use crate::compare::compared_view;
use crate::config::{ConfigIssue, Filters, Settings};
use crate::pagination::PageWindow;
use crate::period::Shift;
use crate::query::{plan_changed, plan_request, RequestPlan};
use crate::request::{LoadListener, RequestLoop};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Where the `Columns` choice is kept in `localStorage`.
const COLUMNS_KEY: &str = "smart-link-clicks:columns";

/// How long a request runs before the data on screen is dimmed as stale.
const DIM_AFTER_MS: u32 = 300;

/// The whole widget: summary, filters, chart, table and pager for one smart
/// link, fetched through the host's proxy.
#[component]
pub fn ClicksWidget(
    /// Where and how to fetch and show (proxy, link id, credentials, theme,
    /// refresh, locale). Required.
    #[prop(into)]
    settings: Signal<Settings>,
    /// The view: period and date range, bots, duplicates, page size and
    /// page, comparison and the zone of row times. Required; the widget
    /// writes to it when the person changes one.
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
    let formats = Formats::new(Signal::derive(move || settings.with(|s| s.locale.clone())));
    // A locale `Intl` refuses is said with the other configuration notices.
    let issues = Signal::derive(move || {
        let mut all = issues.get();
        if let Some(problem) = formats.with(|labels| labels.problem().map(str::to_string)) {
            all.push(ConfigIssue {
                name: "locale".into(),
                message: problem,
            });
        }
        all
    });
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
    // When the data on screen arrived (ms since the epoch).
    let updated_at: RwSignal<Option<f64>> = RwSignal::new(None);
    // Whether the request in flight asks again for what is on screen (a
    // retry or a refresh): the data stays undimmed meanwhile.
    let asks_again = RwSignal::new(false);

    // Only a new request wakes the effect below: a new period name or
    // comparison over the same days leaves the rows as they are.
    let plan = Memo::new_with_compare(
        move |_| plan_request(&settings.get(), filters.get(), headers.get(), attempt.get()),
        plan_changed,
    );

    // The extra views of CONTRACT 7 (the compared range; the clean totals
    // while both flags are included), each with its own request.
    let side_plan = move |view: fn(&Filters) -> Option<Filters>| {
        Memo::new_with_compare(
            move |_| {
                let view = view(&filters.get())?;
                plan_request(&settings.get(), view, headers.get(), attempt.get()).ok()
            },
            |before, after| match (before, after) {
                (Some(Some(a)), Some(Some(b))) => !a.same_request(b),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        )
    };
    let compared_plan = side_plan(compared_view);
    let clean_plans = CLEAN_VIEWS.map(side_plan);

    let requests = Rc::new(RequestLoop::default());
    // The first request goes out now, before the view is built, so its
    // answer is on the way meanwhile (effects first run after the view).
    if let Ok(first) = plan.get_untracked() {
        requests.send_first(&first);
    }
    let listener = Listener {
        shown,
        error,
        busy,
        retry_at,
        updated_at,
        control,
    };
    let effect_requests = requests.clone();
    Effect::new(
        move |before: Option<Option<RequestPlan>>| match plan.get() {
            Ok(plan) => {
                let again = before.flatten().is_some_and(|before| before.asks_as(&plan));
                asks_again.set(again);
                busy.set(true);
                effect_requests.load(plan.clone(), listener);
                Some(plan)
            }
            Err(_) => {
                // Nothing to fetch (setup incomplete or a key refused): not busy.
                effect_requests.stop();
                busy.set(false);
                error.set(None);
                None
            }
        },
    );
    // Created after the main request's effect, so they are sent after it.
    let compared = side_request(compared_plan);
    let clean = clean_plans.map(side_request);
    // What the parts show: an answer only for the views of the response on
    // screen (the comparison as now chosen), so a late or early side
    // answer is never mixed with another range's figures.
    let for_shown = move |answer: RwSignal<Option<SideAnswer>>,
                          view: fn(&Filters) -> Option<Filters>| {
        Signal::derive(move || {
            let compare = filters.with(|f| f.compare);
            let wanted = shown.with(|s| {
                s.as_ref().and_then(|s| {
                    view(&Filters {
                        compare,
                        ..s.filters
                    })
                })
            });
            answer.with(|a| match a {
                Some(SideAnswer::Shown { view, .. }) if Some(*view) != wanted => {
                    Some(SideAnswer::Loading)
                }
                other => other.clone(),
            })
        })
    };
    let sides_in_flight =
        move || compared.in_flight.get() || clean.iter().any(|side| side.in_flight.get());
    let compared = for_shown(compared.answer, compared_view);
    let clean: [_; 3] = std::array::from_fn(|i| for_shown(clean[i].answer, CLEAN_VIEWS[i]));
    // The host hears the latest value of `any_busy` as the DOM shows it. Each
    // busy spell has its own dimming timer, cancelled when the spell ends
    // and when the widget goes (gloo-timers clears a dropped `Timeout`), so
    // a removed element leaves no timer behind (CONTRACT 3).
    let dim_timer = StoredValue::new_local(None::<Timeout>);
    // Set while `Analyse all clicks` loads its pages: the widget is busy
    // then too (CONTRACT 5), but the data on screen is not dimmed for it.
    let loading_all = RwSignal::new(false);
    let any_busy = Memo::new(move |_| busy.get() || loading_all.get());
    Effect::new(move |_| emit(events, WidgetEvent::Busy(any_busy.get())));
    Effect::new(move |_| {
        let is_busy = busy.get();
        let timer = is_busy.then(|| {
            Timeout::new(DIM_AFTER_MS, move || {
                slow.try_set(true);
            })
        });
        dim_timer.try_set_value(timer);
        if !is_busy && slow.get_untracked() {
            slow.set(false);
        }
    });
    let cancel_requests = SendWrapper::new(requests.clone());
    let cleanup_requests = SendWrapper::new(requests);
    on_cleanup(move || {
        cleanup_requests.stop();
    });

    let retry = Callback::new(move |()| attempt.update(|n| *n = n.wrapping_add(1)));
    // CONTRACT 7 `refresh`: the same view again, in place, while nothing
    // is on its way (the extra requests included) and no retry waits. A
    // rolling period that has moved on since (past midnight, UTC) is
    // resolved against today again, as a shared link is.
    let idle = Signal::derive(move || {
        !busy.get()
            && retry_at.with(Option::is_none)
            && plan.with(Result::is_ok)
            && !sides_in_flight()
    });
    let refresh =
        Callback::new(
            move |()| match filters.with_untracked(|f| f.rolled_to(today_utc())) {
                Some(rolled) => control.change(|_| rolled),
                None => retry.run(()),
            },
        );
    let refresh_secs = Memo::new(move |_| settings.with(|s| s.refresh_secs));
    auto_refresh(refresh_secs.into(), idle, refresh);
    // Cancel stops the automatic retries; the error and the last data stay.
    let cancel = Callback::new(move |()| {
        cancel_requests.stop();
        retry_at.set(None);
        busy.set(false);
    });
    // Back online, or back to a visible tab after a failure: retry once by itself.
    let retry_after_failure = move |_: web_sys::Event| {
        let failed =
            error.with_untracked(Option::is_some) && retry_at.with_untracked(Option::is_none);
        if failed && page_visible() && !busy.get_untracked() {
            attempt.update(|n| *n = n.wrapping_add(1));
        }
    };
    let online = window_event_listener_untyped("online", retry_after_failure);
    let visibility = window_event_listener_untyped("visibilitychange", retry_after_failure);
    on_cleanup(move || {
        online.remove();
        visibility.remove();
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if let Some(way) = shift_for_key(&ev) {
            ev.prevent_default();
            control.change(|f| f.shifted(way, today_utc()));
        }
    };
    let blocked = move || plan.with(|p| p.as_ref().err().copied());
    // Set while `Analyse all clicks` has rows loaded (CONTRACT 8).
    let analysing = RwSignal::new(false);
    // The columns shown (`Columns`, CONTRACT 8), remembered per browser.
    let column_choice = RwSignal::new(
        stored_text(COLUMNS_KEY).map_or_else(ColumnChoice::default, |stored| {
            ColumnChoice::from_stored(&stored)
        }),
    );
    Effect::new(move |first_run: Option<()>| {
        let stored = column_choice.get().to_stored();
        if first_run.is_some() {
            store_text(COLUMNS_KEY, &stored);
        }
    });
    let stale = move || slow.get() && !asks_again.get() && shown.with(|s| s.is_some());
    let theme = move || format!("slc-root slc-theme-{}", settings.with(|s| s.theme.as_str()));

    view! {
        <div class=theme aria-busy=move || any_busy.get().to_string() class:slc-loading=stale on:keydown=on_key>
            <Notices issues=issues blocked=Signal::derive(blocked) />
            <ErrorBanner error=error retry_at=retry_at retry=retry cancel=cancel />
            <Summary shown=shown filters=filters busy=busy formats=formats compared=compared clean=clean
                updated_at=Signal::derive(move || updated_at.get().filter(|_| settings.with(|s| s.refresh_secs > 0))) />
            <FiltersBar control=control />
            <div class="slc-data">
                <ChartView shown=shown formats=formats compared=compared clean=clean[0] />
                <AllClicks shown=shown control=control busy=Signal::from(busy) settings=settings headers=headers formats=formats active=analysing loading=loading_all columns=column_choice />
                // The loaded rows' table takes the page's place while there are any.
                <div class="slc-page-rows" hidden=move || analysing.get()>
                    <ClicksTable shown=shown control=control formats=formats columns=column_choice waiting=Signal::derive(move || busy.get() || retry_at.with(Option::is_some)) />
                </div>
            </div>
            <div hidden=move || analysing.get()>
                <Pager control=control shown=shown formats=formats />
            </div>
        </div>
    }
}

/// The shift ← or → asks for (CONTRACT 7), unless the key is another
/// control's: in a text or date field, with a modifier, or already handled
/// (the chart's arrows move its day).
fn shift_for_key(ev: &web_sys::KeyboardEvent) -> Option<Shift> {
    if ev.default_prevented() || ev.alt_key() || ev.ctrl_key() || ev.meta_key() || ev.shift_key() {
        return None;
    }
    let in_text = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| match e.tag_name().as_str() {
            "TEXTAREA" => true,
            "INPUT" => !matches!(
                e.get_attribute("type").as_deref(),
                Some(
                    "checkbox"
                        | "radio"
                        | "button"
                        | "submit"
                        | "reset"
                        | "range"
                        | "color"
                        | "file"
                )
            ),
            _ => false,
        });
    match ev.key().as_str() {
        _ if in_text => None,
        "ArrowLeft" => Some(Shift::Back),
        "ArrowRight" => Some(Shift::Forward),
        _ => None,
    }
}

/// What the root's signals make of a load's progress.
#[derive(Clone, Copy)]
struct Listener {
    shown: RwSignal<Option<Shown>>,
    error: RwSignal<Option<FetchError>>,
    busy: RwSignal<bool>,
    retry_at: RwSignal<Option<f64>>,
    updated_at: RwSignal<Option<f64>>,
    control: ViewControl,
}

/// Uses `try_` setters throughout: the widget may be gone.
impl LoadListener for Listener {
    fn waiting_to_retry(&self, failure: &FetchError, delay_ms: u32) {
        // Say what is happening and keep the last good data.
        self.error.try_set(Some(failure.clone()));
        announce_failure(self.control.events, failure);
        self.retry_at
            .try_set(Some(js_sys::Date::now() + f64::from(delay_ms)));
        // Nothing is in flight while waiting (CONTRACT 5: aria-busy).
        self.busy.try_set(false);
    }

    fn retrying(&self) {
        self.retry_at.try_set(None);
        self.busy.try_set(true);
    }

    fn settled(&self, outcome: FetchOutcome, plan: RequestPlan) {
        let control = self.control;
        match outcome {
            FetchOutcome::Aborted => {}
            FetchOutcome::Loaded(data) => {
                let clicks_total = data.total_for_paging();
                let row_count = data.rows.len();
                let window =
                    PageWindow::new(plan.filters.page, clicks_total, plan.filters.page_size);
                self.shown.try_set(Some(Shown {
                    data: Arc::new(data),
                    filters: plan.filters,
                    link_id: plan.link_id,
                }));
                self.error.try_set(None);
                self.updated_at.try_set(Some(js_sys::Date::now()));
                self.busy.try_set(false);
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
                self.error.try_set(Some(failure.clone()));
                self.busy.try_set(false);
                announce_failure(control.events, &failure);
            }
        }
    }
}

/// An extra request's answer, and whether it is on its way.
#[derive(Clone, Copy)]
struct SideRequest {
    answer: RwSignal<Option<SideAnswer>>,
    in_flight: RwSignal<bool>,
}

/// Loads `plan` whenever it changes (none: nothing wanted) with a request
/// loop of its own, stopped when the widget goes. A retry or refresh of
/// the same request keeps the answer on screen until the new one comes, so
/// the figures do not blink.
fn side_request(plan: Memo<Option<RequestPlan>>) -> SideRequest {
    let side = SideRequest {
        answer: RwSignal::new(None),
        in_flight: RwSignal::new(false),
    };
    let requests = Rc::new(RequestLoop::default());
    let loop_for_effect = requests.clone();
    Effect::new(
        move |before: Option<Option<RequestPlan>>| match plan.get() {
            Some(plan) => {
                let again = before.flatten().is_some_and(|before| before.asks_as(&plan));
                if !again {
                    side.answer.set(Some(SideAnswer::Loading));
                }
                side.in_flight.set(true);
                loop_for_effect.load(plan.clone(), SideListener(side));
                Some(plan)
            }
            None => {
                loop_for_effect.stop();
                side.answer.set(None);
                side.in_flight.set(false);
                None
            }
        },
    );
    let requests = SendWrapper::new(requests);
    on_cleanup(move || {
        requests.stop();
    });
    side
}

/// Where an extra request's answer goes: its figures, or a quiet note of
/// why there are none (the main view is not affected). Retries are waited
/// out quietly.
struct SideListener(SideRequest);

impl LoadListener for SideListener {
    fn waiting_to_retry(&self, _failure: &FetchError, _delay_ms: u32) {}

    fn retrying(&self) {}

    fn settled(&self, outcome: FetchOutcome, plan: RequestPlan) {
        let state = match outcome {
            FetchOutcome::Aborted => return,
            FetchOutcome::Loaded(data) => SideAnswer::Shown {
                view: plan.filters,
                points: Arc::new(daily_points(&data.chart)),
                total: data.total_for_paging(),
            },
            FetchOutcome::Failed(failure) => SideAnswer::Failed(failure.message()),
        };
        self.0.answer.try_set(Some(state));
        self.0.in_flight.try_set(false);
    }
}

/// Reports `failure` (`slc-error`) once the error banner shows it.
pub(super) fn announce_failure(events: EventSink, failure: &FetchError) {
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
