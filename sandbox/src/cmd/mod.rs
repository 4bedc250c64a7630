//! The operations the sandbox answers (RDS's three, STS `GetCallerIdentity` and CloudWatch
//! `GetMetricData`), one module each, dispatched through one table, [`OPERATIONS`].

mod backtrack_db_cluster;
mod describe_db_cluster_backtracks;
mod describe_db_clusters;
mod get_caller_identity;
mod get_metric_data;
mod lookup_events;
mod unknown;

use crate::config::{ACCOUNT_ID, ROLE, SESSION};
use crate::state::World;

/// Who sent a request, as CloudTrail records it: the caller's ARN (the sandbox's role session, or
/// the role IAM Identity Center gave the credentials for) and the address the request came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    /// `userIdentity.arn`.
    pub arn: String,
    /// `sourceIPAddress`.
    pub source_ip: String,
}

impl Caller {
    /// The credentials' own ARN, else the sandbox's role session, calling from `source_ip`.
    pub fn from(source_ip: String, arn: Option<String>) -> Self {
        Self {
            arn: arn.unwrap_or_else(|| {
                format!("arn:aws:sts::{ACCOUNT_ID}:assumed-role/{ROLE}/{SESSION}")
            }),
            source_ip,
        }
    }

    /// The account of the caller's ARN (`arn:aws:sts::{account}:…`).
    pub fn account(&self) -> &str {
        self.arn.split(':').nth(4).unwrap_or(ACCOUNT_ID)
    }

    /// Who asked for the seeded past backtracks: the sandbox's role, from a documentation address.
    pub(crate) fn seeded() -> Self {
        Self::from("198.51.100.23".into(), None)
    }
}

/// How a request names its operation and carries its parameters.
#[derive(Clone, Copy, Debug)]
pub enum Wire {
    /// The Query protocol: `Action=` in a form body.
    Query,
    /// A JSON protocol: named by `X-Amz-Target`; `params` reads the body into flat parameters.
    Json {
        /// The whole `X-Amz-Target`.
        target: &'static str,
        /// Reads the JSON body.
        params: fn(&[u8]) -> Params,
    },
}

/// One operation the sandbox answers.
#[derive(Debug)]
pub struct Handler {
    /// Its name: the `Action`, or the end of `X-Amz-Target`.
    pub name: &'static str,
    /// The signing name its requests must be scoped to.
    pub service: &'static str,
    /// How requests carry it.
    pub wire: Wire,
    /// True for RDS's reads, the only calls faults are injected into.
    pub takes_faults: bool,
    /// Runs it at server time `now` (milliseconds); `Ok` holds the inner result.
    run: fn(&Params, &mut World, i64, &Caller) -> Result<String, Fault>,
}

/// Every operation the sandbox answers: adding one is a module and a row here.
pub const OPERATIONS: [Handler; 6] = [
    Handler {
        name: "BacktrackDBCluster",
        service: "rds",
        wire: Wire::Query,
        takes_faults: false,
        run: backtrack_db_cluster::execute,
    },
    Handler {
        name: "DescribeDBClusterBacktracks",
        service: "rds",
        wire: Wire::Query,
        takes_faults: true,
        run: describe_db_cluster_backtracks::execute,
    },
    Handler {
        name: "DescribeDBClusters",
        service: "rds",
        wire: Wire::Query,
        takes_faults: true,
        run: describe_db_clusters::execute,
    },
    Handler {
        name: "GetCallerIdentity",
        service: "sts",
        wire: Wire::Query,
        takes_faults: false,
        run: get_caller_identity::execute,
    },
    Handler {
        name: "GetMetricData",
        service: "monitoring",
        wire: Wire::Json {
            target: "GraniteServiceVersion20100801.GetMetricData",
            params: Params::from_metric_data_request,
        },
        takes_faults: false,
        run: get_metric_data::execute,
    },
    Handler {
        name: "LookupEvents",
        service: "cloudtrail",
        wire: Wire::Json {
            target: "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
            params: Params::from_json_top_level,
        },
        takes_faults: false,
        run: lookup_events::execute,
    },
];

/// The operation a request asks for.
#[derive(Clone, Debug)]
pub enum Operation {
    /// One of [`OPERATIONS`].
    Known(&'static Handler),
    /// Anything else (its `Action` or `X-Amz-Target`); answered with an error naming it.
    Unknown(String),
}

impl Operation {
    /// Reads a request: the operation its `X-Amz-Target` (JSON) or form `Action` (Query) names,
    /// and its parameters.
    pub fn from_request(target: Option<&str>, body: &[u8]) -> (Self, Params) {
        if let Some(target) = target {
            return OPERATIONS
                .iter()
                .find_map(|h| match h.wire {
                    Wire::Json { target: t, params } if t == target => {
                        Some((Self::Known(h), params(body)))
                    }
                    _ => None,
                })
                .unwrap_or_else(|| (Self::Unknown(target.to_owned()), Params::default()));
        }
        let params = Params::from_form(body);
        let action = params.get("Action").unwrap_or_default();
        let operation = OPERATIONS
            .iter()
            .find(|h| matches!(h.wire, Wire::Query) && h.name == action)
            .map_or_else(|| Self::Unknown(action.to_owned()), Self::Known);
        (operation, params)
    }

    /// The operation's name on the wire.
    pub fn name(&self) -> &str {
        match self {
            Self::Known(handler) => handler.name,
            Self::Unknown(name) => name,
        }
    }

    /// The signing name its requests must be scoped to (an unknown operation: RDS's).
    pub fn service(&self) -> &'static str {
        match self {
            Self::Known(handler) => handler.service,
            Self::Unknown(_) => "rds",
        }
    }

