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
use local_stack::ports;
use std::time::Duration;
use tokio::net::TcpListener;

/// A CORS proxy that forwards signed RDS calls, and nothing else.
#[derive(Debug, Parser)]
struct Cli {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = ports::PROXY)]
    port: u16,
    /// An origin allowed to use the proxy, e.g. https://console.example.com (repeat for more).
    #[arg(long = "allow-origin", default_values_t = ports::console_origins(ports::CONSOLE))]
    allow_origins: Vec<String>,
    /// A target allowed besides the RDS, STS and CloudWatch endpoints, e.g. http://127.0.0.1:4566/ (repeat for more).
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
    local_stack::service::init_logging("cors_proxy");
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
    println!(
        "  targets: https://{{rds,sts,monitoring}}[-fips].{{region}}.amazonaws.com/ {}",
        extra.join(" ")
    );
    cors_proxy::run(listener, config, local_stack::service::shutdown_signal()).await
}
