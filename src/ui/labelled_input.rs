//! The one labelled input of the page: a `<label>` and its `<input>`, bound to a signal.

use leptos::prelude::*;

/// What an input holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text, never spell-checked or autofilled.
    #[default]
    Text,
    /// A secret, never echoed.
    Secret,
    /// A date and time to the second (`datetime-local`).
    DateTime,
}

impl InputKind {
    fn html_type(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Secret => "password",
            Self::DateTime => "datetime-local",
        }
    }
}

/// A labelled input bound to `value`; every input with a visible label is one of these.
#[component]
pub fn LabelledInput(
    /// The input's id.
    id: &'static str,
    /// Its accessible name.
    label: &'static str,
    /// The bound value.
    value: RwSignal<String>,
    /// What it holds (text unless told).
    #[prop(optional)]
    kind: InputKind,
    /// The id of the element that describes it.
    #[prop(optional)]
    described_by: Option<&'static str>,
    /// Placeholder text.
    #[prop(optional, into)]
    placeholder: Option<String>,
    /// The earliest value allowed (date and time inputs).
    #[prop(optional, into)]
    min: Option<Signal<String>>,
    /// The latest value allowed (date and time inputs).
    #[prop(optional, into)]
    max: Option<Signal<String>>,
    /// Called after each edit by the user (not when `value` is set by the page).
    #[prop(optional)]
    on_edit: Option<Callback<()>>,
) -> impl IntoView {
    let datetime = kind == InputKind::DateTime;
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type=kind.html_type()
                step=datetime.then_some("1")
                autocomplete="off"
                spellcheck="false"
                aria-describedby=described_by
                placeholder=placeholder
                min=move || min.map(|m| m.get())
                max=move || max.map(|m| m.get())
                prop:value=value
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    if let Some(edited) = on_edit {
                        edited.run(());
                    }
                }
            />
        </div>
    }
}
