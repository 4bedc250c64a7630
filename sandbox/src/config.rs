//! What the sandbox is started with: credentials, clusters, timings and faults.

use serde::Deserialize;
use std::time::Duration;

/// Everything the sandbox needs to run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Credentials it accepts (and one whose token has expired).
    pub credentials: Vec<CredentialSet>,
    /// The clusters it starts with.
    pub clusters: Vec<ClusterSeed>,
    /// How long a backtrack stays in each state.
    pub timings: Timings,
    /// Faults to inject into read operations.
    pub faults: Faults,
    /// How far the sandbox's clock is from this computer's, in seconds (positive: ahead).
    pub clock_offset_secs: i64,
    /// The region the sandbox answers for.
    pub region: String,
    /// The most points one `GetMetricData` page holds (CloudWatch's 100,800 unless set smaller,
    /// to see pages followed).
    pub metric_page_points: usize,
    /// IAM Identity Center: the start URL, the accounts and roles, how long codes, tokens and
    /// role credentials last.
    pub sso: SsoConfig,
    /// How long after a backtrack CloudTrail lists its event, in seconds (0 unless set; AWS
    /// takes up to about 15 minutes).
    pub trail_delivery_secs: u64,
}

/// The sandbox's IAM Identity Center.
#[derive(Clone, Debug)]
pub struct SsoConfig {
    /// The only start URL `StartDeviceAuthorization` accepts.
    pub start_url: String,
    /// The accounts the signed-in user may enter, with their roles.
    pub accounts: Vec<SsoAccount>,
    /// The most accounts or roles one page holds (1 shows paging with two accounts).
    pub page_size: usize,
    /// How long a device code waits for approval.
    pub code_lifetime: Duration,
    /// `interval`: seconds between token polls.
    pub interval_secs: u32,
    /// How long an access token lasts.
    pub token_lifetime: Duration,
    /// How long role credentials last (short, to see them fetched again).
    pub credentials_lifetime: Duration,
}

/// An account of the sandbox's IAM Identity Center.
#[derive(Clone, Debug)]
pub struct SsoAccount {
    /// `accountId`.
    pub id: String,
    /// `accountName`.
    pub name: String,
    /// The roles (permission sets) the user may take in it.
    pub roles: Vec<String>,
}

/// The start URL of the sandbox's IAM Identity Center.
pub const SSO_START_URL: &str = "https://sandbox-team.awsapps.com/start";

/// The user the sandbox's IAM Identity Center signs in: the session name of role credentials.
pub const SSO_USER: &str = "dba@example.com";

impl SsoConfig {
    /// Two accounts (`orders-prod` with `DBA` and `ReadOnly`, `staging` with `DBA`), a page
    /// of one, codes valid 10 minutes polled every second, tokens for 8 hours, role credentials
    /// for 15 minutes.
    pub fn new() -> Self {
        let account = |id: &str, name: &str, roles: &[&str]| SsoAccount {
            id: id.into(),
            name: name.into(),
            roles: roles.iter().map(|r| (*r).to_owned()).collect(),
        };
        Self {
            start_url: SSO_START_URL.into(),
            accounts: vec![
                account("111122223333", "orders-prod", &["DBA", "ReadOnly"]),
                account("444455556666", "staging", &["DBA"]),
            ],
            page_size: 1,
            code_lifetime: Duration::from_secs(600),
            interval_secs: 1,
            token_lifetime: Duration::from_secs(8 * 3600),
            credentials_lifetime: Duration::from_secs(900),
        }
    }
}

impl Default for SsoConfig {
    fn default() -> Self {
        Self::new()
    }
}

/// One set of credentials the sandbox knows.
#[derive(Clone, Debug, Deserialize)]
pub struct CredentialSet {
    /// The access key id.
    pub access_key_id: String,
    /// The secret access key.
    pub secret_access_key: String,
    /// The session token the requests must carry, if any.
    pub session_token: Option<String>,
    /// True if the session token has expired: requests get `ExpiredToken`.
    #[serde(default)]
    pub expired: bool,
    /// Whose they are, as `GetCallerIdentity` names it; the sandbox's role session when absent.
    #[serde(default)]
    pub arn: Option<String>,
    /// Signing names these credentials may not call (`AccessDenied`), as for a role whose
    /// policy leaves that service out.
    #[serde(default)]
    pub refused: Vec<String>,
}

