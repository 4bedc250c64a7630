//! `cargo xtask dev`: builds the console and serves it with live reload.

use crate::flags;
use anyhow::Context;
use xshell::{cmd, Shell};

impl flags::Dev {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        flags::Setup {}.run(sh)?;
        let port = self.port.to_string();
        println!("dev: open http://127.0.0.1:{port}/ (Ctrl-C stops)");
        cmd!(sh, "trunk serve --port {port}")
            .run()
            .context("trunk serve")
    }
}
