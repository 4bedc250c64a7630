//! The window's health from CloudWatch beside the cluster card: the chart and the warning for a
//! window that fell short, the note without the permission or without a route to CloudWatch;
//! directly, through the prefix proxy and through the `{service}` template.

use super::{quick, Scenario};
use crate::fixtures::{action, find, AppWorld};
use anyhow::{ensure, Context};
use rds_sandbox::config::Config;

/// The chart's accessible name.
const CHART: &str = "Backtrack window, last 24 hours";

// A short window (18 h of a 24 h target) charted and warned about three ways; a healthy one
// charted quietly; no permission and no route each a note, the card otherwise unchanged.
inventory::submit! {
    Scenario {
        name: "window_health",
        config: || Config {
            // 24 hours of the four metrics (96 points) on two pages.
            metric_page_points: 60,
            ..quick()
        },
        run: |w| Box::pin(run(w)),
    }
}

/// The cluster card's text once the window's health has arrived.
async fn card_with_health(w: &AppWorld, cluster: &str) -> anyhow::Result<String> {
    w.look_up(cluster).await?;
    let card = find::region(&w.client, "Cluster details").await?;
    e2e::wait::until(std::time::Duration::from_secs(10), || async {
        let text = card.text().await?;
        anyhow::ensure!(
            !text.contains("Reading the window"),
            "still reading: {text}"
        );
        Ok(text)
    })
    .await
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let (sandbox, proxy) = (w.backends.sandbox_url.clone(), w.backends.proxy_url.clone());
    for route in ["", proxy.as_str(), "/{service}/{region}/"] {
        w.connect(&sandbox, route).await?;
        let card = card_with_health(w, "short-window-cluster").await?;
        find::image(&w.client, CHART).await?;
        ensure!(
            card.contains("Shortest actual window")
                && card.contains("18 h")
                && card.contains("fell to 18 h")
                && card.contains("shorter than the 1 d target"),
            "via {route:?}: {card}"
        );
    }
    let chart = find::image(&w.client, CHART).await?;
    w.screenshot_of(&chart, "short-window-chart").await?;
    w.screenshot("short-window").await?;
    let healthy = card_with_health(w, "orders-prod").await?;
    find::image(&w.client, CHART).await?;
    ensure!(
        !healthy.contains("fell to") && healthy.contains("Shortest actual window"),
        "{healthy}"
    );

    let denied = card_with_health(w, "metrics-denied-cluster").await?;
    ensure!(
        denied.contains("cloudwatch:GetMetricData") && denied.contains("can be backtracked"),
        "{denied}"
    );
    ensure!(!find::present(&w.client, &format!("//*[@aria-label='{CHART}']")).await?);
    w.screenshot("no-permission").await?;

    action::fill(&w.client, "CORS proxy URL", "/rds/{region}/").await?;
    // Identity asks again half a second after the edit and then shows a note that makes its
    // panel taller; look up once it has, so the page does not move under the click.
    w.identity_shows("add {service}").await?;
    let no_route = card_with_health(w, "orders-prod").await?;
    ensure!(
        no_route.contains("add {service}") && no_route.contains("can be backtracked"),
        "{no_route}"
    );
    let asked = w.sandbox_calls("GetMetricData").await?;
    // One call for the four metrics, on two pages (60 points a page), for each of the four
    // lookups that read them; one refused call.
    ensure!(
        asked.len() == 4 * 2 + 1,
        "GetMetricData calls: {}",
        asked.len()
    );
    Ok(())
}

// The chosen time on the chart moves with the picker, `Earlier` and a paste, and its words say
// where it falls.
inventory::submit! {
    Scenario {
        name: "chosen_time_on_the_chart",
        config: quick,
        run: |w| Box::pin(chosen_time(w)),
    }
}

/// Where the chart marks the chosen time (its `translate(x 0)`, 0 to 2400 over 24 hours), and
/// the chart's words.
async fn marked(w: &AppWorld) -> anyhow::Result<(i64, String)> {
    let chart = find::image(&w.client, CHART).await?;
    let svg = chart.html(false).await?;
    let x = svg
        .split("translate(")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|x| x.parse().ok())
        .with_context(|| format!("no chosen-time mark in {svg}"))?;
    Ok((x, find::description_of(&w.client, &chart).await?))
}

async fn chosen_time(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    card_with_health(w, "orders-prod").await?;
    let (unmarked, words) = marked(w).await?;
    ensure!(
        unmarked < 0 && words.starts_with("No time chosen"),
        "{unmarked} {words}"
    );
    action::click(&w.client, "1 h ago").await?;
    let (hour_ago, words) = marked(w).await?;
    // 23 of the 24 hours from the left edge, less the seconds since the health was read.
    ensure!((2290..=2300).contains(&hour_ago), "1 h ago at {hour_ago}");
    ensure!(
        words.contains("is 1 h ago (marked on the chart): inside the backtrack window"),
        "{words}"
    );
    action::click(&w.client, "Earlier").await?;
    let (earlier, _) = marked(w).await?;
    // The default step is 5 minutes: 2400 × 300 / 86,400 ≈ 8.3 units.
    ensure!(
        (8..=9).contains(&(hour_ago - earlier)),
        "{hour_ago} then {earlier}"
    );
    let twelve_hours_ago = chrono::Utc::now() - chrono::Duration::hours(12);
    action::fill(
        &w.client,
        "Paste a time",
        &twelve_hours_ago.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
    )
    .await?;
    let (pasted, words) = marked(w).await?;
    ensure!(
        (1190..=1200).contains(&pasted),
        "12 h ago at {pasted}: {words}"
    );
    // The health's block keeps the room it reserved while CloudWatch was read, so nothing
    // below moved when it arrived.
    let chart = find::image(&w.client, CHART).await?;
    let heights = w
        .client
        .execute(
            "const slot = arguments[0].parentElement.parentElement; \
             return [slot.getBoundingClientRect().height, parseFloat(getComputedStyle(slot).minHeight)];",
            vec![serde_json::to_value(&chart)?],
        )
        .await?;
    ensure!(
        heights[0] == heights[1],
        "the window's health outgrew the room kept for it (height, reserved): {heights}"
    );
    w.screenshot_of(&chart, "chosen").await?;
    w.screenshot("chosen-page").await
}
