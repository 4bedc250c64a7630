//! The page: connection, identity, cluster, backtrack form, confirmation, status and history.

use crate::browser;
use crate::ui::backtrack_form::BacktrackForm;
use crate::ui::cluster_list::ClusterList;
use crate::ui::cluster_panel::ClusterPanel;
use crate::ui::confirm_dialog::ConfirmDialog;
use crate::ui::connection_panel::ConnectionPanel;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::history_table::HistoryTable;
use crate::ui::identity::Identity;
use crate::ui::identity_panel::IdentityPanel;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Connection, Flow, Session};
use crate::ui::status_card::StatusCard;
use crate::ui::view_link::open_from_link;
use leptos::prelude::*;
use std::time::Duration;

/// The whole console.
#[component]
pub fn App() -> impl IntoView {
    let connection = Connection::from_saved_settings();
    let session = Session::new(browser::now());
    let flow = Flow::new();
    let backtracks = Backtracks::new(connection, session, flow);
    let identity = Identity::new();
    identity.follow(connection, session);
    provide_context(identity);
    provide_context(connection);
    provide_context(session);
    provide_context(flow);
    provide_context(backtracks);
    open_from_link(connection, flow, backtracks, identity);
    let ticker = set_interval_with_handle(
        move || session.tick(browser::now(), &connection),
        Duration::from_secs(1),
    );
    on_cleanup(move || {
        if let Ok(handle) = ticker {
            handle.clear();
        }
    });

    let on_review = Callback::new(move |request| backtracks.review(request));
    let on_confirm = Callback::new(move |request| backtracks.send(request));

    view! {
        <header class="masthead">
            <h1>"Backtrack Console"</h1>
            <p class="tagline">"Rewind an Aurora MySQL cluster to an earlier time, safely."</p>
        </header>
        <main id="main">
            <ConnectionPanel />
            <IdentityPanel />
            <ClusterList />
            <ClusterPanel />
            <BacktrackForm on_review=on_review />
            {move || backtracks.sending().then(|| view! {
                <p class="note" role="status">"Sending BacktrackDBCluster…"</p>
            })}
            <ErrorAlert error=backtracks.send_error() />
            <StatusCard />
            <HistoryTable />
            <ConfirmDialog on_confirm=on_confirm />
        </main>
    }
}
