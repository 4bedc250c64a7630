//! `Requested by`: who asked for each backtrack of the history, from CloudTrail's
//! `BacktrackDBCluster` events (`LookupEvents`). The first page is read for each look-up,
//! refresh or change of credentials, beside the history's first page (not again when paging back
//! to it); older pages are read one at a time, only while a row on screen may be in them
//! (CloudTrail allows 2 calls a second; the client backs off and retries when throttled).

use crate::client::Client;
use crate::ui::latest::Latest;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::error::{ErrorCode, RdsError};
use rds_core::model::{ClusterId, DbClusterBacktrack};
use rds_core::trail::{Requester, TrailRead};

/// The events read so far for the history on screen.
#[derive(Clone, Copy, Debug)]
pub struct Trail {
    /// What has been read; `None` while the first page is.
    read: RwSignal<Option<Result<TrailRead, RdsError>>>,
    /// The reads: a new start drops the pages still under way.
    reads: Latest,
    /// True while an older page is being read.
    following: StoredValue<bool>,
    /// The cluster of the history the last read was started for.
    cluster: StoredValue<Option<ClusterId>>,
}

impl Trail {
    /// Nothing read yet.
    pub fn new() -> Self {
        Self {
            read: RwSignal::new(None),
            reads: Latest::new(),
            following: StoredValue::new(false),
            cluster: StoredValue::new(None),
        }
    }

    /// Reads from the newest event again with `client`, for `cluster`'s history. Another
    /// cluster shows "reading" until it lands; for the same one (a refresh) what was read stays
    /// until then.
    pub fn start(self, client: Result<Client, RdsError>, cluster: ClusterId) {
        let ticket = self.reads.ask();
        self.following.set_value(false);
        if self
            .cluster
            .with_value(|shown| shown.as_ref() != Some(&cluster))
        {
            self.read.set(None);
        }
        self.cluster.set_value(Some(cluster));
        let client = match client {
            Ok(client) => client,
            Err(error) => return self.read.set(Some(Err(error))),
        };
        let call = TrailRead::first_call(client.server_now().whole_seconds());
        spawn_local(async move {
            let read = client.call(&call).await;
            if ticket.is_latest() {
                self.read
                    .try_set(Some(read.map(|page| TrailRead::new(call, page))));
            }
        });
    }

    /// Reads the next older page when `rows` need one and none is under way (tracks what has
    /// been read, so an effect calling this follows page after page).
    pub fn follow(
        self,
        rows: &[DbClusterBacktrack],
        client: impl FnOnce() -> Result<Client, RdsError>,
    ) {
        let call = self
            .read
            .with(|r| r.as_ref()?.as_ref().ok()?.next_call(rows));
        let (Some(call), false) = (call, self.following.get_value()) else {
            return;
        };
        // Without a client (credentials gone) the rows still waiting say why, never "reading".
        let client = match client() {
            Ok(client) => client,
            Err(error) => return self.read.set(Some(Err(error))),
        };
        let ticket = self.reads.current();
        self.following.set_value(true);
        spawn_local(async move {
            let page = client.call(&call).await;
            if !ticket.is_latest() {
                return;
            }
            self.following.set_value(false);
            self.read.try_update(|read| match (read, page) {
                (Some(Ok(read)), Ok(page)) => read.extend(call, page),
                (read, Err(error)) => *read = Some(Err(error)),
                _ => {}
            });
        });
    }

    /// Who requested `backtrack`, in words and in detail (reactive).
    fn who(self, backtrack: &DbClusterBacktrack) -> (String, String) {
        let reading = || {
            (
                "Reading CloudTrail…".to_owned(),
                "Reading CloudTrail's BacktrackDBCluster events.".to_owned(),
            )
        };
        self.read.with(|read| {
            let found = match read {
                None => return reading(),
                Some(Ok(read)) => match read.requester(backtrack) {
                    Requester::Reading => return reading(),
                    Requester::Found(event) => Some(event),
                    Requester::Unknown { .. } => None,
                },
                Some(Err(_)) => None,
            };
            match found.and_then(|e| Some((e.caller.as_ref()?, &e.source_ip))) {
                Some((caller, ip)) => (
                    caller.describe(),
                    match ip {
                        Some(ip) => format!("{} from {ip}", caller.arn),
                        None => caller.arn.clone(),
                    },
                ),
                None => (
                    "unknown".to_owned(),
                    "CloudTrail has no BacktrackDBCluster event that names this caller.".to_owned(),
                ),
            }
        })
    }

    /// Why some rows say `unknown`, if a note is due (reactive): CloudTrail failed or was
    /// refused, or a row is too recent to be in it yet.
    pub fn note(self, rows: &[DbClusterBacktrack]) -> Option<String> {
        self.read.with(|read| match read.as_ref()? {
            Err(RdsError::Service(e)) if e.kind == ErrorCode::AccessDenied => Some(format!(
                "CloudTrail refused LookupEvents ({}): Requested by needs the permission cloudtrail:LookupEvents. Everything else works without it.",
                e.code
            )),
            Err(error) => Some(format!(
                "Who requested them could not be read from CloudTrail (Refresh tries again): {error}"
            )),
            Ok(read) => rows
                .iter()
                .any(|b| read.requester(b) == Requester::Unknown { recent: true })
                .then(|| "A backtrack of the last 15 minutes may not be in CloudTrail yet (it delivers events within about 15 minutes): Refresh later to see who requested it.".to_owned()),
        })
    }
}

impl Default for Trail {
    fn default() -> Self {
        Self::new()
    }
}

/// The `Requested by` cell of `backtrack`: the caller in words, and in its detail the full ARN
/// and the source address. Its text changes in place, so an open detail stays open.
pub fn requested_by(trail: Trail, backtrack: DbClusterBacktrack) -> impl IntoView {
    let row = backtrack.clone();
    view! {
        <details>
            <summary>{move || trail.who(&backtrack).0}</summary>
            <p>{move || trail.who(&row).1}</p>
        </details>
    }
}
