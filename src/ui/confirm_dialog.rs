//! `Confirm backtrack`: the summary, the impact, and type-to-confirm.
//!
//! A native modal `<dialog>`: the rest of the page is inert while it is open (focus stays in
//! it), and Escape cancels.

use crate::ui::copy_button::CopyButton;
use crate::ui::labelled_input::LabelledInput;
use crate::ui::state::{Connection, Session};
use chrono::Local;
use leptos::ev;
use leptos::html::Dialog;
use leptos::prelude::*;
use rds_core::export::aws_cli_command;
use rds_core::model::BacktrackRequest;
use rds_core::target_time::format_local;

/// The dialog, open while `request` is `Some`; `on_confirm` gets the request once confirmed.
#[component]
pub fn ConfirmDialog(
    /// The request under review; set to `None` to close.
    request: RwSignal<Option<BacktrackRequest>>,
    /// Called when the user confirms.
    on_confirm: Callback<BacktrackRequest>,
) -> impl IntoView {
    move || {
        request
            .get()
            .map(|req| view! { <DialogBody req=req request=request on_confirm=on_confirm /> })
    }
}

#[component]
fn DialogBody(
    req: BacktrackRequest,
    request: RwSignal<Option<BacktrackRequest>>,
    on_confirm: Callback<BacktrackRequest>,
) -> impl IntoView {
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
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
    let matches = Memo::new(move |_| typed.get().trim() == expected);
    let cancel = move || request.set(None);
    let confirm_req = req.clone();
    let confirm = move |_| {
        if matches.get_untracked() {
            request.set(None);
            on_confirm.run(confirm_req.clone());
        }
    };
    let endpoint = connection.endpoint.get_untracked();
    let cli = aws_cli_command(
        &req,
        &connection.region.get_untracked(),
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
                <dt>"Region"</dt><dd>{connection.region.get_untracked()}</dd>
                <dt>"Backtrack to (UTC)"</dt><dd>{at.to_iso()}</dd>
                <dt>"Backtrack to (local)"</dt><dd>{format_local(at, &Local)}</dd>
                <dt>"How far back"</dt><dd>{ago}</dd>
                <dt>"Flags"</dt><dd>{flags}</dd>
            </dl>
            <p id="confirm-impact" class="warning">
                "Aurora pauses the database, closes every open connection and drops uncommitted work, then rewinds the whole cluster. To undo, backtrack again to a later time inside the window."
            </p>
            {req.force.then(|| view! {
                <p class="danger" role="alert">
                    <strong>"Force is set: "</strong>
                    "binary logging is on, and a forced backtrack writes no binlog entries. Binlog replicas and consumers will silently diverge from this cluster."
                </p>
            })}
            <details class="cli">
                <summary>"The same request with the AWS CLI"</summary>
                <pre>{cli.clone()}</pre>
                <CopyButton label="Copy as AWS CLI" text=cli />
            </details>
            <form method="dialog" on:submit=move |ev| { ev.prevent_default(); confirm(()); }>
                <LabelledInput id="confirm-id" label="Type the cluster identifier to confirm" value=typed
                    placeholder=id.clone() autofocus=true />
                <div class="actions">
                    <button type="submit" class="danger-button" disabled=move || !matches.get()>"Backtrack DB cluster"</button>
                    <button type="button" class="secondary" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            </form>
        </dialog>
    }
}