/// A cluster as it exists when the sandbox starts.
#[derive(Clone, Debug, Deserialize)]
pub struct ClusterSeed {
    /// `DBClusterIdentifier` (lower-case).
    pub id: String,
    /// `Engine`.
    #[serde(default = "default_engine")]
    pub engine: String,
    /// `EngineVersion`.
    #[serde(default = "default_engine_version")]
    pub engine_version: String,
    /// `EngineMode`.
    #[serde(default = "default_engine_mode")]
    pub engine_mode: String,
    /// `Status`.
    #[serde(default = "default_status")]
    pub status: String,
    /// `BacktrackWindow` in seconds.
    #[serde(default)]
    pub backtrack_window_secs: u64,
    /// Binary logging on: a backtrack needs `Force`.
    #[serde(default)]
    pub binlog: bool,
    /// Every backtrack of this cluster ends `failed`.
    #[serde(default)]
    pub fail_backtracks: bool,
    /// Completed backtracks already in its history (for paging).
    #[serde(default)]
    pub history: usize,
    /// The actual backtrack window CloudWatch reports for the last hours, when it is shorter than
    /// the target (change records piled up); the target otherwise.
    #[serde(default)]
    pub actual_window_secs: Option<u64>,
    /// CloudWatch refuses this cluster's metrics (`AccessDenied`), as for a user without
    /// `cloudwatch:GetMetricData`.
    #[serde(default)]
    pub metrics_denied: bool,
}

/// How long a new backtrack spends in `pending` and then `applying`.
#[derive(Clone, Copy, Debug)]
pub struct Timings {
    /// Time in `pending`.
    pub pending: Duration,
    /// Time in `applying`.
    pub applying: Duration,
}

/// Faults injected into `Describe*` calls, and what happens to `BacktrackDBCluster`'s answer
/// (delivered unless [`Faults::lost_backtrack_answer`] says otherwise).
#[derive(Clone, Copy, Debug, Default)]
pub struct Faults {
    /// Every accepted `BacktrackDBCluster` loses its answer this way.
    pub lost_backtrack_answer: Option<LostAnswer>,
    /// Added to every response.
    pub latency: Duration,
    /// Share of read calls answered `Throttling`, in percent.
    pub throttle_percent: u8,
    /// Share of the read calls not throttled that are answered HTTP 500 `InternalFailure`, in percent.
    pub error_percent: u8,
}

/// How the answer to an accepted `BacktrackDBCluster` is lost on its way back, as when a load
/// balancer, a proxy or the network fails after RDS was reached (or, for `Html500NotSent`, before).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LostAnswer {
    /// The backtrack starts; the answer is replaced by an HTML page with status 500.
    Html500,
    /// The backtrack starts; the connection is closed before an answer is read.
    Dropped,
    /// The backtrack does not start; the answer is an HTML page with status 500.
    Html500NotSent,
}

fn default_engine() -> String {
    "aurora-mysql".into()
}
fn default_engine_version() -> String {
    "8.0.mysql_aurora.3.05.2".into()
}
fn default_engine_mode() -> String {
    "provisioned".into()
}
fn default_status() -> String {
    "available".into()
}

/// The access key id of the sandbox's working credentials.
pub const ACCESS_KEY_ID: &str = "ASIASANDBOXEXAMPLE01";
/// Their secret.
pub const SECRET_ACCESS_KEY: &str = "sandbox/SecretAccessKey/EXAMPLEKEY0000000000";
/// Their session token.
pub const SESSION_TOKEN: &str = "SandboxSessionToken//EXAMPLE+token=";
/// The account the sandbox's credentials belong to.
pub const ACCOUNT_ID: &str = "123456789012";
/// The role its credentials are a session of, and the session's name: `GetCallerIdentity`
/// answers `arn:aws:sts::{ACCOUNT_ID}:assumed-role/{ROLE}/{SESSION}`.
pub const ROLE: &str = "sandbox-dba";
/// See [`ROLE`].
pub const SESSION: &str = "rehearsal";

/// Every writer's `CommitThroughput` in CloudWatch, commits per second.
pub const COMMITS_PER_SEC: f64 = 12.5;

/// Every cluster's `BacktrackChangeRecordsCreationRate`: records created in five minutes.
pub const RECORDS_PER_5_MIN: f64 = 250.0;

