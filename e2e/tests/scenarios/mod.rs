//! The scenarios, one module per theme, each a test that can fail.

mod backtrack_cluster;
mod blocked_clusters;
mod clock_skew;
mod cluster_list;
mod confirmation;
mod credentials;
mod faults;
mod history;
mod keyboard;
mod moto;
mod one_file;
mod page_security;
mod recover_and_repeat;
mod round_trips;
mod routes;
mod steady_page;
mod time_rules;
mod time_zone;
mod unknown_outcome;
mod view_link;
mod what_this_undoes;
mod who;
mod window_health;

use crate::fixtures::AppWorld;
use rds_sandbox::config::{Config, Timings};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A scenario's future.
pub type Run<'a> = Pin<Box<dyn Future<Output = anyhow::Result<()>> + 'a>>;

/// One end-to-end scenario, registered where it is defined with `inventory::submit!`.
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

inventory::collect!(Scenario);

/// Every scenario defined with `inventory::submit!`, by name.
pub fn all() -> Vec<&'static Scenario> {
    let mut all: Vec<_> = inventory::iter::<Scenario>.into_iter().collect();
    all.sort_by_key(|s| s.name);
    all
}
