//! The cluster to backtrack: its identifier, the lookup, and what RDS says about it.

use crate::ui::error_alert::ErrorAlert;
use crate::ui::labelled_input::LabelledInput;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Flow, Session};
use crate::ui::view_link::copy_view_link;
use crate::ui::window_health::WindowHealthView;
use chrono::Local;
use leptos::prelude::*;
use rds_core::model::ClusterId;
use rds_core::target_time::format_local;
use rds_core::time::describe_duration;

/// Identifier input, `Look up cluster`, and the cluster card.
#[component]
pub fn ClusterPanel() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let backtracks = expect_context::<Backtracks>();
    let attempted = RwSignal::new(false);
    let parsed = move || ClusterId::parse(&flow.typed_identifier());
    let id_note = move || {
        let input = flow.typed_identifier();
        match parsed() {
            Err(_) if input.trim().is_empty() && !attempted.get() => None,
            Err(e) => Some(view! { <p class="field-error" id="cluster-id-note" role="alert">{e.to_string()}</p> }.into_any()),
            Ok(id) if id.as_str() != input.trim() => Some(
                view! { <p class="note" id="cluster-id-note">"RDS stores identifiers in lower case: " <code>{id.to_string()}</code></p> }.into_any(),
            ),
            Ok(_) => None,
        }
    };
    // The card is built once per cluster; a refresh of the same cluster (after a backtrack) only
    // rewrites its text, so nothing above the form appears, vanishes or moves under the pointer.
    let card_for = Memo::new(move |_| flow.cluster_id());
    let look_up = move || {
        attempted.set(true);
        if let Ok(id) = parsed() {
            backtracks.look_up(id);
        }
    };
    view! {
        <section class="card" aria-labelledby="cluster-title">
            <h2 id="cluster-title">"Cluster"</h2>
            <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); look_up(); }>
                <LabelledInput id="cluster-id" label="DB cluster identifier" value=flow.identifier_input()
                    described_by="cluster-id-note" on_edit=Callback::new(move |()| flow.forget_cluster()) />
                <button type="submit" disabled=move || flow.looking_up()>{move || if flow.looking_up() { "Looking up…" } else { "Look up cluster" }}</button>
            </form>
            {id_note}
            <ErrorAlert error=flow.lookup_error() />
            {move || card_for.get().map(|id| view! { <ClusterCard id=id /> })}
        </section>
    }
}

/// What RDS says about cluster `id` (the looked-up cluster, read from [`Flow`] as it is refreshed),
/// and why it cannot be backtracked if it cannot.
#[component]
fn ClusterCard(id: ClusterId) -> impl IntoView {
    let session = expect_context::<Session>();
    let flow = expect_context::<Flow>();
    // The chart is drawn for a cluster that could be backtracked when the card was built.
    let chart = untrack(|| {
        flow.with_cluster(|c| {
            c.filter(|l| l.cluster.backtrack_blocker().is_none())
                .map(|l| l.cluster.backtrack_window_secs)
        })
    });
    // The facts are rewritten when the cluster is read again; they hold no control.
    let facts = move || {
        flow.with_cluster(|c| {
            c.map(|l| {
                let c = &l.cluster;
                let earliest = c.earliest_backtrack_time;
                let blocker = c.backtrack_blocker();
                view! {
                    <dl class="facts">
                        <dt>"Cluster"</dt><dd>{id.to_string()}</dd>
                        <dt>"Engine"</dt><dd>{format!("{} {} ({})", c.engine, c.engine_version, c.engine_mode)}</dd>
                        <dt>"Status"</dt><dd>{c.status.clone()}</dd>
                        <dt>"Target backtrack window"</dt><dd>{window(c.backtrack_window_secs)}</dd>
                        // The time and how long ago on lines of their own: as the clock ticks,
                        // "how long ago" changes length, and must never change the card's height.
                        <dt>"Earliest backtrack time"</dt>
                        <dd>
                            <span class="line">{earliest.map_or("no data".to_owned(), |at| format!("{at} UTC · {} local", format_local(at, &Local)))}</span>
                            <span class="line">{move || earliest.map(|at| format!("{} ago", session.distance_to(at)))}</span>
                        </dd>
                        <dt>"Change records"</dt><dd>{c.consumed_change_records.map_or("no data".to_owned(), |n| n.to_string())}</dd>
                    </dl>
                    {match blocker {
                        Some(why) => view! { <p class="warning" role="status">{why.to_string()}</p> }.into_any(),
                        None => view! { <p class="ok-note">"This cluster can be backtracked. Aurora rewinds the whole cluster: open connections are closed and uncommitted work is lost."</p> }.into_any(),
                    }}
                }
            })
        })
    };
    view! {
        <div class="cluster-card" role="region" aria-label="Cluster details">
            {facts}
            {chart.map(|target_secs| view! { <WindowHealthView target_secs=target_secs /> })}
            {copy_view_link()}
        </div>
    }
}

/// A backtrack window in words (`off (0)` when disabled).
fn window(secs: u64) -> String {
    if secs == 0 {
        "off (0)".to_owned()
    } else {
        describe_duration(secs as i64 * 1000)
    }
}
