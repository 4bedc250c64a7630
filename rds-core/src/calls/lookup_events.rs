//! CloudTrail `LookupEvents`: the region's `BacktrackDBCluster` calls from `start` to `end` (AWS
//! JSON 1.1), newest first, [`EVENTS_PER_PAGE`] a page with `NextToken`. Each event's
//! `CloudTrailEvent` is a JSON string; what it says of the call is read into a [`TrailEvent`].

use crate::error::{ParseError, RdsError};
use crate::identity::CallerIdentity;
use crate::json::python_json;
use crate::model::ClusterId;
use crate::operation::{Call, Operation};
use crate::service::Service;
use crate::time::Timestamp;
use crate::trail::TrailEvent;
use serde::{Deserialize, Serialize};

/// The most events a page holds (CloudTrail allows 1 to 50).
pub const EVENTS_PER_PAGE: u8 = 50;

/// The `BacktrackDBCluster` events from `start` to `end`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupEvents {
    /// The first instant.
    pub start: Timestamp,
    /// The last instant.
    pub end: Timestamp,
    /// Where the previous page ended (sent with the same other parameters).
    pub next_token: Option<String>,
}

/// One page of `LookupEvents`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventPage {
    /// The events, newest first.
    pub events: Vec<TrailEvent>,
    /// Where the next page starts, if there is one.
    pub next_token: Option<String>,
}

impl Call for LookupEvents {
    type Answer = EventPage;
    const OPERATION: Operation = Operation::read(Service::CloudTrail, "LookupEvents");

    /// Times as whole epoch seconds, as botocore writes them.
    fn body(&self) -> String {
        python_json(&Request {
            lookup_attributes: [Attribute {
                attribute_key: "EventName",
                attribute_value: "BacktrackDBCluster",
            }],
            start_time: self.start.secs(),
            end_time: self.end.secs(),
            max_results: EVENTS_PER_PAGE,
            next_token: self.next_token.as_deref(),
        })
    }

