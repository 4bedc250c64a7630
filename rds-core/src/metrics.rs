//! CloudWatch `GetMetricStatistics` for a cluster's backtrack metrics (AWS JSON 1.0, as botocore
//! 1.43 writes it), the answer read into series, and what they say about the backtrack window.
//!
//! The metrics, as the Aurora documentation describes them: `BacktrackWindowActual`, the actual
//! window in minutes (smaller than the target when change records pile up);
//! `BacktrackWindowAlert`, how many times the actual window was smaller than the target in a
//! period; `BacktrackChangeRecordsStored`, the change records the cluster keeps (billed); and
//! `BacktrackChangeRecordsCreationRate`, the records created over five minutes.

use crate::error::{ErrorCode, ParseError, ServiceError};
use crate::model::ClusterId;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::io;

/// The `X-Amz-Target` of `GetMetricStatistics`.
pub const TARGET: &str = "GraniteServiceVersion20100801.GetMetricStatistics";
/// The content type of the JSON 1.0 protocol.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.0";
/// How far back the window's health looks: 24 hours, in milliseconds.
pub const HEALTH_SPAN_MS: i64 = 24 * 3_600_000;

/// A backtrack metric and the statistic the console reads of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `BacktrackWindowActual` (minutes), its minimum per period.
    WindowActual,
    /// `BacktrackWindowAlert` (count), its sum per period.
    WindowAlert,
    /// `BacktrackChangeRecordsStored` (count), its maximum per period.
    RecordsStored,
    /// `BacktrackChangeRecordsCreationRate` (count per five minutes), its average per period.
    RecordsCreationRate,
}

impl Metric {
    /// Every metric the window's health is read from.
    pub const ALL: [Self; 4] = [
        Self::WindowActual,
        Self::WindowAlert,
        Self::RecordsStored,
        Self::RecordsCreationRate,
    ];

