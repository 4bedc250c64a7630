//! `List clusters`: every cluster of the region (paged through `Marker`), narrowed by a filter,
//! with whether each can be backtracked (and why not, in the cluster card's words), and
//! `Choose {identifier}` to look one up.

use crate::ui::error_alert::ErrorAlert;
use crate::ui::labelled_input::LabelledInput;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Connection, Flow, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::error::RdsError;
use rds_core::model::{ClusterId, DbCluster};
use rds_core::time::describe_duration;

/// The region's clusters.
#[component]
pub fn ClusterList() -> impl IntoView {
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
    let flow = expect_context::<Flow>();
    let backtracks = expect_context::<Backtracks>();
    // The last listing: the region's clusters, or why they could not be listed (in place of the
    // rows, with `Try again`).
    let clusters = RwSignal::new(None::<Vec<DbCluster>>);
    let error = RwSignal::new(None::<RdsError>);
    // While listing: how many clusters have arrived.
    let listing = RwSignal::new(None::<usize>);
    // The region the list on screen is of (the region setting may have changed since).
    let listed_region = RwSignal::new(String::new());
    let filter = RwSignal::new(String::new());
    let list = move || {
        let client = match connection.client(session) {
            Ok(client) => client,
            Err(e) => return error.set(Some(e)),
        };
        error.set(None);
        listing.set(Some(0));
        spawn_local(async move {
            let result = client.list_clusters(|n| _ = listing.try_set(Some(n))).await;
            listing.try_set(None);
            match result {
                Ok(all) => {
                    listed_region.try_set(client.region.clone());
                    clusters.try_set(Some(all));
                }
                Err(e) => {
                    clusters.try_set(None);
                    error.try_set(Some(e));
                }
            }
        });
    };
    // Filtered once per change, for both the summary and the rows.
    let shown = Memo::new(move |_| {
        let needle = filter.get().trim().to_ascii_lowercase();
        clusters.with(|all| {
            all.iter()
                .flatten()
                .filter(|c| c.identifier.as_str().contains(&needle))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let choose = move |id: ClusterId| {
        flow.type_identifier(&id);
        backtracks.look_up(id);
    };
    let summary = move || match (listing.get(), clusters.with(|c| c.as_ref().map(Vec::len))) {
        (Some(n), _) => format!("Listing the region's clusters… {n} so far."),
        (None, Some(total)) => format!(
            "{total} clusters in {}; {} shown.",
            listed_region.get(),
            shown.with(Vec::len)
        ),
        (None, None) => String::new(),
    };
    view! {
        <section class="card cluster-list" aria-labelledby="clusters-title">
            <h2 id="clusters-title">"Clusters"</h2>
            <div class="inline-form">
                <LabelledInput id="cluster-filter" label="Filter clusters" value=filter placeholder="part of an identifier" />
                <button type="button" class="secondary" disabled=move || listing.get().is_some() on:click=move |_| list()>"List clusters"</button>
            </div>
            <p class="note" role="status">{summary}</p>
            <ErrorAlert error=error />
            {move || error.with(Option::is_some).then(|| view! {
                <button type="button" class="secondary" disabled=move || listing.get().is_some() on:click=move |_| list()>"Try again"</button>
            })}
            {move || clusters.with(Option::is_some).then(|| view! {
                <div class="table-wrap">
                    <table aria-label="Clusters in this region">
                        <thead>
                            <tr><th scope="col">"Identifier"</th><th scope="col">"Can it be backtracked?"</th><th scope="col">"Engine"</th><th scope="col">"Status"</th><th scope="col">"Backtrack window"</th><th scope="col">"Earliest backtrack time (UTC)"</th></tr>
                        </thead>
                        <tbody>
                            {move || shown.get().into_iter().map(|c| cluster_row(c, choose)).collect_view()}
                        </tbody>
                    </table>
                </div>
            })}
        </section>
    }
}

/// One cluster of the list.
fn cluster_row(cluster: DbCluster, choose: impl Fn(ClusterId) + Copy + 'static) -> impl IntoView {
    let id = cluster.identifier.clone();
    let window = match cluster.backtrack_window_secs {
        0 => "off".to_owned(),
        secs => describe_duration(secs as i64 * 1000),
    };
    let verdict = cluster
        .backtrack_blocker()
        .map_or_else(|| "Yes".to_owned(), |why| format!("No: {why}"));
    view! {
        <tr>
            <th scope="row">
                <button type="button" class="link" aria-label=format!("Choose {id}") on:click=move |_| choose(id.clone())>{cluster.identifier.to_string()}</button>
            </th>
            <td class="verdict">{verdict}</td>
            <td>{cluster.engine.clone()}{(cluster.engine_mode != "provisioned").then(|| format!(" ({})", cluster.engine_mode))}</td>
            <td>{cluster.status.clone()}</td>
            <td>{window}</td>
            <td>{cluster.earliest_backtrack_time.map_or_else(|| "no data".to_owned(), |t| t.to_iso())}</td>
        </tr>
    }
}
