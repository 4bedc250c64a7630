//! The history table pages through a long history with `Marker`.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, AppWorld};
use anyhow::ensure;
use e2e::wait;
use fantoccini::Locator;
use std::time::Duration;

// 45 past backtracks: pages of 20, 20 and 5, and back.
inventory::submit! {
    Scenario {
        name: "history_pages",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    w.connect_and_look_up("history-cluster").await?;
    let mut seen = Vec::new();
    for expected in [20, 20, 5] {
        let rows = rows_when(w, expected, &seen).await?;
        seen.extend(rows);
        if seen.len() < 45 {
            action::click(&w.client, "Next page").await?;
        }
    }
    check::disabled(&w.client, "Next page").await?;
    w.screenshot_of(
        &find::table(&w.client, "Backtrack history").await?,
        "last-page",
    )
    .await?;
    action::click(&w.client, "Previous page").await?;
    rows_when(w, 20, &[]).await?;
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    ensure!(
        unique.len() == 45,
        "45 distinct backtracks over three pages"
    );
    let pages = w.sandbox_calls("DescribeDBClusterBacktracks").await?;
    ensure!(
        pages
            .iter()
            .any(|p| crate::fixtures::param(p, "Marker").is_some()),
        "paged with Marker"
    );
    Ok(())
}

/// Waits until the table shows `count` rows none of which is in `not_in`; returns their ids.
async fn rows_when(w: &AppWorld, count: usize, not_in: &[String]) -> anyhow::Result<Vec<String>> {
    wait::until(Duration::from_secs(10), || async {
        let table = find::table(&w.client, "Backtrack history").await?;
        let mut ids = Vec::new();
        for cell in table
            .find_all(Locator::Css("tbody tr td:first-child code"))
            .await?
        {
            ids.push(cell.text().await?);
        }
        ensure!(
            ids.len() == count && ids.iter().all(|id| !not_in.contains(id)),
            "wanted {count} new rows, the table shows {ids:?}"
        );
        Ok(ids)
    })
    .await
}
