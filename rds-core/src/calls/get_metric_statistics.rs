//! CloudWatch `GetMetricStatistics`: one backtrack metric of a cluster over time (AWS JSON 1.0).

use crate::error::{ParseError, RdsError};
use crate::json::python_json;
use crate::metrics::{Metric, Series};
use crate::model::ClusterId;
use crate::operation::{Call, Operation};
use crate::service::Service;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// `metric` of `cluster` from `start` to `end`, in periods of `period_secs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetMetricStatistics {
    /// The cluster (the `DBClusterIdentifier` dimension).
    pub cluster: ClusterId,
    /// The metric, and with it the statistic read.
    pub metric: Metric,
    /// The first instant.
    pub start: Timestamp,
    /// The last instant.
    pub end: Timestamp,
    /// The period, in seconds.
    pub period_secs: u32,
}

impl Call for GetMetricStatistics {
    type Answer = Series;
    const OPERATION: Operation = Operation::read(Service::Monitoring, "GetMetricStatistics");

    /// Times as whole epoch seconds, as botocore writes them.
    fn body(&self) -> String {
        python_json(&Request {
            namespace: "AWS/RDS",
            metric_name: self.metric.name(),
            dimensions: [Dimension {
                name: "DBClusterIdentifier",
                value: self.cluster.as_str(),
            }],
            start_time: self.start.secs(),
            end_time: self.end.secs(),
            period: self.period_secs,
            statistics: [self.metric.statistic()],
        })
    }

    /// Data points arrive unordered; they are sorted by time.
    fn read(&self, body: &str) -> Result<Series, RdsError> {
        let response: Response =
            serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
        let mut points: Vec<(Timestamp, f64)> = response
            .datapoints
            .iter()
            .filter_map(|p| {
                let value = match self.metric.statistic() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn actual() -> GetMetricStatistics {
        GetMetricStatistics {
            cluster: ClusterId::parse("orders-prod").unwrap(),
            metric: Metric::WindowActual,
            start: Timestamp::parse_iso("2026-11-24T13:00:00Z").unwrap(),
            end: Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            period_secs: 3600,
        }
    }

    #[test]
    fn the_body_matches_botocore_1_43_byte_for_byte() {
        assert_eq!(
            actual().body(),
            r#"{"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowActual", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}], "StartTime": 1795525200, "EndTime": 1795611600, "Period": 3600, "Statistics": ["Minimum"]}"#
        );
    }

    #[test]
    fn reads_unordered_points_of_its_statistic() {
        let body = r#"{"Label": "BacktrackWindowActual", "Datapoints": [
            {"Timestamp": 1795611600.0, "Minimum": 1300.0, "Maximum": 9.0, "Unit": "Count"},
            {"Timestamp": 1795608000, "Minimum": 1440.0, "Unit": "Count"}]}"#;
        let series = actual().read(body).unwrap();
        assert_eq!(
            series.points,
            vec![
                (Timestamp::from_secs(1_795_608_000), 1440.0),
                (Timestamp::from_secs(1_795_611_600), 1300.0)
            ]
        );
        assert!(actual().read("<xml/>").is_err());
    }
}
