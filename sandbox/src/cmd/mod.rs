//! The operations the sandbox answers (RDS's three, and STS `GetCallerIdentity`), one module each,
//! dispatched by [`Operation`].

mod backtrack_db_cluster;
mod describe_db_cluster_backtracks;
mod describe_db_clusters;
mod get_caller_identity;
mod get_metric_statistics;
mod unknown;

use crate::state::World;

/// An action named by a request's `Action` parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Operation {
    /// `BacktrackDBCluster`.
    BacktrackDbCluster,
    /// `DescribeDBClusterBacktracks`.
    DescribeDbClusterBacktracks,
    /// `DescribeDBClusters`.
    DescribeDbClusters,
    /// STS `GetCallerIdentity`.
    GetCallerIdentity,
    /// CloudWatch `GetMetricStatistics` (JSON 1.0, named by `X-Amz-Target`).
    GetMetricStatistics,
    /// Anything else; answered with an error naming it.
    Unknown(String),
}

impl Operation {
    /// Reads the `Action` parameter.
    pub fn parse(action: &str) -> Self {
        match action {
            "BacktrackDBCluster" => Self::BacktrackDbCluster,
            "DescribeDBClusterBacktracks" => Self::DescribeDbClusterBacktracks,
            "DescribeDBClusters" => Self::DescribeDbClusters,
            "GetCallerIdentity" => Self::GetCallerIdentity,
            other => Self::Unknown(other.to_owned()),
        }
    }

    /// The action's name on the wire.
    pub fn name(&self) -> &str {
        match self {
            Self::BacktrackDbCluster => "BacktrackDBCluster",
            Self::DescribeDbClusterBacktracks => "DescribeDBClusterBacktracks",
            Self::DescribeDbClusters => "DescribeDBClusters",
            Self::GetCallerIdentity => "GetCallerIdentity",
            Self::GetMetricStatistics => "GetMetricStatistics",
            Self::Unknown(name) => name,
        }
    }

    /// The signing name its requests must be scoped to (an unknown action: RDS's).
    pub fn service(&self) -> &'static str {
        match self {
            Self::GetCallerIdentity => "sts",
            Self::GetMetricStatistics => "monitoring",
            _ => "rds",
        }
    }

    /// True for the calls that only read (the only ones faults are injected into).
    pub fn is_read(&self) -> bool {
        matches!(
            self,
            Self::DescribeDbClusterBacktracks | Self::DescribeDbClusters
        )
    }

    /// Runs the operation at server time `now` (milliseconds); `Ok` holds the inner result XML.
    pub(crate) fn execute(
        &self,
        params: &Params,
        world: &mut World,
        now: i64,
    ) -> Result<String, Fault> {
        match self {
            Self::BacktrackDbCluster => backtrack_db_cluster::execute(params, world, now),
            Self::DescribeDbClusterBacktracks => {
                describe_db_cluster_backtracks::execute(params, world, now)
            }
            Self::DescribeDbClusters => describe_db_clusters::execute(params, world, now),
            Self::GetCallerIdentity => get_caller_identity::execute(),
            Self::GetMetricStatistics => get_metric_statistics::execute(params, world),
            Self::Unknown(name) => unknown::execute(name),
        }
    }
}

/// The form parameters of a request.
#[derive(Clone, Debug, Default)]
pub struct Params(pub Vec<(String, String)>);

impl Params {
    /// Parses a form body.
    pub fn from_form(body: &[u8]) -> Self {
        Self(form_urlencoded::parse(body).into_owned().collect())
    }

    /// Reads a `GetMetricStatistics` JSON body into flat parameters (`MetricName`,
    /// `DBClusterIdentifier`, `StartTime`, `EndTime`, `Period`, `Statistic`); empty if it is not one.
    pub fn from_metric_request(body: &[u8]) -> Self {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Self::default();
        };
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut params = Vec::new();
        for name in ["MetricName", "StartTime", "EndTime", "Period"] {
            if let Some(v) = json.get(name) {
                params.push((name.to_owned(), text(v)));
            }
        }
        if let Some(value) = json["Dimensions"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|d| d["Name"] == "DBClusterIdentifier")
        {
            params.push(("DBClusterIdentifier".to_owned(), text(&value["Value"])));
        }
        if let Some(statistic) = json["Statistics"].get(0) {
            params.push(("Statistic".to_owned(), text(statistic)));
        }
        Self(params)
    }

    /// The first value of `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn required(&self, name: &str) -> Result<&str, Fault> {
        self.get(name).filter(|v| !v.is_empty()).ok_or_else(|| {
            Fault::sender(
                400,
                "MissingParameter",
                format!("The request must contain the parameter {name}"),
            )
        })
    }

    fn boolean(&self, name: &str) -> Result<bool, Fault> {
        match self.get(name) {
            None | Some("false") => Ok(false),
            Some("true") => Ok(true),
            Some(other) => Err(Fault::invalid(format!(
                "Invalid value {other:?} for {name}: use true or false."
            ))),
        }
    }
}

/// An error answer: HTTP status, code and message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fault {
    /// The HTTP status.
    pub status: u16,
    /// `Sender` or `Receiver`.
    pub kind: &'static str,
    /// `Code`.
    pub code: &'static str,
    /// `Message`.
    pub message: String,
}

impl Fault {
    /// A fault of the caller's making.
    pub fn sender(status: u16, code: &'static str, message: String) -> Self {
        Self {
            status,
            kind: "Sender",
            code,
            message,
        }
    }

    /// `InvalidParameterValue`.
    fn invalid(message: String) -> Self {
        Self::sender(400, "InvalidParameterValue", message)
    }

    /// `DBClusterNotFoundFault`.
    fn cluster_not_found(id: &str) -> Self {
        Self::sender(
            404,
            "DBClusterNotFoundFault",
            format!("DBCluster {id} not found."),
        )
    }
}

/// Reads `MaxRecords` (20 to 100, default 100) and `Marker` (an offset this sandbox wrote).
fn paging(params: &Params) -> Result<(usize, usize), Fault> {
    let max = match params.get("MaxRecords") {
        None => 100,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (20..=100).contains(&n) => n,
            _ => {
                return Err(Fault::invalid(format!(
                    "Invalid value {text} for MaxRecords. Must be between 20 and 100"
                )))
            }
        },
    };
    let offset = match params.get("Marker") {
        None => 0,
        Some(marker) => marker
            .strip_prefix("sandbox-page-")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| Fault::invalid(format!("Invalid Marker {marker:?}.")))?,
    };
    Ok((max, offset))
}

/// The `<Marker>` line for the page after `offset + max` of `total`, if there is one.
fn next_marker(offset: usize, max: usize, total: usize) -> String {
    if offset + max < total {
        crate::xml::element(4, "Marker", &format!("sandbox-page-{}", offset + max))
    } else {
        String::new()
    }
}
