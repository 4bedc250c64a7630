//! Clusters that cannot be backtracked say why and disable the form; a missing one is an error.

use super::{quick, Scenario};
use crate::fixtures::{check, find, AppWorld};
use anyhow::ensure;

// Window 0, PostgreSQL, Serverless, not available, and missing.
inventory::submit! {
    Scenario {
        name: "cannot_backtrack",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    for (cluster, reason) in [
        ("no-backtrack", "Backtracking is not enabled"),
        ("postgres-cluster", "only on Aurora MySQL"),
        ("serverless-cluster", "Serverless"),
        ("busy-cluster", "must be available"),
    ] {
        w.look_up(cluster).await?;
        let card = find::region(&w.client, "Cluster details")
            .await?
            .text()
            .await?;
        ensure!(card.contains(reason), "{cluster}: {card}");
        check::disabled(&w.client, "Review backtrack").await?;
        w.screenshot(cluster).await?;
    }
    w.look_up("missing-cluster").await?;
    check::alert_with(
        &w.client,
        &[
            "DBClusterNotFoundFault",
            "missing-cluster",
            "Request ID",
            "region",
        ],
    )
    .await?;
    w.screenshot("missing").await?;
    ensure!(w.sandbox_calls("BacktrackDBCluster").await?.is_empty());
    Ok(())
}
