//! Where the project's tools live, and how to read their versions.

use anyhow::{bail, Context};
use std::path::PathBuf;
use xshell::{cmd, Shell};

/// The trunk release the project builds with (0.22 needs a newer rustc).
pub(crate) const TRUNK_VERSION: &str = "0.21.14";

pub(crate) use local_stack::browser::{CHROMEDRIVER, CHROMIUM};

/// A shell in the workspace root with the project's tools first on its PATH.
pub(crate) fn shell() -> anyhow::Result<Shell> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    extend_path(&sh);
    Ok(sh)
}

/// The workspace root: of the tree `cargo xtask` was run in (`cargo run` sets
/// `CARGO_MANIFEST_DIR`), else of the tree this binary was built from. Two clones sharing one
/// `CARGO_TARGET_DIR` may run the same xtask binary; each must act on its own tree.
pub(crate) fn project_root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir
        .parent()
        .expect("xtask lives in the workspace root")
        .to_path_buf()
}

/// Cargo's target directory as cargo itself resolves it (`CARGO_TARGET_DIR`, config files, or
/// `target/`), so built binaries are found wherever they went.
pub(crate) fn target_dir(sh: &Shell) -> anyhow::Result<PathBuf> {
    let metadata = cmd!(sh, "cargo metadata --format-version 1 --no-deps")
        .quiet()
        .read()
        .context("run `cargo metadata`")?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).context("read `cargo metadata`")?;
    match metadata["target_directory"].as_str() {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => bail!("`cargo metadata` names no target_directory"),
    }
}

/// cfn-lint, installed by setup into a virtualenv from `xtask/requirements.txt`.
pub(crate) fn cfn_lint() -> PathBuf {
    project_root()
        .join(local_stack::python::VENV_BIN)
        .join("cfn-lint")
}

/// The Python of that virtualenv.
pub(crate) fn venv_python() -> PathBuf {
    project_root()
        .join(local_stack::python::VENV_BIN)
        .join("python3")
}

/// Where `npm install` puts wasm-opt (from the `binaryen` package).
pub(crate) fn node_bin() -> PathBuf {
    project_root().join("xtask/node_modules/.bin")
}

/// Puts wasm-opt and cargo-installed tools first on the PATH of every command this shell runs.
pub(crate) fn extend_path(sh: &Shell) {
    let mut paths = vec![node_bin()];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        paths.push(home.join("bin"));
    }
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    let joined = std::env::join_paths(paths).expect("PATH entries contain no separator");
    sh.set_var("PATH", joined);
}

/// The version of wasm-bindgen in Cargo.lock: the CLI must match it exactly.
pub(crate) fn locked_wasm_bindgen_version(sh: &Shell) -> anyhow::Result<String> {
    let lock = sh.read_file("Cargo.lock").context("read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("Cargo.lock names no wasm-bindgen; run `cargo generate-lockfile`")
}

/// The first line a tool prints for `--version`, or `None` if it is not installed.
pub(crate) fn version_of(sh: &Shell, program: &str) -> Option<String> {
    cmd!(sh, "{program} --version")
        .quiet()
        .ignore_stderr()
        .read()
        .ok()
        .map(|out| out.lines().next().unwrap_or_default().trim().to_owned())
}
