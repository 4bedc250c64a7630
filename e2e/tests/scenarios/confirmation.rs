//! The confirmation gate: a wrong identifier keeps the button disabled; Escape cancels.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, AppWorld};
use anyhow::ensure;
use fantoccini::key::Key;

// Nothing is sent unless the identifier is typed exactly and every checklist box is ticked.
inventory::submit! {
    Scenario {
        name: "wrong_text_and_escape",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::click(&w.client, "5 min ago").await?;
    action::click(&w.client, "Review backtrack").await?;
    find::dialog(&w.client, "Confirm backtrack").await?;
    for wrong in ["orders", "orders-prod2", "ORDERS-PROD"] {
        action::fill(&w.client, "Type the cluster identifier to confirm", wrong).await?;
        check::disabled(&w.client, "Backtrack DB cluster").await?;
    }
    action::fill(
        &w.client,
        "Type the cluster identifier to confirm",
        "orders-prod",
    )
    .await?;
    check::disabled(&w.client, "Backtrack DB cluster").await?;
    action::tick_checklist(&w.client).await?;
    check::enabled(&w.client, "Backtrack DB cluster").await?;
    w.screenshot("typed").await?;
    let input = find::control(&w.client, "Type the cluster identifier to confirm").await?;
    input
        .send_keys(&char::from(Key::Escape).to_string())
        .await?;
    check::eventually(
        std::time::Duration::from_secs(5),
        "the dialog to close",
        || async { Ok(!find::present(&w.client, "//dialog[@open]").await?) },
    )
    .await?;
    w.screenshot("cancelled").await?;
    ensure!(
        w.sandbox_calls("BacktrackDBCluster").await?.is_empty(),
        "nothing was sent"
    );
    Ok(())
}
