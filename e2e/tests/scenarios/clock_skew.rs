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
    let calls = w.sandbox_calls("DescribeDBClusters").await?;
    ensure!(calls.len() == 2, "one refused, one re-signed: {calls:?}");
    ensure!(
        calls[0]["error_code"] == "SignatureDoesNotMatch" && calls[1]["status"] == 200,
        "{calls:?}"
    );
    w.screenshot("corrected").await
}
