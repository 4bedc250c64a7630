//! `Backtrack history`: the looked-up cluster's backtracks, newest first, paged with `Marker`.

use crate::browser;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::lifecycle::Backtracks;
use crate::ui::state::{Connection, Flow, Session};
use crate::ui::status_badge::StatusBadge;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::error::RdsError;
use rds_core::model::{BacktrackPage, BacktrackQuery, ClusterId, MaxRecords};
use rds_core::time::Timestamp;

/// The history table with its paging buttons.
#[component]
pub fn HistoryTable() -> impl IntoView {
    let flow = expect_context::<Flow>();
    let backtracks = expect_context::<Backtracks>();
    let connection = expect_context::<Connection>();
    let session = expect_context::<Session>();
    // The markers of the pages after the first, for the history version they were read in:
    // a new lookup or backtrack bumps the version and so starts again at the first page.
    let paging = RwSignal::new((0u32, Vec::<String>::new()));
    let markers = move || {
        let version = backtracks.history_version.get();
        paging.with(|(read_in, markers)| {
            if *read_in == version {
                markers.clone()
            } else {
                Vec::new()
            }
        })
    };
    let go_next = move |marker: String| {
        let version = backtracks.history_version.get_untracked();
        paging.update(|(read_in, markers)| {
            if *read_in != version {
                (*read_in, *markers) = (version, Vec::new());
            }
            markers.push(marker);
        });
    };
    // The page on screen: `None` while it loads. Each read gets a ticket; an answer that is no
    // longer the latest (the user paged on, or a backtrack ended) is dropped.
    let page = RwSignal::new(None::<Result<Option<BacktrackPage>, RdsError>>);
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let marker = markers().last().cloned();
        // RDS returned this identifier, so it parses; a cluster it could not parse has no history.
        let cluster = flow.cluster.with(|c| {
            c.as_ref()
                .and_then(|l| ClusterId::parse(&l.cluster.identifier).ok())
        });
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        page.set(None);
        let Some(cluster) = cluster else {
            return page.set(Some(Ok(None)));
        };
        let client = match connection.client(session.skew) {
            Ok(client) => client,
            Err(error) => return page.set(Some(Err(error))),
        };
        let query = BacktrackQuery {
            max_records: MaxRecords::new(20).ok(),
            marker,
            ..BacktrackQuery::default()
        };
        spawn_local(async move {
            let read = client.backtracks(&cluster, &query).await.map(Some);
            // The table may be gone by now (the cluster was cleared): then nothing is set.
            if latest.try_get_value() == Some(ticket) {
                page.try_set(Some(read));
            }
        });
    });
    // Puts a past backtrack's time in the form and moves focus there, to review it again.
    let choose_again = move |to: Timestamp| {
        flow.target.set(to);
        browser::focus("backtrack-to");
    };
    let error = Signal::derive(move || page.get().and_then(|r| r.err()));
    let rows = move || page.get().and_then(|r| r.ok()).flatten();
    let next_marker = move || rows().and_then(|p| p.marker);
    // Rebuilt only when a cluster comes or goes, not on every lookup.
    let shown = Memo::new(move |_| flow.cluster.with(Option::is_some));
    view! {
        {move || shown.get().then(|| view! {
            <section class="card" aria-labelledby="history-title">
                <h2 id="history-title">"History"</h2>
                <ErrorAlert error=error />
                <div class="table-wrap">
                    <table aria-label="Backtrack history">
                        <thead>
                            <tr><th scope="col">"Backtrack ID"</th><th scope="col">"Status"</th><th scope="col">"Backtrack to (UTC)"</th><th scope="col">"Backtracked from (UTC)"</th><th scope="col">"Requested (UTC)"</th><th scope="col">"Again"</th></tr>
                        </thead>
                        <tbody>
                            {move || match rows() {
                                None => view! { <tr><td colspan="6">"Loading…"</td></tr> }.into_any(),
                                Some(p) if p.backtracks.is_empty() => view! { <tr><td colspan="6">"No backtracks yet."</td></tr> }.into_any(),
                                Some(p) => p.backtracks.into_iter().map(|b| {
                                    let t = |t: Option<Timestamp>| t.map_or_else(|| "—".to_owned(), |t| t.to_iso());
                                    view! {
                                        <tr>
                                            <td><code>{b.backtrack_id.clone()}</code></td>
                                            <td><StatusBadge status=b.status.clone() /></td>
                                            <td>{t(b.backtrack_to)}</td>
                                            <td>{t(b.backtracked_from)}</td>
                                            <td>{t(b.request_creation_time)}</td>
                                            <td>{b.backtrack_to.map(|to| view! {
                                                <button type="button" class="secondary" aria-label=format!("Use {} again", to.to_iso())
                                                    disabled=move || backtracks.locked()
                                                    on:click=move |_| choose_again(to)>"Use again"</button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view().into_any(),
                            }}
                        </tbody>
                    </table>
                </div>
                <div class="actions">
                    <button type="button" class="secondary" disabled=move || markers().is_empty()
                        on:click=move |_| paging.update(|(_, m)| { m.pop(); })>"Previous page"</button>
                    <button type="button" class="secondary" disabled=move || next_marker().is_none()
                        on:click=move |_| if let Some(m) = next_marker() { go_next(m) }>"Next page"</button>
                    <button type="button" class="secondary" on:click=move |_| backtracks.refresh_history()>"Refresh"</button>
                </div>
            </section>
        })}
    }
}
