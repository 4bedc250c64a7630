//! Clusters and backtracks, and how a backtrack moves from `pending` to `completed` over time.
//!
//! States are computed from the time a backtrack was created, so nothing runs in the background.

use crate::cmd::Caller;
use crate::config::{ClusterSeed, Timings};
use std::time::Duration;

/// A cluster and its backtracks.
#[derive(Clone, Debug)]
pub(crate) struct Cluster {
    pub(crate) seed: ClusterSeed,
    /// Backtracks, oldest first.
    pub(crate) backtracks: Vec<Backtrack>,
}

/// One backtrack.
#[derive(Clone, Debug)]
pub(crate) struct Backtrack {
    pub(crate) id: String,
    pub(crate) backtrack_to: i64,
    pub(crate) backtracked_from: i64,
    pub(crate) created: i64,
    pub(crate) fails: bool,
    /// Who asked for it, and from where (what CloudTrail records).
    pub(crate) caller: Caller,
}

impl Backtrack {
    /// The status at server time `now` (milliseconds).
    pub(crate) fn status(&self, now: i64, timings: Timings) -> &'static str {
        let elapsed = Duration::from_millis(u64::try_from(now - self.created).unwrap_or(0));
        if elapsed < timings.pending {
            "pending"
        } else if elapsed < timings.pending + timings.applying {
            "applying"
        } else if self.fails {
            "failed"
        } else {
            "completed"
        }
    }
}

impl Cluster {
    /// A cluster as seeded, with `history` completed backtracks, one an hour, ending `now`.
    pub(crate) fn new(seed: ClusterSeed, now: i64) -> Self {
        let backtracks = (0..seed.history)
            .rev()
            .map(|i| {
                let from = now - (i as i64 + 1) * 3_600_000;
                Backtrack {
                    id: uuid::Uuid::new_v4().to_string(),
                    backtrack_to: from - 600_000,
                    backtracked_from: from,
                    created: from,
                    fails: false,
                    caller: Caller::seeded(),
                }
            })
            .collect();
        Self { seed, backtracks }
    }

    /// `Status`: `backtracking` while a backtrack is under way, else as seeded.
    pub(crate) fn status(&self, now: i64, timings: Timings) -> &str {
        let busy = self
            .backtracks
            .iter()
            .any(|b| !matches!(b.status(now, timings), "completed" | "failed"));
        if busy {
            "backtracking"
        } else {
            &self.seed.status
        }
    }

    /// `EarliestBacktrackTime`: the start of the window, moving with the clock; `None` if disabled.
    pub(crate) fn earliest_backtrack_time(&self, now: i64) -> Option<i64> {
        let window = self.seed.backtrack_window_secs as i64 * 1000;
        (window > 0).then(|| (now - window) / 1000 * 1000)
    }

    /// The change records the window holds; grows with the backtracks made.
    pub(crate) fn consumed_change_records(&self) -> u64 {
        self.seed.backtrack_window_secs / 10 + self.backtracks.len() as u64 * 100
    }
}

/// Every cluster the sandbox holds, the timings of its backtracks, and the region it answers for.
#[derive(Debug)]
pub(crate) struct World {
    pub(crate) clusters: Vec<Cluster>,
    pub(crate) timings: Timings,
    pub(crate) region: String,
    /// How many `LookupEvents` calls have come (every third is throttled).
    pub(crate) trail_lookups: u64,
    /// See [`crate::config::Config::metric_page_points`].
    pub(crate) metric_page_points: usize,
    /// See [`crate::config::Config::trail_delivery_secs`], in milliseconds.
    pub(crate) trail_delivery_ms: i64,
}

impl World {
    /// The cluster named `id`, matched case-insensitively as RDS does.
    pub(crate) fn cluster_mut(&mut self, id: &str) -> Option<&mut Cluster> {
        self.clusters
            .iter_mut()
            .find(|c| c.seed.id.eq_ignore_ascii_case(id.trim()))
    }

    /// See [`World::cluster_mut`].
    pub(crate) fn cluster(&self, id: &str) -> Option<&Cluster> {
        self.clusters
            .iter()
            .find(|c| c.seed.id.eq_ignore_ascii_case(id.trim()))
    }
}
