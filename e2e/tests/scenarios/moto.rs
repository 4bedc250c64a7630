//! The read paths against moto, a server this project did not write: identity, a list of 130
//! clusters (directly and through the proxy), a missing cluster, a look-up whose answer has no
//! earliest backtrack time, a history moto cannot answer, the window's health without
//! datapoints, and a send whose answer is moto's HTML 500.

use super::Scenario;
use crate::fixtures::moto::{Moto, CALLER_ARN};
use crate::fixtures::{action, check, find, rig, AppWorld};
use anyhow::ensure;
use rds_sandbox::config::Config;
use std::time::Duration;

/// Clusters moto holds in the list scenario.
const FLEET: usize = 130;

// Identity, the list of 130 clusters twice, a missing cluster, then `fleet-115` looked up.
inventory::submit! {
    Scenario {
        name: "moto_reads",
        config: Config::new,
        run: |w| Box::pin(reads(w)),
    }
}

// moto answers BacktrackDBCluster and DescribeDBClusterBacktracks with an HTML 500.
inventory::submit! {
    Scenario {
        name: "moto_unknown_outcome",
        config: Config::new,
        run: |w| Box::pin(unknown_outcome(w)),
    }
}

/// `fleet-001` to `fleet-130`.
fn fleet() -> Vec<String> {
    (1..=FLEET).map(|n| format!("fleet-{n:03}")).collect()
}

async fn reads(w: &mut AppWorld) -> anyhow::Result<()> {
    let moto = Moto::start("moto_reads").await?;
    let off: Vec<String> = fleet().into_iter().step_by(10).collect();
    moto.create_clusters(&fleet(), &off).await?;
    let origin = w.client.current_url().await?.origin().ascii_serialization();
    let (proxy, _proxy_task) = rig::proxy(&moto.url, &origin).await?;

    w.connect(&moto.url, "").await?;
    let identity = w.identity_shows("IAM user moto").await?;
    ensure!(identity.contains("123456789012"), "{identity}");
    for route in ["", proxy.as_str()] {
        action::fill(&w.client, "CORS proxy URL", route).await?;
        w.list_clusters(FLEET).await?;
    }
    let list = find::table(&w.client, "Clusters in this region")
        .await?
        .text()
        .await?;
    ensure!(
        list.matches("no data").count() == FLEET,
        "no earliest time for any: {list}"
    );
    w.screenshot("listed").await?;
    let listings = moto
        .actions()?
        .iter()
        .filter(|a| *a == "DescribeDBClusters")
        .count();
    ensure!(
        listings == 2,
        "one listing directly, one through the proxy: {listings}"
    );

    w.look_up("no-such-cluster").await?;
    let alert = check::alert_with(&w.client, &["no-such-cluster"]).await?;
    ensure!(alert.contains("DBClusterNotFound"), "{alert}");

    action::click(&w.client, "Choose fleet-115").await?;
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    ensure!(card.contains("fleet-115"), "{card}");
    // moto names no earliest backtrack time and no change records: the card says "no data", and
    // the shortcut is disabled with the reason as its description.
    for figure in ["Earliest backtrack time", "Change records"] {
        let value = crate::fixtures::card_field(&card, figure)?;
        ensure!(value == "no data", "{figure}: {value:?} in {card}");
    }
    check::disabled(&w.client, "Earliest (+1 min)").await?;
    let shortcut = find::button(&w.client, "Earliest (+1 min)").await?;
    let why = find::description_of(&w.client, &shortcut).await?;
    ensure!(why.contains("no earliest backtrack time"), "{why}");
    // The history ends failed, with its error and a retry in place of the rows.
    let history = history_failed(w).await?;
    ensure!(!history.contains("Loading"), "{history}");
    // No datapoints: every figure of the window's health reads "no data", never 0.
    let health = health_loaded(w).await?;
    for figure in [
        "Shortest actual window",
        "Times shorter than the target",
        "Change records stored (latest)",
    ] {
        let value = crate::fixtures::card_field(&health, figure)?;
        ensure!(value == "no data", "{figure}: {value:?} in {health}");
    }
    w.screenshot("looked-up").await
}

async fn unknown_outcome(w: &mut AppWorld) -> anyhow::Result<()> {
    let moto = Moto::start("moto_unknown_outcome").await?;
    moto.create_clusters(&["orders-prod".to_owned()], &[])
        .await?;
    w.connect(&moto.url, "").await?;
    w.identity_shows(CALLER_ARN).await?;
    w.look_up("orders-prod").await?;
    w.send_into_doubt("orders-prod").await?;
    // moto cannot list backtracks either: the page says it still does not know, and waits for the
    // user to check again.
    check::status_card_says(&w.client, "failed too").await?;
    check::disabled(&w.client, "Review backtrack").await?;
    w.screenshot("still-unknown").await?;
    action::click(&w.client, "Check again").await?;
    check::status_card_says(&w.client, "failed too").await?;
    check::disabled(&w.client, "Review backtrack").await?;
    let actions = moto.actions()?;
    let count = |name: &str| actions.iter().filter(|a| *a == name).count();
    ensure!(
        count("BacktrackDBCluster") == 1,
        "sent once, never again: {actions:?}"
    );
    ensure!(
        count("DescribeDBClusterBacktracks") >= 2,
        "read to find out, and again on Check again: {actions:?}"
    );
    Ok(())
}

/// Waits until the history shows its error and `Try again`; returns the section's text.
async fn history_failed(w: &AppWorld) -> anyhow::Result<String> {
    e2e::wait::until(Duration::from_secs(20), || async {
        let text = find::region_text(&w.client, "History").await?;
        ensure!(text.contains("Try again"), "{text}");
        Ok(text)
    })
    .await
}

/// Waits until the cluster card shows the window's health; returns the card's text.
async fn health_loaded(w: &AppWorld) -> anyhow::Result<String> {
    e2e::wait::until(Duration::from_secs(20), || async {
        let text = find::region(&w.client, "Cluster details")
            .await?
            .text()
            .await?;
        ensure!(text.contains("Shortest actual window"), "{text}");
        Ok(text)
    })
    .await
}
