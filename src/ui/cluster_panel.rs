//! The cluster to backtrack: its identifier, the lookup, and what RDS says about it.

use crate::ui::error_alert::ErrorAlert;
use crate::ui::labelled_input::LabelledInput;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Flow, LookedUp, Session};
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
    let busy = flow.looking_up;
    let attempted = RwSignal::new(false);
    let parsed = move || ClusterId::parse(&flow.cluster_input.get());
    let id_note = move || {
        let input = flow.cluster_input.get();
        match parsed() {
            Err(_) if input.trim().is_empty() && !attempted.get() => None,
            Err(e) => Some(view! { <p class="field-error" id="cluster-id-note" role="alert">{e.to_string()}</p> }.into_any()),
            Ok(id) if id.as_str() != input.trim() => Some(
                view! { <p class="note" id="cluster-id-note">"RDS stores identifiers in lower case: " <code>{id.to_string()}</code></p> }.into_any(),
            ),
            Ok(_) => None,
        }
    };
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
                <LabelledInput id="cluster-id" label="DB cluster identifier" value=flow.cluster_input
                    described_by="cluster-id-note" on_edit=Callback::new(move |()| flow.cluster.set(None)) />
                <button type="submit" disabled=busy>{move || if busy.get() { "Looking up…" } else { "Look up cluster" }}</button>
            </form>
            {id_note}
            <ErrorAlert error=flow.lookup_error />
            {move || flow.cluster.get().map(|looked| view! { <ClusterCard looked=looked /> })}
        </section>
    }
}

/// What RDS says about the cluster, and why it cannot be backtracked if it cannot.
#[component]
fn ClusterCard(looked: LookedUp) -> impl IntoView {
    let session = expect_context::<Session>();
    let c = looked.cluster.clone();
    let blocker = c.backtrack_blocker();
    let window = if c.backtrack_window_secs == 0 {
        "off (0)".to_owned()
    } else {
        describe_duration(c.backtrack_window_secs as i64 * 1000)
    };
    let earliest = c.earliest_backtrack_time;
    let earliest_view = move || match earliest {
        Some(at) => format!(
            "{} UTC · {} local · {} ago",
            at,
            format_local(at, &Local),
            session.distance_to(at)
        ),
        None => "none".to_owned(),
    };
    view! {
        <div class="cluster-card" role="region" aria-label="Cluster details">
            <dl class="facts">
                <dt>"Cluster"</dt><dd>{c.identifier.clone()}</dd>
                <dt>"Engine"</dt><dd>{format!("{} {} ({})", c.engine, c.engine_version, c.engine_mode)}</dd>
                <dt>"Status"</dt><dd>{c.status.clone()}</dd>
                <dt>"Target backtrack window"</dt><dd>{window}</dd>
                <dt>"Earliest backtrack time"</dt><dd>{earliest_view}</dd>
                <dt>"Change records"</dt><dd>{c.consumed_change_records.map_or("—".to_owned(), |n| n.to_string())}</dd>
            </dl>
            {(blocker.is_none()).then(|| ClusterId::parse(&c.identifier).ok()).flatten().map(|id| view! {
                <WindowHealthView cluster=id target_secs=c.backtrack_window_secs />
            })}
            {match blocker {
                Some(why) => view! { <p class="warning" role="status">{why.to_string()}</p> }.into_any(),
                None => view! { <p class="ok-note">"This cluster can be backtracked. Aurora rewinds the whole cluster: open connections are closed and uncommitted work is lost."</p> }.into_any(),
            }}
        </div>
    }
}
