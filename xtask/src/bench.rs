//! `cargo xtask bench`: the console against its peers (size, start-up, encode + sign + parse) in
//! headless Chromium, written to `BENCHMARKS.md`; with `--proxy-load`, load on the proxy in front
//! of the sandbox instead.

use crate::flags;
use crate::services;
use crate::tools::{self, CHROMEDRIVER};
use anyhow::Context;
use local_stack::ports;
use xshell::{cmd, Shell};

impl flags::Bench {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        flags::Setup {}.run(sh)?;
        if self.proxy_load {
            self.proxy_load(sh)
        } else {
            self.pages(sh)
        }
    }

    fn pages(&self, sh: &Shell) -> anyhow::Result<()> {
        flags::Size {}.run(sh)?;
        let target = tools::target_dir(sh)?;
        let console_bench = target.join("bench/console");
        cmd!(
            sh,
            "trunk build --release --locked --features bench --dist {console_bench}"
        )
        .run()
        .context("build the console with the bench hook")?;
        {
            let _dir = sh.push_dir("bench/peers");
            cmd!(sh, "npm install --no-audit --no-fund")
                .run()
                .context("npm install in bench/peers")?;
            cmd!(sh, "node build.mjs")
                .run()
                .context("build the peer pages")?;
        }
        cmd!(sh, "cargo build --locked --release -p bench --bin pages")
            .run()
            .context("build the page benchmark")?;
        let (loads, calls) = (self.loads.to_string(), self.calls.to_string());
        let pages = target.join("release/pages");
        cmd!(sh, "{pages} --console dist --console-bench {console_bench} --peers bench/peers/dist --loads {loads} --calls {calls} --out BENCHMARKS.md")
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .run()
            .context("the page benchmark failed")
    }

    fn proxy_load(&self, sh: &Shell) -> anyhow::Result<()> {
        services::build(sh, "release")?;
        cmd!(sh, "cargo build --locked --release -p bench --bin load")
            .run()
            .context("build the load generator")?;
        let sandbox_port = services::free_port()?;
        let sandbox_url = ports::loopback_url(sandbox_port);
        let _sandbox =
            services::start(sh, "sandbox", "release", "sandbox", sandbox_port, &[], true)?;
        let proxy_port = services::free_port()?;
        let [origin, _] = ports::console_origins(ports::CONSOLE);
        let args = ["--allow-origin", &origin, "--allow-target", &sandbox_url].map(str::to_owned);
        let _proxy = services::start(sh, "proxy", "release", "proxy", proxy_port, &args, true)?;
        let proxy_url = ports::loopback_url(proxy_port);
        let (clients, requests, limit) = (
            self.clients.to_string(),
            self.requests.to_string(),
            self.time_limit_secs.to_string(),
        );
        let load = tools::target_dir(sh)?.join("release/load");
        cmd!(sh, "{load} --sandbox {sandbox_url} --proxy {proxy_url} --clients {clients} --requests {requests} --time-limit-secs {limit}")
            .run()
            .context("the benchmark failed")
    }
}
