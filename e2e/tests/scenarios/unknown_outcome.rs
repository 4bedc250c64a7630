//! A send whose answer could not be read: the page says the backtrack may have started, keeps the
//! form locked, and finds out with `DescribeDBClusterBacktracks`, never by sending again.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, AppWorld};
use anyhow::ensure;
use rds_sandbox::config::{Config, Faults, LostAnswer};
use std::time::Duration;

/// A sandbox that loses every `BacktrackDBCluster` answer as `lost` does, and answers slowly
/// enough that "may have started" stays on screen while the first check is read.
fn losing(lost: LostAnswer) -> Config {
    Config {
        faults: Faults {
            lost_backtrack_answer: Some(lost),
            latency: Duration::from_millis(1500),
            ..Faults::default()
        },
        ..quick()
    }
}

// The backtrack starts but an HTML 500 comes back: found, then followed to `completed`.
inventory::submit! {
    Scenario {
        name: "unknown_outcome_html_500_found",
        config: || losing(LostAnswer::Html500),
        run: |w| Box::pin(found(w)),
    }
}

// Not here: a connection dropped before the answer (the sandbox's `dropped`). Chromium itself
// may resend a POST whose reused connection closed before any byte came back, and the copy it
// resends is refused (the cluster is already backtracking), so that run shows RDS's refusal.

// An HTML 500 and nothing started: the page says so, and only a new confirmation sends again.
inventory::submit! {
    Scenario {
        name: "unknown_outcome_none_started",
        config: || losing(LostAnswer::Html500NotSent),
        run: |w| Box::pin(none_started(w)),
    }
}

/// Looks `orders-prod` up and sends a backtrack of it into doubt (see `send_into_doubt`).
async fn send_into_doubt(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    w.send_into_doubt("orders-prod").await?;
    w.screenshot("may-have-started").await
}

async fn found(w: &mut AppWorld) -> anyhow::Result<()> {
    send_into_doubt(w).await?;
    check::status_card_says(&w.client, "Found: it started").await?;
    check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    w.screenshot("found-and-followed").await?;
    let sends = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(sends.len() == 1, "sent once, never again: {sends:?}");
    ensure!(
        !w.sandbox_calls("DescribeDBClusterBacktracks")
            .await?
            .is_empty(),
        "found out by reading"
    );
    Ok(())
}

async fn none_started(w: &mut AppWorld) -> anyhow::Result<()> {
    send_into_doubt(w).await?;
    check::status_card_says(&w.client, "None started").await?;
    w.screenshot("none-started").await?;
    ensure!(
        w.sandbox_calls("BacktrackDBCluster").await?.len() == 1,
        "nothing is sent again by itself"
    );
    // Sending again takes the whole confirmation again: a fresh dialog with nothing ticked.
    check::enabled(&w.client, "Review backtrack").await?;
    action::click(&w.client, "Review backtrack").await?;
    let group = find::group(&w.client, "Before you backtrack").await?;
    for tick in group
        .find_all(fantoccini::Locator::Css("input[type=checkbox]"))
        .await?
    {
        ensure!(!tick.is_selected().await?, "the checklist starts unticked");
    }
    check::disabled(&w.client, "Backtrack DB cluster").await?;
    w.confirm_open_dialog("orders-prod").await?;
    check::status_card_says(&w.client, "may have started").await?;
    ensure!(
        w.sandbox_calls("BacktrackDBCluster").await?.len() == 2,
        "a second send only after a second confirmation"
    );
    Ok(())
}
