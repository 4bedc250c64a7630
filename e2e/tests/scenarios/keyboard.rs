//! The whole flow with the keyboard alone: Enter submits, focus moves into the dialog.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, AppWorld};
use anyhow::ensure;
use fantoccini::key::Key;
use std::time::Duration;

// Look up, choose, review and confirm without a click.
inventory::submit! {
    Scenario {
        name: "keyboard_only",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let enter = char::from(Key::Enter).to_string();
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    action::fill(&w.client, "DB cluster identifier", "orders-prod").await?;
    find::control(&w.client, "DB cluster identifier")
        .await?
        .send_keys(&enter)
        .await?;
    find::region(&w.client, "Cluster details").await?;
    find::button(&w.client, "15 min ago")
        .await?
        .send_keys(&enter)
        .await?;
    find::control(&w.client, "Backtrack to")
        .await?
        .send_keys(&enter)
        .await?;
    find::dialog(&w.client, "Confirm backtrack").await?;
    // Focus starts on the checklist: Space ticks a box, Tab moves on, then the identifier.
    let (space, tab) = (" ".to_owned(), char::from(Key::Tab).to_string());
    let first = w.client.active_element().await?;
    let name = find::accessible_name(&w.client, &first).await?;
    ensure!(
        name.starts_with("Applications that use this cluster"),
        "focus moved into the dialog, on the first checklist box, not on {name:?}"
    );
    for _ in 0..4 {
        let focused = w.client.active_element().await?;
        focused.send_keys(&space).await?;
        focused.send_keys(&tab).await?;
    }
    let focused = w.client.active_element().await?;
    let name = find::accessible_name(&w.client, &focused).await?;
    ensure!(
        name == "Type the cluster identifier to confirm",
        "after the checklist, focus is on the identifier, not on {name:?}"
    );
    focused.send_keys(&format!("orders-prod{enter}")).await?;
    check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    w.screenshot("done").await
}
