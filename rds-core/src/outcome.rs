//! When `BacktrackDBCluster` was sent and no readable answer came back, the backtrack may have
//! started. This finds out from what `DescribeDBClusterBacktracks` lists, never by sending again.

use crate::model::{BacktrackRequest, DbClusterBacktrack};
use crate::time::Timestamp;

/// How long after the send a backtrack that is not listed counts as never started: RDS lists a
/// new backtrack at once, and this leaves time for a slow or lagging read.
pub const SETTLE_MS: i64 = 15_000;

/// How much earlier than the send (by the page's corrected clock) a listed backtrack may say it
/// was created and still be this send's: the clock is known to about a second from `Date`.
pub const CLOCK_MARGIN_MS: i64 = 60_000;

/// A send whose answer could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnreadSend {
    /// What was sent.
    pub request: BacktrackRequest,
    /// The server's time when it was sent, as the page knew it.
    pub sent_at: Timestamp,
    /// Backtracks of the cluster the page knew before the send (never this send's).
    pub known_before: Vec<String>,
}

/// What one read of the cluster's backtracks says about the send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// It started: this is the backtrack it created.
    Started(DbClusterBacktrack),
    /// Not listed yet, and too soon to say it never started: read again.
    NotListedYet,
    /// Not listed long enough after the send: it did not start, and may be sent again.
    NoneStarted,
}

impl UnreadSend {
    /// Judges `listed`, the cluster's backtracks as read at server time `read_at`: the earliest
    /// backtrack of this cluster created since the send (less [`CLOCK_MARGIN_MS`]) that the page
    /// did not know before it.
    pub fn judge(&self, listed: &[DbClusterBacktrack], read_at: Timestamp) -> Finding {
        let since = self.sent_at.add_millis(-CLOCK_MARGIN_MS);
        let ours = listed
            .iter()
            .filter(|b| b.cluster_id == self.request.cluster)
            .filter(|b| !self.known_before.contains(&b.backtrack_id))
            .filter(|b| b.request_creation_time.is_some_and(|at| at >= since))
            .min_by_key(|b| b.request_creation_time);
        match ours {
            Some(b) => Finding::Started(b.clone()),
            None if read_at.millis() - self.sent_at.millis() >= SETTLE_MS => Finding::NoneStarted,
            None => Finding::NotListedYet,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BacktrackStatus, ClusterId};

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_secs(1_795_600_000 + secs)
    }

    fn sent() -> UnreadSend {
        UnreadSend {
            request: BacktrackRequest {
                cluster: ClusterId::parse("orders-prod").unwrap(),
                backtrack_to: at(-600),
                force: false,
                use_earliest_time_on_point_in_time_unavailable: false,
            },
            sent_at: at(0),
            known_before: vec!["old-known".into()],
        }
    }

    fn listed(id: &str, cluster: &str, created: i64) -> DbClusterBacktrack {
        DbClusterBacktrack {
            cluster_id: ClusterId::parse(cluster).unwrap(),
            backtrack_id: id.into(),
            backtrack_to: Some(at(-600)),
            backtracked_from: None,
            request_creation_time: Some(at(created)),
            status: BacktrackStatus::Pending,
        }
    }

    #[test]
    fn a_backtrack_created_since_the_send_is_the_one_it_started() {
        let page = [
            listed("older", "orders-prod", -3600),
            listed("ours", "orders-prod", 1),
            listed("later", "orders-prod", 5),
        ];
        assert_eq!(
            sent().judge(&page, at(3)),
            Finding::Started(page[1].clone())
        );
    }

    #[test]
    fn a_clock_a_little_behind_still_finds_it() {
        let page = [listed("ours", "ORDERS-PROD", -30)];
        assert!(matches!(sent().judge(&page, at(3)), Finding::Started(_)));
    }

    #[test]
    fn known_older_and_other_clusters_backtracks_are_never_taken_for_it() {
        let page = [
            listed("old-known", "orders-prod", 0),
            listed("older", "orders-prod", -3600),
            listed("elsewhere", "other-cluster", 1),
        ];
        assert_eq!(sent().judge(&page, at(3)), Finding::NotListedYet);
        assert_eq!(
            sent().judge(&page, at(SETTLE_MS / 1000)),
            Finding::NoneStarted
        );
    }

    #[test]
    fn nothing_listed_is_not_yet_known_until_the_settle_time_has_passed() {
        assert_eq!(sent().judge(&[], at(14)), Finding::NotListedYet);
        assert_eq!(sent().judge(&[], at(15)), Finding::NoneStarted);
    }
}
