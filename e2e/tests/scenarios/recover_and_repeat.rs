//! Recover and repeat: undo a backtrack, bisect with `Earlier` and `Later`, paste a time from
//! elsewhere.

use super::{quick, Scenario};
use crate::fixtures::{action, card_field, check, find, param, shifted, AppWorld};
use anyhow::{ensure, Context};
use chrono::{DateTime, FixedOffset, Utc};
use std::time::Duration;

// Undo a completed backtrack (forward to where it started, through the same confirmation); a
// failed backtrack offers no undo, and says why.
inventory::submit! {
    Scenario {
        name: "undo_a_backtrack",
        config: quick,
        run: |w| Box::pin(undo(w)),
    }
}

// Three steps of bisecting (Earlier, Earlier, then Later by one minute), each from where the
// last backtrack went, with the history growing; then `Use … again` on the first one.
inventory::submit! {
    Scenario {
        name: "bisect_in_three_steps",
        config: quick,
        run: |w| Box::pin(bisect(w)),
    }
}

// Every pasted format of one instant fills `Backtrack to` with that instant; it is what is sent.
inventory::submit! {
    Scenario {
        name: "pasted_times",
        config: quick,
        run: |w| Box::pin(pasted(w)),
    }
}

/// Sends the backtrack under review, waits for it to complete, and returns the status card's
/// `BacktrackIdentifier` and `BacktrackTo` (as ISO 8601).
async fn send_and_finish(w: &AppWorld, cluster: &str) -> anyhow::Result<(String, String)> {
    w.confirm_open_dialog(cluster).await?;
    check::status_is(&w.client, "pending", Duration::from_secs(10)).await?;
    let card = check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    Ok((
        card_field(&card, "BacktrackIdentifier")?,
        card_field(&card, "BacktrackTo")?,
    ))
}

async fn undo(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::click(&w.client, "15 min ago").await?;
    action::click(&w.client, "Review backtrack").await?;
    send_and_finish(w, "orders-prod").await?;
    let card = find::region(&w.client, "Backtrack status")
        .await?
        .text()
        .await?;
    let from = card_field(&card, "BacktrackedFrom")?;
    let back_to = shifted(&from, 0)?;
    check::enabled(&w.client, "Undo this backtrack").await?;
    w.screenshot("undo-offered").await?;
    action::click(&w.client, "Undo this backtrack").await?;
    let dialog = find::dialog(&w.client, "Confirm backtrack")
        .await?
        .text()
        .await?;
    ensure!(
        dialog.contains("moves the cluster forward again") && dialog.contains(&back_to),
        "the dialog says it moves forward to {back_to}: {dialog}"
    );
    w.screenshot("undo-dialog").await?;
    send_and_finish(w, "orders-prod").await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(calls.len() == 2, "one call each: {calls:?}");
    ensure!(
        param(&calls[1], "BacktrackTo") == Some(back_to.as_str()),
        "undo sent {:?}, expected {back_to}",
        param(&calls[1], "BacktrackTo")
    );

    w.look_up("failing-cluster").await?;
    w.backtrack_5_min_ago("failing-cluster", "failed").await?;
    check::disabled(&w.client, "Undo this backtrack").await?;
    let card = find::region(&w.client, "Backtrack status")
        .await?
        .text()
        .await?;
    ensure!(card.contains("Cannot undo: It failed"), "{card}");
    w.screenshot("undo-refused").await
}

