//! `Requested by` in the history, from CloudTrail: matched on every page of a long history
//! (CloudTrail read one page at a time, throttled now and then), the caller's ARN and address in
//! the row's detail; a note without `cloudtrail:LookupEvents`, and for a backtrack too recent to
//! be in CloudTrail yet.

use super::{quick, Scenario};
use crate::fixtures::{action, find, param, AppWorld};
use anyhow::ensure;
use rds_sandbox::config::{self, Config};
use std::time::Duration;

/// The history table's name.
const HISTORY: &str = "Backtrack history";
/// How the sandbox's role session reads.
const CALLER: &str = "role sandbox-dba, session rehearsal";

// 45 backtracks of history-cluster and 45 of orders-prod, one an hour each: CloudTrail's 90
// events take two pages of 50, and the history's second page needs the second.
inventory::submit! {
    Scenario {
        name: "requested_by",
        config: || {
            let mut config = quick();
            for seed in &mut config.clusters {
                if seed.id == "orders-prod" {
                    seed.history = 45;
                }
            }
            config
        },
        run: |w| Box::pin(requested_by(w)),
    }
}

/// Waits until the `Requested by` column has `rows` cells, each saying `who`.
async fn column_says(w: &AppWorld, rows: usize, who: &str) -> anyhow::Result<()> {
    e2e::wait::until(Duration::from_secs(15), || async {
        let cells = find::column(&w.client, HISTORY, "Requested by").await?;
        ensure!(
            cells.len() == rows && cells.iter().all(|c| c == who),
            "Requested by: {cells:?}"
        );
        Ok(())
    })
    .await
}

async fn requested_by(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("history-cluster").await?;
    column_says(w, 20, CALLER).await?;
    let summary =
        format!("//table[@aria-label='{HISTORY}']//summary[normalize-space(.)='{CALLER}']");
    w.client
        .find(fantoccini::Locator::XPath(&summary))
        .await?
        .click()
        .await?;
    let detail = find::column(&w.client, HISTORY, "Requested by").await?;
    let arn = format!(
        "arn:aws:sts::{}:assumed-role/{}/{}",
        config::ACCOUNT_ID,
        config::ROLE,
        config::SESSION
    );
    ensure!(
        detail[0].contains(&arn) && detail[0].contains("from 198.51.100.23"),
        "the row's detail: {:?}",
        detail[0]
    );
    w.screenshot_of(&find::table(&w.client, HISTORY).await?, "detail")
        .await?;
    for rows in [20, 5] {
        action::click(&w.client, "Next page").await?;
        column_says(w, rows, CALLER).await?;
    }
    let lookups = w.sandbox_calls("LookupEvents").await?;
    ensure!(
        lookups.iter().any(|c| param(c, "NextToken").is_some()),
        "older events read with NextToken: {lookups:?}"
    );
    // Paging back to the first page reads nothing more from CloudTrail.
    for _ in 0..2 {
        action::click(&w.client, "Previous page").await?;
        column_says(w, 20, CALLER).await?;
    }
    let after_paging_back = w.sandbox_calls("LookupEvents").await?;
    ensure!(
        after_paging_back.len() == lookups.len(),
        "LookupEvents sent again on paging back: {} then {}",
        lookups.len(),
        after_paging_back.len()
    );
    // Read again from the newest event: the sandbox throttles every third call, and the
    // console backs off and reads it again.
    action::click(&w.client, "Refresh").await?;
    column_says(w, 20, CALLER).await?;
    let throttled = w.sandbox_calls("LookupEvents").await?;
    ensure!(
        throttled
            .iter()
            .any(|c| c["error_code"] == "ThrottlingException"),
        "a throttled call: {throttled:?}"
    );
    ensure!(!find::region_text(&w.client, "History")
        .await?
        .contains("CloudTrail"));
    Ok(())
}

// Without cloudtrail:LookupEvents the history is whole and says so; a backtrack CloudTrail has
// not delivered yet is `unknown`, with a note.
inventory::submit! {
    Scenario {
        name: "requested_by_refused_or_late",
        config: || Config {
            trail_delivery_secs: 3600,
            ..quick()
        },
        run: |w| Box::pin(refused_or_late(w)),
    }
}

async fn refused_or_late(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    action::fill(&w.client, "Access key ID", config::NO_TRAIL_ACCESS_KEY_ID).await?;
    w.identity_known().await?;
    w.look_up("orders-prod").await?;
    column_says(w, 3, "unknown").await?;
    let history = find::region_text(&w.client, "History").await?;
    ensure!(
        history.contains("cloudtrail:LookupEvents") && history.contains("Everything else works"),
        "{history}"
    );
    w.screenshot("refused").await?;

    action::fill(&w.client, "Access key ID", config::ACCESS_KEY_ID).await?;
    w.identity_known().await?;
    w.look_up("orders-prod").await?;
    column_says(w, 3, CALLER).await?;
    w.backtrack_5_min_ago("orders-prod", "completed").await?;
    e2e::wait::until(Duration::from_secs(15), || async {
        let cells = find::column(&w.client, HISTORY, "Requested by").await?;
        let history = find::region_text(&w.client, "History").await?;
        ensure!(
            cells.len() == 4
                && cells[0] == "unknown"
                && cells[1..].iter().all(|c| c == CALLER)
                && history.contains("may not be in CloudTrail yet"),
            "{cells:?} {history}"
        );
        Ok(())
    })
    .await?;
    w.screenshot("late").await
}
