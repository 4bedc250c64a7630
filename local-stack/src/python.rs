//! The Python tools `cargo xtask setup` installs from `xtask/requirements.txt`: cfn-lint and
//! moto's server (the second AWS-compatible server of the end-to-end suite).

/// The virtualenv's `bin/`, relative to the workspace root.
pub const VENV_BIN: &str = "xtask/.venv/bin";

/// moto's server, relative to the workspace root.
pub const MOTO_SERVER: &str = "xtask/.venv/bin/moto_server";
