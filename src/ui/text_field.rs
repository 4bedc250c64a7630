//! A labelled text input bound to a signal.

use leptos::prelude::*;

/// A labelled text (or password) input bound to `value`.
#[component]
pub fn TextField(
    /// The input's id.
    id: &'static str,
    /// Its accessible name.
    label: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// A password input, never echoed.
    #[prop(optional)]
    secret: bool,
    /// Placeholder text.
    #[prop(optional)]
    placeholder: &'static str,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=if secret { "password" } else { "text" }
                autocomplete="off"
                spellcheck="false"
                placeholder=placeholder
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}
