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
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;

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
        let mut answer: Fields =
            serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
        Ok(EventPage {
            next_token: answer.take(Text::NextToken),
            events: answer.events.into_iter().map(Fields::read).collect(),
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

/// A text the console reads from CloudTrail's JSON, at any level: the answer's `NextToken`, an
/// `Events[]` entry's `EventId` and `CloudTrailEvent`, the event's `sourceIPAddress` and
/// `errorCode`, and within it `arn` (of `userIdentity`), the cluster and the backtrack.
#[derive(Clone, Copy)]
enum Text {
    NextToken,
    EventId,
    CloudTrailEvent,
    SourceIp,
    ErrorCode,
    Arn,
    Cluster,
    Backtrack,
}

/// Each [`Text`]'s keys, in its order: the spellings AWS's events use.
const TEXT_KEYS: [&[&str]; 8] = [
    &["NextToken"],
    &["EventId"],
    &["CloudTrailEvent"],
    &["sourceIPAddress"],
    &["errorCode"],
    &["arn"],
    &[
        "dBClusterIdentifier",
        "dbClusterIdentifier",
        "DBClusterIdentifier",
    ],
    &["backtrackIdentifier", "BacktrackIdentifier"],
];

/// An object nested in the event, each read as [`Fields`] in turn.
#[derive(Clone, Copy)]
enum Nested {
    UserIdentity,
    RequestParameters,
    ResponseElements,
}

/// Each [`Nested`]'s key, in its order.
const NESTED_KEYS: [&str; 3] = ["userIdentity", "requestParameters", "responseElements"];

/// What the console reads from one JSON object of CloudTrail's, at any level (the answer, an
/// `Events[]` entry, the event inside it, or an object it names); every other key is skipped. One shape
/// read by one small visitor: each derived shape would be kilobytes of code in the page.
#[derive(Default)]
struct Fields {
    texts: [Option<String>; TEXT_KEYS.len()],
    nested: [Option<Box<Fields>>; NESTED_KEYS.len()],
    /// The answer's `Events`.
    events: Vec<Fields>,
    /// An `Events[]` entry's `EventTime`, in epoch seconds.
    event_time: Option<f64>,
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(FieldsVisitor)
    }
}

struct FieldsVisitor;

impl<'de> Visitor<'de> for FieldsVisitor {
    type Value = Fields;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Fields, A::Error> {
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<String>()? {
            let key = key.as_str();
            if let Some(i) = TEXT_KEYS.iter().position(|keys| keys.contains(&key)) {
                fields.texts[i] = map.next_value()?;
            } else if let Some(i) = NESTED_KEYS.iter().position(|k| *k == key) {
                fields.nested[i] = map.next_value()?;
            } else if key == "Events" {
                fields.events = map.next_value::<Option<_>>()?.unwrap_or_default();
            } else if key == "EventTime" {
                fields.event_time = map.next_value()?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(fields)
    }
}

impl Fields {
    fn take(&mut self, text: Text) -> Option<String> {
        self.texts[text as usize].take()
    }

    fn nested(&mut self, nested: Nested) -> Option<Box<Fields>> {
        self.nested[nested as usize].take()
    }

    /// The event an `Events[]` entry records; its `CloudTrailEvent` (`responseElements` is
    /// `null` for a failed call), when unreadable, leaves only its id and time.
    fn read(mut self) -> TrailEvent {
        let mut detail: Fields = self
            .take(Text::CloudTrailEvent)
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        let request = detail.nested(Nested::RequestParameters);
        let mut response = detail.nested(Nested::ResponseElements);
        let cluster = [&request, &response]
            .into_iter()
            .flatten()
            .find_map(|n| ClusterId::parse(n.texts[Text::Cluster as usize].as_deref()?).ok());
        TrailEvent {
            event_id: self.take(Text::EventId).unwrap_or_default(),
            at: Timestamp::from_millis((self.event_time.unwrap_or_default() * 1000.0) as i64),
            caller: detail
                .nested(Nested::UserIdentity)
                .and_then(|mut u| u.take(Text::Arn))
                .map(CallerIdentity::from_arn),
            source_ip: detail.take(Text::SourceIp),
            cluster,
            backtrack_id: response.as_mut().and_then(|r| r.take(Text::Backtrack)),
            error_code: detail.take(Text::ErrorCode),
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
    fn reads_the_other_spellings_and_skips_every_other_key() {
        let inner = r#"{"userIdentity":{"type":"AssumedRole","sessionContext":{"sessionIssuer":{"arn":"arn:aws:iam::1:role/other"}},"arn":"arn:aws:sts::123456789012:assumed-role/dba/carol"},"additionalEventData":[1,{"arn":null}],"requestParameters":{"DBClusterIdentifier":"Orders-Prod","force":true},"responseElements":{"BacktrackIdentifier":"b-9","backtrackTo":"Nov 25, 2026 12:00:00 PM"}}"#;
        let body = serde_json::json!({"Events": [{"Resources": [], "EventId": "e", "EventTime": 2.5, "CloudTrailEvent": inner}]})
            .to_string();
        let event = &week().read(&body).unwrap().events[0];
        assert_eq!(event.at, Timestamp::from_millis(2_500));
        assert_eq!(
            event.caller.as_ref().unwrap().describe(),
            "role dba, session carol"
        );
        assert_eq!(
            event.cluster.as_ref().map(ClusterId::as_str),
            Some("orders-prod")
        );
        assert_eq!(event.backtrack_id.as_deref(), Some("b-9"));
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
