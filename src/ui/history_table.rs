//! `Backtrack history`: the looked-up cluster's backtracks, newest first, paged with `Marker`.

use crate::browser;
use crate::ui::backtrack_form::BACKTRACK_TO;
use crate::ui::error_alert::ErrorAlert;
use crate::ui::latest::Latest;
use crate::ui::lifecycle::Backtracks;
use crate::ui::requested_by::{requested_by, Trail};
use crate::ui::state::{Connection, Flow, Session};
use crate::ui::status_badge::StatusBadge;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rds_core::calls::DescribeDbClusterBacktracks;
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
        let version = backtracks.history_version();
        paging.with(|(read_in, markers)| {
            if *read_in == version {
                markers.clone()
            } else {
                Vec::new()
            }
        })
    };
    let go_next = move |marker: String| {
        let version = untrack(|| backtracks.history_version());
        paging.update(|(read_in, markers)| {
            if *read_in != version {
                (*read_in, *markers) = (version, Vec::new());
            }
            markers.push(marker);
        });
    };
    // The page on screen. Only the latest read lands its answer (the user may have paged on, or
    // a backtrack ended). Reading the same page again keeps its rows
    // on screen until the answer replaces them, so a refresh never moves the page under the pointer.
    let page = RwSignal::new(Shown::Loading);
    let reads = Latest::new();
    let trail = Trail::new();
    let shown_for = StoredValue::new(None::<(ClusterId, Option<String>)>);
    Effect::new(move |_| {
        let marker = markers().last().cloned();
        let cluster = flow.asked_id();
        let ticket = reads.ask();
        let Some(cluster) = cluster else {
            return page.set(Shown::Loaded(None));
        };
        let key = Some((cluster.clone(), marker.clone()));
        let same_page = shown_for.with_value(|shown| *shown == key);
        shown_for.set_value(key);
        if !same_page || !page.with_untracked(Shown::is_loaded) {
            page.set(Shown::Loading);
        }
        let client = match connection.client(session) {
            Ok(client) => client,
            Err(error) => return page.set(Shown::Failed(error)),
        };
        let read = DescribeDbClusterBacktracks {
            cluster,
            query: BacktrackQuery {
                max_records: MaxRecords::new(20).ok(),
                marker,
                ..BacktrackQuery::default()
            },
        };
        spawn_local(async move {
            let read = client.call(&read).await;
            // The table may be gone by now (the cluster was cleared): then nothing is set.
            if ticket.is_latest() {
                page.try_set(match read {
                    Ok(read) => Shown::Loaded(Some(read)),
                    Err(error) => Shown::Failed(error),
                });
            }
        });
    });
    // Who requested them: CloudTrail from the newest event for each look-up, refresh or change
    // of credentials, beside the history's first page (paging back to it reads nothing again).
    Effect::new(move |_| {
        backtracks.history_version();
        if let Some(cluster) = flow.asked_id() {
            trail.start(connection.client(session), cluster);
        }
    });
    let rows = move || page.with(|p| p.rows().map(|r| r.backtracks.clone()).unwrap_or_default());
    Effect::new(move |_| trail.follow(&rows(), || connection.client(session)));
    // Puts a past backtrack's time in the form and moves focus there, to review it again.
    let choose_again = move |to: Timestamp| {
        flow.target.set(to);
        browser::focus(BACKTRACK_TO);
    };
    // The rows are rebuilt only when the backtracks listed change (a new one, another page), never
    // by a reload of the same list, so a `Use again` under the pointer stays; a row's status is
    // updated in place.
    let listed = Memo::new(move |_| {
        page.with(|p| {
            p.rows().map(|r| {
                r.backtracks
                    .iter()
                    .map(|b| b.backtrack_id.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
        })
    });
    let failure = Signal::derive(move || match page.get() {
        Shown::Failed(error) => Some(error),
        _ => None,
    });
    let next_marker = move || page.with(|p| p.rows().and_then(|r| r.marker.clone()));
    // Rebuilt only when a cluster comes or goes, not on every lookup.
    let shown = Memo::new(move |_| flow.with_cluster(|c| c.is_some()));
    view! {
        {move || shown.get().then(|| view! {
            <section class="card" aria-labelledby="history-title">
                <h2 id="history-title">"History"</h2>
                <div class="table-wrap">
                    <table aria-label="Backtrack history">
                        <thead>
                            <tr><th scope="col">"Backtrack ID"</th><th scope="col">"Status"</th><th scope="col">"Backtrack to (UTC)"</th><th scope="col">"Backtracked from (UTC)"</th><th scope="col">"Requested (UTC)"</th><th scope="col">"Requested by"</th><th scope="col">"Again"</th></tr>
                        </thead>
                        <tbody>
                            {move || match page.get() {
                                Shown::Loading => view! { <tr><td colspan="7">"Loading…"</td></tr> }.into_any(),
                                Shown::Failed(_) => view! {
                                    <tr><td colspan="7">
                                        <ErrorAlert error=failure />
                                        <button type="button" class="secondary" on:click=move |_| backtracks.refresh_history()>"Try again"</button>
                                    </td></tr>
                                }.into_any(),
                                Shown::Loaded(Some(p)) if p.backtracks.is_empty() => view! { <tr><td colspan="7">"No backtracks yet."</td></tr> }.into_any(),
                                Shown::Loaded(_) => ().into_any(),
                            }}
                            {move || {
                                listed.with(|_| ());
                                page.with_untracked(|p| p.rows().map(|r| r.backtracks.clone())).unwrap_or_default().into_iter().map(move |b| {
                                    let t = |t: Option<Timestamp>| t.map_or_else(|| "—".to_owned(), |t| t.to_iso());
                                    let id = b.backtrack_id.clone();
                                    let status = move || page.with(|p| {
                                        p.rows()?.backtracks.iter().find(|r| r.backtrack_id == id).map(|r| r.status.clone())
                                    });
                                    view! {
                                        <tr>
                                            <td><code>{b.backtrack_id.clone()}</code></td>
                                            <td>{move || status().map(|s| view! { <StatusBadge status=s /> })}</td>
                                            <td>{t(b.backtrack_to)}</td>
                                            <td>{t(b.backtracked_from)}</td>
                                            <td>{t(b.request_creation_time)}</td>
                                            <td>{requested_by(trail, b.clone())}</td>
                                            <td>{b.backtrack_to.map(|to| view! {
                                                <button type="button" class="secondary" aria-label=format!("Use {} again", to.to_iso())
                                                    disabled=move || backtracks.locked()
                                                    on:click=move |_| choose_again(to)>"Use again"</button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()
                            }}
                        </tbody>
                    </table>
                </div>
                {move || trail.note(&rows()).map(|note| view! { <p class="note">{note}</p> })}
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

/// What the table shows: every read ends loaded (rows, or none) or failed, never loading for good.
#[derive(Clone, Debug, PartialEq)]
enum Shown {
    /// The first read of this page is under way.
    Loading,
    /// The page as read (`None`: no cluster, so no history).
    Loaded(Option<BacktrackPage>),
    /// The read failed; the error replaces the rows, with `Try again`.
    Failed(RdsError),
}

impl Shown {
    fn is_loaded(&self) -> bool {
        matches!(self, Self::Loaded(Some(_)))
    }

    fn rows(&self) -> Option<&BacktrackPage> {
        match self {
            Self::Loaded(page) => page.as_ref(),
            _ => None,
        }
    }
}
