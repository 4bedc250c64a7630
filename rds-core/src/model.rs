//! The values RDS speaks about: cluster identifiers, backtrack requests and results, clusters.

use super::time::Timestamp;
use std::fmt;
use thiserror::Error;

/// The longest cluster identifier RDS accepts.
pub const CLUSTER_ID_MAX_LEN: usize = 63;

/// A DB cluster identifier that satisfies every rule RDS documents, stored lower-case as RDS does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ClusterId(String);

/// Why a string is not a valid DB cluster identifier; the message tells the user how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ClusterIdError {
    /// Nothing (or only white space) was given.
    #[error("Enter a DB cluster identifier.")]
    Empty,
    /// More than 63 characters.
    #[error("The identifier has {0} characters; RDS allows at most 63.")]
    TooLong(usize),
    /// The first character is not a letter.
    #[error("The identifier must start with a letter.")]
    FirstNotLetter,
    /// A character other than an ASCII letter, digit or hyphen.
    #[error(
        "The identifier may contain only letters, digits and hyphens; \"{0}\" is not allowed."
    )]
    InvalidChar(char),
    /// The identifier ends with a hyphen.
    #[error("The identifier must not end with a hyphen.")]
    TrailingHyphen,
    /// Two hyphens in a row.
    #[error("The identifier must not contain two consecutive hyphens.")]
    ConsecutiveHyphens,
}

impl ClusterId {
    /// Validates `input` (surrounding white space ignored) and lower-cases it.
    pub fn parse(input: &str) -> Result<Self, ClusterIdError> {
        let id = input.trim();
        let first = id.chars().next().ok_or(ClusterIdError::Empty)?;
        let len = id.chars().count();
        if len > CLUSTER_ID_MAX_LEN {
            return Err(ClusterIdError::TooLong(len));
        }
        if let Some(bad) = id.chars().find(|c| !c.is_ascii_alphanumeric() && *c != '-') {
            return Err(ClusterIdError::InvalidChar(bad));
        }
        if !first.is_ascii_alphabetic() {
            return Err(ClusterIdError::FirstNotLetter);
        }
        if id.ends_with('-') {
            return Err(ClusterIdError::TrailingHyphen);
        }
        if id.contains("--") {
            return Err(ClusterIdError::ConsecutiveHyphens);
        }
        Ok(Self(id.to_ascii_lowercase()))
    }

    /// The identifier as RDS stores it (lower-case).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClusterId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The parameters of one `BacktrackDBCluster` call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BacktrackRequest {
    /// The cluster to rewind.
    pub cluster: ClusterId,
    /// The point in time to rewind to, in whole seconds.
    pub backtrack_to: Timestamp,
    /// Backtrack even when binary logging is enabled.
    pub force: bool,
    /// Use the earliest backtrack time when `backtrack_to` is earlier than it.
    pub use_earliest_time_on_point_in_time_unavailable: bool,
}

/// Which page of `DescribeDBClusterBacktracks` to read, and how it is filtered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BacktrackQuery {
    /// Only this backtrack (a UUID).
    pub backtrack_id: Option<String>,
    /// Filter by backtrack id (`db-cluster-backtrack-id`).
    pub filter_ids: Vec<String>,
    /// Filter by status (`db-cluster-backtrack-status`).
    pub filter_statuses: Vec<BacktrackStatus>,
    /// Page size: 20 to 100 (see [`MaxRecords`]).
    pub max_records: Option<MaxRecords>,
    /// The `Marker` returned by the previous page.
    pub marker: Option<String>,
}

/// A page size RDS accepts: 20 to 100 records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxRecords(u8);

/// A page size outside 20 to 100.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Error)]
#[error("page size {0} is outside 20 to 100")]
pub struct MaxRecordsError(pub u32);

impl MaxRecords {
    /// The smallest page RDS allows.
    pub const MIN: u32 = 20;
    /// The largest page RDS allows.
    pub const MAX: u32 = 100;
    /// A page of [`Self::MAX`] records.
    pub const LARGEST: Self = Self(Self::MAX as u8);

    /// Accepts 20 to 100.
    pub fn new(n: u32) -> Result<Self, MaxRecordsError> {
        if (Self::MIN..=Self::MAX).contains(&n) {
            Ok(Self(n as u8))
        } else {
            Err(MaxRecordsError(n))
        }
    }

    /// The page size.
    pub fn get(self) -> u32 {
        u32::from(self.0)
    }
}

