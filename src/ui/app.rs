//! The page: connection, cluster, backtrack form, confirmation, status and history.

use crate::browser;
use crate::ui::backtrack_form::BacktrackForm;
use crate::ui::cluster_panel::ClusterPanel;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::connection_panel::ConnectionPanel;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::history_table::HistoryTable;
use crate::ui::state::{Connection, Flow, Session};
use crate::ui::status_card::{follow, Polling, StatusCard};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::error::RdsError;
use rds_core::model::BacktrackRequest;
use rds_core::sign::ClockSkew;
use std::time::Duration;

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    let connection = Connection::from_saved_settings();
    let session = Session {
        now: RwSignal::new(browser::now()),
        skew: RwSignal::new(ClockSkew::default()),
        expired_cleared: RwSignal::new(false),
    };
    let flow = Flow {
        cluster_input: RwSignal::new(String::new()),
        cluster: RwSignal::new(None),
        tracked: RwSignal::new(None),
        history_version: RwSignal::new(0),
    };
    provide_context(connection);
    provide_context(session);
    provide_context(flow);
    let ticker = set_interval_with_handle(
        move || session.tick(browser::now(), &connection),
        Duration::from_secs(1),
    );
    on_cleanup(move || {
        if let Ok(handle) = ticker {
            handle.clear();
        }
    });

    let review = RwSignal::new(None::<BacktrackRequest>);
    let sending = RwSignal::new(false);
    let send_error = RwSignal::new(None::<RdsError>);
    let polling = RwSignal::new(Polling::default());
    let generation = RwSignal::new(0u32);
    let on_review = Callback::new(move |request| {
        send_error.set(None);
        review.set(Some(request));
    });
    let on_confirm = Callback::new(move |request: BacktrackRequest| {
        if sending.get_untracked() {
            return;
        }
        let client = match connection.client(session.skew) {
            Ok(client) => client,
            Err(error) => return send_error.set(Some(error)),
        };
        sending.set(true);
        spawn_local(async move {
            let result = client.backtrack(&request).await;
            sending.set(false);
            match result {
                Ok(backtrack) => {
                    generation.update(|g| *g += 1);
                    flow.tracked.set(Some(backtrack.clone()));
                    flow.history_version.update(|v| *v += 1);
                    follow(client, backtrack, polling, generation, flow, connection).await;
                }
                Err(error) => send_error.set(Some(error)),
            }
        });
    });
    let locked = Signal::derive(move || sending.get() || polling.with(|p| p.active));

    view! {
        <header class="masthead">
            <h1>"Backtrack Console"</h1>
            <p class="tagline">"Rewind an Aurora MySQL cluster to an earlier time, safely."</p>
        </header>
        <main id="main">
            <ConnectionPanel />
            <ClusterPanel />
            <BacktrackForm on_review=on_review locked=locked />
            <Show when=move || sending.get()>
                <p class="note" role="status">"Sending BacktrackDBCluster…"</p>
            </Show>
            <ErrorAlert error=send_error />
            <StatusCard polling=polling />
            <HistoryTable />
            <ConfirmDialog request=review on_confirm=on_confirm />
        </main>
    }
}
