//! Starting the sandbox and the proxy as child processes that stop when dropped.

use anyhow::{bail, Context};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use xshell::{cmd, Shell};

/// A running child process, killed when dropped.
#[derive(Debug)]
pub(crate) struct Service {
    name: &'static str,
    child: Child,
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        println!("stopped {}", self.name);
    }
}

/// Builds the sandbox and proxy binaries with `profile` (`dev` or `release`).
pub(crate) fn build(sh: &Shell, profile: &str) -> anyhow::Result<()> {
    cmd!(
        sh,
        "cargo build --locked --profile {profile} -p rds-sandbox -p cors-proxy"
    )
    .run()
    .context("build the sandbox and the proxy")
}

/// A port on 127.0.0.1 that is free now.
pub(crate) fn free_port() -> anyhow::Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Starts `{target}/{dir}/{binary} --port PORT args...` and waits until it accepts connections.
pub(crate) fn start(
    sh: &Shell,
    name: &'static str,
    dir: &str,
    binary: &str,
    port: u16,
    args: &[String],
    quiet: bool,
) -> anyhow::Result<Service> {
    let path = crate::tools::target_dir(sh)?.join(dir).join(binary);
    if !Path::new(&path).exists() {
        bail!("{} is missing: build it first", path.display());
    }
    let mut command = Command::new(&path);
    command.arg("--port").arg(port.to_string()).args(args);
    if quiet {
        command.stdout(Stdio::null()).stderr(Stdio::null());
    }
    let child = command
        .spawn()
        .with_context(|| format!("start {}", path.display()))?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let service = Service { name, child };
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        if Instant::now() > deadline {
            bail!("{name} did not start listening on {addr}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(service)
}
