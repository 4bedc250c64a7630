//! Who asked for a backtrack: CloudTrail's `BacktrackDBCluster` events (read with
//! [`crate::calls::LookupEvents`]) and which of them started a given backtrack.
//!
//! CloudTrail does not document the keys inside a `BacktrackDBCluster` event's
//! `requestParameters` and `responseElements`, so an event is matched by the backtrack's
//! identifier when it names one, else by cluster and time.

use crate::calls::{EventPage, LookupEvents};
use crate::identity::CallerIdentity;
use crate::model::{ClusterId, DbClusterBacktrack};
use crate::time::Timestamp;

/// How far apart a backtrack's request time and its event's time may be for a match by cluster
/// and time: CloudTrail's time is the call's, RDS's the request's, a few seconds apart at most.
pub const MATCH_WINDOW_MS: i64 = 120_000;

/// How far back CloudTrail's event history reaches: 90 days.
pub const RETENTION_MS: i64 = 90 * 86_400_000;

/// How long CloudTrail may take to deliver an event: a backtrack requested this recently may not
/// be in it yet.
pub const DELIVERY_MS: i64 = 15 * 60_000;

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

/// Who requested a backtrack, as far as the pages read so far tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requester<'a> {
    /// This event started it.
    Found(&'a TrailEvent),
    /// Older pages may hold it: not known yet.
    Reading,
    /// CloudTrail has no event for it (`recent`: requested within [`DELIVERY_MS`] of the read's
    /// end, so its event may not have been delivered yet).
    Unknown {
        /// Requested in the last [`DELIVERY_MS`] of the read.
        recent: bool,
    },
}

/// The region's `BacktrackDBCluster` events read so far, newest first, from the last
/// [`RETENTION_MS`] before the first page's end; read further only as far as the rows need.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrailRead {
    /// The call that read the last page (its `next_token` the one that read it).
    call: LookupEvents,
    /// Every event read, newest first.
    pub events: Vec<TrailEvent>,
    /// Where the next page starts; `None` once every page is read.
    next_token: Option<String>,
}

impl TrailRead {
    /// The first page's call: every event of the retention period before `end`.
    pub fn first_call(end: Timestamp) -> LookupEvents {
        LookupEvents {
            start: end.add_millis(-RETENTION_MS),
            end,
            next_token: None,
        }
    }

    /// What `call` read.
    pub fn new(call: LookupEvents, page: EventPage) -> Self {
        Self {
            call,
            events: page.events,
            next_token: page.next_token,
        }
    }

    /// Adds the page `call` read.
    pub fn extend(&mut self, call: LookupEvents, page: EventPage) {
        self.call = call;
        self.events.extend(page.events);
        self.next_token = page.next_token;
    }

    /// The call for the next page, when `rows` need one (a row is still [`Requester::Reading`]).
    pub fn next_call(&self, rows: &[DbClusterBacktrack]) -> Option<LookupEvents> {
        let needed = rows.iter().any(|b| self.requester(b) == Requester::Reading);
        let next_token = Some(self.next_token.clone().filter(|_| needed)?);
        Some(LookupEvents {
            next_token,
            ..self.call.clone()
        })
    }

    /// Who requested `backtrack`, as far as the events read tell.
    pub fn requester(&self, backtrack: &DbClusterBacktrack) -> Requester<'_> {
        if let Some(event) = requested_by(backtrack, &self.events) {
            return Requester::Found(event);
        }
        let requested = backtrack.request_creation_time;
        let oldest = self.events.last().map(|e| e.at.millis());
        let covered = self.next_token.is_none()
            || match (requested, oldest) {
                (Some(r), Some(o)) => o < r.millis() - MATCH_WINDOW_MS,
                // An empty page can still have a next one.
                (Some(_), None) => false,
                (None, _) => true,
            };
        if !covered {
            return Requester::Reading;
        }
        Requester::Unknown {
            recent: requested.is_some_and(|r| r.millis() > self.call.end.millis() - DELIVERY_MS),
        }
    }
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

    fn read(events: Vec<TrailEvent>, next_token: Option<&str>) -> TrailRead {
        let call = TrailRead::first_call(Timestamp::from_secs(100_000));
        let page = EventPage {
            events,
            next_token: next_token.map(str::to_owned),
        };
        TrailRead::new(call, page)
    }

    #[test]
    fn the_first_call_reaches_back_90_days() {
        let call = TrailRead::first_call(Timestamp::from_secs(10_000_000));
        assert_eq!(call.start.secs(), 10_000_000 - 90 * 86_400);
        assert_eq!(call.next_token, None);
    }

    #[test]
    fn pages_are_read_only_while_a_row_may_be_in_an_older_one() {
        let mut trail = read(vec![event("e1", 90_000, "orders-prod", None)], Some("t1"));
        let recent = backtrack("b-new", 90_010);
        assert_eq!(trail.next_call(std::slice::from_ref(&recent)), None);
        let old = backtrack("b-old", 50_000);
        assert_eq!(trail.requester(&old), Requester::Reading);
        let next = trail.next_call(&[recent, old.clone()]).unwrap();
        assert_eq!(next.next_token.as_deref(), Some("t1"));
        assert_eq!((next.start, next.end), (trail.call.start, trail.call.end));
        let older = EventPage {
            events: vec![event("e0", 40_000, "orders-prod", None)],
            next_token: Some("t2".into()),
        };
        trail.extend(next, older);
        // The oldest event is now older than the row (by more than the match window).
        assert_eq!(trail.requester(&old), Requester::Unknown { recent: false });
        assert_eq!(trail.next_call(&[old]), None);
    }

    #[test]
    fn an_empty_page_with_a_token_is_not_the_end() {
        let trail = read(Vec::new(), Some("t1"));
        assert_eq!(
            trail.requester(&backtrack("b-1", 1_000)),
            Requester::Reading
        );
        let last = read(Vec::new(), None);
        assert_eq!(
            last.requester(&backtrack("b-1", 1_000)),
            Requester::Unknown { recent: false }
        );
    }

    #[test]
    fn a_backtrack_of_the_last_15_minutes_may_not_be_delivered_yet() {
        let trail = read(vec![event("e1", 50_000, "orders-prod", None)], None);
        let end = 100_000;
        assert_eq!(
            trail.requester(&backtrack("b-1", end - 14 * 60)),
            Requester::Unknown { recent: true }
        );
        assert_eq!(
            trail.requester(&backtrack("b-1", end - 16 * 60)),
            Requester::Unknown { recent: false }
        );
        let found = trail.requester(&backtrack("b-1", 50_030));
        assert!(matches!(found, Requester::Found(e) if e.event_id == "e1"));
    }
}
