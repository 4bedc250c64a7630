//! `Copy link to this view`: the link holds the region, the cluster and the chosen time, never a
//! credential, the endpoint or the proxy; opening it fills them in and looks the cluster up once
//! credentials are pasted.

use super::{quick, Scenario};
use crate::fixtures::{action, find, param, AppWorld};
use anyhow::{ensure, Context};
use rds_sandbox::config;
use std::time::Duration;

// Copied through the browser's real clipboard (permission granted over DevTools), then opened.
inventory::submit! {
    Scenario {
        name: "copy_link_to_this_view",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let (sandbox, proxy) = (w.backends.sandbox_url.clone(), w.backends.proxy_url.clone());
    w.connect(&sandbox, &proxy).await?;
    w.look_up("orders-prod").await?;
    action::click(&w.client, "1 h ago").await?;
    let chosen = find::picker_time(&w.client).await?;
    e2e::chrome::devtools(
        &w.client,
        "Browser.grantPermissions",
        serde_json::json!({ "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )
    .await
    .context("grant the clipboard")?;
    action::click(&w.client, "Copy link to this view").await?;
    let card = find::region(&w.client, "Cluster details").await?;
    e2e::wait::until(Duration::from_secs(5), || async {
        let text = card.text().await?;
        ensure!(text.contains("Copied."), "{text}");
        Ok(())
    })
    .await?;
    let link = w
        .client
        .execute_async(
            "navigator.clipboard.readText().then(arguments[0], e => arguments[0]('unread: ' + e))",
            vec![],
        )
        .await?
        .as_str()
        .unwrap_or_default()
        .to_owned();
    ensure!(
        link.contains(&format!(
            "#region=us-east-1&cluster=orders-prod&at={chosen}Z"
        )),
        "the link: {link:?} (chosen {chosen})"
    );
    for secret in [
        config::ACCESS_KEY_ID,
        config::SECRET_ACCESS_KEY,
        config::SESSION_TOKEN,
        sandbox.trim_end_matches('/'),
        proxy.trim_end_matches('/'),
    ] {
        ensure!(!link.contains(secret), "{secret:?} is in the link {link:?}");
    }
    ensure!(
        !link.contains("Secret") && !link.contains("proxy") && !link.contains("endpoint"),
        "{link}"
    );

    // A fresh page from the link: filled in, and looked up once credentials are pasted.
    w.client.goto("about:blank").await?;
    w.client.goto(&link).await?;
    let before = w.sandbox_calls("DescribeDBClusters").await?.len();
    let typed = find::control(&w.client, "DB cluster identifier")
        .await?
        .prop("value")
        .await?;
    ensure!(typed.as_deref() == Some("orders-prod"), "{typed:?}");
    ensure!(find::picker_time(&w.client).await? == chosen);
    ensure!(
        w.sandbox_calls("DescribeDBClusters").await?.len() == before,
        "nothing is looked up without credentials"
    );
    w.connect(&sandbox, "").await?;
    let card = find::region(&w.client, "Cluster details")
        .await
        .context("the cluster was looked up once credentials were pasted")?;
    ensure!(card.text().await?.contains("orders-prod"));
    ensure!(
        find::picker_time(&w.client).await? == chosen,
        "the chosen time stayed"
    );
    w.screenshot("opened").await?;

    // Opened again, but the user types another identifier before pasting credentials: the link
    // no longer decides what is looked up.
    w.client.goto("about:blank").await?;
    w.client.goto(&link).await?;
    let asked_before = w.sandbox_calls("DescribeDBClusters").await?.len();
    action::fill(&w.client, "DB cluster identifier", "binlog-cluster").await?;
    w.connect(&sandbox, "").await?;
    w.identity_known().await?;
    w.look_up("binlog-cluster").await?;
    let asked: Vec<_> = w.sandbox_calls("DescribeDBClusters").await?[asked_before..]
        .iter()
        .map(|c| {
            param(c, "DBClusterIdentifier")
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    ensure!(
        asked == ["binlog-cluster"],
        "only what the user chose since is looked up: {asked:?}"
    );
    Ok(())
}
