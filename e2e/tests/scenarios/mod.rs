//! The scenarios, one module per theme, each a test that can fail.

mod backtrack_cluster;
mod blocked_clusters;
mod clock_skew;
mod confirmation;
mod credentials;
mod faults;
mod history;
mod keyboard;
mod routes;
mod time_rules;
mod time_zone;

use crate::fixtures::AppWorld;
use rds_sandbox::config::{Config, Timings};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A scenario's future.
pub type Run<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + 'a>>;

/// One end-to-end scenario.
pub struct Scenario {
    /// Its name, also the prefix of its screenshots.
    pub name: &'static str,
    /// The sandbox it runs against.
    pub config: fn() -> Config,
    /// What the user does and must see.
    pub run: for<'a> fn(&'a mut AppWorld) -> Run<'a>,
}

/// A sandbox whose backtracks take one second in each state.
pub fn quick() -> Config {
    Config {
        timings: Timings {
            pending: Duration::from_secs(1),
            applying: Duration::from_secs(1),
        },
        ..Config::new()
    }
}

/// Every scenario, in the order they run.
pub const ALL: &[Scenario] = &[
    backtrack_cluster::HAPPY_PATH,
    backtrack_cluster::BINLOG_NEEDS_FORCE,
    history::HISTORY_PAGES,
    blocked_clusters::CANNOT_BACKTRACK,
    credentials::SERVER_REFUSES_CREDENTIALS,
    credentials::EXPIRED_CREDENTIALS_NEVER_SENT,
    clock_skew::SKEWED_CLOCK_CORRECTED,
    faults::POLLING_RECOVERS,
    time_rules::FUTURE_AND_EARLIEST,
    time_zone::LOCAL_TIME_ZONE,
    confirmation::WRONG_TEXT_AND_ESCAPE,
    keyboard::KEYBOARD_ONLY,
    routes::PREFIX_PROXY,
    routes::TEMPLATE_PROXY,
    routes::PROXY_REFUSES_OUTSIDE_ALLOWLIST,
];
