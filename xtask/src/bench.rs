//! `cargo xtask bench`: starts the release sandbox and proxy, then runs the `bench` load generator
//! (built for release too) against the sandbox directly and through the proxy.

use crate::flags;
use crate::services;
use anyhow::Context;
use xshell::{cmd, Shell};

/// The origin the load generator's requests carry.
const ORIGIN: &str = "http://127.0.0.1:8080";

impl flags::Bench {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        services::build(sh, "release")?;
        cmd!(sh, "cargo build --locked --release -p bench")
            .run()
            .context("build the load generator")?;
        let sandbox_port = services::free_port()?;
        let sandbox_url = format!("http://127.0.0.1:{sandbox_port}/");
        let _sandbox = services::start("sandbox", "release", "sandbox", sandbox_port, &[], true)?;
        let proxy_port = services::free_port()?;
        let args = ["--allow-origin", ORIGIN, "--allow-target", &sandbox_url].map(str::to_owned);
        let _proxy = services::start("proxy", "release", "proxy", proxy_port, &args, true)?;
        let proxy_url = format!("http://127.0.0.1:{proxy_port}/");
        let (clients, requests, limit) = (
            self.clients.to_string(),
            self.requests.to_string(),
            self.time_limit_secs.to_string(),
        );
        cmd!(sh, "target/release/bench --sandbox {sandbox_url} --proxy {proxy_url} --clients {clients} --requests {requests} --time-limit-secs {limit}")
            .run()
            .context("the benchmark failed")
    }
}
