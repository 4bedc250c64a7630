//! Backtrack Console: backtrack an Aurora MySQL cluster safely from the browser.
//!
//! # Layout
//! - [`rds`]: the pure RDS core (model, Query encoding, SigV4, XML, errors, endpoints).
//! - [`ui`]: Leptos components, one file each.
#![warn(missing_docs, missing_debug_implementations, unreachable_pub)]

pub mod rds;
pub mod ui;

pub use ui::app::App;