    /// The metric's name in `AWS/RDS`.
    pub fn name(self) -> &'static str {
        match self {
            Self::WindowActual => "BacktrackWindowActual",
            Self::WindowAlert => "BacktrackWindowAlert",
            Self::RecordsStored => "BacktrackChangeRecordsStored",
            Self::RecordsCreationRate => "BacktrackChangeRecordsCreationRate",
        }
    }

    /// The statistic read: `Minimum`, `Sum`, `Maximum` or `Average`.
    pub fn statistic(self) -> &'static str {
        match self {
            Self::WindowActual => "Minimum",
            Self::WindowAlert => "Sum",
            Self::RecordsStored => "Maximum",
            Self::RecordsCreationRate => "Average",
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Request<'a> {
    namespace: &'a str,
    metric_name: &'a str,
    dimensions: [Dimension<'a>; 1],
    start_time: i64,
    end_time: i64,
    period: u32,
    statistics: [&'a str; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Dimension<'a> {
    name: &'a str,
    value: &'a str,
}

/// The JSON body of `GetMetricStatistics` for `metric` of `cluster` from `start` to `end` in
/// periods of `period_secs`, byte for byte as botocore writes it (Python's `json.dumps`: `", "`
/// and `": "` separators, times as whole epoch seconds).
pub fn get_metric_statistics(
    cluster: &ClusterId,
    metric: Metric,
    start: Timestamp,
    end: Timestamp,
    period_secs: u32,
) -> String {
    let request = Request {
        namespace: "AWS/RDS",
        metric_name: metric.name(),
        dimensions: [Dimension {
            name: "DBClusterIdentifier",
            value: cluster.as_str(),
        }],
        start_time: start.secs(),
        end_time: end.secs(),
        period: period_secs,
        statistics: [metric.statistic()],
    };
    let mut out = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    if let Err(e) = request.serialize(&mut serializer) {
        unreachable!("a request of strings and numbers always serializes: {e}");
    }
    String::from_utf8(out).unwrap_or_else(|e| unreachable!("serde_json writes UTF-8: {e}"))
}

/// serde_json's compact output with Python's default separators.
struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        comma_unless_first(w, first)
    }

    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        comma_unless_first(w, first)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// Python's item separator, before every item but the first.
fn comma_unless_first<W: ?Sized + io::Write>(w: &mut W, first: bool) -> io::Result<()> {
    if first {
        Ok(())
    } else {
        w.write_all(b", ")
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Response {
    #[serde(default)]
    datapoints: Vec<Datapoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Datapoint {
    timestamp: f64,
    minimum: Option<f64>,
    maximum: Option<f64>,
    sum: Option<f64>,
    average: Option<f64>,
}

/// One metric over time, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// `(time, value)` of each period that has a data point.
    pub points: Vec<(Timestamp, f64)>,
}

/// Reads a `GetMetricStatistics` answer for `metric` (data points arrive unordered).
pub fn parse_metric_statistics(body: &str, metric: Metric) -> Result<Series, ParseError> {
    let response: Response =
        serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
    let mut points: Vec<(Timestamp, f64)> = response
        .datapoints
        .iter()
        .filter_map(|p| {
            let value = match metric.statistic() {
                "Minimum" => p.minimum,
                "Maximum" => p.maximum,
                "Sum" => p.sum,
                _ => p.average,
            }?;
            Some((Timestamp::from_millis((p.timestamp * 1000.0) as i64), value))
        })
        .collect();
    points.sort_by_key(|(t, _)| *t);
    Ok(Series { points })
}

#[derive(Deserialize)]
struct JsonError {
    #[serde(rename = "__type")]
    kind: String,
    #[serde(default, alias = "Message")]
    message: String,
}

/// Reads a JSON-protocol error (`{"__type": "...#AccessDenied", "message": ...}`), if `body` is one.
pub fn parse_json_error(
    body: &str,
    status: u16,
    request_id: Option<String>,
) -> Option<ServiceError> {
    let error: JsonError = serde_json::from_str(body).ok()?;
    let code = error.kind.rsplit('#').next().unwrap_or_default().to_owned();
    Some(ServiceError {
        kind: ErrorCode::classify(&code, &error.message),
        code,
        message: error.message,
        request_id,
        status: Some(status),
    })
}

/// What the metrics say about a cluster's window over the period read.
#[derive(Clone, Debug, PartialEq)]
pub struct WindowHealth {
    /// `BacktrackWindowActual`, minutes.
    pub actual: Series,
    /// `BacktrackWindowAlert` per period.
    pub alerts: Series,
    /// `BacktrackChangeRecordsStored` per period.
    pub stored: Series,
    /// `BacktrackChangeRecordsCreationRate` per period (records per five minutes).
    pub creation: Series,
}

impl WindowHealth {
    /// The shortest actual window seen, in minutes.
    pub fn shortest_minutes(&self) -> Option<f64> {
        self.actual.points.iter().map(|(_, v)| *v).reduce(f64::min)
    }

    /// How many times the actual window was shorter than the target; `None` when CloudWatch has
    /// no datapoint of it (which is not the same as none).
    pub fn alert_count(&self) -> Option<f64> {
        self.alerts
            .points
            .iter()
            .map(|(_, v)| *v)
            .reduce(|a, b| a + b)
    }

    /// True if the actual window fell short of `target_secs` (by a minute or more) or an alert was raised.
    pub fn falls_short(&self, target_secs: u64) -> bool {
        let target_minutes = target_secs as f64 / 60.0;
        self.shortest_minutes()
            .is_some_and(|m| m + 1.0 <= target_minutes)
            || self.alert_count().is_some_and(|n| n > 0.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_matches_botocore_1_43_byte_for_byte() {
        let body = get_metric_statistics(
            &ClusterId::parse("orders-prod").unwrap(),
            Metric::WindowActual,
            Timestamp::parse_iso("2026-11-24T13:00:00Z").unwrap(),
            Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            3600,
        );
        assert_eq!(
            body,
            r#"{"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowActual", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}], "StartTime": 1795525200, "EndTime": 1795611600, "Period": 3600, "Statistics": ["Minimum"]}"#
        );
    }

    #[test]
    fn reads_unordered_points_and_tells_a_short_window() {
        let body = r#"{"Label": "BacktrackWindowActual", "Datapoints": [
            {"Timestamp": 1795611600.0, "Minimum": 1300.0, "Unit": "Count"},
            {"Timestamp": 1795608000, "Minimum": 1440.0, "Unit": "Count"}]}"#;
        let actual = parse_metric_statistics(body, Metric::WindowActual).unwrap();
        assert_eq!(
            actual.points[0],
            (Timestamp::from_secs(1_795_608_000), 1440.0)
        );
        let empty = Series { points: Vec::new() };
        let health = WindowHealth {
            actual,
            alerts: empty.clone(),
            stored: empty.clone(),
            creation: empty,
        };
        assert_eq!(health.shortest_minutes(), Some(1300.0));
        assert_eq!(
            health.alert_count(),
            None,
            "no datapoints is no data, not 0"
        );
        assert!(health.falls_short(86_400));
        assert!(!health.falls_short(1300 * 60));
        assert!(parse_metric_statistics("<xml/>", Metric::WindowActual).is_err());
    }

    #[test]
    fn reads_json_errors() {
        let error = parse_json_error(
            r#"{"__type": "com.amazon.coral.service#AccessDeniedException", "message": "User is not authorized to perform: cloudwatch:GetMetricStatistics"}"#,
            400,
            Some("req-9".into()),
        )
        .unwrap();
        assert_eq!(error.code, "AccessDeniedException");
        assert_eq!(error.request_id.as_deref(), Some("req-9"));
        assert!(parse_json_error("<ErrorResponse/>", 400, None).is_none());
    }
}
