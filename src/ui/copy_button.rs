//! A button that copies text to the clipboard and says whether it worked.

use crate::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Copies `text` when pressed; the outcome is announced politely.
#[component]
pub fn CopyButton(
    /// The button's accessible name.
    label: &'static str,
    /// What is copied (read when pressed).
    #[prop(into)]
    text: Signal<String>,
) -> impl IntoView {
    // Empty until the first copy.
    let outcome = RwSignal::new(String::new());
    let copy = move |_| {
        let text = text.get_untracked();
        spawn_local(async move {
            let copied = browser::copy_text(&text).await;
            let said = if copied {
                "Copied."
            } else {
                "The browser refused the clipboard; select the text and copy it."
            };
            outcome.set(said.to_owned());
        });
    };
    view! {
        <button type="button" class="secondary" on:click=copy>{label}</button>
        <span class="note" role="status">{outcome}</span>
    }
}
