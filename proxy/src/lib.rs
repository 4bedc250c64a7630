//! A CORS proxy for the console: forwards signed calls from allowed browser origins to the RDS, STS
//! and CloudWatch endpoints on an allowlist, and refuses everything else. It is never an open proxy.
//!
//! Requests use the prefix convention: `POST /https://rds.us-east-1.amazonaws.com/`.
//!
//! # Layout
//! - [`config`]: origins, extra targets and limits.
//! - [`target`]: reading the target from the path and checking it against the allowlist.
//! - [`cors`]: the CORS headers of answers and preflights.
//! - [`forward`]: the upstream call (no redirects, time-limited, only SigV4's headers).
//! - [`server`]: the HTTP front: limits, refusals, logging without secrets.
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod config;
pub mod cors;
pub mod forward;
pub mod server;
pub mod target;

pub use server::run;
