//! `cargo xtask dev`: the sandbox, the proxy and `trunk serve` together; Ctrl-C stops all three.

use crate::flags;
use crate::services;
use anyhow::Context;
use xshell::{cmd, Shell};

use local_stack::ports::{self, PROXY as PROXY_PORT, SANDBOX as SANDBOX_PORT};

impl flags::Dev {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        flags::Setup {}.run(sh)?;
        services::build(sh, "dev")?;
        let port = self.port.to_string();
        let origins = ports::console_origins(self.port);
        let sandbox_url = ports::loopback_url(SANDBOX_PORT);
        let _sandbox =
            services::start(sh, "sandbox", "debug", "sandbox", SANDBOX_PORT, &[], false)?;
        let proxy_args = vec![
            "--allow-origin".to_owned(),
            origins[0].clone(),
            "--allow-origin".to_owned(),
            origins[1].clone(),
            "--allow-target".to_owned(),
            sandbox_url.clone(),
        ];
        let _proxy = services::start(
            sh,
            "proxy",
            "debug",
            "proxy",
            PROXY_PORT,
            &proxy_args,
            false,
        )?;
        println!();
        println!(
            "dev: open http://127.0.0.1:{port}/ (Ctrl-C stops the console, sandbox and proxy)"
        );
        println!("dev: to rehearse against the sandbox, set Endpoint URL to {sandbox_url}");
        println!("dev:   (optionally CORS proxy URL to http://127.0.0.1:{PROXY_PORT}/) and paste the credentials printed above.");
        println!("dev: against real AWS, use CORS proxy URL /{{service}}/{{region}}/ (trunk serve's routes)");
        println!(
            "dev:   or http://127.0.0.1:{PROXY_PORT}/ (the CORS proxy, which forwards to RDS)."
        );
        println!();
        cmd!(sh, "trunk serve --port {port}")
            .run()
            .context("trunk serve")
    }
}
