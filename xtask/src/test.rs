//! `cargo xtask test`: setup, then every check CI runs, each timed.

use crate::flags;
use crate::tools::CHROMEDRIVER;
use std::time::Instant;
use xshell::{cmd, Shell};

impl flags::Test {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        flags::Setup {}.run(sh)?;
        let started = Instant::now();
        timed("rustfmt", || Ok(cmd!(sh, "cargo fmt --all --check").run()?))?;
        timed("clippy (native)", || {
            Ok(cmd!(
                sh,
                "cargo clippy --workspace --all-targets --locked -- -D warnings"
            )
            .run()?)
        })?;
        timed("clippy (wasm)", || {
            let target = "wasm32-unknown-unknown";
            Ok(cmd!(sh, "cargo clippy -p backtrack-console --all-targets --target {target} --locked -- -D warnings").run()?)
        })?;
        timed("native tests", || {
            Ok(cmd!(sh, "cargo test --workspace --exclude e2e --locked").run()?)
        })?;
        timed("component tests (headless Chromium)", || {
            Ok(cmd!(sh, "cargo test -p backtrack-console --test web --target wasm32-unknown-unknown --locked")
                .env("CHROMEDRIVER", CHROMEDRIVER)
                .run()?)
        })?;
        timed("deployment template (cfn-lint, CSP)", || {
            crate::deploy::check(sh)
        })?;
        timed("release build and size budget", || flags::Size {}.run(sh))?;
        timed("one-file build", || {
            crate::one_file::write(sh).map(|path| println!("one-file: {}", path.display()))
        })?;
        timed(
            "end-to-end tests (release build, headless Chromium, sandbox, proxy)",
            || {
                Ok(cmd!(sh, "cargo test -p e2e --test app_suite --locked")
                    .env("CHROMEDRIVER", CHROMEDRIVER)
                    .run()?)
            },
        )?;
        println!(
            "test: all checks passed in {:.0} s",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }
}

fn timed(name: &str, f: impl FnOnce() -> anyhow::Result<()>) -> anyhow::Result<()> {
    println!("\n== {name}");
    let started = Instant::now();
    let result = f();
    let outcome = if result.is_ok() { "ok" } else { "FAILED" };
    println!(
        "== {name}: {outcome} in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    result
}
