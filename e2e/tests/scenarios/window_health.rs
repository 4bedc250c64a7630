//! The window's health from CloudWatch beside the cluster card: the chart and the warning for a
//! window that fell short, the note without the permission or without a route to CloudWatch;
//! directly, through the prefix proxy and through the `{service}` template.

use super::{quick, Scenario};
use crate::fixtures::{action, find, AppWorld};
use anyhow::ensure;
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
