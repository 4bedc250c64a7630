//! A backtrack's status as a badge, drawn the same in the status card and the history.

use leptos::prelude::*;
use rds_core::model::BacktrackStatus;

/// `status` as text in a badge whose class names its kind (`status-pending`, ..., or
/// `status-other` for a status RDS added later, so server text never becomes a class name).
#[component]
pub fn StatusBadge(
    /// The status to show.
    status: BacktrackStatus,
) -> impl IntoView {
    let kind = match status {
        BacktrackStatus::Other(_) => "other",
        ref known => known.as_str(),
    };
    view! { <span class=format!("status-badge status-{kind}")>{status.to_string()}</span> }
}
