//! A time in the future, and one before the earliest backtrack time with and without the flag.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, param, AppWorld};
use anyhow::ensure;
use std::time::Duration;

// Inline messages for bad times; the flag lets the earliest time be used.
inventory::submit! {
    Scenario {
        name: "future_and_earliest",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::set_value(&w.client, "Backtrack to", "2099-01-01T00:00:00").await?;
    action::click(&w.client, "Review backtrack").await?;
    check::alert_with(&w.client, &["in the future"]).await?;
    ensure!(
        !find::present(&w.client, "//dialog[@open]").await?,
        "no dialog for a future time"
    );
    w.screenshot("future").await?;
    action::set_value(&w.client, "Backtrack to", "2020-01-01T00:00:00").await?;
    check::alert_with(&w.client, &["before the earliest backtrack time"]).await?;
    ensure!(!find::present(&w.client, "//dialog[@open]").await?);
    w.screenshot("too-early").await?;
    action::check(
        &w.client,
        "Use earliest time if the point in time is unavailable",
    )
    .await?;
    w.confirm("orders-prod").await?;
    let card = check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(
        calls.len() == 1
            && param(&calls[0], "UseEarliestTimeOnPointInTimeUnavailable") == Some("true"),
        "{calls:?}"
    );
    ensure!(param(&calls[0], "BacktrackTo") == Some("2020-01-01T00:00:00Z"));
    ensure!(
        !card.contains("2020-01-01"),
        "the card shows the time Aurora used, not the one asked: {card}"
    );
    Ok(())
}
