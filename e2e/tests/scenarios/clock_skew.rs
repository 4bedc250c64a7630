//! A clock 10 minutes off is corrected without the user doing anything.

use super::{quick, Scenario};
use crate::fixtures::{find, AppWorld};
use anyhow::ensure;
use rds_sandbox::config::Config;

// The sandbox's clock runs 10 minutes ahead of the browser's.
inventory::submit! {
    Scenario {
        name: "skewed_clock_corrected",
        config: || Config {
            clock_offset_secs: 600,
            ..quick()
        },
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    ensure!(card.contains("orders-prod"), "{card}");
    let alerts = find::alerts(&w.client).await?;
    ensure!(alerts.is_empty(), "no error shown: {alerts:?}");
    // The first signed call (the lookup, or Identity's STS call when it answers first) is
    // refused for the clock and teaches the page the server's time; every call after is accepted.
    let calls = w.sandbox_requests().await?;
    let refused = calls
        .iter()
        .filter(|c| c["error_code"] == "SignatureDoesNotMatch")
        .count();
    ensure!(refused >= 1, "the clock was off at first: {calls:?}");
    let lookups = w.sandbox_calls("DescribeDBClusters").await?;
    ensure!(
        lookups.last().is_some_and(|c| c["status"] == 200)
            && lookups.len() <= 2
            && lookups
                .iter()
                .rev()
                .skip(1)
                .all(|c| c["error_code"] == "SignatureDoesNotMatch"),
        "the lookup is accepted, re-signed at most once: {lookups:?}"
    );
    w.screenshot("corrected").await
}
