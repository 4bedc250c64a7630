//! An error as the user sees it: code, message, request id and what to do next.

use leptos::prelude::*;
use rds_core::error::RdsError;

/// Shows `error` in a `role="alert"` box while it is `Some`.
#[component]
pub fn ErrorAlert(
    /// The error to show, if any.
    #[prop(into)]
    error: Signal<Option<RdsError>>,
) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let message = match &error {
                RdsError::Service(e) => e.message.clone(),
                other => other.to_string(),
            };
            view! {
                <div class="alert" role="alert">
                    {error.code().map(|code| view! { <p class="alert-code">{code.to_owned()}</p> })}
                    <p class="alert-message">{message}</p>
                    {error.request_id().map(|id| view! { <p class="alert-id">"Request ID: " <code>{id.to_owned()}</code></p> })}
                    <p class="alert-hint">{error.hint()}</p>
                </div>
            }
        })
    }
}