/// The state of a backtrack, compared case-insensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BacktrackStatus {
    /// Accepted, not started.
    Pending,
    /// The cluster is rewinding.
    Applying,
    /// Done.
    Completed,
    /// Aurora could not backtrack.
    Failed,
    /// A value this console does not know, kept as it came.
    Other(String),
}

impl BacktrackStatus {
    /// Reads a status as RDS sends it, in any letter case.
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_lowercase().as_str() {
            "pending" => Self::Pending,
            "applying" => Self::Applying,
            "completed" => Self::Completed,
            "failed" => Self::Failed,
            _ => Self::Other(s.trim().to_owned()),
        }
    }

    /// The status word as RDS spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Pending => "pending",
            Self::Applying => "applying",
            Self::Completed => "completed",
            Self::Failed => "failed",
            Self::Other(s) => s,
        }
    }

    /// True once the backtrack can change no more (`completed` or `failed`).
    pub fn is_final(&self) -> bool {
        matches!(self, Self::Completed | Self::Failed)
    }
}

impl fmt::Display for BacktrackStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One backtrack, as `BacktrackDBCluster` and `DescribeDBClusterBacktracks` report it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbClusterBacktrack {
    /// `DBClusterIdentifier`.
    pub cluster_id: ClusterId,
    /// `BacktrackIdentifier` (a UUID).
    pub backtrack_id: String,
    /// `BacktrackTo`: the time Aurora actually rewound to.
    pub backtrack_to: Option<Timestamp>,
    /// `BacktrackedFrom`: the time the cluster was rewound from.
    pub backtracked_from: Option<Timestamp>,
    /// `BacktrackRequestCreationTime`.
    pub request_creation_time: Option<Timestamp>,
    /// `Status`.
    pub status: BacktrackStatus,
}

/// One page of `DescribeDBClusterBacktracks`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BacktrackPage {
    /// The backtracks on this page.
    pub backtracks: Vec<DbClusterBacktrack>,
    /// Where the next page starts, if there is one.
    pub marker: Option<String>,
}

/// One page of `DescribeDBClusters` for a whole region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClusterPage {
    /// The clusters on this page.
    pub clusters: Vec<DbCluster>,
    /// Where the next page starts, if there is one.
    pub marker: Option<String>,
}

/// The parts of a DB cluster that matter for backtracking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbCluster {
    /// `DBClusterIdentifier`.
    pub identifier: ClusterId,
    /// `Engine`, e.g. `aurora-mysql`.
    pub engine: String,
    /// `EngineVersion`.
    pub engine_version: String,
    /// `EngineMode`, e.g. `provisioned` or `serverless`.
    pub engine_mode: String,
    /// `Status`, e.g. `available` or `backtracking`.
    pub status: String,
    /// `BacktrackWindow` in seconds; 0 or absent means backtracking is off.
    pub backtrack_window_secs: u64,
    /// `EarliestBacktrackTime`.
    pub earliest_backtrack_time: Option<Timestamp>,
    /// `BacktrackConsumedChangeRecords`.
    pub consumed_change_records: Option<u64>,
    /// `DBClusterArn`.
    pub arn: String,
    /// `Endpoint` (the writer endpoint).
    pub endpoint: String,
    /// Identifiers of the `DBClusterMembers`.
    pub members: Vec<String>,
}

/// Why a cluster cannot be backtracked now; the message is shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NotBacktrackable {
    /// The engine is not Aurora MySQL.
    #[error("Backtrack works only on Aurora MySQL; this cluster runs {0}.")]
    Engine(String),
    /// Aurora Serverless clusters cannot backtrack.
    #[error("Aurora Serverless clusters cannot be backtracked.")]
    Serverless,
    /// The cluster was created without a backtrack window.
    #[error("Backtracking is not enabled on this cluster (its backtrack window is 0); it can only be enabled when the cluster is created.")]
    Disabled,
    /// The cluster is busy.
    #[error("The cluster is {0}; it must be available before it can be backtracked.")]
    NotAvailable(String),
}

