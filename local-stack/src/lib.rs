//! What the pieces of the local stack (`cargo xtask dev`, the sandbox, the proxy, the e2e suite and
//! the benchmarks) must agree on, in one place.
//!
//! - [`ports`]: where each piece listens, and the console's origins.
//! - [`browser`]: where Debian puts Chromium and ChromeDriver.
//! - [`csp`]: the page's CSP as hosts serve it.
//! - [`e2e`]: what `cargo xtask e2e` sets for the end-to-end suite.
//! - [`bench`]: the benchmarks' default sizes.
//! - [`python`]: where setup puts cfn-lint and moto.
//! - [`service`] (feature `service`): how the sandbox and the proxy log and stop.
#![warn(missing_docs)]

pub mod bench;
pub mod browser;
pub mod csp;
pub mod e2e;
pub mod ports;
pub mod python;
#[cfg(feature = "service")]
pub mod service;
