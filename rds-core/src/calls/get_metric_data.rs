//! CloudWatch `GetMetricData`: several backtrack metrics of a cluster in one call (AWS JSON 1.0),
//! each a query named by its [`Metric::id`], oldest point first, paged with `NextToken`.

use crate::error::{ParseError, RdsError};
use crate::json::python_json;
use crate::metrics::{Metric, Series};
use crate::model::ClusterId;
use crate::operation::{Call, Operation};
use crate::service::Service;
use crate::time::Timestamp;
use serde::{Deserialize, Serialize};

/// `metrics` of `cluster` from `start` to `end`, in periods of `period_secs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GetMetricData {
    /// The cluster (the `DBClusterIdentifier` dimension).
    pub cluster: ClusterId,
    /// The metrics, each read with its statistic.
    pub metrics: Vec<Metric>,
    /// The first instant.
    pub start: Timestamp,
    /// The last instant.
    pub end: Timestamp,
    /// The period, in seconds.
    pub period_secs: u32,
    /// Where the previous page ended, for the pages after the first.
    pub next_token: Option<String>,
}

/// One page of `GetMetricData`.
#[derive(Clone, Debug, PartialEq)]
pub struct MetricData {
    /// The points of each metric asked for, on this page.
    pub series: Vec<(Metric, Series)>,
    /// Where the next page starts, if there is one.
    pub next_token: Option<String>,
}

impl Call for GetMetricData {
    type Answer = MetricData;
    const OPERATION: Operation = Operation::read(Service::Monitoring, "GetMetricData");

    /// Times as whole epoch seconds, as botocore writes them; points oldest first.
    fn body(&self) -> String {
        let cluster = Dimension {
            name: "DBClusterIdentifier",
            value: self.cluster.as_str(),
        };
        python_json(&Request {
            metric_data_queries: self
                .metrics
                .iter()
                .map(|metric| Query {
                    id: metric.id(),
                    metric_stat: MetricStat {
                        metric: MetricName {
                            namespace: "AWS/RDS",
                            metric_name: metric.name(),
                            dimensions: std::iter::once(cluster)
                                .chain(metric.role().map(|value| Dimension {
                                    name: "Role",
                                    value,
                                }))
                                .collect(),
                        },
                        period: self.period_secs,
                        stat: metric.statistic(),
                    },
                })
                .collect(),
            start_time: self.start.secs(),
            end_time: self.end.secs(),
            next_token: self.next_token.as_deref(),
            scan_by: "TimestampAscending",
        })
    }

    /// Results whose `Id` names no metric asked for are left out; points stay in the order
    /// CloudWatch sends them (oldest first, as `ScanBy` asks).
    fn read(&self, body: &str) -> Result<MetricData, RdsError> {
        let response: Response =
            serde_json::from_str(body).map_err(|e| ParseError::Json(e.to_string()))?;
        let series = response
            .metric_data_results
            .into_iter()
            .filter_map(|result| {
                let metric = *self.metrics.iter().find(|m| m.id() == result.id)?;
                let points = result
                    .timestamps
                    .iter()
                    .map(|t| Timestamp::from_millis((t * 1000.0) as i64))
                    .zip(result.values)
                    .collect();
                Some((metric, Series { points }))
            })
            .collect();
        Ok(MetricData {
            series,
            next_token: response.next_token,
        })
    }
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Request<'a> {
    metric_data_queries: Vec<Query<'a>>,
    start_time: i64,
    end_time: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    next_token: Option<&'a str>,
    scan_by: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct Query<'a> {
    id: &'a str,
    metric_stat: MetricStat<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct MetricStat<'a> {
    metric: MetricName<'a>,
    period: u32,
    stat: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "PascalCase")]
struct MetricName<'a> {
    namespace: &'a str,
    metric_name: &'a str,
    dimensions: Vec<Dimension<'a>>,
}

#[derive(Clone, Copy, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Dimension<'a> {
    name: &'a str,
    value: &'a str,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Response {
    #[serde(default)]
    metric_data_results: Vec<Result_>,
    next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Result_ {
    id: String,
    #[serde(default)]
    timestamps: Vec<f64>,
    #[serde(default)]
    values: Vec<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window's health over 24 hours, as the console asks for it.
    fn health() -> GetMetricData {
        GetMetricData {
            cluster: ClusterId::parse("orders-prod").unwrap(),
            metrics: Metric::ALL.to_vec(),
            start: Timestamp::parse_iso("2026-11-24T13:00:00Z").unwrap(),
            end: Timestamp::parse_iso("2026-11-25T13:00:00Z").unwrap(),
            period_secs: 3600,
            next_token: None,
        }
    }

    #[test]
    fn the_body_matches_botocore_1_43_byte_for_byte() {
        // botocore 1.43.127: `cloudwatch.get_metric_data(MetricDataQueries=[...], StartTime=...,
        // EndTime=..., ScanBy="TimestampAscending")`, each query `{"Id", "MetricStat": {"Metric":
        // {"Namespace", "MetricName", "Dimensions"}, "Period", "Stat"}}`.
        assert_eq!(
            health().body(),
            r#"{"MetricDataQueries": [{"Id": "actual", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowActual", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Minimum"}}, {"Id": "alerts", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowAlert", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Sum"}}, {"Id": "stored", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackChangeRecordsStored", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Maximum"}}, {"Id": "creation", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackChangeRecordsCreationRate", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Average"}}], "StartTime": 1795525200, "EndTime": 1795611600, "ScanBy": "TimestampAscending"}"#
        );
        let next = GetMetricData {
            metrics: vec![Metric::WindowAlert],
            next_token: Some("page-2".into()),
            ..health()
        };
        // The same call with `NextToken="page-2"` passed before `ScanBy`.
        assert_eq!(
            next.body(),
            r#"{"MetricDataQueries": [{"Id": "alerts", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackWindowAlert", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 3600, "Stat": "Sum"}}], "StartTime": 1795525200, "EndTime": 1795611600, "NextToken": "page-2", "ScanBy": "TimestampAscending"}"#
        );
    }

    #[test]
    fn reads_each_asked_series_by_its_id() {
        let body = r#"{"MetricDataResults": [
            {"Id": "actual", "Label": "BacktrackWindowActual", "Timestamps": [1795608000, 1795611600.0], "Values": [1440.0, 1300.0], "StatusCode": "Complete"},
            {"Id": "other", "Timestamps": [1795608000], "Values": [1.0], "StatusCode": "Complete"},
            {"Id": "alerts", "Timestamps": [], "Values": [], "StatusCode": "Complete"}],
            "NextToken": "page-2", "Messages": []}"#;
        let data = health().read(body).unwrap();
        assert_eq!(data.next_token.as_deref(), Some("page-2"));
        assert_eq!(
            data.series,
            vec![
                (
                    Metric::WindowActual,
                    Series {
                        points: vec![
                            (Timestamp::from_secs(1_795_608_000), 1440.0),
                            (Timestamp::from_secs(1_795_611_600), 1300.0)
                        ]
                    }
                ),
                (Metric::WindowAlert, Series { points: vec![] }),
            ]
        );
        assert!(health().read("<xml/>").is_err());
    }
}
