//! Debian's ChromeDriver and headless Chromium sessions, with ChromeDriver's extension commands
//! (DevTools, network conditions, logs).

use anyhow::Context;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder};
use std::net::SocketAddr;
use std::process::Stdio;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::process::{Child, Command};

use local_stack::browser::{CHROMEDRIVER, CHROMIUM};

/// ChromeDriver, killed when dropped.
pub struct Driver {
    /// Its URL.
    pub url: String,
    child: Child,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

/// Starts ChromeDriver on a free port.
pub async fn chromedriver() -> anyhow::Result<Driver> {
    let port = TcpListener::bind("127.0.0.1:0").await?.local_addr()?.port();
    let child = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| CHROMEDRIVER.into()))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .context("start chromedriver (run `cargo xtask setup`)")?;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    crate::wait::until(Duration::from_secs(10), || async {
        tokio::net::TcpStream::connect(addr)
            .await
            .with_context(|| format!("chromedriver did not start on {addr}"))
    })
    .await?;
    Ok(Driver {
        url: format!("http://{addr}"),
        child,
    })
}

/// Opens a fresh headless Chromium (a new profile, so nothing is cached) with the browser log on.
pub async fn open_session(driver: &str) -> anyhow::Result<Client> {
    let mut caps = Capabilities::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| CHROMIUM.into()),
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--window-size=1100,1600"],
        }),
    );
    caps.insert(
        "goog:loggingPrefs".into(),
        serde_json::json!({ "browser": "ALL" }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(driver)
        .await
        .context("open a Chromium session")
}

/// Runs the DevTools command `cmd` with `params` in the session's page.
pub async fn devtools(
    client: &Client,
    cmd: &str,
    params: serde_json::Value,
) -> anyhow::Result<serde_json::Value> {
    let body = serde_json::json!({ "cmd": cmd, "params": params });
    client
        .issue_cmd(SessionCommand {
            path: "goog/cdp/execute".into(),
            body: Some(body.to_string()),
        })
        .await
        .with_context(|| format!("DevTools {cmd}"))
}

/// A ChromeDriver extension command on the current session: `GET` without a body, else `POST`.
#[derive(Debug)]
pub struct SessionCommand {
    /// The path after `session/{id}/`.
    pub path: String,
    /// The JSON body of a `POST`.
    pub body: Option<String>,
}

impl WebDriverCompatibleCommand for SessionCommand {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/{}",
            session_id.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let method = if self.body.is_some() {
            http::Method::POST
        } else {
            http::Method::GET
        };
        (method, self.body.clone())
    }
}
