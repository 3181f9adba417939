//! Auto-refresh (CONTRACT 7 `refresh`): the same view asked for again
//! every so many seconds, counted from the last answer, so refreshes never
//! overlap; none while the page is hidden, one as soon as it is shown again
//! when one fell due meanwhile. Its timer and listener go with the widget.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;

/// Whether the page is on screen (`document.visibilityState`); true where
/// there is no document to ask.
pub fn page_visible() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Calls `refresh` `every` seconds after the widget last became `idle`
/// (an answer or failure in, no request in flight, no retry waiting);
/// `every` 0 is off. A refresh that falls due while the page is hidden
/// waits until it is shown.
pub fn auto_refresh(every: Signal<u32>, idle: Signal<bool>, refresh: Callback<()>) {
    // Set when a refresh fell due while the page was hidden; cleared by
    // any request (its answer is as fresh as a refresh would be).
    let due_while_hidden = RwSignal::new(false);
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        let secs = every.get();
        let is_idle = idle.get();
        let next = (secs > 0 && is_idle).then(|| {
            Timeout::new(secs.saturating_mul(1000), move || {
                if page_visible() {
                    refresh.run(());
                } else {
                    due_while_hidden.try_set(true);
                }
            })
        });
        // Replacing the timer cancels the one before (a dropped `Timeout`
        // is cleared), and so does the widget going.
        timer.try_set_value(next);
        if secs == 0 || !is_idle {
            due_while_hidden.set(false);
        }
    });
    let shown_again = window_event_listener_untyped("visibilitychange", move |_| {
        let due = due_while_hidden.get_untracked() && idle.get_untracked();
        if page_visible() && due {
            due_while_hidden.set(false);
            refresh.run(());
        }
    });
    on_cleanup(move || shown_again.remove());
}
