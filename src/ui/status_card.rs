//! `Backtrack status`: the result of the backtrack, followed until it is `completed` or `failed`,
//! `Undo this backtrack` once it has completed, and, when the answer to the send could not be
//! read, whether it may have started and what checking found.
//!
//! The card is built once and kept: each status read rewrites its text, never its buttons, so a
//! poll can never take a button away from under the pointer.

use crate::ui::copy_button::CopyButton;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::lifecycle::{Backtracks, Check, Doubt};
use crate::ui::state::{Connection, Field, Session};
use crate::ui::status_badge::StatusBadge;
use chrono::Local;
use leptos::prelude::*;
use rds_core::export::backtrack_json;
use rds_core::target_time::format_local;
use rds_core::time::Timestamp;

/// The status card of the backtrack [`Backtracks`] follows, or of the send it is unsure of.
#[component]
pub fn StatusCard() -> impl IntoView {
    let backtracks = expect_context::<Backtracks>();
    let session = expect_context::<Session>();
    let connection = expect_context::<Connection>();
    let shown = Memo::new(move |_| backtracks.is_tracking() || backtracks.in_doubt());
    let json = Signal::derive(move || {
        backtracks
            .tracked()
            .map(|b| backtrack_json(&b, &connection.get_untracked(Field::Region)))
            .unwrap_or_default()
    });
    let time = |t: Option<Timestamp>| {
        t.map_or_else(
            || "—".to_owned(),
            |t| format!("{t} · {}", format_local(t, &Local)),
        )
    };
    let facts = move || {
        backtracks.tracked().map(|b| {
            let created = b.request_creation_time;
            let elapsed =
                move || created.map(|c| format!(" · requested {} ago", session.distance_to(c)));
            view! {
                <p class="status-line" aria-live="polite">
                    <StatusBadge status=b.status.clone() />
                    {elapsed}
                </p>
                <dl class="facts">
                    <dt>"DBClusterIdentifier"</dt><dd>{b.cluster_id.to_string()}</dd>
                    <dt>"BacktrackIdentifier"</dt><dd><code>{b.backtrack_id.clone()}</code></dd>
                    <dt>"BacktrackTo"</dt><dd>{time(b.backtrack_to)}</dd>
                    <dt>"BacktrackedFrom"</dt><dd>{time(b.backtracked_from)}</dd>
                    <dt>"BacktrackRequestCreationTime"</dt><dd>{time(b.request_creation_time)}</dd>
                    <dt>"Status"</dt><dd>{b.status.to_string()}</dd>
                </dl>
            }
        })
    };
    let poll_line = move || {
        backtracks.is_tracking().then(|| {
            let p = backtracks.polling();
            let checked = p
                .last_checked
                .map(|t| format!(" Last checked {} UTC.", t.to_iso()))
                .unwrap_or_default();
            if p.active {
                let retry = p.retrying.map(|r| format!(" {r}.")).unwrap_or_default();
                format!(
                    "Checking every {} s while it runs.{checked}{retry}",
                    p.next_delay_ms / 1000
                )
            } else {
                format!("No longer checking.{checked}")
            }
        })
    };
    let undo_note = move || match backtracks.undo_target() {
        Some(Ok(to)) => format!(
            "Undo backtracks forward to {}, the moment this backtrack started.",
            to.to_iso()
        ),
        Some(Err(why)) => format!("Cannot undo: {why}"),
        None => String::new(),
    };
    move || {
        shown.get().then(|| view! {
            <section class="card status-card" aria-label="Backtrack status">
                <h2>"Backtrack status"</h2>
                {move || backtracks.doubt().map(|d| doubt_view(d, backtracks))}
                {facts}
                <p class="note">{poll_line}</p>
                <ErrorAlert error=Signal::derive(move || backtracks.polling().error) />
                <div class="actions">
                    <button type="button" class="secondary" aria-describedby="undo-note"
                        disabled=move || !matches!(backtracks.undo_target(), Some(Ok(_))) || backtracks.locked()
                        on:click=move |_| backtracks.review_undo()>"Undo this backtrack"</button>
                    <CopyButton label="Copy details" text=json />
                </div>
                <p id="undo-note" class="help">{undo_note}</p>
            </section>
        })
    }
}

/// What is known of a send whose answer could not be read, and `Check again` when checking failed.
fn doubt_view(doubt: Doubt, backtracks: Backtracks) -> impl IntoView {
    let Doubt { sent, why, check } = doubt;
    let cluster = sent.request.cluster;
    let unread = format!(
        "The answer to BacktrackDBCluster for {cluster} could not be read ({}).",
        why.unread_answer()
    );
    match check {
        Check::Reading => view! {
            <p class="warning" role="status">
                {unread} " The backtrack may have started. Reading the cluster's backtracks (DescribeDBClusterBacktracks) to find out; nothing is sent until then…"
            </p>
        }
        .into_any(),
        Check::Failed(error) => {
            let error = Signal::derive(move || Some(error.clone()));
            view! {
                <p class="warning" role="status">
                    {unread} " The backtrack may have started, and reading the cluster's backtracks to find out failed too. Nothing will be sent until it is known: fix the connection if needed, then check again."
                </p>
                <ErrorAlert error=error />
                <div class="actions">
                    <button type="button" class="primary" on:click=move |_| backtracks.check_again()>"Check again"</button>
                </div>
            }
            .into_any()
        }
        Check::Started => view! {
            <p class="note" role="status">
                {unread} " Found: it started. The cluster's backtracks list it, and it is followed below."
            </p>
        }
        .into_any(),
        Check::NoneStarted => view! {
            <p class="note" role="status">
                {unread} {format!(" None started: the cluster's backtracks list none since it was sent, so {cluster} was not changed. Review the backtrack to send it again.")}
            </p>
        }
        .into_any(),
    }
}
