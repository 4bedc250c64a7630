//! Undoing a backtrack: Aurora can backtrack forward again inside the window, so a completed
//! backtrack is undone by backtracking to the moment it started (its `BacktrackedFrom`).

use super::model::{BacktrackStatus, DbClusterBacktrack};
use super::time::Timestamp;
use thiserror::Error;

/// Why a backtrack cannot be undone now; shown beside the disabled button.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum UndoBlocked {
    /// Still `pending` or `applying`.
    #[error("It can be undone once it has completed; it is {0} now.")]
    NotFinished(String),
    /// It failed, so the cluster did not move.
    #[error("It failed, so the cluster did not move: there is nothing to undo.")]
    Failed,
    /// RDS gave no `BacktrackedFrom`.
    #[error(
        "RDS did not say when it started (no BacktrackedFrom), so there is no time to return to."
    )]
    NoStart,
    /// The cluster's window is not known (the cluster is not looked up).
    #[error("Look up the cluster to check its backtrack window.")]
    WindowUnknown,
    /// The moment it started has left the backtrack window.
    #[error("It started at {from}, which is now before the earliest backtrack time ({earliest}).")]
    OutsideWindow {
        /// When the backtrack started.
        from: String,
        /// The earliest backtrack time now.
        earliest: String,
    },
}

/// The time that undoes `backtrack`: the whole second at or before its `BacktrackedFrom` (never
/// after it: later times belong to the rewound timeline), if it completed and that time is still
/// inside the window that starts at `earliest`.
pub fn undo_target(
    backtrack: &DbClusterBacktrack,
    earliest: Option<Timestamp>,
) -> Result<Timestamp, UndoBlocked> {
    match &backtrack.status {
        BacktrackStatus::Completed => {}
        BacktrackStatus::Failed => return Err(UndoBlocked::Failed),
        other => return Err(UndoBlocked::NotFinished(other.to_string())),
    }
    let from = backtrack
        .backtracked_from
        .ok_or(UndoBlocked::NoStart)?
        .whole_seconds();
    let earliest = earliest.ok_or(UndoBlocked::WindowUnknown)?;
    if from < earliest {
        return Err(UndoBlocked::OutsideWindow {
            from: from.to_iso(),
            earliest: earliest.to_iso(),
        });
    }
    Ok(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClusterId;

    fn t(iso: &str) -> Timestamp {
        Timestamp::parse_iso(iso).unwrap()
    }

    fn backtrack(status: BacktrackStatus, from: Option<&str>) -> DbClusterBacktrack {
        DbClusterBacktrack {
            cluster_id: ClusterId::parse("orders-prod").unwrap(),
            backtrack_id: "b-1".into(),
            backtrack_to: Some(t("2026-11-25T13:00:00Z")),
            backtracked_from: from.map(t),
            request_creation_time: from.map(t),
            status,
        }
    }

    #[test]
    fn a_completed_backtrack_is_undone_to_the_second_it_started() {
        let done = backtrack(BacktrackStatus::Completed, Some("2026-11-25T14:00:00.900Z"));
        assert_eq!(
            undo_target(&done, Some(t("2026-11-25T12:00:00Z"))),
            Ok(t("2026-11-25T14:00:00Z"))
        );
    }

    #[test]
    fn says_why_it_cannot_be_undone() {
        let earliest = Some(t("2026-11-25T12:00:00Z"));
        let from = Some("2026-11-25T14:00:00Z");
        assert_eq!(
            undo_target(&backtrack(BacktrackStatus::Failed, from), earliest),
            Err(UndoBlocked::Failed)
        );
        assert_eq!(
            undo_target(&backtrack(BacktrackStatus::Applying, from), earliest),
            Err(UndoBlocked::NotFinished("applying".into()))
        );
        assert_eq!(
            undo_target(&backtrack(BacktrackStatus::Completed, None), earliest),
            Err(UndoBlocked::NoStart)
        );
        assert_eq!(
            undo_target(&backtrack(BacktrackStatus::Completed, from), None),
            Err(UndoBlocked::WindowUnknown)
        );
        let blocked = undo_target(
            &backtrack(BacktrackStatus::Completed, from),
            Some(t("2026-11-25T14:00:01Z")),
        )
        .unwrap_err();
        assert_eq!(
            blocked.to_string(),
            "It started at 2026-11-25T14:00:00Z, which is now before the earliest backtrack time (2026-11-25T14:00:01Z)."
        );
    }
}
