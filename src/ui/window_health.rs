//! What CloudWatch knows of a cluster's backtrack window over the last 24 hours: a timeline of
//! the window, the actual window against the target and the chosen time (drawn here, as SVG),
//! the same facts in words, and a
//! warning when the actual window fell short. Without the permission, or without a route to
//! CloudWatch, a note says so and nothing else changes.

use crate::ui::state::{Flow, Session};
use leptos::prelude::*;
use rds_core::error::{ErrorCode, RdsError};
use rds_core::metrics::WindowHealth;
use rds_core::time::{describe_duration, Timestamp};
use rds_core::timeline::{self, WIDTH};

/// The chart's height, in SVG units.
const HEIGHT: i64 = 600;
/// The height of its plot, above the tick labels.
const PLOT: i64 = 500;

/// The window's health of the looked-up cluster (read by [`Flow::look_up`] beside the lookup),
/// whose target window is `target_secs`.
#[component]
pub fn WindowHealthView(
    /// Its target backtrack window, in seconds.
    target_secs: u64,
) -> impl IntoView {
    let flow = expect_context::<Flow>();
    let target_minutes = target_secs as f64 / 60.0;
    let minutes = |m: f64| describe_duration((m * 60_000.0) as i64);
    // Its own block with room reserved for what arrives, so the form below does not move under
    // the pointer when CloudWatch answers.
    let shown = move || {
        match flow.health() {
        None => view! { <p class="note" role="status">"Reading the window's health from CloudWatch…"</p> }.into_any(),
        Some(Err(error)) => view! { <p class="note">{unavailable("The window's health", &error)}</p> }.into_any(),
        Some(Ok((health, end))) => {
            let shortest = health.shortest_minutes();
            let latest = |s: &rds_core::metrics::Series| s.points.last().map(|(_, v)| *v);
            let facts = [
                (
                    "Shortest actual window",
                    shortest.map_or("no data".to_owned(), minutes),
                ),
                ("Target window", minutes(target_minutes)),
                (
                    "Times shorter than the target",
                    health.alert_count().map_or("no data".to_owned(), whole),
                ),
                (
                    "Change records stored (latest)",
                    latest(&health.stored).map_or("no data".to_owned(), whole),
                ),
                (
                    "Change records created per 5 min (latest)",
                    latest(&health.creation).map_or("no data".to_owned(), whole),
                ),
            ];
            let warning = health.falls_short(target_secs).then(|| view! {
                <p class="warning" role="status">{format!(
                    "The actual window fell to {} in the last 24 hours, shorter than the {} target: Aurora may not reach back as far as the target suggests. Trust the earliest backtrack time above, not the target.",
                    shortest.map_or("less".to_owned(), minutes),
                    minutes(target_minutes),
                )}</p>
            });
            view! {
                <div class="window-health">
                    {chart(&health, target_minutes, end, flow)}
                    <dl class="facts">
                        {facts.into_iter().map(|(name, value)| view! { <dt>{name}</dt><dd>{value}</dd> }).collect_view()}
                    </dl>
                </div>
                {warning}
            }.into_any()
        }
    }
    };
    view! { <div class="window-health-slot">{shown}</div> }
}

/// `value` rounded to a whole number, as text.
fn whole(value: f64) -> String {
    (value.round() as i64).to_string()
}

/// Why `figures` (e.g. "The window's health") are not shown, as a note: the permission, the
/// route, or the error.
pub fn unavailable(figures: &str, error: &RdsError) -> String {
    match error {
        RdsError::Service(e) if e.kind == ErrorCode::AccessDenied => format!(
            "CloudWatch refused GetMetricData ({}). {figures} needs the permission cloudwatch:GetMetricData; everything else works without it.",
            e.code
        ),
        other => format!("{figures} could not be read from CloudWatch: {other}"),
    }
}

/// The 24 hours before `end` as a timeline: six-hour ticks, the backtrack window from its earliest
/// time (shaded, with a line at that time), the target and the actual window (minutes, one point
/// an hour), now at the right edge, and the chosen time marked as the picker moves; beside it,
/// where the chosen time falls, in words.
fn chart(health: &WindowHealth, target_minutes: f64, end: Timestamp, flow: Flow) -> impl IntoView {
    let session = expect_context::<Session>();
    let top = health
        .actual
        .points
        .iter()
        .map(|(_, v)| *v)
        .fold(target_minutes, f64::max)
        .max(1.0);
    let y = |v: f64| PLOT - (v / top * (PLOT - 40) as f64) as i64;
    let line: Vec<String> = health
        .actual
        .points
        .iter()
        .filter_map(|(t, v)| Some(format!("{},{}", timeline::x(*t, end)?, y(*v))))
        .collect();
    let target_y = y(target_minutes).to_string();
    // The window reaches back to its earliest time, or past the left edge.
    // Read once, as the chart is built: a refresh of the cluster does not redraw it.
    let window_x = untrack(|| flow.earliest(end)).map(|e| timeline::x(e, end).unwrap_or(0));
    let chosen = move || flow.target.instant().ok();
    // Off the drawing, to its left, while no time within the 24 hours is chosen.
    let chosen_at = move || {
        let x = chosen().and_then(|t| timeline::x(t, end)).unwrap_or(-100);
        format!("translate({x} 0)")
    };
    view! {
        <svg class="window-chart" role="img" aria-label="Backtrack window, last 24 hours" aria-describedby="window-words"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="480" height="120">
            {window_x.map(|x| view! {
                <rect class="window-band" x=x.to_string() y="0" width=(WIDTH - x).to_string() height=PLOT.to_string() />
                <line class="earliest-line" x1=x.to_string() x2=x.to_string() y1="0" y2=PLOT.to_string() />
            })}
            // Every six hours, from 24 hours ago to now.
            <path class="tick" d="M3 0V500M600 0V500M1200 0V500M1800 0V500M2397 0V500" />
            <text class="tick-label" x="0" y="576" text-anchor="start">"24 h ago"</text>
            <text class="tick-label" x="600" y="576" text-anchor="middle">"18 h"</text>
            <text class="tick-label" x="1200" y="576" text-anchor="middle">"12 h"</text>
            <text class="tick-label" x="1800" y="576" text-anchor="middle">"6 h"</text>
            <text class="tick-label" x="2400" y="576" text-anchor="end">"now"</text>
            <line class="target-line" x1="0" x2=WIDTH.to_string() y1=target_y.clone() y2=target_y />
            <polyline class="actual-line" points=line.join(" ") />
            <line class="chosen-line" x1="0" x2="0" y1="0" y2=PLOT.to_string() transform=chosen_at />
        </svg>
        <p id="window-words" class="chart-words">
            {move || {
                let now = session.server_now();
                timeline::place(chosen(), flow.earliest(now), now, end)
            }}
        </p>
    }
}
