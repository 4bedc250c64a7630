//! `cargo xtask e2e`: the end-to-end suite alone, ready to run on any checkout, as many times in
//! a row as asked, optionally filtered and with slow AWS, with a count of the runs that passed.

use crate::flags;
use crate::tools::CHROMEDRIVER;
use anyhow::bail;
use local_stack::e2e::LATENCY_VAR;
use std::time::Instant;
use xshell::{cmd, Shell};

impl flags::E2e {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        flags::Setup {}.run(sh)?;
        prepare(sh)?;
        cmd!(sh, "cargo test -p e2e --test app_suite --locked --no-run").run()?;
        let filter: Vec<String> = self.filter.iter().cloned().collect();
        let slow = self.slow.map(|ms| ms.to_string()).unwrap_or_default();
        let mut failed_runs = Vec::new();
        for run in 1..=self.repeat {
            let started = Instant::now();
            println!(
                "\n== e2e run {run} of {}{}",
                self.repeat,
                describe_slow(self.slow)
            );
            let filter = &filter;
            let mut suite = cmd!(
                sh,
                "cargo test -p e2e --test app_suite --locked -- {filter...}"
            )
            .env("CHROMEDRIVER", CHROMEDRIVER);
            if self.slow.is_some() {
                suite = suite.env(LATENCY_VAR, &slow);
            }
            let passed = suite.run().is_ok();
            println!(
                "== e2e run {run}: {} in {:.0} s",
                if passed { "passed" } else { "FAILED" },
                started.elapsed().as_secs_f64()
            );
            if !passed {
                failed_runs.push(run);
                if !self.keep_going {
                    break;
                }
            }
        }
        let ran = if failed_runs.is_empty() || self.keep_going {
            self.repeat as usize
        } else {
            failed_runs[0] as usize
        };
        println!(
            "e2e runs: {} passed, {} failed",
            ran - failed_runs.len(),
            failed_runs.len()
        );
        if !failed_runs.is_empty() {
            bail!("failing e2e runs: {failed_runs:?} (their pages and screenshots are in target/e2e/)");
        }
        Ok(())
    }
}

/// Everything the suite serves, built fresh from this tree: `dist/` and the one-file build.
pub(crate) fn prepare(sh: &Shell) -> anyhow::Result<()> {
    crate::dist::build(sh)?;
    let one_file = crate::one_file::write(sh)?;
    println!("one-file: {}", one_file.display());
    Ok(())
}

fn describe_slow(slow: Option<u64>) -> String {
    slow.map(|ms| format!(" (slow AWS: +{ms} ms on every answer)"))
        .unwrap_or_default()
}
