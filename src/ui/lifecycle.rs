//! The backtrack lifecycle, with one owner: review a request, send it once, follow it until it is
//! `completed` or `failed`, and keep the history current. Components render its signals and call
//! its methods.

use crate::browser;
use crate::client::Client;
use crate::ui::latest::Latest;
use crate::ui::state::{Connection, Flow, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::backoff::Backoff;
use rds_core::calls::DescribeDbClusterBacktracks;
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
    review: RwSignal<Option<Review>>,
    /// True while `BacktrackDBCluster` is in flight.
    sending: RwSignal<bool>,
    /// Why the last `BacktrackDBCluster` failed.
    send_error: RwSignal<Option<RdsError>>,
    /// The backtrack the status card follows.
    tracked: RwSignal<Option<DbClusterBacktrack>>,
    /// How following it goes.
    polling: RwSignal<Polling>,
    /// Bumped to reload the history.
    history_version: RwSignal<u32>,
    /// The followers: each new backtrack's follower stops the older one.
    followers: Latest,
    /// The last send whose answer could not be read, and what checking found.
    doubt: RwSignal<Option<Doubt>>,
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
            followers: Latest::new(),
            doubt: RwSignal::new(None),
            last_force: StoredValue::new(false),
            connection,
            session,
            flow,
        }
    }

    /// The request under review, while the confirmation dialog shows it (reactive).
    pub fn under_review(&self) -> Option<Review> {
        self.review.get()
    }

    /// Closes the confirmation dialog without sending.
    pub fn close_review(&self) {
        self.review.set(None);
    }

    /// True while `BacktrackDBCluster` is in flight (reactive).
    pub fn sending(&self) -> bool {
        self.sending.get()
    }

    /// Why the last `BacktrackDBCluster` failed, while it matters.
    pub fn send_error(&self) -> Signal<Option<RdsError>> {
        self.send_error.into()
    }

    /// The backtrack the status card follows (reactive).
    pub fn tracked(&self) -> Option<DbClusterBacktrack> {
        self.tracked.get()
    }

    /// True while the status card follows a backtrack (reactive).
    pub fn is_tracking(&self) -> bool {
        self.tracked.with(Option::is_some)
    }

    /// Where the followed backtrack went, not tracked.
    pub fn tracked_target_untracked(&self) -> Option<Timestamp> {
        self.tracked
            .with_untracked(|b| b.as_ref().and_then(|b| b.backtrack_to))
    }

    /// How following it goes (reactive).
    pub fn polling(&self) -> Polling {
        self.polling.get()
    }

    /// Changes whenever the history should be read again from its first page (reactive).
    pub fn history_version(&self) -> u32 {
        self.history_version.get()
    }

    /// Shows `backtrack` on the status card.
    pub fn show(&self, backtrack: DbClusterBacktrack) {
        self.tracked.set(Some(backtrack));
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
            b.as_ref()
                .map(|b| (b.cluster_id.clone(), b.backtrack_id.clone()))
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

    /// Looks `id` up into `flow`'s card (see [`Flow::look_up`]); its history is read at the
    /// same time, from its first page.
    pub fn look_up(self, id: ClusterId) {
        self.flow.look_up(self.connection.client(self.session), id);
        self.refresh_history();
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
        let client = match self.connection.client(self.session) {
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
        match self.connection.client(self.session) {
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
        self.show(backtrack.clone());
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
        let mine = self.followers.ask();
        let read = DescribeDbClusterBacktracks {
            cluster: first.cluster_id.clone(),
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
            if !mine.is_latest() {
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
                        self.show(latest);
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
        self.flow.refresh(&client, &read.cluster).await;
        self.refresh_history();
    }
}
