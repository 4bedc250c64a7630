//! The backtrack lifecycle, with one owner: review a request, send it once, follow it until it is
//! `completed` or `failed`, and keep the history current. Components render its signals and call
//! its methods.

use crate::browser;
use crate::client::Client;
use crate::ui::state::{Connection, Flow, LookedUp, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::backoff::Backoff;
use rds_core::calls::{DescribeDbCluster, DescribeDbClusterBacktracks};
use rds_core::error::RdsError;
use rds_core::model::{
    BacktrackQuery, BacktrackRequest, ClusterId, DbClusterBacktrack, MaxRecords,
};
use rds_core::outcome::{Finding, UnreadSend};
use rds_core::time::Timestamp;
use rds_core::undo::{self, UndoBlocked};

/// How the polling is going.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Polling {
    /// Polling is under way.
    pub active: bool,
    /// When the status was last read (server time).
    pub last_checked: Option<Timestamp>,
    /// The delay before the next read, in milliseconds.
    pub next_delay_ms: u32,
    /// A transient error being retried.
    pub retrying: Option<String>,
    /// The error that stopped polling.
    pub error: Option<RdsError>,
}

/// A request under review in the confirmation dialog.
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// What will be sent.
    pub request: BacktrackRequest,
    /// When it undoes an earlier backtrack: that backtrack's identifier.
    pub undoes: Option<String>,
}

/// A `BacktrackDBCluster` whose answer could not be read: it may have started.
#[derive(Clone, Debug, PartialEq)]
pub struct Doubt {
    /// What was sent, and when.
    pub sent: UnreadSend,
    /// Why its answer could not be read.
    pub why: RdsError,
    /// What reading the cluster's backtracks has found so far.
    pub check: Check,
}

/// How finding out whether a send started is going.
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// Reading `DescribeDBClusterBacktracks`; nothing found yet.
    Reading,
    /// A read failed: it is still unknown whether the backtrack started.
    Failed(RdsError),
    /// It started: the status card follows it.
    Started,
    /// It did not start: the request may be reviewed and sent again.
    NoneStarted,
}

impl Check {
    /// True while the send may still have started a backtrack nobody follows.
    pub fn unresolved(&self) -> bool {
        matches!(self, Self::Reading | Self::Failed(_))
    }
}

/// The page's backtracks: the one under review, the one being sent and followed, and the history.
#[derive(Clone, Copy, Debug)]
pub struct Backtracks {
    /// The request the confirmation dialog shows.
    pub review: RwSignal<Option<Review>>,
    /// True while `BacktrackDBCluster` is in flight.
    pub sending: RwSignal<bool>,
    /// Why the last `BacktrackDBCluster` failed.
    pub send_error: RwSignal<Option<RdsError>>,
    /// The backtrack the status card follows.
    pub tracked: RwSignal<Option<DbClusterBacktrack>>,
    /// How following it goes.
    pub polling: RwSignal<Polling>,
    /// Bumped to reload the history.
    pub history_version: RwSignal<u32>,
    /// Bumped by each new backtrack, so an older follower stops.
    generation: RwSignal<u32>,
    /// The last send whose answer could not be read, and what checking found.
    doubt: RwSignal<Option<Doubt>>,
    /// Bumped by each lookup, so only the latest lookup's answer is shown.
    lookups: StoredValue<u32>,
    /// The `Force` flag of the last backtrack sent, which its undo needs too.
    last_force: StoredValue<bool>,
    connection: Connection,
    session: Session,
    flow: Flow,
}

impl Backtracks {
    /// Nothing under review or followed yet; sends as `connection`, on `session`'s clock, and
    /// refreshes `flow`'s cluster when a backtrack ends.
    pub fn new(connection: Connection, session: Session, flow: Flow) -> Self {
        Self {
            review: RwSignal::new(None),
            sending: RwSignal::new(false),
            send_error: RwSignal::new(None),
            tracked: RwSignal::new(None),
            polling: RwSignal::new(Polling::default()),
            history_version: RwSignal::new(0),
            generation: RwSignal::new(0),
            doubt: RwSignal::new(None),
            lookups: StoredValue::new(0),
            last_force: StoredValue::new(false),
            connection,
            session,
            flow,
        }
    }

    /// Shows `request` in the confirmation dialog.
    pub fn review(&self, request: BacktrackRequest) {
        self.send_error.set(None);
        self.review.set(Some(Review {
            request,
            undoes: None,
        }));
    }

    /// The time that undoes the followed backtrack, or why it cannot be undone (reactive).
    pub fn undo_target(&self) -> Option<Result<Timestamp, UndoBlocked>> {
        let earliest = self.flow.earliest(self.session.server_now());
        self.tracked
            .with(|b| b.as_ref().map(|b| undo::undo_target(b, earliest)))
    }