    /// An event whose `CloudTrailEvent` cannot be read keeps its id and time, without the rest.
    fn read(&self, body: &str) -> Result<EventPage, RdsError> {
        let response: Response =
            serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
        Ok(EventPage {
            events: response.events.into_iter().map(Record::read).collect(),
            next_token: response.next_token,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Request<'a> {
    lookup_attributes: [Attribute<'a>; 1],
    start_time: i64,
    end_time: i64,
    max_results: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Attribute<'a> {
    attribute_key: &'a str,
    attribute_value: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Response {
    #[serde(default)]
    events: Vec<Record>,
    next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Record {
    event_id: String,
    event_time: f64,
    #[serde(default)]
    cloud_trail_event: String,
}

/// The parts of a `CloudTrailEvent` the console reads.
#[derive(Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Detail {
    user_identity: Option<UserIdentity>,
    #[serde(rename = "sourceIPAddress")]
    source_ip_address: Option<String>,
    request_parameters: Option<Named>,
    response_elements: Option<Named>,
    error_code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UserIdentity {
    arn: Option<String>,
    #[serde(default)]
    account_id: String,
    #[serde(default)]
    principal_id: String,
}

/// The identifiers a request or response may carry, in the spellings AWS's events use.
#[derive(Deserialize)]
struct Named {
    #[serde(
        rename = "dBClusterIdentifier",
        alias = "dbClusterIdentifier",
        alias = "DBClusterIdentifier"
    )]
    cluster: Option<String>,
    #[serde(rename = "backtrackIdentifier", alias = "BacktrackIdentifier")]
    backtrack: Option<String>,
}

impl Record {
    fn read(self) -> TrailEvent {
        let detail: Detail = serde_json::from_str(&self.cloud_trail_event).unwrap_or_default();
        let cluster = [&detail.request_parameters, &detail.response_elements]
            .into_iter()
            .flatten()
            .find_map(|n| ClusterId::parse(n.cluster.as_deref()?).ok());
        TrailEvent {
            event_id: self.event_id,
            at: Timestamp::from_millis((self.event_time * 1000.0) as i64),
            caller: detail.user_identity.and_then(|u| {
                Some(CallerIdentity {
                    arn: u.arn?,
                    account: u.account_id,
                    user_id: u.principal_id,
                })
            }),
            source_ip: detail.source_ip_address,
            cluster,
            backtrack_id: detail.response_elements.and_then(|r| r.backtrack),
            error_code: detail.error_code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn week() -> LookupEvents {
        LookupEvents {
            start: Timestamp::parse_iso("2026-11-18T13:00:00Z").unwrap(),
            end: Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            next_token: None,
        }
    }

    #[test]
    fn the_body_matches_botocore_1_43_byte_for_byte() {
        // botocore 1.43.127: `cloudtrail.lookup_events(LookupAttributes=[{"AttributeKey":
        // "EventName", "AttributeValue": "BacktrackDBCluster"}], StartTime=..., EndTime=...,
        // MaxResults=50)`, and the same with `NextToken="page-2"` last.
        assert_eq!(
            week().body(),
            r#"{"LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "BacktrackDBCluster"}], "StartTime": 1795006800, "EndTime": 1795611600, "MaxResults": 50}"#
        );
        let next = LookupEvents {
            next_token: Some("page-2".into()),
            ..week()
        };
        assert_eq!(
            next.body(),
            r#"{"LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "BacktrackDBCluster"}], "StartTime": 1795006800, "EndTime": 1795611600, "MaxResults": 50, "NextToken": "page-2"}"#
        );
    }

    #[test]
    fn reads_who_from_where_and_which_backtrack_from_the_nested_event() {
        let inner = r#"{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROAEXAMPLE:alice","arn":"arn:aws:sts::123456789012:assumed-role/dba/alice","accountId":"123456789012"},"eventTime":"2026-11-25T12:58:03Z","eventSource":"rds.amazonaws.com","eventName":"BacktrackDBCluster","sourceIPAddress":"203.0.113.7","requestParameters":{"dBClusterIdentifier":"orders-prod","force":false},"responseElements":{"dBClusterIdentifier":"orders-prod","backtrackIdentifier":"b-7","status":"pending"}}"#;
        let body = serde_json::json!({
            "Events": [
                {"EventId": "e-1", "EventName": "BacktrackDBCluster", "EventTime": 1_795_611_483.0, "CloudTrailEvent": inner},
                {"EventId": "e-2", "EventName": "BacktrackDBCluster", "EventTime": 1_795_611_000, "CloudTrailEvent": "not json"},
            ],
            "NextToken": "page-2",
        })
        .to_string();
        let page = week().read(&body).unwrap();
        assert_eq!(page.next_token.as_deref(), Some("page-2"));
        let first = &page.events[0];
        assert_eq!(first.at, Timestamp::from_secs(1_795_611_483));
        let caller = first.caller.as_ref().unwrap();
        assert_eq!(caller.describe(), "role dba, session alice");
        assert_eq!(caller.account, "123456789012");
        assert_eq!(first.source_ip.as_deref(), Some("203.0.113.7"));
        assert_eq!(
            first.cluster.as_ref().map(ClusterId::as_str),
            Some("orders-prod")
        );
        assert_eq!(first.backtrack_id.as_deref(), Some("b-7"));
        assert_eq!(first.error_code, None);
        let unreadable = &page.events[1];
        assert_eq!(
            (
                unreadable.event_id.as_str(),
                &unreadable.caller,
                &unreadable.cluster
            ),
            ("e-2", &None, &None)
        );
        assert!(week().read("<xml/>").is_err());
    }

    #[test]
    fn a_failed_call_keeps_its_error_code() {
        let inner = r#"{"userIdentity":{"arn":"arn:aws:iam::123456789012:user/bob"},"errorCode":"InvalidDBClusterStateFault","requestParameters":{"dBClusterIdentifier":"orders-prod"},"responseElements":null}"#;
        let body = serde_json::json!({"Events": [{"EventId": "e", "EventTime": 1, "CloudTrailEvent": inner}]})
            .to_string();
        let event = &week().read(&body).unwrap().events[0];
        assert_eq!(
            event.error_code.as_deref(),
            Some("InvalidDBClusterStateFault")
        );
        assert_eq!(event.backtrack_id, None);
        assert_eq!(event.caller.as_ref().unwrap().describe(), "IAM user bob");
    }
}
