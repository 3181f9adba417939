//! One widget's request lifecycle: at most one request in flight, aborted
//! when a newer view supersedes it; a generation number, so an answer that
//! loses the race is dropped; automatic retries and their waits. The root
//! component calls [`RequestLoop::load`] with a plan and hears back through
//! a [`LoadListener`].

use crate::api::{retry_delay_ms, FetchError};
use crate::client::{read_clicks_response, send_clicks_request, FetchOutcome, Sent};
use crate::query::RequestPlan;
use leptos::task::spawn_local;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What a load reports while it runs.
pub trait LoadListener: 'static {
    /// A failure that will be retried after `delay_ms`; nothing is in
    /// flight meanwhile.
    fn waiting_to_retry(&self, failure: &FetchError, delay_ms: u32);
    /// The wait is over and the request goes out again.
    fn retrying(&self);
    /// The load's last word: data, a failure to show, or aborted. Not
    /// called when a newer load superseded this one.
    fn settled(&self, outcome: FetchOutcome, plan: RequestPlan);
}

/// The request in flight and its retry timer: both end when the view
/// changes, the person cancels, or the widget goes.
#[derive(Default)]
pub struct RequestLoop {
    generation: Cell<u64>,
    controller: RefCell<Option<web_sys::AbortController>>,
    /// The pending retry wait: its timeout id and the resolver that ends it early.
    wait: RefCell<Option<(i32, js_sys::Function)>>,
    /// The first request, sent before the view was built, and its plan.
    first: RefCell<Option<(RequestPlan, Sent)>>,
}

impl RequestLoop {
    /// Sends `plan` now, before the view is built, so its answer is on the
    /// way meanwhile; the first [`load`](Self::load) of the same plan takes
    /// it over. A request that cannot even be built is left to that load,
    /// which shows its failure.
    pub fn send_first(&self, plan: &RequestPlan) {
        if let Ok(sent) = self.start(plan) {
            *self.first.borrow_mut() = Some((plan.clone(), sent));
        }
    }

    /// Loads `plan`, superseding whatever was in flight (unless it is the
    /// first request for this very plan, which is kept), with automatic
    /// retries of transient failures.
    pub fn load(self: &Rc<Self>, plan: RequestPlan, listener: impl LoadListener) {
        let first = self
            .first
            .borrow_mut()
            .take()
            .and_then(|(first, sent)| (first == plan).then_some(sent));
        let generation = if first.is_some() {
            self.next_generation()
        } else {
            self.stop()
        };
        let this = self.clone();
        spawn_local(async move {
            let mut retries = 0;
            let mut sent = first.map(Ok);
            loop {
                let outcome = match sent.take().unwrap_or_else(|| this.start(&plan)) {
                    Ok(sent) => read_clicks_response(sent).await,
                    Err(error) => FetchOutcome::Failed(error),
                };
                if this.generation.get() != generation {
                    return;
                }
                if let FetchOutcome::Failed(failure) = &outcome {
                    if let Some(delay) = retry_delay_ms(failure, retries, js_sys::Math::random()) {
                        listener.waiting_to_retry(failure, delay);
                        this.wait(delay).await;
                        if this.generation.get() != generation {
                            return;
                        }
                        listener.retrying();
                        retries += 1;
                        continue;
                    }
                }
                this.controller.borrow_mut().take();
                listener.settled(outcome, plan);
                return;
            }
        });
    }

    /// Aborts the request in flight and ends any retry wait; any load
    /// running now settles nothing. Returns the new generation.
    pub fn stop(&self) -> u64 {
        self.first.borrow_mut().take();
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

    /// Waits `ms` milliseconds, or less if stopped meanwhile.
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
