//! `Backtrack status`: the result of the backtrack, followed until it is `completed` or `failed`,
//! and `Undo this backtrack` once it has completed.

use crate::ui::copy_button::CopyButton;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Connection, Session};
use crate::ui::status_badge::StatusBadge;
use chrono::Local;
use leptos::prelude::*;
use rds_core::export::backtrack_json;
use rds_core::target_time::format_local;
use rds_core::time::Timestamp;

/// The status card of the backtrack [`Backtracks`] follows.
#[component]
pub fn StatusCard() -> impl IntoView {
    let backtracks = expect_context::<Backtracks>();
    let polling = backtracks.polling;
    let session = expect_context::<Session>();
    let connection = expect_context::<Connection>();
    move || {
        backtracks.tracked.get().map(|b| {
            let status = b.status.clone();
            let created = b.request_creation_time;
            let elapsed = move || created.map(|c| session.distance_to(c));
            let json = backtrack_json(&b, &connection.region.get_untracked());
            let time = |t: Option<Timestamp>| t.map_or_else(|| "—".to_owned(), |t| format!("{t} · {}", format_local(t, &Local)));
            let undo_note = move || match backtracks.undo_target() {
                Some(Ok(to)) => format!("Undo backtracks forward to {}, the moment this backtrack started.", to.to_iso()),
                Some(Err(why)) => format!("Cannot undo: {why}"),
                None => String::new(),
            };
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
                    <div class="actions">
                        <button type="button" class="secondary" aria-describedby="undo-note"
                            disabled=move || !matches!(backtracks.undo_target(), Some(Ok(_))) || backtracks.locked()
                            on:click=move |_| backtracks.review_undo()>"Undo this backtrack"</button>
                        <CopyButton label="Copy details" text=json />
                    </div>
                    <p id="undo-note" class="help">{undo_note}</p>
                </section>
            }
        })
    }
}
