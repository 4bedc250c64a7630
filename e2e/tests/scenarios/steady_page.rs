//! Answers that arrive while the user acts never move, replace or undo what they are using: the
//! refresh after a backtrack ends keeps the form where it is, keeps the history's buttons, and
//! keeps the time, step and flags the user chose meanwhile.

use super::{quick, Scenario};
use crate::fixtures::{action, card_field, check, find, shifted, AppWorld};
use anyhow::{ensure, Context};
use rds_sandbox::config::{Config, Faults};
use std::time::Duration;

// Every answer takes 700 ms, so the refresh after `completed` lands while the user edits.
inventory::submit! {
    Scenario {
        name: "late_refresh_keeps_the_page_still",
        config: || Config {
            faults: Faults {
                latency: Duration::from_millis(700),
                ..Faults::default()
            },
            ..quick()
        },
        run: |w| Box::pin(run(w)),
    }
}

/// Records, on every frame, where `Later` is in the document; `window.laterTops` lists each
/// position it has had.
const RECORD_LATER: &str = r#"
const later = [...document.querySelectorAll('button')].find(b => b.textContent.trim() === 'Later');
window.laterTops = [];
const look = () => {
  const top = Math.round(later.getBoundingClientRect().top + window.scrollY);
  if (window.laterTops[window.laterTops.length - 1] !== top) window.laterTops.push(top);
  requestAnimationFrame(look);
};
look();
"#;

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("orders-prod").await?;
    let records_before = change_records(w).await?;
    let history = find::table(&w.client, "Backtrack history").await?;
    let old_row = e2e::wait::until(find::WAIT, || async {
        let button = history.find(fantoccini::Locator::Css("tbody button")).await;
        button.context("a seeded backtrack's Use again")
    })
    .await?;
    w.client.execute(RECORD_LATER, vec![]).await?;
    action::click(&w.client, "5 min ago").await?;
    w.confirm("orders-prod").await?;
    let card = check::status_is(&w.client, "completed", Duration::from_secs(30)).await?;
    let went_to = card_field(&card, "BacktrackTo")?;
    // The user moves on while the cluster and history are read again.
    find::control(&w.client, "Step")
        .await?
        .select_by_value("60")
        .await?;
    action::click(&w.client, "Later").await?;
    action::check(
        &w.client,
        "Use earliest time if the point in time is unavailable",
    )
    .await?;
    // The refresh has landed once the card counts the new backtrack's change records; then the
    // clock ticks twice, which once moved the form as "how long ago" changed length.
    check::eventually(
        Duration::from_secs(20),
        "the cluster card refreshed",
        || async { Ok(change_records(w).await? != records_before) },
    )
    .await?;
    for _ in 0..2 {
        let said = requested_ago(w).await?;
        check::eventually(Duration::from_secs(10), "a clock tick", || async {
            Ok(requested_ago(w).await? != said)
        })
        .await?;
    }
    w.screenshot("after-refresh").await?;
    let tops = w.client.execute("return window.laterTops", vec![]).await?;
    ensure!(
        tops.as_array().is_some_and(|t| t.len() == 1),
        "`Later` moved while answers arrived (document tops {tops})"
    );
    old_row
        .text()
        .await
        .context("the seeded row's Use again was replaced by the refresh")?;
    let expected = shifted(&went_to, 60)?;
    let shown = format!("{}Z", find::picker_time(&w.client).await?);
    ensure!(
        shown == expected,
        "the picker kept Later's {expected}, shows {shown}"
    );
    let step = find::control(&w.client, "Step")
        .await?
        .prop("value")
        .await?;
    ensure!(
        step.as_deref() == Some("60"),
        "the step stayed 1 min: {step:?}"
    );
    let ticked = find::control(
        &w.client,
        "Use earliest time if the point in time is unavailable",
    )
    .await?
    .is_selected()
    .await?;
    ensure!(ticked, "the flag stayed ticked");
    Ok(())
}

/// The cluster card's `Change records`.
async fn change_records(w: &AppWorld) -> anyhow::Result<String> {
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    card_field(&card, "Change records")
}

/// The status card's "requested … ago", which changes every second.
async fn requested_ago(w: &AppWorld) -> anyhow::Result<String> {
    let card = find::region(&w.client, "Backtrack status")
        .await?
        .text()
        .await?;
    card.lines()
        .find_map(|l| l.split(" · requested ").nth(1))
        .map(str::to_owned)
        .with_context(|| format!("no 'requested … ago' in {card}"))
}
