//! `List clusters` over more than 100 clusters (two pages), filtered, and one chosen; directly,
//! through the prefix proxy and through the `{service}` template route.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, param, AppWorld};
use anyhow::ensure;
use fantoccini::Locator;
use rds_sandbox::config::{self, ClusterSeed, Config};
use std::time::Duration;

/// Clusters the region holds besides the sandbox's usual ones.
const FLEET: usize = 120;

// 128 clusters listed three ways, narrowed to ten, and `fleet-115` chosen and looked up.
inventory::submit! {
    Scenario {
        name: "list_filter_choose",
        config: fleet,
        run: |w| Box::pin(run(w)),
    }
}

/// The usual clusters plus `fleet-001` to `fleet-120` (every tenth with backtracking off).
fn fleet() -> Config {
    let mut clusters = config::default_clusters();
    let template = clusters[0].clone();
    clusters.extend((1..=FLEET).map(|n| ClusterSeed {
        id: format!("fleet-{n:03}"),
        backtrack_window_secs: if n % 10 == 0 { 0 } else { 86_400 },
        history: 0,
        ..template.clone()
    }));
    Config {
        clusters,
        ..quick()
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let total = config::default_clusters().len() + FLEET;
    let (sandbox, proxy) = (w.backends.sandbox_url.clone(), w.backends.proxy_url.clone());
    for route in ["", proxy.as_str(), "/{service}/{region}/"] {
        w.connect(&sandbox, route).await?;
        w.list_clusters(total).await?;
    }
    let pages = w.sandbox_calls("DescribeDBClusters").await?;
    ensure!(
        pages.len() == 6
            && pages
                .iter()
                .filter(|p| param(p, "Marker").is_some())
                .count()
                == 3,
        "three listings of two pages each: {pages:?}"
    );
    let table = find::table(&w.client, "Clusters in this region").await?;
    let rows = || async { anyhow::Ok(table.find_all(Locator::Css("tbody tr")).await?.len()) };
    ensure!(rows().await? == total, "every cluster is a row");
    // At 1280 px every column, `Can it be backtracked?` included, is in view without scrolling.
    let (width, height) = w.client.get_window_size().await?;
    w.client.set_window_size(1280, height as u32).await?;
    let overflow = w
        .client
        .execute(
            "const wrap = arguments[0].parentElement; return wrap.scrollWidth - wrap.clientWidth;",
            vec![serde_json::to_value(&table)?],
        )
        .await?;
    w.screenshot("at-1280").await?;
    w.client
        .set_window_size(width as u32, height as u32)
        .await?;
    ensure!(
        overflow.as_i64() == Some(0),
        "the list scrolls sideways by {overflow} px at 1280 px"
    );
    action::fill(&w.client, "Filter clusters", "fleet-11").await?;
    check::eventually(Duration::from_secs(5), "ten rows", || async {
        Ok(rows().await? == 10)
    })
    .await?;
    let text = table.text().await?;
    ensure!(
        text.contains("fleet-119") && !text.contains("fleet-011"),
        "{text}"
    );
    ensure!(
        text.contains("No: ") && text.matches("Yes").count() == 9,
        "fleet-110 has backtracking off, in the card's words: {text}"
    );
    w.screenshot("filtered").await?;
    action::click(&w.client, "Choose fleet-115").await?;
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    ensure!(
        card.contains("fleet-115") && card.contains("can be backtracked"),
        "{card}"
    );
    w.screenshot("chosen").await
}
