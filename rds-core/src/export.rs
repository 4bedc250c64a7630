//! What the console lets users copy: the equivalent AWS CLI command (no secrets) and a backtrack's
//! details as JSON.

use super::model::{BacktrackRequest, DbClusterBacktrack};
use super::time::Timestamp;
use serde::Serialize;

/// `aws rds backtrack-db-cluster ...` for `request` in `region`; `endpoint` only when overridden.
pub fn aws_cli_command(request: &BacktrackRequest, region: &str, endpoint: Option<&str>) -> String {
    let mut parts = vec![
        "aws rds backtrack-db-cluster".to_owned(),
        format!("--region {}", shell_quote(region)),
        format!("--db-cluster-identifier {}", request.cluster),
        format!(
            "--backtrack-to {}",
            request.backtrack_to.whole_seconds().to_iso()
        ),
    ];
    if request.force {
        parts.push("--force".to_owned());
    }
    if request.use_earliest_time_on_point_in_time_unavailable {
        parts.push("--use-earliest-time-on-point-in-time-unavailable".to_owned());
    }
    if let Some(url) = endpoint {
        parts.push(format!("--endpoint-url {}", shell_quote(url)));
    }
    parts.join(" \\\n  ")
}

/// A backtrack as pretty JSON, with the field names of the RDS API.
pub fn backtrack_json(b: &DbClusterBacktrack, region: &str) -> String {
    let details = BacktrackDetails {
        region,
        cluster_id: b.cluster_id.as_str(),
        backtrack_identifier: &b.backtrack_id,
        backtrack_to: b.backtrack_to.map(Timestamp::to_iso),
        backtracked_from: b.backtracked_from.map(Timestamp::to_iso),
        backtrack_request_creation_time: b.request_creation_time.map(Timestamp::to_iso),
        status: b.status.as_str(),
    };
    serde_json::to_string_pretty(&details)
        .unwrap_or_else(|e| unreachable!("strings and options always serialize: {e}"))
}

/// What `Copy details` writes: a backtrack under the RDS API's field names, and its region.
#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct BacktrackDetails<'a> {
    region: &'a str,
    #[serde(rename = "DBClusterIdentifier")]
    cluster_id: &'a str,
    backtrack_identifier: &'a str,
    backtrack_to: Option<String>,
    backtracked_from: Option<String>,
    backtrack_request_creation_time: Option<String>,
    status: &'a str,
}

fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.:/".contains(&b))
    {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BacktrackStatus, ClusterId};

    fn request(force: bool, earliest: bool) -> BacktrackRequest {
        BacktrackRequest {
            cluster: ClusterId::parse("orders-prod").unwrap(),
            backtrack_to: Timestamp::parse_iso("2026-11-25T12:00:00.700Z").unwrap(),
            force,
            use_earliest_time_on_point_in_time_unavailable: earliest,
        }
    }

    #[test]
    fn cli_command_has_every_parameter_and_no_secret() {
        assert_eq!(
            aws_cli_command(&request(false, false), "us-east-1", None),
            "aws rds backtrack-db-cluster \\\n  --region us-east-1 \\\n  --db-cluster-identifier orders-prod \\\n  --backtrack-to 2026-11-25T12:00:00Z"
        );
        let full = aws_cli_command(
            &request(true, true),
            "eu-west-1",
            Some("http://127.0.0.1:4566/"),
        );
        assert!(full.ends_with("--force \\\n  --use-earliest-time-on-point-in-time-unavailable \\\n  --endpoint-url http://127.0.0.1:4566/"));
        assert_eq!(shell_quote("a b'c"), "'a b'\\''c'");
    }

    #[test]
    fn details_are_valid_json() {
        let b = DbClusterBacktrack {
            cluster_id: ClusterId::parse("orders-prod").unwrap(),
            backtrack_id: "id-\"1\"".into(),
            backtrack_to: Some(Timestamp::from_secs(0)),
            backtracked_from: None,
            request_creation_time: None,
            status: BacktrackStatus::Completed,
        };
        let json: serde_json::Value =
            serde_json::from_str(&backtrack_json(&b, "us-east-1")).unwrap();
        assert_eq!(json["BacktrackIdentifier"], "id-\"1\"");
        assert_eq!(json["BacktrackTo"], "1970-01-01T00:00:00Z");
        assert_eq!(json["BacktrackedFrom"], serde_json::Value::Null);
        assert_eq!(json["Status"], "completed");
        assert!(backtrack_json(&b, "us-east-1").starts_with(
            "{\n  \"Region\": \"us-east-1\",\n  \"DBClusterIdentifier\": \"orders-prod\","
        ));
    }
}