async fn bisect(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::click(&w.client, "15 min ago").await?;
    action::click(&w.client, "Review backtrack").await?;
    let (mut id, mut went_to) = send_and_finish(w, "orders-prod").await?;
    let first_to = went_to.clone();
    let history = find::table(&w.client, "Backtrack history").await?;
    for (n, (button, step_secs, secs)) in [
        ("Earlier", "300", -300),
        ("Earlier", "300", -300),
        ("Later", "60", 60),
    ]
    .into_iter()
    .enumerate()
    {
        find::control(&w.client, "Step")
            .await?
            .select_by_value(step_secs)
            .await?;
        action::click(&w.client, button).await?;
        action::click(&w.client, "Review backtrack").await?;
        let (new_id, new_to) = send_and_finish(w, "orders-prod").await?;
        let expected = shifted(&went_to, secs)?;
        let calls = w.sandbox_calls("BacktrackDBCluster").await?;
        ensure!(
            calls.len() == n + 2 && param(&calls[n + 1], "BacktrackTo") == Some(expected.as_str()),
            "step {n}: {button} {step_secs} s from {went_to} should send {expected}: {calls:?}"
        );
        ensure!(new_id != id, "a new backtrack is followed");
        check::eventually(
            Duration::from_secs(10),
            "the step in the history",
            || async { Ok(history.text().await?.contains(&new_id)) },
        )
        .await?;
        (id, went_to) = (new_id, new_to);
    }
    w.screenshot_of(&history, "bisect-history").await?;
    action::click(&w.client, &format!("Use {first_to} again")).await?;
    let shown = find::picker_time(&w.client).await?;
    ensure!(
        format!("{shown}Z") == first_to,
        "Use again put {shown} in the picker, not {first_to}"
    );
    let focused = w.client.active_element().await?;
    ensure!(
        find::accessible_name(&w.client, &focused).await? == "Backtrack to",
        "focus moved to the picker"
    );
    Ok(())
}

async fn pasted(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    let at: DateTime<Utc> = DateTime::from_timestamp(Utc::now().timestamp() - 1800, 0)
        .context("a time half an hour ago")?;
    let in_utc = at.format("%Y-%m-%dT%H:%M:%S").to_string();
    let india = FixedOffset::east_opt(5 * 3600 + 1800).context("an offset")?;
    let berlin = at.with_timezone(&chrono_tz::Europe::Berlin);
    for text in [
        at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        at.with_timezone(&india)
            .format("%Y-%m-%dT%H:%M:%S%.3f%:z")
            .to_string(),
        at.format("%Y-%m-%d %H:%M:%S.000000").to_string(),
        at.timestamp().to_string(),
        at.timestamp_millis().to_string(),
        at.format("%a, %d %b %Y %H:%M:%S GMT").to_string(),
    ] {
        action::fill(&w.client, "Paste a time", &text).await?;
        let shown = find::picker_time(&w.client).await?;
        ensure!(shown == in_utc, "{text} filled {shown}, not {in_utc}");
        let note = find::description(&w.client, "Paste a time").await?;
        ensure!(
            note.starts_with("Read as ") && note.contains(&format!("{in_utc}Z UTC")),
            "{text}: {note}"
        );
    }
    // A MySQL wall time in the browser's zone (Europe/Berlin), with Local chosen.
    action::check(&w.client, "Local").await?;
    action::fill(
        &w.client,
        "Paste a time",
        &berlin.format("%Y-%m-%d %H:%M:%S").to_string(),
    )
    .await?;
    let note = find::description(&w.client, "Paste a time").await?;
    ensure!(
        note.contains("your local time") && note.contains(&format!("{in_utc}Z UTC")),
        "{note}"
    );
    let in_berlin = berlin.format("%Y-%m-%dT%H:%M:%S").to_string();
    ensure!(
        find::picker_time(&w.client).await? == in_berlin,
        "the picker shows the Berlin wall time"
    );
    action::check(&w.client, "UTC").await?;
    ensure!(
        find::picker_time(&w.client).await? == in_utc,
        "the same instant in UTC"
    );
    w.screenshot("pasted").await?;
    action::fill(&w.client, "Paste a time", "next tuesday").await?;
    let note = find::description(&w.client, "Paste a time").await?;
    ensure!(note.contains("is not a time this page reads"), "{note}");
    ensure!(
        find::picker_time(&w.client).await? == in_utc,
        "an unreadable paste changes nothing"
    );
    action::click(&w.client, "Review backtrack").await?;
    send_and_finish(w, "orders-prod").await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(
        param(&calls[0], "BacktrackTo") == Some(format!("{in_utc}Z").as_str()),
        "{calls:?}"
    );
    Ok(())
}
