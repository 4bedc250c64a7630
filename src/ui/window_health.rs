//! What CloudWatch knows of a cluster's backtrack window over the last 24 hours: a small chart of
//! the actual window against the target (drawn here, as SVG), the same facts in words, and a
//! warning when the actual window fell short. Without the permission, or without a route to
//! CloudWatch, a note says so and nothing else changes.

use crate::ui::state::Flow;
use leptos::prelude::*;
use rds_core::error::{ErrorCode, RdsError};
use rds_core::metrics::{WindowHealth, HEALTH_SPAN_MS};
use rds_core::time::{describe_duration, Timestamp};

/// The chart's drawing area, in SVG units (whole numbers, so no float is ever formatted).
const WIDTH: i64 = 2400;
/// See [`WIDTH`].
const HEIGHT: i64 = 600;

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
                    {chart(&health, target_minutes, end)}
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

/// The actual window (minutes, one point per hour) against the target, over the 24 hours before
/// `end`.
fn chart(health: &WindowHealth, target_minutes: f64, end: Timestamp) -> impl IntoView {
    let top = health
        .actual
        .points
        .iter()
        .map(|(_, v)| *v)
        .fold(target_minutes, f64::max)
        .max(1.0);
    let start = end.add_millis(-HEALTH_SPAN_MS);
    let x = |t: Timestamp| (t.millis() - start.millis()) * WIDTH / HEALTH_SPAN_MS;
    let y = |v: f64| HEIGHT - (v / top * (HEIGHT - 40) as f64) as i64;
    let line: Vec<String> = health
        .actual
        .points
        .iter()
        .map(|(t, v)| format!("{},{}", x(*t), y(*v)))
        .collect();
    let target_y = y(target_minutes).to_string();
    view! {
        <svg class="window-chart" role="img" aria-label="Backtrack window, last 24 hours"
            viewBox=format!("0 0 {WIDTH} {HEIGHT}") width="240" height="60">
            <line class="target-line" x1="0" x2=WIDTH.to_string() y1=target_y.clone() y2=target_y />
            <polyline class="actual-line" points=line.join(" ") />
        </svg>
    }
}
