//! The transport routes through a proxy (direct is the other scenarios' route), and a proxy
//! that refuses an endpoint outside its allowlist.

use super::{quick, Scenario};
use crate::fixtures::{action, check, find, sso, trunk, AppWorld};
use anyhow::ensure;

// `CORS proxy URL` = the prefix proxy: the whole flow goes through it.
inventory::submit! {
    Scenario {
        name: "prefix_proxy",
        config: quick,
        run: |w| Box::pin(prefix(w)),
    }
}

async fn prefix(w: &mut AppWorld) -> anyhow::Result<()> {
    let (sandbox, proxy) = (w.backends.sandbox_url.clone(), w.backends.proxy_url.clone());
    w.connect(&sandbox, &proxy).await?;
    w.identity_known().await?;
    w.look_up("orders-prod").await?;
    w.backtrack_5_min_ago("orders-prod", "completed").await?;
    w.screenshot("via-proxy").await
}

// `CORS proxy URL` = a template on the console's own origin: `/rds/{region}/` reaches RDS only
// (and Identity says what to add), `/{service}/{region}/` reaches RDS and STS.
inventory::submit! {
    Scenario {
        name: "template_proxy",
        config: quick,
        run: |w| Box::pin(template(w)),
    }
}

async fn template(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    w.connect(&sandbox, "/rds/{region}/").await?;
    w.identity_shows("add {service}").await?;
    w.screenshot("rds-only-template").await?;
    action::fill(&w.client, "CORS proxy URL", "/{service}/{region}/").await?;
    w.identity_known().await?;
    w.look_up("orders-prod").await?;
    let card = find::region(&w.client, "Cluster details")
        .await?
        .text()
        .await?;
    ensure!(card.contains("orders-prod"), "{card}");
    ensure!(w.sandbox_calls("DescribeDBClusters").await?.len() == 1);
    ensure!(!w.sandbox_calls("GetCallerIdentity").await?.is_empty());
    w.screenshot("template").await
}

// `trunk serve` with the routes of `Trunk.toml`: `CORS proxy URL` = `/{service}/{region}/` on
// trunk's origin, identity and the whole flow through trunk's proxy to the sandbox; then IAM
// Identity Center's calls through its `/oidc/…` and `/portal.sso/…` routes.
inventory::submit! {
    Scenario {
        name: "trunk_serve_route",
        config: quick,
        run: |w| Box::pin(trunk_route(w)),
    }
}

async fn trunk_route(w: &mut AppWorld) -> anyhow::Result<()> {
    let sandbox = w.backends.sandbox_url.clone();
    let trunk = trunk::serve(&sandbox).await?;
    w.client.goto(&format!("{}/", trunk.origin)).await?;
    find::control(&w.client, "Access key ID").await?;
    w.connect(&sandbox, "/{service}/{region}/").await?;
    w.identity_known().await?;
    w.look_up("orders-prod").await?;
    w.backtrack_5_min_ago("orders-prod", "completed").await?;
    let calls = w.sandbox_requests().await?;
    ensure!(
        calls
            .iter()
            .any(|c| c["action"] == "BacktrackDBCluster" && c["status"] == 200),
        "the backtrack went through trunk's route: {calls:?}"
    );
    w.screenshot("trunk-route").await?;
    // POSTs with a JSON body to OIDC; GETs with a query and `x-amz-sso_bearer_token` to the
    // portal (a 200 from ListAccounts means the header arrived; from ListAccountRoles, the query).
    let key = sso::sign_in_through(&trunk.origin, "us-east-1", &sandbox).await?;
    let calls = w.sandbox_requests().await?;
    for action in [
        "RegisterClient",
        "StartDeviceAuthorization",
        "CreateToken",
        "ListAccounts",
        "ListAccountRoles",
        "GetRoleCredentials",
    ] {
        ensure!(
            calls
                .iter()
                .any(|c| c["action"] == action && c["status"] == 200),
            "{action} went through trunk's route: {calls:?}"
        );
    }
    ensure!(
        key.starts_with("ASIASSO"),
        "role credentials came back: {key}"
    );
    Ok(())
}

// An endpoint the proxy does not allow: refused, and explained.
inventory::submit! {
    Scenario {
        name: "proxy_refuses_outside_allowlist",
        config: quick,
        run: |w| Box::pin(refused(w)),
    }
}

async fn refused(w: &mut AppWorld) -> anyhow::Result<()> {
    let proxy = w.backends.proxy_url.clone();
    w.connect("http://127.0.0.1:9/", &proxy).await?;
    w.look_up("orders-prod").await?;
    check::alert_with(&w.client, &["CORS proxy refused", "allowlist"]).await?;
    w.screenshot("refused").await?;
    ensure!(w.sandbox_requests().await?.is_empty());
    Ok(())
}
