//! The page: header and the backtrack flow.

use leptos::prelude::*;

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="masthead">
            <h1>"Backtrack Console"</h1>
            <p class="tagline">"Rewind an Aurora MySQL cluster to an earlier time, safely."</p>
        </header>
        <main id="main"></main>
    }
}
