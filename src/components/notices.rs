//! Configuration notices and the fetch error banner (`part="error"`).

use crate::api::FetchError;
use crate::config::ConfigIssue;
use crate::query::Blocked;
use leptos::prelude::*;

/// Configuration problems and what is missing, shown as text.
#[component]
pub fn Notices(
    /// Values that fell back to defaults or were refused. Required.
    #[prop(into)]
    issues: Signal<Vec<ConfigIssue>>,
    /// Why nothing can be fetched, if so. Required.
    #[prop(into)]
    blocked: Signal<Option<Blocked>>,
) -> impl IntoView {
    view! {
        {move || {
            let issues = issues.get();
            (!issues.is_empty()).then(|| view! {
                <div class="slc-notice slc-notice-config" part="notice" role="alert">
                    <ul>{issues.into_iter().map(|issue| view! { <li>{issue.message}</li> }).collect_view()}</ul>
                </div>
            })
        }}
        {move || blocked.get().map(|b| view! {
            <p class="slc-notice slc-notice-setup" part="notice" role="status">{b.message()}</p>
        })}
    }
}

/// The error of the last request, with Retry; while an automatic retry is
/// pending, a countdown and Cancel. Data already shown stays.
#[component]
pub fn ErrorBanner(
    /// The failure to show, if any. Required.
    error: RwSignal<Option<FetchError>>,
    /// When the automatic retry happens (ms since the epoch), if one is pending. Required.
    retry_at: RwSignal<Option<f64>>,
    /// Runs the same request again now. Required.
    retry: Callback<()>,
    /// Stops the automatic retries. Required.
    cancel: Callback<()>,
) -> impl IntoView {
    let now = RwSignal::new(js_sys::Date::now());
    // A ticking clock only while a retry is pending.
    Effect::new(move |_| {
        if retry_at.get().is_some() {
            now.set(js_sys::Date::now());
            if let Ok(handle) = set_interval_with_handle(
                move || now.set(js_sys::Date::now()),
                std::time::Duration::from_millis(250),
            ) {
                on_cleanup(move || handle.clear());
            }
        }
    });
    let countdown = move || {
        let at = retry_at.get()?;
        let secs = ((at - now.get()) / 1000.0).ceil().max(0.0) as u64;
        let rate_limited = error.with(|e| e.as_ref().is_some_and(|e| e.status() == 429));
        Some(if rate_limited {
            format!("Rate limited: retrying in {secs} s")
        } else {
            format!("Retrying in {secs} s")
        })
    };
    move || {
        error.get().map(|failure| {
            view! {
                <div class="slc-error" part="error" role="alert">
                    <p class="slc-error-message">{failure.message()}</p>
                    {move || countdown().map(|text| view! {
                        <p class="slc-retry-countdown" role="status">{text}</p>
                        <button type="button" class="slc-button" on:click=move |_| cancel.run(())>"Cancel"</button>
                    })}
                    <button type="button" class="slc-button" on:click=move |_| retry.run(())>"Retry"</button>
                </div>
            }
        })
    }
}
