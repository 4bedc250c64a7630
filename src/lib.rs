//! Backtrack Console: backtrack an Aurora MySQL cluster safely from the browser.
//!
//! # Layout
//! - [`rds`]: the pure RDS core (model, Query encoding, SigV4, XML, errors, endpoints).
//! - [`client`]: the async client: encode, sign, fetch, parse.
//! - [`browser`]: clock, time zone, timers, storage and clipboard from the browser.
//! - [`ui`]: Leptos components, one file each.
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod browser;
pub mod client;
pub mod rds;
pub mod ui;

pub use ui::app::App;
