//! The one-file build (`cargo xtask one-file`) opened from disk: the whole flow, directly against
//! the sandbox, under its hash-based CSP.

use super::{quick, Scenario};
use crate::fixtures::{find, AppWorld};
use anyhow::{ensure, Context};
use std::path::PathBuf;

// Opened with a file:// URL, as from a runbook attachment: look up, review, confirm, completed.
inventory::submit! {
    Scenario {
        name: "one_file_from_disk",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../target/one-file/backtrack-console.html")
        .canonicalize()
        .context("no one-file build: run `cargo xtask e2e` (or `cargo xtask one-file`) first")?;
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist/index.html");
    ensure!(
        std::fs::metadata(&file)?.modified()? >= std::fs::metadata(&dist)?.modified()?,
        "the one-file build is older than dist/, so it is not this tree's: run `cargo xtask e2e` (or `cargo xtask one-file`)"
    );
    let html = std::fs::read_to_string(&file)?;
    ensure!(
        !html.contains(" src=\"") && !html.contains(" href=\"./"),
        "the one file loads nothing else"
    );
    w.client.goto(&format!("file://{}", file.display())).await?;
    find::control(&w.client, "Access key ID").await?;
    w.connect_and_look_up("orders-prod").await?;
    w.backtrack_5_min_ago("orders-prod", "completed").await?;
    let calls = w.sandbox_calls("BacktrackDBCluster").await?;
    ensure!(calls.len() == 1 && calls[0]["status"] == 200, "{calls:?}");
    w.screenshot("from-disk").await
}
