//! The pages of `Analyse all clicks` (CONTRACT 8): the requests in
//! pages of 1,000, a few at a time and within the proxy's rate limit (a
//! 429 holds every page back; each page's request loop retries as the
//! main view's does), cancelled, resumed and failed, into the loaded set.

use super::root::announce_failure;
use super::state::EventSink;
use crate::analysis::loaded::LoadedClicks;
use crate::analysis::paging::{may_start, PagingPlan, Progress, MAX_IN_FLIGHT};
use crate::api::FetchError;
use crate::client::FetchOutcome;
use crate::config::{Filters, Settings};
use crate::query::{request_url, ClicksQuery, RequestPlan};
use crate::request::{LoadListener, RequestLoop};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

/// Where loading all clicks stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Nothing loaded: the main view's server paging.
    Idle,
    /// Pages are on their way; `waiting` says why none is, when one waits
    /// (a 429, a retry).
    Loading {
        /// What a page waits for, if one does.
        waiting: Option<String>,
    },
    /// Stopped before the end, keeping what it has: cancelled (`None`) or
    /// failed (why). `Resume` goes on.
    Stopped {
        /// Why, when it failed.
        why: Option<String>,
    },
    /// Every page is loaded.
    Done,
}

/// How long to wait when the proxy's rate-limit window is used up, before
/// one request probes whether a new one has begun.
const RATE_WINDOW_MS: u32 = 60_000;

/// Which buttons the part offers: [`LoadStatus`] without its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    Idle,
    Loading,
    Stopped,
    Done,
}

impl LoadStatus {
    pub(super) fn stage(&self) -> Stage {
        match self {
            Self::Idle => Stage::Idle,
            Self::Loading { .. } => Stage::Loading,
            Self::Stopped { .. } => Stage::Stopped,
            Self::Done => Stage::Done,
        }
    }
}

/// One run of loading: the pages still to ask for, the requests on their
/// way and the rows loaded so far.
pub(super) struct Loader {
    pub(super) view: Filters,
    /// Where and how to fetch, and the host's headers: taken again on
    /// `Resume` (a session token renewed after a 401 is used then).
    pub(super) settings: RefCell<Settings>,
    pub(super) headers: RefCell<Vec<(String, String)>>,
    /// Where a failure is reported (`slc-error`).
    pub(super) events: EventSink,
    pub(super) link_id: String,
    pub(super) plan: PagingPlan,
    pub(super) queue: RefCell<VecDeque<u64>>,
    pub(super) slots: [Rc<RequestLoop>; MAX_IN_FLIGHT],
    /// The offset each slot is loading, if any.
    pub(super) in_flight: RefCell<[Option<u64>; MAX_IN_FLIGHT]>,
    pub(super) loaded: RefCell<LoadedClicks>,
    /// Requests left in the proxy's rate-limit window, as it last said.
    pub(super) rate_left: Cell<Option<u64>>,
    /// Until when (ms since the epoch) no page starts: a 429 holds back
    /// every slot, not only the one that got it.
    pub(super) paused_until_ms: Cell<f64>,
    /// Bumped by `halt`: page answers of an earlier run are dropped.
    pub(super) run: Cell<u64>,
    /// When this run began, and the rows loaded before it.
    pub(super) started_ms: Cell<f64>,
    pub(super) loaded_before: Cell<u64>,
    pub(super) status: RwSignal<LoadStatus>,
    /// Bumped with each page loaded.
    pub(super) version: RwSignal<u64>,
    pub(super) rate_wait: RefCell<Option<Timeout>>,
}

impl Loader {
    pub(super) fn busy_slots(&self) -> usize {
        self.in_flight.borrow().iter().flatten().count()
    }

    /// The request for the page at `offset`.
    pub(super) fn page_plan(&self, offset: u64) -> Option<RequestPlan> {
        let settings = self.settings.borrow();
        let proxy = settings.proxy.as_deref()?;
        let query = ClicksQuery {
            limit: self.plan.limit_at(offset),
            offset,
            ..ClicksQuery::for_view(&self.view)
        };
        Some(RequestPlan {
            url: request_url(proxy, &self.link_id, &query),
            credentials: settings.credentials,
            headers: self.headers.borrow().clone(),
            link_id: self.link_id.clone(),
            filters: self.view,
            attempt: 0,
        })
    }

