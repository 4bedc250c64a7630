//! A look-up waits on one round trip: `DescribeDBClusters`, the history's
//! `DescribeDBClusterBacktracks` and the window's `GetMetricData` leave together, proved from the
//! sandbox's request log (when each call arrived and when its answer left), not a wall clock.

use super::{quick, Scenario};
use crate::fixtures::{find, AppWorld};
use anyhow::{ensure, Context};
use rds_sandbox::config::Config;
use std::time::Duration;

/// What the sandbox adds to every answer: the round trip the calls must not wait on in turn.
const LATENCY_MS: u64 = 300;

/// A quick sandbox that answers every call [`LATENCY_MS`] late.
fn slow() -> Config {
    let mut config = quick();
    config.faults.latency += Duration::from_millis(LATENCY_MS);
    config
}

// Directly, through the prefix proxy and through the same-origin route.
inventory::submit! {
    Scenario {
        name: "lookup_calls_leave_together",
        config: slow,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let (sandbox, proxy) = (w.backends.sandbox_url.clone(), w.backends.proxy_url.clone());
    let mut spans = Vec::new();
    for route in ["", proxy.as_str(), "/{service}/{region}/"] {
        w.connect(&sandbox, route).await?;
        // Identity asks STS after the edit; wait for it so its call is not part of the look-up.
        w.identity_shows("sandbox-dba").await?;
        let before = w.sandbox_requests().await?.len();
        w.look_up("orders-prod").await?;
        // Both answers shown means both calls are in the log (it logs a call once answered).
        let history = find::table(&w.client, "Backtrack history").await?;
        let card = find::region(&w.client, "Cluster details").await?;
        e2e::wait::until(Duration::from_secs(10), || async {
            let (table, text) = (history.text().await?, card.text().await?);
            ensure!(!table.contains("Loading…"), "{table}");
            ensure!(text.contains("Shortest actual window"), "{text}");
            Ok(())
        })
        .await
        .with_context(|| format!("the history and the window's health via {route:?}"))?;
        let log = w.sandbox_requests().await?;
        let first = |action: &str| {
            log[before..]
                .iter()
                .find(|r| r["action"] == action)
                .with_context(|| format!("no {action} via {route:?}"))
        };
        let time = |r: &serde_json::Value, field: &str| r[field].as_u64().unwrap_or(u64::MAX);
        let lookup = first("DescribeDBClusters")?;
        let answered = time(lookup, "answered_ms");
        // Reported, not asserted: from the look-up's arrival to the last answer it needed.
        let batch: Vec<_> = log[before..]
            .iter()
            .filter(|r| r["action"] != "GetCallerIdentity" && r["action"] != "preflight")
            .collect();
        // CORS preflights the sandbox saw during the look-up (the proxy answers its own).
        let preflights = log[before..]
            .iter()
            .filter(|r| r["action"] == "preflight")
            .count();
        if route.starts_with('/') {
            ensure!(
                preflights == 0,
                "the same-origin route needs no preflight, yet {preflights} came"
            );
        }
        let span = batch
            .iter()
            .map(|r| time(r, "answered_ms"))
            .max()
            .unwrap_or(0)
            - time(lookup, "received_ms");
        spans.push(format!(
            "via {route:?}: {} calls and {preflights} CORS preflights at the sandbox, {span} ms from DescribeDBClusters' arrival to the last answer at {LATENCY_MS} ms a call\n",
            batch.len()
        ));
        std::fs::write(
            crate::fixtures::out_dir()?.join("lookup_calls_leave_together-spans.txt"),
            spans.concat(),
        )?;
        for action in ["DescribeDBClusterBacktracks", "GetMetricData"] {
            let call = first(action)?;
            ensure!(
                time(call, "received_ms") < answered,
                "via {route:?}, {action} arrived at {} ms, after DescribeDBClusters was answered at {answered} ms: the calls went one after another",
                time(call, "received_ms")
            );
        }
    }
    Ok(())
}