impl DbCluster {
    /// The most fundamental reason the cluster cannot be backtracked, or `None` if it can.
    pub fn backtrack_blocker(&self) -> Option<NotBacktrackable> {
        let engine = self.engine.to_ascii_lowercase();
        if !engine.starts_with("aurora") || engine.contains("postgresql") {
            return Some(NotBacktrackable::Engine(self.engine.clone()));
        }
        if self.engine_mode.eq_ignore_ascii_case("serverless") {
            return Some(NotBacktrackable::Serverless);
        }
        if self.backtrack_window_secs == 0 {
            return Some(NotBacktrackable::Disabled);
        }
        if !self.status.eq_ignore_ascii_case("available") {
            return Some(NotBacktrackable::NotAvailable(self.status.clone()));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cluster_id_is_lower_cased_and_trimmed() {
        let id = ClusterId::parse("  My-Cluster1 ").unwrap();
        assert_eq!(id.as_str(), "my-cluster1");
    }

    #[test]
    fn cluster_id_rules_each_have_their_own_error() {
        use ClusterIdError::*;
        assert_eq!(ClusterId::parse(" "), Err(Empty));
        assert_eq!(ClusterId::parse(&"a".repeat(64)), Err(TooLong(64)));
        assert!(ClusterId::parse(&"a".repeat(63)).is_ok());
        assert_eq!(ClusterId::parse("1abc"), Err(FirstNotLetter));
        assert_eq!(ClusterId::parse("-abc"), Err(FirstNotLetter));
        assert_eq!(ClusterId::parse("ab_c"), Err(InvalidChar('_')));
        assert_eq!(ClusterId::parse("abc-"), Err(TrailingHyphen));
        assert_eq!(ClusterId::parse("a--b"), Err(ConsecutiveHyphens));
        assert_eq!(ClusterId::parse("é"), Err(InvalidChar('é')));
        assert!(ClusterId::parse("a").is_ok());
    }

    #[test]
    fn cluster_id_messages_are_readable() {
        let msg = ClusterId::parse("abc-").unwrap_err().to_string();
        assert_eq!(msg, "The identifier must not end with a hyphen.");
    }

    #[test]
    fn max_records_accepts_20_to_100() {
        assert!(MaxRecords::new(19).is_err());
        assert_eq!(MaxRecords::new(20).unwrap().get(), 20);
        assert_eq!(MaxRecords::new(100).unwrap().get(), 100);
        assert_eq!(MaxRecords::new(101), Err(MaxRecordsError(101)));
        assert_eq!(Ok(MaxRecords::LARGEST), MaxRecords::new(MaxRecords::MAX));
    }

    #[test]
    fn status_is_case_insensitive() {
        assert_eq!(
            BacktrackStatus::parse("COMPLETED"),
            BacktrackStatus::Completed
        );
        assert_eq!(
            BacktrackStatus::parse("Applying"),
            BacktrackStatus::Applying
        );
        assert!(BacktrackStatus::parse("failed").is_final());
        assert!(!BacktrackStatus::parse("pending").is_final());
        assert_eq!(
            BacktrackStatus::parse("rolling-back"),
            BacktrackStatus::Other("rolling-back".into())
        );
    }

    fn cluster() -> DbCluster {
        DbCluster {
            identifier: ClusterId::parse("c").unwrap(),
            engine: "aurora-mysql".into(),
            engine_version: "8.0.mysql_aurora.3.08.0".into(),
            engine_mode: "provisioned".into(),
            status: "available".into(),
            backtrack_window_secs: 86_400,
            earliest_backtrack_time: None,
            consumed_change_records: None,
            arn: String::new(),
            endpoint: String::new(),
            members: Vec::new(),
        }
    }

    #[test]
    fn blockers_explain_why_a_cluster_cannot_backtrack() {
        assert_eq!(cluster().backtrack_blocker(), None);
        let pg = DbCluster {
            engine: "aurora-postgresql".into(),
            ..cluster()
        };
        assert!(matches!(
            pg.backtrack_blocker(),
            Some(NotBacktrackable::Engine(_))
        ));
        let sl = DbCluster {
            engine_mode: "serverless".into(),
            ..cluster()
        };
        assert_eq!(sl.backtrack_blocker(), Some(NotBacktrackable::Serverless));
        let off = DbCluster {
            backtrack_window_secs: 0,
            ..cluster()
        };
        assert_eq!(off.backtrack_blocker(), Some(NotBacktrackable::Disabled));
        let busy = DbCluster {
            status: "backtracking".into(),
            ..cluster()
        };
        assert_eq!(
            busy.backtrack_blocker(),
            Some(NotBacktrackable::NotAvailable("backtracking".into()))
        );
    }
}
