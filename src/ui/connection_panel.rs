//! Credentials (typed or imported), their expiry, and where requests go.

use crate::ui::labelled_input::{InputKind, LabelledInput};
use crate::ui::state::{Connection, Field, Session};
use leptos::prelude::*;
use rds_core::credentials::Credentials;
use rds_core::endpoint::{Endpoint, Route, REGIONS};

/// The connection panel.
#[component]
pub fn ConnectionPanel() -> impl IntoView {
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
    Effect::new(move |_| connection.save_settings());
    let pasted = RwSignal::new(String::new());
    let import_note = RwSignal::new(None::<Result<String, String>>);
    let expired_note = move || connection.expired_cleared();
    let import = move |_| match Credentials::import(&pasted.get_untracked()) {
        Ok(credentials) => {
            let key = credentials.access_key_id.clone();
            connection.fill(credentials);
            pasted.set(String::new());
            import_note.set(Some(Ok(format!("Imported credentials for {key}."))));
        }
        Err(error) => import_note.set(Some(Err(error.to_string()))),
    };
    let clear = move |_| {
        connection.clear_credentials();
        import_note.set(Some(Ok("Credentials cleared.".into())));
    };
    let expiry_note = move || {
        if connection.get(Field::ExpiresAt).trim().is_empty() {
            return None;
        }
        Some(match connection.expiry() {
            Some(at) => format!("Expires in {} ({})", session.distance_to(at), at),
            None => "Not an ISO 8601 time: use e.g. 2026-11-25T14:00:00Z.".to_owned(),
        })
    };
    let long_term = move || {
        !connection.get(Field::AccessKeyId).trim().is_empty()
            && connection.get(Field::SessionToken).trim().is_empty()
    };
    let endpoint_error = move || {
        Endpoint::resolve(
            &connection.get(Field::Region),
            &connection.get(Field::Endpoint),
        )
        .err()
        .map(|e| e.to_string())
    };
    let proxy_error = move || {
        Route::parse(&connection.get(Field::Proxy))
            .err()
            .map(|e| e.to_string())
    };

    view! {
        <section class="card" aria-labelledby="connection-title">
            <h2 id="connection-title">"Connection"</h2>
            <p class="help">"Credentials stay in this page's memory: never stored, logged or put in a URL."</p>
            <div class="grid">
                <LabelledInput id="access-key-id" label="Access key ID" value=connection.input(Field::AccessKeyId) />
                <LabelledInput id="secret-access-key" label="Secret access key" value=connection.input(Field::SecretAccessKey) kind=InputKind::Secret />
                <LabelledInput id="session-token" label="Session token" value=connection.input(Field::SessionToken) kind=InputKind::Secret />
                <LabelledInput id="expires-at" label="Credentials expire at" value=connection.input(Field::ExpiresAt) placeholder="2026-11-25T14:00:00Z" />
            </div>
            <p class="note" aria-live="polite">{expiry_note}</p>
            {move || expired_note().then(|| view! {
                <p class="field-error" role="alert">"The credentials expired and were cleared. Import fresh ones."</p>
            })}
            {move || long_term().then(|| view! {
                <p class="warning" role="status">"These look like long-term keys (no session token). Use short-lived credentials, e.g. from `aws sts assume-role`."</p>
            })}
            <label for="paste-credentials">"Paste credentials"</label>
            <textarea
                id="paste-credentials"
                rows="3"
                spellcheck="false"
                autocomplete="off"
                placeholder="JSON of aws sts assume-role or aws configure export-credentials, or export AWS_...= lines"
                prop:value=pasted
                on:input=move |ev| pasted.set(event_target_value(&ev))
            ></textarea>
            <div class="actions">
                <button type="button" on:click=import>"Import credentials"</button>
                <button type="button" class="secondary" on:click=clear>"Clear credentials"</button>
            </div>
            {move || import_note.get().map(|note| match note {
                Ok(text) => view! { <p class="note" role="status">{text}</p> }.into_any(),
                Err(text) => view! { <p class="field-error" role="alert">{text}</p> }.into_any(),
            })}
            <div class="grid">
                <div class="field">
                    <label for="region">"Region"</label>
                    <select id="region" on:change=move |ev| connection.choose_region(event_target_value(&ev))>
                        {REGIONS.iter().map(|(code, name)| {
                            let code = *code;
                            view! { <option value=code selected=move || connection.get(Field::Region) == code>{format!("{code} — {name}")}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <LabelledInput id="endpoint-url" label="Endpoint URL" value=connection.input(Field::Endpoint) placeholder="https://rds.{region}.amazonaws.com/" />
                <LabelledInput id="cors-proxy-url" label="CORS proxy URL" value=connection.input(Field::Proxy) placeholder="empty: send directly" />
            </div>
            {move || endpoint_error().or_else(proxy_error).map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </section>
    }
}
