//! `Identity`: the account and the caller the credentials act as, or why that is not known. The
//! facts keep their place while STS is asked, so nothing on the page moves under the pointer.

use crate::ui::error_alert::ErrorAlert;
use crate::ui::identity::{Caller, Identity};
use leptos::prelude::*;

/// The identity panel.
#[component]
pub fn IdentityPanel() -> impl IntoView {
    let identity = expect_context::<Identity>();
    let failure = Signal::derive(move || match identity.caller() {
        Caller::Failed(error) => Some(error),
        _ => None,
    });
    let known =
        move |field: fn(&rds_core::identity::CallerIdentity) -> String| match identity.caller() {
            Caller::Known(who) => field(&who),
            _ => "—".to_owned(),
        };
    let acting_as = move || match identity.caller() {
        Caller::NoCredentials => "no credentials set".to_owned(),
        Caller::Checking => "asking STS…".to_owned(),
        Caller::Known(who) => who.describe(),
        Caller::Failed(_) => "not confirmed (below)".to_owned(),
    };
    view! {
        <section class="card" aria-label="Identity">
            <h2>"Identity"</h2>
            <dl class="facts">
                <dt>"Account"</dt><dd>{move || known(|who| who.account.clone())}</dd>
                <dt>"Acting as"</dt><dd aria-live="polite">{acting_as}</dd>
                <dt>"Caller ARN"</dt><dd><code>{move || known(|who| who.arn.clone())}</code></dd>
            </dl>
            <ErrorAlert error=failure />
        </section>
    }
}
