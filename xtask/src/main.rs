//! Project scripts, run as `cargo xtask <task>` (see <https://github.com/matklad/cargo-xtask>).
//!
//! # Layout
//! - `flags`: the command line.
//! - `setup`: installs the tools a fresh machine lacks.
//! - `test`: every check CI runs.
//! - `e2e`: the end-to-end suite alone, repeated, optionally slowed.
//! - `dev`: builds and serves the console for local work.
//! - `deploy`: the CloudFormation template's checks, and deploying with the AWS CLI.
//! - `dist`: the release build, sealed (integrity hashes, build-time `connect-src` origins).
//! - `caching`: which files of `dist/` may be cached as immutable.
//! - `one_file`: the release console as one HTML file, for opening from disk.
//! - `size`: the release bundle's size against its budget.
//! - `bench`: the console against its peers in Chromium; load on the proxy.
//! - `services`: the sandbox and proxy as child processes.
//! - `tools`: where the tools live and how to find them.

mod allowlist;
mod bench;
mod caching;
mod compact_glue;
mod deploy;
mod dev;
mod dist;
mod e2e;
mod flags;
mod one_file;
mod order_functions;
mod services;
mod setup;
mod size;
mod test;
mod tools;

use clap::Parser;

fn main() -> anyhow::Result<()> {
    let sh = tools::shell()?;
    match flags::Xtask::parse().command {
        flags::Command::Setup(cmd) => cmd.run(&sh),
        flags::Command::Test(cmd) => cmd.run(&sh),
        flags::Command::Dev(cmd) => cmd.run(&sh),
        flags::Command::Dist(cmd) => cmd.run(&sh),
        flags::Command::Deploy(cmd) => cmd.run(&sh),
        flags::Command::OneFile(cmd) => cmd.run(&sh),
        flags::Command::Size(cmd) => cmd.run(&sh),
        flags::Command::E2e(cmd) => cmd.run(&sh),
        flags::Command::Bench(cmd) => cmd.run(&sh),
    }
}
