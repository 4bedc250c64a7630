//! Credentials RDS refuses, and expired ones the console refuses before sending.

use super::{quick, Scenario};
use crate::fixtures::{action, check, AppWorld};
use anyhow::ensure;
use rds_sandbox::config;

// Wrong secret, unknown key, expired session token: each with RDS's code and a hint.
inventory::submit! {
    Scenario {
        name: "server_refuses_credentials",
        config: quick,
        run: |w| Box::pin(refused(w)),
    }
}

async fn refused(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    action::fill(&w.client, "Secret access key", "not-the-secret").await?;
    // Identity says so first, before any RDS call.
    w.identity_shows("SignatureDoesNotMatch").await?;
    ensure!(w.sandbox_calls("DescribeDBClusters").await?.is_empty());
    w.look_up("orders-prod").await?;
    check::alert_with(&w.client, &["SignatureDoesNotMatch", "secret access key"]).await?;
    w.screenshot("wrong-secret").await?;
    action::fill(&w.client, "Secret access key", config::SECRET_ACCESS_KEY).await?;
    action::fill(&w.client, "Access key ID", "ASIAUNKNOWNKEY000001").await?;
    action::click(&w.client, "Look up cluster").await?;
    check::alert_with(&w.client, &["InvalidClientTokenId"]).await?;
    action::fill(&w.client, "Access key ID", config::EXPIRED_ACCESS_KEY_ID).await?;
    action::click(&w.client, "Look up cluster").await?;
    check::alert_with(&w.client, &["ExpiredToken", "new short-lived credentials"]).await?;
    w.screenshot("expired-token").await
}

// Credentials past their expiry are cleared, and nothing is signed or sent.
inventory::submit! {
    Scenario {
        name: "expired_credentials_never_sent",
        config: quick,
        run: |w| Box::pin(expired(w)),
    }
}

async fn expired(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "").await?;
    w.identity_known().await?;
    let before = w.sandbox_requests().await?.len();
    action::fill(&w.client, "Credentials expire at", "2020-01-01T00:00:00Z").await?;
    check::alert_with(&w.client, &["expired and were cleared"]).await?;
    w.look_up("orders-prod").await?;
    check::alert_with(&w.client, &["No credentials"]).await?;
    w.screenshot("expired").await?;
    ensure!(
        w.sandbox_requests().await?.len() == before,
        "nothing may reach the sandbox once the credentials expired"
    );
    Ok(())
}
