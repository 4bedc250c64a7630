//! The picker in local time: the same instant is shown and sent whichever zone is chosen.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, param, AppWorld};
use anyhow::ensure;
use std::time::Duration;

// The browser runs in Europe/Berlin: `Local` shifts the picker, not the time sent.
inventory::submit! {
    Scenario {
        name: "local_time_zone",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    action::click(&w.client, "15 min ago").await?;
    let utc_value = find::picker_time(&w.client).await?;
    let utc_sent = format!("{utc_value}Z");
    action::check(&w.client, "Local").await?;
    let local_value = find::picker_time(&w.client).await?;
    ensure!(
        local_value != utc_value,
        "Local rewrites the picker: {utc_value} / {local_value}"
    );
    let hours = |v: &str| {
        v.get(11..13)
            .and_then(|h| h.parse::<i32>().ok())
            .unwrap_or(-1)
    };
    let shift = (hours(&local_value) - hours(&utc_value)).rem_euclid(24);
    ensure!(
        shift == 1 || shift == 2,
        "Berlin is UTC+1 or UTC+2: {utc_value} / {local_value}"
    );
    let preview = w
        .client
        .find(fantoccini::Locator::Css(".preview"))
        .await?
        .text()
        .await?;
    ensure!(
        preview.contains(&format!("BacktrackTo={utc_sent}")),
        "the same UTC instant is sent: {preview}"
    );
    w.screenshot("local").await?;
    w.confirm("orders-prod").await?;
    check::status_is(&w.client, "completed", Duration::from_secs(20)).await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(
        param(&calls[0], "BacktrackTo") == Some(utc_sent.as_str()),
        "{calls:?}"
    );
    Ok(())
}
