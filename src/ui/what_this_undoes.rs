//! `What this undoes`, in the confirmation dialog: the writer's commits and the change records
//! created between the chosen time and now, from CloudWatch, read as the dialog opens.

use crate::ui::latest::Latest;
use crate::ui::state::{Connection, Session};
use crate::ui::window_health::unavailable;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::error::RdsError;
use rds_core::loss::Loss;
use rds_core::model::ClusterId;
use rds_core::time::Timestamp;

/// The figures of a backtrack of `cluster` to `to`, with a retry when they could not be read.
pub fn what_this_undoes(cluster: ClusterId, to: Timestamp) -> impl IntoView {
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
    let said = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    let reads = Latest::new();
    let cluster = StoredValue::new(cluster);
    let load = move || {
        let ticket = reads.ask();
        failed.set(false);
        said.set("Counting the commits and change records since then in CloudWatch…".into());
        let land = move |figures: Result<Loss, RdsError>| {
            failed.set(figures.is_err());
            said.set(match figures {
                Ok(loss) => loss.describe(),
                Err(error) => unavailable("The count of what this undoes", &error),
            });
        };
        let client = match connection.client(session) {
            Ok(client) => client,
            Err(error) => return land(Err(error)),
        };
        let call = Loss::call(
            &cluster.get_value(),
            to,
            client.server_now().whole_seconds(),
        );
        let from = call.start;
        spawn_local(async move {
            let figures = client.metric_series(call).await;
            if ticket.is_latest() {
                land(figures.map(|s| Loss::from_series(from, &s)));
            }
        });
    };
    load();
    view! {
        <div role="group" aria-label="What this undoes" class="undoes">
            <strong>"What this undoes"</strong>
            <p role="status">{move || said.get()}</p>
            <p class="note">"The latest minutes may not be counted yet: CloudWatch publishes these figures a few minutes late."</p>
            <button type="button" class="secondary" hidden=move || !failed.get() on:click=move |_| load()>"Try again"</button>
        </div>
    }
}
