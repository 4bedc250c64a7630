//! The command line of `cargo xtask`.

use clap::{Args, Parser, Subcommand};
use local_stack::bench;

/// Project scripts for Backtrack Console.
#[derive(Debug, Parser)]
#[command(name = "cargo xtask")]
pub(crate) struct Xtask {
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// One task.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Install what this machine lacks (wasm target, trunk, wasm-bindgen, wasm-opt, Chromium,
    /// cfn-lint and moto).
    Setup(Setup),
    /// Run setup, then every test suite, rustfmt, clippy and the size budget.
    Test(Test),
    /// Build and serve the console for local work.
    Dev(Dev),
    /// Build the release console into dist/, with integrity hashes on every script
    /// (BACKTRACK_CONNECT_SRC="https://proxy.example.com ..." adds origins to connect-src).
    Dist(Dist),
    /// Build the release bundle (as `dist`) and report its size against the budget.
    Size(Size),
    /// Deploy for a team with the AWS CLI: the CloudFormation stack of deploy/console.yaml, the
    /// release build uploaded to its bucket, and CloudFront told to serve the new index.html.
    Deploy(Deploy),
    /// Build the release console as one HTML file that works opened from disk
    /// (target/one-file/backtrack-console.html), and report its size.
    OneFile(OneFile),
    /// Run the end-to-end suite alone: setup, the release build and the one-file build, then the
    /// suite `--repeat` times in a row (stops at the first failing run), optionally filtered and
    /// with slow AWS (`--slow`).
    E2e(E2e),
    /// Measure the console against its peers in Chromium and write BENCHMARKS.md
    /// (`--proxy-load`: load the proxy in front of the sandbox instead).
    Bench(Bench),
}

/// `cargo xtask setup`.
#[derive(Debug, Args)]
pub(crate) struct Setup {}

/// `cargo xtask test`.
#[derive(Debug, Args)]
pub(crate) struct Test {}

/// `cargo xtask dev`.
#[derive(Debug, Args)]
pub(crate) struct Dev {
    /// Port for the console.
    #[arg(long, default_value_t = local_stack::ports::CONSOLE)]
    pub(crate) port: u16,
}

/// `cargo xtask e2e`.
#[derive(Debug, Args)]
pub(crate) struct E2e {
    /// Runs of the whole (filtered) suite, one after the other.
    #[arg(long, default_value_t = 1)]
    pub(crate) repeat: u32,
    /// Slow AWS: every sandbox answer of every scenario comes this much later, to make races show.
    #[arg(long, num_args = 0..=1, default_missing_value = "300", value_name = "MS")]
    pub(crate) slow: Option<u64>,
    /// Keep going after a failing run, to count failures over every run.
    #[arg(long)]
    pub(crate) keep_going: bool,
    /// Only the scenarios whose names contain this (libtest's filter).
    pub(crate) filter: Option<String>,
}

/// `cargo xtask dist`.
#[derive(Debug, Args)]
pub(crate) struct Dist {}

/// `cargo xtask deploy`.
#[derive(Debug, Args)]
pub(crate) struct Deploy {
    /// The CloudFormation stack's name.
    #[arg(long, default_value = "backtrack-console")]
    pub(crate) stack: String,
    /// The region the stack (and its bucket) lives in.
    #[arg(long, default_value = "us-east-1")]
    pub(crate) region: String,
    /// The regions whose AWS APIs CloudFront routes (comma-separated, at most 8 by default quota).
    #[arg(long, default_value = "us-east-1")]
    pub(crate) regions: String,
    /// HTTPS origins the page may also connect to (space-separated), e.g. a CORS proxy.
    #[arg(long, default_value = "")]
    pub(crate) connect_src: String,
    /// Your IAM Identity Center's region: routes /oidc/REGION/ and /portal.sso/REGION/ for the
    /// sign-in. Left out, the stack keeps what it has (none for a new stack).
    #[arg(long, value_name = "REGION")]
    pub(crate) sso_region: Option<String>,
    /// Only these address ranges reach the site and its routes (comma-separated CIDR, IPv4 and
    /// IPv6): deploys deploy/allowlist.yaml as STACK-allowlist in us-east-1 first. Left out, the
    /// stack keeps the allowlist it has (none for a new stack).
    #[arg(long, value_name = "CIDRS")]
    pub(crate) allow: Option<String>,
    /// Print the commands without running them.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// `cargo xtask one-file`.
#[derive(Debug, Args)]
pub(crate) struct OneFile {}

/// `cargo xtask size`.
#[derive(Debug, Args)]
pub(crate) struct Size {}

/// `cargo xtask bench`.
#[derive(Debug, Args)]
pub(crate) struct Bench {
    /// Cold loads of each page on each link.
    #[arg(long, default_value_t = bench::LOADS)]
    pub(crate) loads: usize,
    /// Timed calls of encode + sign + parse on each page.
    #[arg(long, default_value_t = bench::CALLS)]
    pub(crate) calls: usize,
    /// Load the proxy in front of the sandbox instead, and print throughput and latency.
    #[arg(long)]
    pub(crate) proxy_load: bool,
    /// With `--proxy-load`: concurrent clients.
    #[arg(long, default_value_t = bench::CLIENTS)]
    pub(crate) clients: usize,
    /// With `--proxy-load`: requests in each run.
    #[arg(long, default_value_t = bench::REQUESTS)]
    pub(crate) requests: usize,
    /// With `--proxy-load`: give up on a run after this many seconds.
    #[arg(long, default_value_t = bench::TIME_LIMIT_SECS)]
    pub(crate) time_limit_secs: u64,
}
