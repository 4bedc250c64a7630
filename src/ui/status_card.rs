//! `Backtrack status`: the result of the backtrack, followed until it is `completed` or `failed`.

use crate::browser;
use crate::client::Client;
use crate::ui::copy_button::CopyButton;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::state::{Connection, Flow, LookedUp, Session};
use crate::ui::status_badge::StatusBadge;
use chrono::Local;
use leptos::prelude::*;
use rds_core::backoff::Backoff;
use rds_core::error::RdsError;
use rds_core::export::backtrack_json;
use rds_core::model::{BacktrackQuery, ClusterId, DbClusterBacktrack};
use rds_core::target_time::format_local;
use rds_core::time::Timestamp;

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

/// Follows `first` with `DescribeDBClusterBacktracks` until it is final (then refreshes the
/// cluster), the credentials are gone, or a newer backtrack takes over (`generation` changes).
/// Transient errors are retried with the same growing delay.
pub async fn follow(
    client: Client,
    first: DbClusterBacktrack,
    polling: RwSignal<Polling>,
    generation: RwSignal<u32>,
    flow: Flow,
    connection: Connection,
) {
    let mine = generation.get_untracked();
    let Ok(cluster) = ClusterId::parse(&first.cluster_id) else {
        return;
    };
    let query = BacktrackQuery {
        backtrack_id: Some(first.backtrack_id.clone()),
        ..BacktrackQuery::default()
    };
    let mut status = first.status;
    let mut backoff = Backoff::default();
    polling.set(Polling {
        active: true,
        ..Polling::default()
    });
    while !status.is_final() {
        let delay = backoff.next_delay_ms();
        polling.update(|p| p.next_delay_ms = delay);
        browser::sleep(delay).await;
        if generation.get_untracked() != mine {
            return;
        }
        let credentials = match connection.credentials() {
            Ok(credentials) => credentials,
            Err(error) => return polling.update(|p| (p.active, p.error) = (false, Some(error))),
        };
        let client = Client {
            credentials,
            ..client.clone()
        };
        match client.backtracks(&cluster, &query).await {
            Ok(page) => {
                if let Some(latest) = page
                    .backtracks
                    .into_iter()
                    .find(|b| b.backtrack_id == first.backtrack_id)
                {
                    status = latest.status.clone();
                    flow.tracked.set(Some(latest));
                }
                let now = client.server_now();
                polling.update(|p| (p.last_checked, p.retrying) = (Some(now), None));
            }
            Err(error) if error.is_transient() => {
                let note = format!(
                    "{} — retrying",
                    error
                        .code()
                        .map_or_else(|| error.to_string(), str::to_owned)
                );
                polling.update(|p| p.retrying = Some(note));
            }
            Err(error) => return polling.update(|p| (p.active, p.error) = (false, Some(error))),
        }
    }
    polling.update(|p| p.active = false);
    // The cluster is `available` again, with a new earliest time: refresh its card and history.
    if let Ok(cluster) = client.describe_cluster(&cluster).await {
        let at = client.server_now();
        flow.cluster.set(Some(LookedUp { cluster, at }));
    }
    flow.history_version.update(|v| *v += 1);
}

/// The status card.
#[component]
pub fn StatusCard(
    /// How the polling is going.
    polling: RwSignal<Polling>,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let session = expect_context::<Session>();
    let connection = expect_context::<Connection>();
    move || {
        flow.tracked.get().map(|b| {
            let status = b.status.clone();
            let created = b.request_creation_time;
            let elapsed = move || created.map(|c| session.ago(c));
            let json = backtrack_json(&b, &connection.region.get_untracked());
            let time = |t: Option<Timestamp>| t.map_or_else(|| "—".to_owned(), |t| format!("{t} · {}", format_local(t, &Local)));
            let poll_line = move || {
                let p = polling.get();
                let checked = p.last_checked.map(|t| format!(" Last checked {} UTC.", t.to_iso())).unwrap_or_default();
                if p.active {
                    let retry = p.retrying.map(|r| format!(" {r}.")).unwrap_or_default();
                    format!("Checking every {} s while it runs.{checked}{retry}", p.next_delay_ms / 1000)
                } else {
                    format!("No longer checking.{checked}")
                }
            };
            view! {
                <section class="card status-card" aria-label="Backtrack status">
                    <h2>"Backtrack status"</h2>
                    <p class="status-line" aria-live="polite">
                        <StatusBadge status=status.clone() />
                        {move || elapsed().map(|e| format!(" · requested {e} ago"))}
                    </p>
                    <dl class="facts">
                        <dt>"DBClusterIdentifier"</dt><dd>{b.cluster_id.clone()}</dd>
                        <dt>"BacktrackIdentifier"</dt><dd><code>{b.backtrack_id.clone()}</code></dd>
                        <dt>"BacktrackTo"</dt><dd>{time(b.backtrack_to)}</dd>
                        <dt>"BacktrackedFrom"</dt><dd>{time(b.backtracked_from)}</dd>
                        <dt>"BacktrackRequestCreationTime"</dt><dd>{time(b.request_creation_time)}</dd>
                        <dt>"Status"</dt><dd>{status.to_string()}</dd>
                    </dl>
                    <p class="note">{poll_line}</p>
                    <ErrorAlert error=Signal::derive(move || polling.get().error) />
                    <CopyButton label="Copy details" text=json />
                </section>
            }
        })
    }
}