    /// True for the calls faults are injected into (RDS's reads).
    pub fn takes_faults(&self) -> bool {
        matches!(self, Self::Known(handler) if handler.takes_faults)
    }

    /// Runs the operation at server time `now` (milliseconds); `Ok` holds the inner result.
    pub(crate) fn execute(
        &self,
        params: &Params,
        world: &mut World,
        now: i64,
        caller: &Caller,
    ) -> Result<String, Fault> {
        match self {
            Self::Known(handler) => (handler.run)(params, world, now, caller),
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

    /// Reads a `GetMetricData` JSON body into flat parameters: `StartTime`, `EndTime`,
    /// `NextToken`, and for the n-th query (from 1) `Query.{n}.Id`, `.MetricName`, `.Stat`,
    /// `.Period`, `.DBClusterIdentifier` and `.Role` (dimensions); empty if it is not one.
    pub fn from_metric_data_request(body: &[u8]) -> Self {
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
            return Self::default();
        };
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let mut params = Vec::new();
        for name in ["StartTime", "EndTime", "NextToken"] {
            if let Some(v) = json.get(name) {
                params.push((name.to_owned(), text(v)));
            }
        }
        for (i, query) in json["MetricDataQueries"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            let stat = &query["MetricStat"];
            let metric = &stat["Metric"];
            let dimension = |name: &str| {
                metric["Dimensions"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .find(|d| d["Name"] == name)
                    .map(|d| &d["Value"])
            };
            let fields = [
                ("Id", Some(&query["Id"])),
                ("MetricName", Some(&metric["MetricName"])),
                ("Stat", Some(&stat["Stat"])),
                ("Period", Some(&stat["Period"])),
                ("DBClusterIdentifier", dimension("DBClusterIdentifier")),
                ("Role", dimension("Role")),
            ];
            for (name, value) in fields {
                if let Some(value) = value.filter(|v| !v.is_null()) {
                    params.push((format!("Query.{}.{name}", i + 1), text(value)));
                }
            }
        }
        Self(params)
    }

    /// Reads a JSON body's top-level fields (strings and numbers) into parameters, and the first
    /// `LookupAttributes` entry as `AttributeKey` and `AttributeValue`; empty if it is not JSON.
    pub fn from_json_top_level(body: &[u8]) -> Self {
        let Ok(serde_json::Value::Object(json)) = serde_json::from_slice(body) else {
            return Self::default();
        };
        let mut params = Vec::new();
        for (name, value) in &json {
            match value {
                serde_json::Value::String(s) => params.push((name.clone(), s.clone())),
                serde_json::Value::Number(n) => params.push((name.clone(), n.to_string())),
                _ => {}
            }
        }
        if let Some(attribute) = json.get("LookupAttributes").and_then(|a| a.get(0)) {
            for name in ["AttributeKey", "AttributeValue"] {
                if let Some(value) = attribute[name].as_str() {
                    params.push((name.to_owned(), value.to_owned()));
                }
            }
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
    let offset = token_offset(params, "Marker", "sandbox-page-", "InvalidParameterValue")?;
    Ok((max, offset))
}

/// The offset carried by `name`, a paging token this sandbox wrote as `{prefix}{offset}`; 0
/// without one. Any other token is refused with `code`.
fn token_offset(
    params: &Params,
    name: &str,
    prefix: &str,
    code: &'static str,
) -> Result<usize, Fault> {
    let Some(token) = params.get(name) else {
        return Ok(0);
    };
    token
        .strip_prefix(prefix)
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| Fault::sender(400, code, format!("Invalid {name} {token:?}.")))
}

/// The `<Marker>` line for the page after `offset + max` of `total`, if there is one.
fn next_marker(offset: usize, max: usize, total: usize) -> String {
    if offset + max < total {
        crate::xml::element(4, "Marker", &format!("sandbox-page-{}", offset + max))
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_dispatched_by_its_action_or_its_target() {
        let (query, params) =
            Operation::from_request(None, b"Action=DescribeDBClusters&MaxRecords=20");
        assert_eq!(
            (query.name(), query.service()),
            ("DescribeDBClusters", "rds")
        );
        assert_eq!(params.get("MaxRecords"), Some("20"));
        let body = br#"{"MetricDataQueries": [{"Id": "actual", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowActual", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Minimum"}}], "StartTime": 1795525200, "EndTime": 1795611600, "ScanBy": "TimestampAscending"}"#;
        let (json, params) =
            Operation::from_request(Some("GraniteServiceVersion20100801.GetMetricData"), body);
        assert_eq!(
            (json.name(), json.service()),
            ("GetMetricData", "monitoring")
        );
        let read = |name: &str| params.get(name).map(str::to_owned);
        assert_eq!(
            read("Query.1.DBClusterIdentifier").as_deref(),
            Some("orders-prod")
        );
        assert_eq!(read("Query.1.Stat").as_deref(), Some("Minimum"));
        assert_eq!(read("Query.1.Period").as_deref(), Some("3600"));
        assert_eq!(read("StartTime").as_deref(), Some("1795525200"));
        let (unknown, _) = Operation::from_request(Some("Other.GetMetricData"), body);
        assert!(matches!(unknown, Operation::Unknown(ref t) if t == "Other.GetMetricData"));
        let (action_as_target, _) = Operation::from_request(None, b"Action=GetMetricData");
        assert!(
            matches!(action_as_target, Operation::Unknown(_)),
            "JSON operations are named by their target only"
        );
    }

    #[test]
    fn an_unknown_action_is_refused_naming_what_the_sandbox_answers() {
        let fault = unknown::execute("DeleteDBCluster").unwrap_err();
        assert_eq!(fault.code, "InvalidAction");
        for handler in &OPERATIONS {
            assert!(fault.message.contains(handler.name), "{}", fault.message);
        }
    }
}