/// The access key id of credentials whose session token has expired.
pub const EXPIRED_ACCESS_KEY_ID: &str = "ASIASANDBOXEXPIRED01";

/// The access key id of working credentials that CloudTrail refuses, as for a role without
/// `cloudtrail:LookupEvents`.
pub const NO_TRAIL_ACCESS_KEY_ID: &str = "ASIASANDBOXNOTRAIL01";

/// The working credentials, the expired ones, and ones CloudTrail refuses.
pub fn default_credentials() -> Vec<CredentialSet> {
    vec![
        CredentialSet {
            access_key_id: ACCESS_KEY_ID.into(),
            secret_access_key: SECRET_ACCESS_KEY.into(),
            session_token: Some(SESSION_TOKEN.into()),
            expired: false,
            arn: None,
            refused: Vec::new(),
        },
        CredentialSet {
            access_key_id: EXPIRED_ACCESS_KEY_ID.into(),
            secret_access_key: SECRET_ACCESS_KEY.into(),
            session_token: Some(SESSION_TOKEN.into()),
            expired: true,
            arn: None,
            refused: Vec::new(),
        },
        CredentialSet {
            access_key_id: NO_TRAIL_ACCESS_KEY_ID.into(),
            secret_access_key: SECRET_ACCESS_KEY.into(),
            session_token: Some(SESSION_TOKEN.into()),
            expired: false,
            arn: None,
            refused: vec!["cloudtrail".into()],
        },
    ]
}

/// Clusters covering every path of the console: healthy, binlog, disabled, PostgreSQL,
/// Serverless, busy, failing, and one with a long history.
pub fn default_clusters() -> Vec<ClusterSeed> {
    let mysql = |id: &str| ClusterSeed {
        id: id.into(),
        engine: default_engine(),
        engine_version: default_engine_version(),
        engine_mode: default_engine_mode(),
        status: default_status(),
        backtrack_window_secs: 86_400,
        binlog: false,
        fail_backtracks: false,
        history: 0,
        actual_window_secs: None,
        metrics_denied: false,
    };
    vec![
        ClusterSeed {
            history: 3,
            ..mysql("orders-prod")
        },
        ClusterSeed {
            binlog: true,
            ..mysql("binlog-cluster")
        },
        ClusterSeed {
            backtrack_window_secs: 0,
            ..mysql("no-backtrack")
        },
        ClusterSeed {
            engine: "aurora-postgresql".into(),
            engine_version: "15.4".into(),
            backtrack_window_secs: 0,
            ..mysql("postgres-cluster")
        },
        ClusterSeed {
            engine_mode: "serverless".into(),
            engine_version: "5.7.mysql_aurora.2.11.4".into(),
            backtrack_window_secs: 0,
            ..mysql("serverless-cluster")
        },
        ClusterSeed {
            status: "modifying".into(),
            ..mysql("busy-cluster")
        },
        ClusterSeed {
            fail_backtracks: true,
            ..mysql("failing-cluster")
        },
        ClusterSeed {
            history: 45,
            backtrack_window_secs: 259_200,
            ..mysql("history-cluster")
        },
        ClusterSeed {
            actual_window_secs: Some(18 * 3600),
            ..mysql("short-window-cluster")
        },
        ClusterSeed {
            metrics_denied: true,
            ..mysql("metrics-denied-cluster")
        },
    ]
}

/// Reads seeded clusters from a JSON file: an array of objects with the fields of [`ClusterSeed`].
pub fn clusters_from_file(path: &std::path::Path) -> anyhow::Result<Vec<ClusterSeed>> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    serde_json::from_str(&text)
        .with_context(|| format!("parse {} as a JSON array of clusters", path.display()))
}

impl Config {
    /// The default sandbox: default credentials and clusters, quick backtracks, no faults.
    pub fn new() -> Self {
        Self {
            credentials: default_credentials(),
            clusters: default_clusters(),
            timings: Timings {
                pending: Duration::from_secs(3),
                applying: Duration::from_secs(5),
            },
            faults: Faults::default(),
            clock_offset_secs: 0,
            region: "us-east-1".into(),
            metric_page_points: 100_800,
            sso: SsoConfig::new(),
            trail_delivery_secs: 0,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Self::new()
    }
}