    /// Shows, in the confirmation dialog, the backtrack that undoes the followed one: forward to
    /// the moment it started, with the same `Force` flag.
    pub fn review_undo(&self) {
        let Some(Ok(to)) = self.undo_target() else {
            return;
        };
        let Some((cluster, undoes)) = self.tracked.with_untracked(|b| {
            b.as_ref().and_then(|b| {
                Some((
                    ClusterId::parse(&b.cluster_id).ok()?,
                    b.backtrack_id.clone(),
                ))
            })
        }) else {
            return;
        };
        self.send_error.set(None);
        self.review.set(Some(Review {
            request: BacktrackRequest {
                cluster,
                backtrack_to: to,
                force: self.last_force.get_value(),
                use_earliest_time_on_point_in_time_unavailable: false,
            },
            undoes: Some(undoes),
        }));
    }

    /// True while a backtrack is being sent or followed, or a send may have started one that is
    /// not found yet: no other may start (reactive).
    pub fn locked(&self) -> bool {
        self.sending.get()
            || self.polling.with(|p| p.active)
            || self
                .doubt
                .with(|d| d.as_ref().is_some_and(|d| d.check.unresolved()))
    }

    /// The last send whose answer could not be read, while it matters (reactive).
    pub fn doubt(&self) -> Option<Doubt> {
        self.doubt.get()
    }

    /// True while there is such a send (reactive).
    pub fn in_doubt(&self) -> bool {
        self.doubt.with(Option::is_some)
    }

    /// Looks `id` up (`DescribeDBClusters`) into [`Flow::cluster`], showing progress and errors in
    /// `flow`; once it is there, the history starts again from its first page. Only the latest
    /// lookup's answer is shown.
    pub fn look_up(self, id: ClusterId) {
        let flow = self.flow;
        let ticket = self.lookups.get_value().wrapping_add(1);
        self.lookups.set_value(ticket);
        let client = match self.connection.client(self.session.skew) {
            Ok(client) => client,
            Err(error) => return flow.lookup_error.set(Some(error)),
        };
        flow.looking_up.set(true);
        flow.lookup_error.set(None);
        flow.cluster.set(None);
        spawn_local(async move {
            let result = client.call(&DescribeDbCluster(id.clone())).await;
            if self.lookups.get_value() != ticket {
                return;
            }
            flow.looking_up.set(false);
            match result {
                Ok(cluster) => {
                    let at = client.server_now();
                    flow.cluster.set(Some(LookedUp { cluster, at }));
                    self.refresh_history();
                }
                Err(error) => flow.lookup_error.set(Some(error)),
            }
        });
    }

    /// Forgets the looked-up cluster (its identifier is being edited): a lookup still under way
    /// is dropped when it answers.
    pub fn forget_cluster(&self) {
        self.lookups.update_value(|t| *t = t.wrapping_add(1));
        self.flow.looking_up.set(false);
        self.flow.cluster.set(None);
    }

    /// Reads `id` again for its card, after a backtrack of it ended; dropped if the user has
    /// looked up anything since, or the card shows another cluster.
    async fn refresh_cluster(self, client: &Client, id: &ClusterId) {
        let ticket = self.lookups.get_value();
        let Ok(cluster) = client.call(&DescribeDbCluster(id.clone())).await else {
            return;
        };
        let still_shown = self.flow.cluster.with_untracked(|c| {
            c.as_ref()
                .is_some_and(|l| l.cluster.identifier.eq_ignore_ascii_case(id.as_str()))
        });
        if self.lookups.get_value() == ticket && still_shown {
            let at = client.server_now();
            self.flow.cluster.set(Some(LookedUp { cluster, at }));
        }
    }

    /// Reloads the history from its first page.
    pub fn refresh_history(&self) {
        self.history_version.update(|v| *v += 1);
    }

    /// Sends `request` once (never retried; ignored while the page is locked), then follows it.
    /// When no readable answer comes back, finds out whether it started (see [`Doubt`]).
    pub fn send(self, request: BacktrackRequest) {
        if untrack(|| self.locked()) {
            return;
        }
        let client = match self.connection.client(self.session.skew) {
            Ok(client) => client,
            Err(error) => return self.send_error.set(Some(error)),
        };
        let sent = UnreadSend {
            request: request.clone(),
            sent_at: client.server_now(),
            known_before: self
                .tracked
                .with_untracked(|b| b.iter().map(|b| b.backtrack_id.clone()).collect()),
        };
        self.sending.set(true);
        self.doubt.set(None);
        self.last_force.set_value(request.force);
        spawn_local(async move {
            let result = client.call(&request).await;
            self.sending.set(false);
            match result {
                Ok(backtrack) => self.track(client, backtrack).await,
                Err(why) if why.leaves_outcome_unknown() => {
                    self.tracked.set(None);
                    self.doubt.set(Some(Doubt {
                        sent,
                        why,
                        check: Check::Reading,
                    }));
                    self.find_out(client).await;
                }
                Err(error) => self.send_error.set(Some(error)),
            }
        });
    }

