//! Throttling and server errors while the status is followed: the card recovers.

use super::{quick, Scenario};
use crate::fixtures::{action, check, AppWorld};
use anyhow::ensure;
use rds_sandbox::config::{Config, Faults};
use std::time::Duration;

// Half the reads throttled, a third of the rest answered 500.
inventory::submit! {
    Scenario {
        name: "polling_recovers",
        config: || Config {
            faults: Faults {
                throttle_percent: 50,
                error_percent: 34,
                latency: Duration::from_millis(50),
                ..Faults::default()
            },
            ..quick()
        },
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::click(&w.client, "1 h ago").await?;
    w.confirm("orders-prod").await?;
    check::status_is(&w.client, "completed", Duration::from_secs(40)).await?;
    w.screenshot("recovered").await?;
    let reads = w.sandbox_calls("DescribeDBClusterBacktracks").await?;
    let faulted = reads.iter().filter(|r| r["status"] != 200).count();
    ensure!(faulted > 0, "faults were injected: {reads:?}");
    ensure!(
        w.sandbox_calls("BacktrackDBCluster").await?.len() == 1,
        "the backtrack itself is never retried"
    );
    Ok(())
}
