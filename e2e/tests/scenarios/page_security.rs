//! The page under its strict headers: the release build served with its CSP as a response header
//! completes the happy path without a single `securitypolicyviolation`, and every script it loads
//! carries an integrity hash.

use super::{quick, Scenario};
use crate::fixtures::{check, find, AppWorld};
use anyhow::ensure;
use e2e::chrome;
use std::time::Duration;

// The happy path under the CSP header, watched for violations from before the page's first script.
inventory::submit! {
    Scenario {
        name: "csp_header_no_violations",
        config: quick,
        run: |w| Box::pin(run(w)),
    }
}

/// Collects every CSP violation of the page into `window.cspViolations`, from the first script on.
const WATCH_VIOLATIONS: &str = "window.cspViolations = []; \
    document.addEventListener('securitypolicyviolation', \
        (e) => window.cspViolations.push(e.effectiveDirective + ' ' + e.blockedURI));";

async fn violations(w: &AppWorld) -> anyhow::Result<Vec<String>> {
    let seen = w
        .client
        .execute("return window.cspViolations || null;", vec![])
        .await?;
    Ok(serde_json::from_value(seen)?)
}

async fn run(w: &mut AppWorld) -> anyhow::Result<()> {
    let page_url = w.client.current_url().await?;
    let answer = reqwest::get(page_url.as_str()).await?;
    let header = answer
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let html = answer.text().await?;
    ensure!(
        local_stack::csp::served_policy(&html).as_deref() == Some(header.as_str()),
        "served with the page's CSP: {header}"
    );
    ensure!(
        header.contains("connect-src 'self' https://*.amazonaws.com http://127.0.0.1:*")
            && !header.contains(" https: ")
            && header.contains("frame-ancestors 'none'"),
        "{header}"
    );
    for tag in html
        .split('<')
        .filter(|t| t.starts_with("script") || t.contains("preload"))
    {
        ensure!(
            tag.contains("integrity=\"sha384-"),
            "no integrity hash on <{tag}"
        );
    }

    chrome::devtools(
        &w.client,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": WATCH_VIOLATIONS }),
    )
    .await?;
    w.client.refresh().await?;
    find::control(&w.client, "Access key ID").await?;
    w.connect_and_look_up("orders-prod").await?;
    w.backtrack_5_min_ago("orders-prod", "completed").await?;
    find::table(&w.client, "Backtrack history").await?;
    let seen = violations(w).await?;
    ensure!(seen.is_empty(), "the happy path broke the CSP: {seen:?}");

    // The watch works: a request the policy forbids is reported.
    w.client
        .execute(
            "fetch('https://example.com/').catch(() => {}); return null;",
            vec![],
        )
        .await?;
    check::eventually(Duration::from_secs(5), "the probe's violation", || async {
        Ok(violations(w)
            .await?
            .iter()
            .any(|v| v.starts_with("connect-src https://example.com")))
    })
    .await
}