    /// Reads the cluster's backtracks again after a failed check, with the current settings.
    pub fn check_again(self) {
        if !self.doubt.with_untracked(|d| {
            d.as_ref()
                .is_some_and(|d| matches!(d.check, Check::Failed(_)))
        }) {
            return;
        }
        match self.connection.client(self.session.skew) {
            Ok(client) => {
                self.set_check(Check::Reading);
                spawn_local(self.find_out(client));
            }
            Err(error) => self.set_check(Check::Failed(error)),
        }
    }

    fn set_check(&self, check: Check) {
        self.doubt.update(|d| {
            if let Some(d) = d {
                d.check = check;
            }
        });
    }

    /// Reads `DescribeDBClusterBacktracks` (never sends again) until the doubtful send's backtrack
    /// is listed (then follows it), or it has stayed unlisted long enough to say none started,
    /// or a read fails (then [`Backtracks::check_again`] may try again).
    async fn find_out(self, client: Client) {
        let Some(sent) = self
            .doubt
            .with_untracked(|d| d.as_ref().map(|d| d.sent.clone()))
        else {
            return;
        };
        let read = DescribeDbClusterBacktracks {
            cluster: sent.request.cluster.clone(),
            query: BacktrackQuery {
                max_records: Some(MaxRecords::LARGEST),
                ..BacktrackQuery::default()
            },
        };
        let mut backoff = Backoff::default();
        let mut delay = 0;
        loop {
            browser::sleep(delay).await;
            delay = backoff.next_delay_ms();
            let client = match self.with_current_credentials(&client) {
                Ok(client) => client,
                Err(error) => return self.set_check(Check::Failed(error)),
            };
            let listed = match client.call(&read).await {
                Ok(page) => page.backtracks,
                Err(error) => return self.set_check(Check::Failed(error)),
            };
            match sent.judge(&listed, client.server_now()) {
                Finding::Started(backtrack) => {
                    self.set_check(Check::Started);
                    return self.track(client, backtrack).await;
                }
                Finding::NotListedYet => {}
                Finding::NoneStarted => return self.set_check(Check::NoneStarted),
            }
        }
    }

    /// `client` with the credentials the page holds now (they may have been replaced or cleared
    /// since a long-running read began).
    fn with_current_credentials(&self, client: &Client) -> Result<Client, RdsError> {
        Ok(Client {
            credentials: self.connection.credentials()?,
            ..client.clone()
        })
    }

    /// Shows `backtrack` on the status card and follows it; the form's time becomes where it went,
    /// so the next step of a bisection starts from there.
    async fn track(self, client: Client, backtrack: DbClusterBacktrack) {
        self.generation.update(|g| *g += 1);
        self.tracked.set(Some(backtrack.clone()));
        if let Some(to) = backtrack.backtrack_to {
            self.flow.target.set(to);
        }
        self.refresh_history();
        self.follow(client, backtrack).await;
    }

    /// Follows `first` with `DescribeDBClusterBacktracks` until it is final (then refreshes the
    /// cluster), the credentials are gone, or a newer backtrack takes over. Transient errors are
    /// retried with the same growing delay.
    async fn follow(self, client: Client, first: DbClusterBacktrack) {
        let mine = self.generation.get_untracked();
        let Ok(cluster) = ClusterId::parse(&first.cluster_id) else {
            return;
        };
        let read = DescribeDbClusterBacktracks {
            cluster,
            query: BacktrackQuery {
                backtrack_id: Some(first.backtrack_id.clone()),
                ..BacktrackQuery::default()
            },
        };
        let mut status = first.status;
        let mut backoff = Backoff::default();
        self.polling.set(Polling {
            active: true,
            ..Polling::default()
        });
        while !status.is_final() {
            let delay = backoff.next_delay_ms();
            self.polling.update(|p| p.next_delay_ms = delay);
            browser::sleep(delay).await;
            if self.generation.get_untracked() != mine {
                return;
            }
            let client = match self.with_current_credentials(&client) {
                Ok(client) => client,
                Err(error) => {
                    return self
                        .polling
                        .update(|p| (p.active, p.error) = (false, Some(error)))
                }
            };
            match client.call(&read).await {
                Ok(page) => {
                    if let Some(latest) = page
                        .backtracks
                        .into_iter()
                        .find(|b| b.backtrack_id == first.backtrack_id)
                    {
                        status = latest.status.clone();
                        self.tracked.set(Some(latest));
                    }
                    let now = client.server_now();
                    self.polling
                        .update(|p| (p.last_checked, p.retrying) = (Some(now), None));
                }
                Err(error) if error.is_transient() => {
                    let note = format!(
                        "{} — retrying",
                        error
                            .code()
                            .map_or_else(|| error.to_string(), str::to_owned)
                    );
                    self.polling.update(|p| p.retrying = Some(note));
                }
                Err(error) => {
                    return self
                        .polling
                        .update(|p| (p.active, p.error) = (false, Some(error)))
                }
            }
        }
        self.polling.update(|p| p.active = false);
        // The cluster is `available` again, with a new earliest time: refresh its card and history.
        self.refresh_cluster(&client, &read.cluster).await;
        self.refresh_history();
    }
}
