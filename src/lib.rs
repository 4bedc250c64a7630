//! Backtrack Console: backtrack an Aurora MySQL cluster safely from the browser.
//!
//! # Layout
//! - [`client`]: the browser edge: signs with the core, fetches with gloo-net, parses with the core.
//! - [`browser`]: clock, timers, storage and clipboard from the browser.
//! - `bench` (feature `bench` only): the hook `cargo xtask bench` times.
//! - [`ui`]: Leptos components, one file each, and the context types they share.
//!
//! What AWS speaks (model, encoding, signing, parsing, errors, time) lives in the `rds-core` crate.
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

#[cfg(feature = "bench")]
pub mod bench;
pub mod browser;
pub mod client;
pub mod ui;

pub use ui::app::App;
