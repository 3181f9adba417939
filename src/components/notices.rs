//! Configuration notices and the fetch error banner (`part="error"`).

use crate::api::FetchError;
use crate::config::ConfigIssue;
use crate::query::Blocked;
use leptos::prelude::*;

/// Configuration problems and what is missing, shown as text.
#[component]
pub fn Notices(
    /// Values that fell back to defaults or were refused.
    #[prop(into)]
    issues: Signal<Vec<ConfigIssue>>,
    /// Why nothing can be fetched, if so.
    #[prop(into)]
    blocked: Signal<Option<Blocked>>,
) -> impl IntoView {
    view! {
        <Show when=move || issues.with(|i| !i.is_empty())>
            <div class="slc-notice slc-notice-config" part="notice" role="alert">
                <ul>
                    {move || issues.get().into_iter().map(|issue| view! { <li>{issue.message}</li> }).collect_view()}
                </ul>
            </div>
        </Show>
        {move || blocked.get().map(|b| view! {
            <p class="slc-notice slc-notice-setup" part="notice" role="status">{b.message()}</p>
        })}
    }
}

/// The error of the last request, with Retry. Data already shown stays.
#[component]
pub fn ErrorBanner(
    /// The failure to show, if any.
    error: RwSignal<Option<FetchError>>,
    /// Runs the same request again.
    retry: Callback<()>,
) -> impl IntoView {
    move || {
        error.get().map(|failure| {
            view! {
                <div class="slc-error" part="error" role="alert">
                    <p class="slc-error-message">{failure.message()}</p>
                    <button type="button" class="slc-button" on:click=move |_| retry.run(())>"Retry"</button>
                </div>
            }
        })
    }
}