    /// Starts as many pages as the slots and the rate limit allow; done
    /// when none is left or on its way.
    pub(super) fn pump(self: &Rc<Self>) {
        if !matches!(
            self.status.try_get_untracked(),
            Some(LoadStatus::Loading { .. })
        ) {
            return;
        }
        let paused_ms = self.paused_until_ms.get() - js_sys::Date::now();
        if paused_ms > 0.0 {
            // A 429's wait: every slot waits it out, then pages start again.
            let weak = Rc::downgrade(self);
            *self.rate_wait.borrow_mut() = Some(Timeout::new(paused_ms.ceil() as u32, move || {
                if let Some(loader) = weak.upgrade() {
                    loader.pump();
                }
            }));
            return;
        }
        loop {
            let busy = self.busy_slots();
            if may_start(busy, self.rate_left.get()) == 0 {
                if busy == 0 && !self.queue.borrow().is_empty() {
                    // The window is used up: wait for the next one, then
                    // send one request, whose answer says what is left.
                    self.status.try_set(LoadStatus::Loading {
                        waiting: Some(
                            "The proxy's rate limit is used up: waiting for the next minute…"
                                .into(),
                        ),
                    });
                    let weak = Rc::downgrade(self);
                    *self.rate_wait.borrow_mut() = Some(Timeout::new(RATE_WINDOW_MS, move || {
                        if let Some(loader) = weak.upgrade() {
                            loader.rate_left.set(Some(1));
                            loader.pump();
                        }
                    }));
                }
                break;
            }
            let Some(offset) = self.queue.borrow_mut().pop_front() else {
                break;
            };
            let Some(plan) = self.page_plan(offset) else {
                self.queue.borrow_mut().push_front(offset);
                self.halt(Some("there is no proxy to ask".into()));
                return;
            };
            let Some(slot) = self.in_flight.borrow().iter().position(Option::is_none) else {
                self.queue.borrow_mut().push_front(offset);
                break;
            };
            // (`may_start` counts the requests in flight against what the
            // window has left, so nothing is taken off `rate_left` here.)
            self.in_flight.borrow_mut()[slot] = Some(offset);
            let listener = PageListener {
                loader: self.clone(),
                slot,
                offset,
                run: self.run.get(),
            };
            self.slots[slot].load(plan, listener);
        }
        if self.busy_slots() == 0 && self.queue.borrow().is_empty() {
            self.status.try_set(LoadStatus::Done);
        }
    }

    /// Stops every request, keeping their pages for `Resume`.
    pub(super) fn halt(&self, why: Option<String>) {
        self.run.set(self.run.get().wrapping_add(1));
        self.rate_wait.borrow_mut().take();
        let offsets: Vec<u64> = self
            .in_flight
            .borrow_mut()
            .iter_mut()
            .filter_map(Option::take)
            .collect();
        for slot in &self.slots {
            slot.stop();
        }
        let mut queue = self.queue.borrow_mut();
        for offset in offsets.into_iter().rev() {
            queue.push_front(offset);
        }
        self.status.try_set(LoadStatus::Stopped { why });
    }

    pub(super) fn progress(&self) -> Progress {
        Progress {
            loaded: self.loaded.borrow().len() as u64,
            expected: self.plan.target,
            loaded_before: self.loaded_before.get(),
            elapsed_secs: (js_sys::Date::now() - self.started_ms.get()) / 1000.0,
        }
    }
}

/// A failure's message to go inside a sentence (its full stop dropped).
fn reason(failure: &FetchError) -> String {
    failure.message().trim_end_matches('.').to_string()
}

/// Where one page's answer goes.
struct PageListener {
    loader: Rc<Loader>,
    slot: usize,
    offset: u64,
    run: u64,
}

impl PageListener {
    fn current(&self) -> bool {
        self.loader.run.get() == self.run
    }
}

impl LoadListener for PageListener {
    fn waiting_to_retry(&self, failure: &FetchError, delay_ms: u32) {
        if self.current() {
            if failure.status() == 429 {
                let until = js_sys::Date::now() + f64::from(delay_ms);
                let loader = &self.loader;
                loader
                    .paused_until_ms
                    .set(loader.paused_until_ms.get().max(until));
            }
            self.loader.status.try_set(LoadStatus::Loading {
                waiting: Some(format!(
                    "{}: trying again in {} s",
                    reason(failure),
                    delay_ms.div_ceil(1000)
                )),
            });
        }
    }

    fn retrying(&self) {
        if self.current() {
            self.loader
                .status
                .try_set(LoadStatus::Loading { waiting: None });
        }
    }

    fn settled(&self, outcome: FetchOutcome, _plan: RequestPlan) {
        if !self.current() {
            return;
        }
        let loader = &self.loader;
        loader.in_flight.borrow_mut()[self.slot] = None;
        match outcome {
            FetchOutcome::Loaded(data) => {
                loader
                    .rate_left
                    .set(data.meta.remaining_minute.map(|left| left.max(0) as u64));
                loader.loaded.borrow_mut().add_page(data.rows);
                loader.version.try_update(|v| *v = v.wrapping_add(1));
                if matches!(
                    loader.status.try_get_untracked(),
                    Some(LoadStatus::Loading { waiting: Some(_) })
                ) {
                    loader.status.try_set(LoadStatus::Loading { waiting: None });
                }
                loader.pump();
            }
            FetchOutcome::Failed(failure) => {
                loader.queue.borrow_mut().push_front(self.offset);
                loader.halt(Some(reason(&failure)));
                announce_failure(loader.events, &failure);
            }
            FetchOutcome::Aborted => {
                // Not by `halt` (that run is over): the browser's doing.
                loader.queue.borrow_mut().push_front(self.offset);
                loader.halt(Some("the request was aborted".into()));
            }
        }
    }
}
