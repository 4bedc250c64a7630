//! What the proxy is started with.

use crate::target::Target;
use std::time::Duration;

/// The proxy's settings.
#[derive(Clone, Debug)]
pub struct Config {
    /// Browser origins allowed to use the proxy (`http://127.0.0.1:8080`); exact matches only.
    pub allowed_origins: Vec<String>,
    /// Targets allowed besides the RDS endpoints (e.g. the local sandbox).
    pub extra_targets: Vec<Target>,
    /// The largest request body forwarded, in bytes.
    pub max_body_bytes: usize,
    /// How long a client may take to send its request headers.
    pub header_timeout: Duration,
    /// How long a client may take to send its body.
    pub body_timeout: Duration,
    /// How long the upstream may take to answer.
    pub upstream_timeout: Duration,
    /// The most connections served at once; more wait.
    pub max_connections: usize,
}

impl Config {
    /// Defaults for `origins`: 64 KiB bodies, 10 s for headers and body, 30 s upstream, 1024 connections.
    pub fn new(allowed_origins: Vec<String>) -> Self {
        Self {
            allowed_origins,
            extra_targets: Vec::new(),
            max_body_bytes: 64 * 1024,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            upstream_timeout: Duration::from_secs(30),
            max_connections: 1024,
        }
    }

    /// True if `origin` is allowed exactly as written.
    pub fn origin_allowed(&self, origin: &str) -> bool {
        self.allowed_origins.iter().any(|o| o == origin)
    }
}
