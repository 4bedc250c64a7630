//! Run with
//!
//! ```not_rust
//! cargo run -p cors-proxy -- --allow-origin http://127.0.0.1:8080 --allow-target http://127.0.0.1:4566/
//! ```
//!
//! then set the console's `CORS proxy URL` to `http://127.0.0.1:8787/`.

use clap::Parser;
use cors_proxy::config::Config;
use cors_proxy::target::Target;
use std::time::Duration;
use tokio::net::TcpListener;

/// The port the proxy listens on unless told otherwise.
const DEFAULT_PORT: u16 = 8787;

/// A CORS proxy that forwards signed RDS calls, and nothing else.
#[derive(Debug, Parser)]
struct Cli {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = DEFAULT_PORT)]
    port: u16,
    /// An origin allowed to use the proxy, e.g. https://console.example.com (repeat for more).
    #[arg(long = "allow-origin", default_values_t = ["http://127.0.0.1:8080".to_owned(), "http://localhost:8080".to_owned()])]
    allow_origins: Vec<String>,
    /// A target allowed besides the RDS endpoints, e.g. http://127.0.0.1:4566/ (repeat for more).
    #[arg(long = "allow-target")]
    allow_targets: Vec<String>,
    /// The largest request body forwarded, in bytes.
    #[arg(long, default_value_t = 64 * 1024)]
    max_body_bytes: usize,
    /// Seconds the upstream may take to answer.
    #[arg(long, default_value_t = 30)]
    upstream_timeout_secs: u64,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "cors_proxy=info".into()),
        )
        .init();
    let cli = Cli::parse();
    let mut config = Config::new(cli.allow_origins.clone());
    config.extra_targets = cli
        .allow_targets
        .iter()
        .map(|t| Target::parse(t).map_err(|e| anyhow::anyhow!("--allow-target {t}: {e}")))
        .collect::<anyhow::Result<_>>()?;
    config.max_body_bytes = cli.max_body_bytes;
    config.upstream_timeout = Duration::from_secs(cli.upstream_timeout_secs);
    let listener = TcpListener::bind(("127.0.0.1", cli.port)).await?;
    println!("CORS proxy listening on http://{}/", listener.local_addr()?);
    println!("  origins: {}", cli.allow_origins.join(", "));
    let extra: Vec<String> = config.extra_targets.iter().map(Target::url).collect();
    println!("  targets: https://rds.{{region}}.amazonaws.com/, https://rds-fips.{{region}}.amazonaws.com/ {}", extra.join(" "));
    cors_proxy::run(listener, config, shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c()
            .await
            .expect("install Ctrl-C handler")
    };
    let terminate = async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("install SIGTERM handler")
            .recv()
            .await;
    };
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}
