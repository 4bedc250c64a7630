//! Who asked for a backtrack: CloudTrail's `BacktrackDBCluster` events (read with
//! [`crate::calls::LookupEvents`]) and which of them started a given backtrack.
//!
//! CloudTrail does not document the keys inside a `BacktrackDBCluster` event's
//! `requestParameters` and `responseElements`, so an event is matched by the backtrack's
//! identifier when it names one, else by cluster and time.

use crate::identity::CallerIdentity;
use crate::model::{ClusterId, DbClusterBacktrack};
use crate::time::Timestamp;

/// How far apart a backtrack's request time and its event's time may be for a match by cluster
/// and time: CloudTrail's time is the call's, RDS's the request's, a few seconds apart at most.
pub const MATCH_WINDOW_MS: i64 = 120_000;

/// One `BacktrackDBCluster` call as CloudTrail recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailEvent {
    /// `EventId`.
    pub event_id: String,
    /// `EventTime`: when the call was made.
    pub at: Timestamp,
    /// `userIdentity`: who made it (its ARN, account and principal), if recorded.
    pub caller: Option<CallerIdentity>,
    /// `sourceIPAddress`: where it came from, if recorded.
    pub source_ip: Option<String>,
    /// The cluster it names in `requestParameters`, if readable.
    pub cluster: Option<ClusterId>,
    /// The backtrack it started, from `responseElements`, if recorded.
    pub backtrack_id: Option<String>,
    /// `errorCode`: the call failed and started nothing.
    pub error_code: Option<String>,
}

/// The event of the call that started `backtrack`: the one naming its identifier, else the
/// successful call on its cluster closest to its request time (within [`MATCH_WINDOW_MS`]).
pub fn requested_by<'a>(
    backtrack: &DbClusterBacktrack,
    events: &'a [TrailEvent],
) -> Option<&'a TrailEvent> {
    if let Some(named) = events
        .iter()
        .find(|e| e.backtrack_id.as_deref() == Some(backtrack.backtrack_id.as_str()))
    {
        return Some(named);
    }
    let requested = backtrack.request_creation_time?;
    events
        .iter()
        .filter(|e| {
            e.backtrack_id.is_none()
                && e.error_code.is_none()
                && e.cluster.as_ref() == Some(&backtrack.cluster_id)
        })
        .map(|e| ((e.at.millis() - requested.millis()).abs(), e))
        .filter(|(distance, _)| *distance <= MATCH_WINDOW_MS)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, e)| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BacktrackStatus;

    fn backtrack(id: &str, requested_secs: i64) -> DbClusterBacktrack {
        DbClusterBacktrack {
            cluster_id: ClusterId::parse("orders-prod").unwrap(),
            backtrack_id: id.into(),
            backtrack_to: None,
            backtracked_from: None,
            request_creation_time: Some(Timestamp::from_secs(requested_secs)),
            status: BacktrackStatus::Completed,
        }
    }

    fn event(id: &str, at_secs: i64, cluster: &str, backtrack: Option<&str>) -> TrailEvent {
        TrailEvent {
            event_id: id.into(),
            at: Timestamp::from_secs(at_secs),
            caller: None,
            source_ip: None,
            cluster: ClusterId::parse(cluster).ok(),
            backtrack_id: backtrack.map(str::to_owned),
            error_code: None,
        }
    }

    #[test]
    fn the_identifier_decides_when_an_event_names_one() {
        let events = [
            event("e1", 1_000, "orders-prod", Some("b-2")),
            event("e2", 5_000, "orders-prod", Some("b-1")),
        ];
        let found = requested_by(&backtrack("b-1", 1_000), &events).unwrap();
        assert_eq!(found.event_id, "e2", "not the one closer in time");
    }

    #[test]
    fn else_the_closest_successful_call_on_the_cluster_within_two_minutes() {
        let failed = TrailEvent {
            error_code: Some("InvalidDBClusterStateFault".into()),
            ..event("failed", 1_001, "orders-prod", None)
        };
        let events = [
            failed,
            event("other-cluster", 1_000, "billing", None),
            event("near", 1_030, "orders-prod", None),
            event("nearer", 995, "orders-prod", None),
        ];
        let found = requested_by(&backtrack("b-1", 1_000), &events).unwrap();
        assert_eq!(found.event_id, "nearer");
        let far = [event("far", 1_121, "orders-prod", None)];
        assert_eq!(requested_by(&backtrack("b-1", 1_000), &far), None);
        let unknown_time = DbClusterBacktrack {
            request_creation_time: None,
            ..backtrack("b-1", 0)
        };
        assert_eq!(requested_by(&unknown_time, &events), None);
    }
}
