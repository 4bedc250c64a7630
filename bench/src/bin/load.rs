//! Load generator (`cargo xtask bench --proxy-load`): many concurrent signed `DescribeDBClusters` calls against a URL, with
//! throughput, latency percentiles and errors printed. `cargo xtask bench` starts the sandbox and
//! the proxy and runs this against both.
//!
//! Run with
//!
//! ```not_rust
//! cargo xtask bench
//! ```

use anyhow::{bail, Context};
use clap::Parser;
use local_stack::{bench, ports};
use rds_core::calls::DescribeDbCluster;
use rds_core::credentials::Credentials;
use rds_core::model::ClusterId;
use rds_core::operation::Call;
use rds_core::{sign, time::Timestamp};
use rds_sandbox::config;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Loads the sandbox directly and through the proxy, and compares.
#[derive(Debug, Parser)]
struct Cli {
    /// The sandbox's URL (the endpoint the requests are signed for).
    #[arg(long)]
    sandbox: String,
    /// The proxy's URL, ending in `/`.
    #[arg(long)]
    proxy: String,
    /// Concurrent clients in the load runs.
    #[arg(long, default_value_t = bench::CLIENTS)]
    clients: usize,
    /// Requests in each load run.
    #[arg(long, default_value_t = bench::REQUESTS)]
    requests: usize,
    /// Requests in each one-client latency run.
    #[arg(long, default_value_t = 2_000)]
    latency_requests: usize,
    /// Give up on a run after this many seconds.
    #[arg(long, default_value_t = bench::TIME_LIMIT_SECS)]
    time_limit_secs: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let proxied = format!("{}{}", cli.proxy, cli.sandbox);
    println!("bench: DescribeDBClusters, signed; {} requests with {} concurrent clients, then {} requests one at a time", cli.requests, cli.clients, cli.latency_requests);
    let mut errors = 0;
    for (clients, requests, what) in [
        (cli.clients, cli.requests, "load"),
        (1, cli.latency_requests, "latency"),
    ] {
        let direct = cli
            .load(&format!("{what}: direct"), &cli.sandbox, clients, requests)
            .await?;
        let through = cli
            .load(&format!("{what}: proxy"), &proxied, clients, requests)
            .await?;
        let added = |f: fn(&Report) -> Duration| ms(f(&through)) - ms(f(&direct));
        println!(
            "{what}: the proxy adds p50 {:+.3} ms, p90 {:+.3} ms, p99 {:+.3} ms",
            added(|r| r.p50),
            added(|r| r.p90),
            added(|r| r.p99)
        );
        errors += direct.errors + through.errors;
    }
    if errors > 0 {
        bail!("{errors} requests failed");
    }
    Ok(())
}

impl Cli {
    async fn load(
        &self,
        name: &str,
        url: &str,
        clients: usize,
        requests: usize,
    ) -> anyhow::Result<Report> {
        let endpoint = self.sandbox.as_str();
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(clients)
            .build()?;
        let describe = DescribeDbCluster(ClusterId::parse("orders-prod")?);
        let body = describe.body();
        let credentials = Credentials {
            access_key_id: config::ACCESS_KEY_ID.into(),
            secret_access_key: config::SECRET_ACCESS_KEY.into(),
            session_token: Some(config::SESSION_TOKEN.into()),
            expires_at: None,
        };
        let now = Timestamp::from_millis(
            SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64
        );
        let headers = Arc::new(sign::sign_call(
            DescribeDbCluster::OPERATION,
            endpoint,
            "us-east-1",
            &body,
            &credentials,
            now,
        )?);
        let next = Arc::new(AtomicUsize::new(0));
        let deadline = Instant::now() + Duration::from_secs(self.time_limit_secs);
        let started = Instant::now();
        let mut tasks = Vec::new();
        // The origin a browser on the console's default origin would send.
        let [origin, _] = ports::console_origins(ports::CONSOLE);
        for _ in 0..clients {
            let origin = origin.clone();
            let (client, headers, next, body, url) = (
                client.clone(),
                headers.clone(),
                next.clone(),
                body.clone(),
                url.to_owned(),
            );
            let total = requests;
            tasks.push(tokio::spawn(async move {
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                while next.fetch_add(1, Ordering::Relaxed) < total && Instant::now() < deadline {
                    let mut request = client
                        .post(&url)
                        .header("origin", &origin)
                        .body(body.clone());
                    for (name, value) in headers.iter() {
                        request = request.header(*name, value);
                    }
                    let sent = Instant::now();
                    let ok = match request.send().await {
                        Ok(response) => {
                            response.status().is_success() && response.bytes().await.is_ok()
                        }
                        Err(_) => false,
                    };
                    latencies.push(sent.elapsed());
                    errors += usize::from(!ok);
                }
                (latencies, errors)
            }));
        }
        let mut latencies = Vec::new();
        let mut errors = 0;
        for task in tasks {
            let (l, e) = task.await.context("a client task panicked")?;
            latencies.extend(l);
            errors += e;
        }
        let elapsed = started.elapsed();
        if latencies.len() < requests {
            bail!(
                "{name}: only {} of {} requests within {} s",
                latencies.len(),
                requests,
                self.time_limit_secs
            );
        }
        latencies.sort();
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
        let report = Report {
            p50: at(0.50),
            p90: at(0.90),
            p99: at(0.99),
            errors,
        };
        println!(
            "{name:<18} {:>6} req in {:>6.2} s = {:>7.0} req/s | p50 {:>7.3} ms  p90 {:>7.3} ms  p99 {:>7.3} ms  max {:>7.3} ms | errors {}",
            latencies.len(),
            elapsed.as_secs_f64(),
            latencies.len() as f64 / elapsed.as_secs_f64(),
            ms(report.p50),
            ms(report.p90),
            ms(report.p99),
            ms(*latencies.last().unwrap_or(&Duration::ZERO)),
            errors
        );
        Ok(report)
    }
}

/// Latency percentiles and failures of one run.
struct Report {
    p50: Duration,
    p90: Duration,
    p99: Duration,
    errors: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
