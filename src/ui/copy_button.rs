//! A button that copies text to the clipboard and says whether it worked.

use crate::browser;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Copies `text` when pressed; the outcome is announced politely.
#[component]
pub fn CopyButton(
    /// The button's accessible name.
    label: &'static str,
    /// What is copied.
    text: String,
) -> impl IntoView {
    let (outcome, set_outcome) = signal(None::<&'static str>);
    let copy = move |_| {
        let text = text.clone();
        spawn_local(async move {
            let copied = browser::copy_text(&text).await;
            set_outcome.set(Some(if copied {
                "Copied."
            } else {
                "The browser refused the clipboard; select the text and copy it."
            }));
        });
    };
    view! {
        <button type="button" class="secondary" on:click=copy>{label}</button>
        <span class="note" role="status">{outcome}</span>
    }
}
