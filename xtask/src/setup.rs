//! `cargo xtask setup`: installs what a fresh machine lacks; quick when everything is there.

use crate::flags;
use crate::tools::{self, CHROMEDRIVER, CHROMIUM, TRUNK_VERSION};
use anyhow::{bail, Context};
use std::path::Path;
use std::time::Instant;
use xshell::{cmd, Shell};

/// One install step: quick when its tool is already there.
type Install = fn(&Shell) -> anyhow::Result<()>;

/// Steps that can run side by side: the two `cargo install`s, the Python tools, and the package-manager
/// steps (one after the other, as apt takes a lock).
const INSTALL_GROUPS: [&[Install]; 4] = [
    &[trunk],
    &[wasm_bindgen],
    &[python_tools],
    &[node_tools, chromium],
];

impl flags::Setup {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        let started = Instant::now();
        wasm_target(sh)?;
        std::thread::scope(|scope| {
            let running: Vec<_> = INSTALL_GROUPS
                .iter()
                .map(|group| {
                    scope.spawn(move || {
                        let sh = tools::shell()?;
                        group.iter().try_for_each(|install| install(&sh))
                    })
                })
                .collect();
            running
                .into_iter()
                .try_for_each(|step| step.join().expect("an install step panicked"))
        })?;
        println!(
            "setup: all tools present ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
        Ok(())
    }
}

/// What `trunk build --release` needs (the wasm target, trunk, wasm-bindgen, wasm-opt), installed
/// if missing, so a build never falls back to trunk's downloads (which fail offline).
pub(crate) fn build_tools(sh: &Shell) -> anyhow::Result<()> {
    wasm_target(sh)?;
    trunk(sh)?;
    wasm_bindgen(sh)?;
    node_tools(sh)
}

fn wasm_target(sh: &Shell) -> anyhow::Result<()> {
    let installed = cmd!(sh, "rustup target list --installed").quiet().read()?;
    if installed.lines().any(|t| t == "wasm32-unknown-unknown") {
        return Ok(());
    }
    step("adding the wasm32-unknown-unknown target");
    cmd!(sh, "rustup target add wasm32-unknown-unknown")
        .run()
        .context("`rustup target add wasm32-unknown-unknown` failed")
}

fn trunk(sh: &Shell) -> anyhow::Result<()> {
    if tools::version_of(sh, "trunk").as_deref() == Some(&format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    step("installing trunk (about 7 minutes)");
    cmd!(sh, "cargo install trunk --version {TRUNK_VERSION} --locked")
        .run()
        .with_context(|| format!("run `cargo install trunk --version {TRUNK_VERSION} --locked`"))
}

fn wasm_bindgen(sh: &Shell) -> anyhow::Result<()> {
    let version = tools::locked_wasm_bindgen_version(sh)?;
    let want = format!("wasm-bindgen {version}");
    let runner = tools::version_of(sh, "wasm-bindgen-test-runner");
    if tools::version_of(sh, "wasm-bindgen").as_deref() == Some(&want) && runner.is_some() {
        return Ok(());
    }
    step(&format!(
        "installing wasm-bindgen-cli {version} (about 2 minutes)"
    ));
    // Not `--locked`: the registry mirror lacks one of its pinned dependencies.
    cmd!(
        sh,
        "cargo install wasm-bindgen-cli --version {version} --force"
    )
    .run()
    .with_context(|| format!("run `cargo install wasm-bindgen-cli --version {version}`"))
}

/// wasm-opt (npm package binaryen, for trunk) and esbuild (for `compact_glue`), pinned in
/// `xtask/package.json`.
fn node_tools(sh: &Shell) -> anyhow::Result<()> {
    let bin = tools::node_bin();
    if ["wasm-opt", "esbuild"]
        .iter()
        .all(|tool| bin.join(tool).exists())
    {
        return Ok(());
    }
    if tools::version_of(sh, "npm").is_none() {
        install_debian_packages(sh, &["nodejs", "npm"])?;
    }
    step("installing wasm-opt (npm package binaryen) and esbuild");
    let _dir = sh.push_dir("xtask");
    cmd!(sh, "npm install --no-audit --no-fund")
        .run()
        .context("run `npm install` in xtask/")
}

/// cfn-lint and moto's server, pinned in `xtask/requirements.txt`, in one virtualenv.
fn python_tools(sh: &Shell) -> anyhow::Result<()> {
    let requirements =
        std::fs::read_to_string(tools::project_root().join("xtask/requirements.txt"))?;
    let python = tools::venv_python();
    if python.exists() && installed_match(sh, &python, &requirements) {
        return Ok(());
    }
    let wanted: Vec<&str> = requirements.lines().map(str::trim).collect();
    step(&format!(
        "installing {} (PyPI, into xtask/.venv)",
        wanted.join(", ")
    ));
    let _dir = sh.push_dir("xtask");
    cmd!(sh, "python3 -m venv .venv")
        .run()
        .context("create xtask/.venv (on Debian: apt-get install python3-venv)")?;
    cmd!(
        sh,
        ".venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt"
    )
    .run()
    .context("pip install -r xtask/requirements.txt into xtask/.venv")
}

/// Whether every `name[extras]==version` line of `requirements` is installed at that version.
fn installed_match(sh: &Shell, python: &Path, requirements: &str) -> bool {
    let pins: Vec<(&str, &str)> = requirements
        .lines()
        .filter_map(|line| line.trim().split_once("=="))
        .map(|(name, version)| (name.split('[').next().unwrap_or(name), version))
        .collect();
    let names: Vec<&str> = pins.iter().map(|(name, _)| *name).collect();
    let script = "import sys, importlib.metadata as m\nfor n in sys.argv[1:]: print(m.version(n))";
    let Ok(found) = cmd!(sh, "{python} -c {script} {names...}")
        .quiet()
        .ignore_stderr()
        .read()
    else {
        return false;
    };
    found.lines().eq(pins.iter().map(|(_, version)| *version))
}

fn chromium(sh: &Shell) -> anyhow::Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return Ok(());
    }
    install_debian_packages(sh, &["chromium", "chromium-driver"])
}

fn install_debian_packages(sh: &Shell, packages: &[&str]) -> anyhow::Result<()> {
    let command = format!(
        "apt-get update && apt-get install -y {}",
        packages.join(" ")
    );
    let is_root = cmd!(sh, "id -u").quiet().read().is_ok_and(|id| id == "0");
    if !is_root || !Path::new("/usr/bin/apt-get").exists() {
        bail!("{} missing: install them with `sudo sh -c '{command}'` (or your system's equivalent), then run `cargo xtask setup` again", packages.join(" and "));
    }
    step(&format!("installing {}", packages.join(", ")));
    cmd!(sh, "apt-get update -q")
        .run()
        .context("apt-get update")?;
    cmd!(sh, "apt-get install -y -q {packages...}")
        .env("DEBIAN_FRONTEND", "noninteractive")
        .run()
        .with_context(|| format!("run `{command}`"))
}

fn step(what: &str) {
    println!("setup: {what}");
}
