//! Run with
//!
//! ```not_rust
//! cargo run -p rds-sandbox -- --port 4566
//! ```
//!
//! then point the console's `Endpoint URL` at the printed URL and paste the printed credentials.

use clap::Parser;
use rds_sandbox::config::{self, Config, Faults, LostAnswer, Timings};
use std::path::PathBuf;
use std::time::Duration;
use tokio::net::TcpListener;

/// A local stand-in for the RDS Query API.
#[derive(Debug, Parser)]
struct Cli {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = local_stack::ports::SANDBOX)]
    port: u16,
    /// JSON file of clusters to seed instead of the defaults.
    #[arg(long)]
    seeds: Option<PathBuf>,
    /// Seconds a new backtrack stays `pending`.
    #[arg(long, default_value_t = 3.0)]
    pending_secs: f64,
    /// Seconds a backtrack stays `applying`.
    #[arg(long, default_value_t = 5.0)]
    applying_secs: f64,
    /// Milliseconds added to every response.
    #[arg(long, default_value_t = 0)]
    latency_ms: u64,
    /// Percent of Describe calls answered `Throttling`.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    throttle_percent: u8,
    /// Percent of Describe calls answered HTTP 500 `InternalFailure`.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=100))]
    error_percent: u8,
    /// Lose the answer of every accepted BacktrackDBCluster: `html500` or `dropped` after the
    /// backtrack started, `html500-not-sent` without starting it.
    #[arg(long, value_enum)]
    lose_backtrack_answers: Option<LostAnswer>,
    /// Seconds the sandbox's clock runs ahead of this computer's (negative: behind).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    clock_offset_secs: i64,
    /// The region the sandbox answers for.
    #[arg(long, default_value = "us-east-1")]
    region: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    local_stack::service::init_logging("rds_sandbox");
    let cli = Cli::parse();
    let seconds = |s: f64| Duration::from_secs_f64(s.max(0.0));
    let config = Config {
        clusters: match &cli.seeds {
            Some(path) => config::clusters_from_file(path)?,
            None => config::default_clusters(),
        },
        timings: Timings {
            pending: seconds(cli.pending_secs),
            applying: seconds(cli.applying_secs),
        },
        faults: Faults {
            latency: Duration::from_millis(cli.latency_ms),
            throttle_percent: cli.throttle_percent,
            error_percent: cli.error_percent,
            lost_backtrack_answer: cli.lose_backtrack_answers,
        },
        clock_offset_secs: cli.clock_offset_secs,
        region: cli.region.clone(),
        ..Config::new()
    };
    let listener = TcpListener::bind(("127.0.0.1", cli.port)).await?;
    let url = format!("http://{}/", listener.local_addr()?);
    println!("RDS sandbox listening on {url}");
    println!("  Endpoint URL:        {url}");
    println!("  Region:              {}", cli.region);
    println!("  Access key ID:       {}", config::ACCESS_KEY_ID);
    println!("  Secret access key:   {}", config::SECRET_ACCESS_KEY);
    println!("  Session token:       {}", config::SESSION_TOKEN);
    println!("  (expired token set:  {})", config::EXPIRED_ACCESS_KEY_ID);
    println!("  (no CloudTrail set:  {})", config::NO_TRAIL_ACCESS_KEY_ID);
    println!(
        "  Clusters:            {}",
        config
            .clusters
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "  SSO start URL:       {} (region {}; approve codes at {url}_sandbox/sso/verify)",
        config.sso.start_url, cli.region
    );
    rds_sandbox::run(listener, config, local_stack::service::shutdown_signal()).await?;
    Ok(())
}
