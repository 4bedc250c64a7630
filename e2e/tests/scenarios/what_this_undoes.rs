//! `What this undoes` in the confirmation dialog: the writer's commits and the change records
//! since the chosen time, counted from the sandbox's CloudWatch; a note (and a retry) without
//! `cloudwatch:GetMetricData`.

use super::{quick, Scenario};
use crate::fixtures::{action, find, param, AppWorld};
use anyhow::{ensure, Context};
use chrono::Utc;
use rds_core::loss::about;
use rds_core::time::Timestamp;
use rds_sandbox::config::{COMMITS_PER_SEC, RECORDS_PER_5_MIN};
use std::time::Duration;

/// The group's accessible name.
const GROUP: &str = "What this undoes";

// The figures the sandbox's metrics add up to; a cluster whose metrics are refused.
inventory::submit! {
    Scenario {
        name: "what_this_undoes",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

/// Opens the dialog for a backtrack of `cluster` 15 minutes back and waits until the group has
/// finished counting; returns its text.
async fn counted(w: &AppWorld, cluster: &str) -> anyhow::Result<String> {
    w.look_up(cluster).await?;
    action::click(&w.client, "15 min ago").await?;
    action::click(&w.client, "Review backtrack").await?;
    let group = find::group(&w.client, GROUP).await?;
    e2e::wait::until(Duration::from_secs(10), || async {
        let text = group.text().await?;
        ensure!(!text.contains("Counting"), "still counting: {text}");
        Ok(text)
    })
    .await
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    let before = Utc::now().timestamp();
    let text = counted(w, "orders-prod").await?;
    let after = Utc::now().timestamp();
    // The sandbox's writer commits COMMITS_PER_SEC in each minute asked for, and creates
    // RECORDS_PER_5_MIN / 5 change records a minute; the span is what the page asked.
    let asked = w
        .sandbox_calls("GetMetricData")
        .await?
        .into_iter()
        .find(|c| param(c, "Query.1.MetricName") == Some("CommitThroughput"))
        .context("a GetMetricData call for CommitThroughput")?;
    ensure!(
        param(&asked, "Query.1.Role") == Some("WRITER")
            && param(&asked, "Query.1.Stat") == Some("Average")
            && param(&asked, "Query.2.Stat") == Some("Sum"),
        "{asked}"
    );
    let secs = |name| -> anyhow::Result<i64> { Ok(param(&asked, name).context(name)?.parse()?) };
    let (start, end) = (secs("StartTime")?, secs("EndTime")?);
    let minutes = ((end - start) / 60) as f64;
    let expected = format!(
        "About {} commits and {} change records since {} will be undone.",
        about(minutes * COMMITS_PER_SEC * 60.0),
        about(minutes * RECORDS_PER_5_MIN / 5.0),
        Timestamp::from_secs(start).to_iso()
    );
    ensure!(
        text.contains(&expected) && text.contains("may not be counted yet"),
        "expected {expected:?} in {text:?}"
    );
    // The chosen time is 15 minutes before a moment between `before` and `after`; the page's
    // clock ticks once a second and takes the sandbox's `Date` header (whole seconds) as the
    // server's time, so it may be up to 2 s behind the test's. The span starts at the whole
    // minute before the chosen time and ends when the dialog opened: between 15 and 16 minutes,
    // or a little more when the minute turned between the choice and the dialog.
    let chosen_earliest = before - 15 * 60 - 2;
    ensure!(
        start % 60 == 0
            && (chosen_earliest - chosen_earliest.rem_euclid(60)..=after - 15 * 60)
                .contains(&start)
            && (before - 2..=after + 1).contains(&end),
        "the span from the chosen time (15 min ago, to the minute) to now: {start}..{end}, \
         looked up and counted between {before} and {after}"
    );
    w.screenshot_of(
        &find::dialog(&w.client, "Confirm backtrack").await?,
        "figures",
    )
    .await?;
    action::click(&w.client, "Cancel").await?;

    let refused = counted(w, "metrics-denied-cluster").await?;
    ensure!(
        refused.contains("cloudwatch:GetMetricData") && refused.contains("everything else works"),
        "{refused}"
    );
    let asked_before = w.sandbox_calls("GetMetricData").await?.len();
    action::click(&w.client, "Try again").await?;
    e2e::wait::until(Duration::from_secs(10), || async {
        let now = w.sandbox_calls("GetMetricData").await?.len();
        ensure!(now > asked_before, "Try again asks CloudWatch again");
        Ok(())
    })
    .await?;
    w.screenshot("refused").await?;
    action::click(&w.client, "Cancel").await?;
    ensure!(
        w.sandbox_calls("BacktrackDBCluster").await?.is_empty(),
        "nothing was sent"
    );
    Ok(())
}
