//! The whole flow, and a binlog cluster that needs `Force`.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, param, AppWorld};
use anyhow::ensure;
use std::time::Duration;

// Paste credentials, look up, pick a time, review, confirm, follow to `completed`.
inventory::submit! {
    Scenario {
        name: "happy_path",
        config: quick,
        run: |w| Box::pin(happy_path(w)),
    }
}

async fn happy_path(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("Orders-Prod").await?;
    let identity = w.identity_known().await?;
    ensure!(
        identity.contains(rds_sandbox::config::ACCOUNT_ID)
            && identity.contains("role sandbox-dba, session rehearsal")
            && identity.contains("arn:aws:sts::123456789012:assumed-role/sandbox-dba/rehearsal"),
        "{identity}"
    );
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    ensure!(
        card.contains("aurora-mysql")
            && card.contains("available")
            && card.contains("Earliest backtrack time"),
        "{card}"
    );
    find::radio_group(&w.client, "Time zone").await?;
    ensure!(
        find::control(&w.client, "UTC").await?.is_selected().await?,
        "UTC is the default zone"
    );
    action::click(&w.client, "15 min ago").await?;
    let picked = find::picker_time(&w.client).await?;
    w.screenshot("form").await?;
    action::click(&w.client, "Review backtrack").await?;
    let dialog = find::dialog(&w.client, "Confirm backtrack")
        .await?
        .text()
        .await?;
    ensure!(
        dialog.contains("orders-prod")
            && dialog.contains("us-east-1")
            && dialog.contains("closes every open connection")
            && dialog.contains("Runs as")
            && dialog.contains("role sandbox-dba, session rehearsal in account 123456789012"),
        "{dialog}"
    );
    w.screenshot("dialog").await?;
    check::disabled(&w.client, "Backtrack DB cluster").await?;
    action::fill(
        &w.client,
        "Type the cluster identifier to confirm",
        "orders-prod",
    )
    .await?;
    check::disabled(&w.client, "Backtrack DB cluster").await?;
    action::tick_checklist(&w.client).await?;
    action::click(&w.client, "Backtrack DB cluster").await?;
    check::status_is(&w.client, "pending", Duration::from_secs(10)).await?;
    let done = check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    w.screenshot_of(
        &find::region(&w.client, "Backtrack status").await?,
        "status-card",
    )
    .await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(
        calls.len() == 1,
        "exactly one BacktrackDBCluster: {calls:?}"
    );
    let sent = &calls[0];
    ensure!(param(sent, "DBClusterIdentifier") == Some("orders-prod"));
    ensure!(
        param(sent, "BacktrackTo") == Some(&format!("{picked}Z")[..]),
        "sent {:?}, picked {picked}",
        param(sent, "BacktrackTo")
    );
    ensure!(
        param(sent, "Force") == Some("false")
            && param(sent, "UseEarliestTimeOnPointInTimeUnavailable") == Some("false")
    );
    ensure!(sent["access_key_id"] == rds_sandbox::config::ACCESS_KEY_ID && sent["status"] == 200);
    let id = done
        .lines()
        .skip_while(|l| !l.contains("BacktrackIdentifier"))
        .nth(1)
        .unwrap_or_default()
        .trim()
        .to_owned();
    let history = find::table(&w.client, "Backtrack history").await?;
    check::eventually(
        Duration::from_secs(10),
        "the new backtrack in the history",
        || async { Ok(history.text().await?.contains(&id) && !id.is_empty()) },
    )
    .await?;
    w.screenshot_of(&history, "history-table").await
}

// Refused without `Force` (with RDS's error), then done with it, after the extra warning.
inventory::submit! {
    Scenario {
        name: "binlog_needs_force",
        config: quick,
        run: |w| Box::pin(binlog(w)),
    }
}

async fn binlog(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("binlog-cluster").await?;
    action::click(&w.client, "5 min ago").await?;
    w.confirm("binlog-cluster").await?;
    check::alert_with(
        &w.client,
        &["InvalidDBClusterStateFault", "binary logging", "Request ID"],
    )
    .await?;
    w.screenshot("refused").await?;
    action::check(
        &w.client,
        "Force backtrack even if binary logging is enabled",
    )
    .await?;
    action::click(&w.client, "Review backtrack").await?;
    let dialog = find::dialog(&w.client, "Confirm backtrack")
        .await?
        .text()
        .await?;
    ensure!(dialog.contains("Force is set"), "extra warning: {dialog}");
    w.screenshot("force-warning").await?;
    w.confirm_open_dialog("binlog-cluster").await?;
    check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(
        calls.len() == 2 && param(&calls[1], "Force") == Some("true"),
        "{calls:?}"
    );
    Ok(())
}
