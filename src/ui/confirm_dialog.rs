//! `Confirm backtrack`: the summary, the impact, and type-to-confirm.
//!
//! A native modal `<dialog>`: the rest of the page is inert while it is open (focus stays in
//! it), and Escape cancels.

use crate::ui::copy_button::CopyButton;
use crate::ui::identity::{Caller, Identity};
use crate::ui::labelled_input::LabelledInput;
use crate::ui::lifecycle::{Backtracks, Review};
use crate::ui::state::{Connection, Field, Session};
use crate::ui::what_this_undoes::what_this_undoes;
use chrono::Local;
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use rds_core::export::aws_cli_command;
use rds_core::model::BacktrackRequest;
use rds_core::target_time::format_local;

/// What the operator must have settled before a backtrack, from the Aurora documentation; every
/// box must be ticked before `Backtrack DB cluster` is enabled.
pub const CHECKLIST: [&str; 4] = [
    "Applications that use this cluster are paused or warned: Aurora closes every open connection and drops uncommitted work.",
    "Binlog replicas and consumers (replication, change data capture) are accounted for: a backtrack writes no binlog entries, so they will not follow it.",
    "This cluster is not in a global database (Aurora cannot backtrack one), and if it is a clone, the time is after the clone was made.",
    "Everyone who relies on this cluster knows the whole cluster rewinds: every database and table, not one table or one change.",
];

/// The dialog, open while [`Backtracks`] has a request under review; `on_confirm` gets the
/// request once confirmed.
#[component]
pub fn ConfirmDialog(
    /// Called when the user confirms.
    on_confirm: Callback<BacktrackRequest>,
) -> impl IntoView {
    let backtracks = expect_context::<Backtracks>();
    move || {
        backtracks.under_review().map(
            |r| view! { <DialogBody under_review=r backtracks=backtracks on_confirm=on_confirm /> },
        )
    }
}

#[component]
fn DialogBody(
    under_review: Review,
    backtracks: Backtracks,
    on_confirm: Callback<BacktrackRequest>,
) -> impl IntoView {
    let Review {
        request: req,
        undoes,
    } = under_review;
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
    let identity = expect_context::<Identity>();
    let runs_as = move || match identity.caller() {
        Caller::Known(who) => format!(
            "{} in account {} ({})",
            who.describe(),
            who.account,
            who.arn
        ),
        Caller::Failed(error) => format!("not confirmed: {error}"),
        Caller::Checking => "being checked with STS…".to_owned(),
        Caller::NoCredentials => "no credentials".to_owned(),
    };
    let dialog = NodeRef::<Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    let typed = RwSignal::new(String::new());
    let id = req.cluster.to_string();
    let expected = id.clone();
    let ticked = CHECKLIST.map(|_| RwSignal::new(false));
    let ready =
        Memo::new(move |_| typed.with(|t| t.trim() == expected) && ticked.iter().all(|t| t.get()));
    let cancel = move || backtracks.close_review();
    let confirm_req = req.clone();
    let confirm = move |_| {
        if ready.get_untracked() {
            backtracks.close_review();
            on_confirm.run(confirm_req.clone());
        }
    };
    let endpoint = connection.get_untracked(Field::Endpoint);
    let cli = aws_cli_command(
        &req,
        &connection.get_untracked(Field::Region),
        Some(endpoint.trim()).filter(|e| !e.is_empty()),
    );
    let at = req.backtrack_to;
    let ago = move || session.distance_to(at);
    let flags = match (
        req.force,
        req.use_earliest_time_on_point_in_time_unavailable,
    ) {
        (false, false) => "none".to_owned(),
        (force, earliest) => [
            (force, "Force"),
            (earliest, "UseEarliestTimeOnPointInTimeUnavailable"),
        ]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(", "),
    };
    view! {
        <dialog node_ref=dialog class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-impact"
            on:cancel=move |ev: ev::Event| { ev.prevent_default(); cancel(); }>
            <h2 id="confirm-title">"Confirm backtrack"</h2>
            <dl class="facts">
                <dt>"Cluster"</dt><dd>{id.clone()}</dd>
                <dt>"Region"</dt><dd>{connection.get_untracked(Field::Region)}</dd>
                <dt>"Runs as"</dt><dd>{runs_as}</dd>
                <dt>"Backtrack to (UTC)"</dt><dd>{at.to_iso()}</dd>
                <dt>"Backtrack to (local)"</dt><dd>{format_local(at, &Local)}</dd>
                <dt>"How far back"</dt><dd>{ago}</dd>
                <dt>"Flags"</dt><dd>{flags}</dd>
            </dl>
            <p id="confirm-impact" class="warning">
                "Aurora pauses the database, closes every open connection and drops uncommitted work, then rewinds the whole cluster. To undo, backtrack again to a later time inside the window."
            </p>
            {undoes.map(|id| view! {
                <p class="warning">
                    "This undoes backtrack " <code>{id}</code> ": it moves the cluster forward again, to "
                    {at.to_iso()} ", the moment that backtrack started, so the data is as it was just before it."
                </p>
            })}
            {req.force.then(|| view! {
                <p class="danger" role="alert">
                    <strong>"Force is set: "</strong>
                    "binary logging is on, and a forced backtrack writes no binlog entries. Binlog replicas and consumers will silently diverge from this cluster."
                </p>
            })}
            {what_this_undoes(req.cluster.clone(), at)}
            <details class="cli">
                <summary>"The same request with the AWS CLI"</summary>
                <pre>{cli.clone()}</pre>
                <CopyButton label="Copy as AWS CLI" text=Signal::derive(move || cli.clone()) />
            </details>
            <form method="dialog" on:submit=move |ev| { ev.prevent_default(); confirm(()); }>
                <fieldset class="checklist">
                    <legend>"Before you backtrack"</legend>
                    {CHECKLIST.iter().zip(ticked).enumerate().map(|(i, (fact, tick))| view! {
                        <label class="check">
                            <input type="checkbox" autofocus=i == 0 prop:checked=tick on:change=move |ev| tick.set(event_target_checked(&ev)) />
                            {*fact}
                        </label>
                    }).collect_view()}
                </fieldset>
                <LabelledInput id="confirm-id" label="Type the cluster identifier to confirm" value=typed
                    placeholder=id.clone() />
                <div class="actions">
                    <button type="submit" class="danger-button" disabled=move || !ready.get()>"Backtrack DB cluster"</button>
                    <button type="button" class="secondary" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            </form>
        </dialog>
    }
}
