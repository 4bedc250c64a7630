//! A local stand-in for the RDS Query API: `BacktrackDBCluster`, `DescribeDBClusterBacktracks` and
//! `DescribeDBClusters`, with RDS's signature checks, error XML and CORS behaviour.
//!
//! It lets anyone rehearse a backtrack without an AWS account, and gives the console's tests
//! something that behaves like RDS.
//!
//! # Layout
//! - [`config`]: credentials, seeded clusters, timings and faults (from flags or a seed file).
//! - `sigv4`: an independent SigV4 verifier, written from the specification (hmac + sha2).
//! - `state`: clusters and backtracks, and how backtracks move over time.
//! - `cmd`: one module per operation, dispatched through one table, [`cmd::OPERATIONS`].
//! - `xml`: RDS's response and error envelopes.
//! - `sso`: IAM Identity Center's device authorization and access portal, and the credentials
//!   they mint.
//! - [`server`]: the HTTP front: CORS, authentication, faults, the request log.
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod cmd;
pub mod config;
pub mod server;
pub mod sigv4;
mod sso;
mod state;
mod xml;

pub use server::{app, run};
