//! What the console lets users copy: the equivalent AWS CLI command (no secrets) and a backtrack's
//! details as JSON.

use super::model::{BacktrackRequest, DbClusterBacktrack};
use super::time::Timestamp;

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
    let time = |t: Option<Timestamp>| t.map_or("null".to_owned(), |t| json_string(&t.to_iso()));
    format!(
        "{{\n  \"Region\": {},\n  \"DBClusterIdentifier\": {},\n  \"BacktrackIdentifier\": {},\n  \"BacktrackTo\": {},\n  \"BacktrackedFrom\": {},\n  \"BacktrackRequestCreationTime\": {},\n  \"Status\": {}\n}}",
        json_string(region),
        json_string(&b.cluster_id),
        json_string(&b.backtrack_id),
        time(b.backtrack_to),
        time(b.backtracked_from),
        time(b.request_creation_time),
        json_string(b.status.as_str()),
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
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
    use crate::rds::model::{BacktrackStatus, ClusterId};

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
            cluster_id: "orders-prod".into(),
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
    }
}
