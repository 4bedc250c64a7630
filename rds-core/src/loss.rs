//! What a backtrack throws away: the writer's commits and the backtrack change records created
//! between the chosen time and now, from CloudWatch (one `GetMetricData` call for both series).
//!
//! `CommitThroughput` is a rate (commits per second, averaged over each period), so the commits
//! of a period are its average times its length; `BacktrackChangeRecordsCreationRate` counts the
//! records created, so its sums add up.

use crate::calls::GetMetricData;
use crate::metrics::{Metric, Series};
use crate::model::ClusterId;
use crate::time::Timestamp;

/// The period the figures are read in: one minute, the metrics' own resolution.
pub const PERIOD_SECS: u32 = 60;

/// The work a backtrack to [`Loss::from`] would undo, as far as CloudWatch has counted it.
#[derive(Clone, Debug, PartialEq)]
pub struct Loss {
    /// The start of the span (the chosen time, to the whole minute before it).
    pub from: Timestamp,
    /// The writer's commits in the span; `None` when CloudWatch has no data.
    pub commits: Option<f64>,
    /// The backtrack change records created in the span; `None` when CloudWatch has no data.
    pub records: Option<f64>,
}

impl Loss {
    /// The call reading the span from `to` (the chosen time) to `end` (now): both series, a
    /// point a minute.
    pub fn call(cluster: &ClusterId, to: Timestamp, end: Timestamp) -> GetMetricData {
        let period = i64::from(PERIOD_SECS);
        GetMetricData {
            cluster: cluster.clone(),
            metrics: vec![Metric::WriterCommits, Metric::RecordsCreated],
            start: Timestamp::from_secs(to.secs().div_euclid(period) * period),
            end,
            period_secs: PERIOD_SECS,
            next_token: None,
        }
    }

    /// The figures of `series` (every page of [`Loss::call`]'s answer) for the span from `from`.
    pub fn from_series(from: Timestamp, series: &[(Metric, Series)]) -> Self {
        let total = |metric: Metric, scale: f64| {
            series
                .iter()
                .filter(|(m, _)| *m == metric)
                .flat_map(|(_, s)| &s.points)
                .map(|(_, v)| v * scale)
                .reduce(|a, b| a + b)
        };
        Self {
            from,
            commits: total(Metric::WriterCommits, f64::from(PERIOD_SECS)),
            records: total(Metric::RecordsCreated, 1.0),
        }
    }

    /// The figures in a sentence: "About 41,300 commits and 2,910 change records since … will
    /// be undone."; "no data" for a series CloudWatch has no data on.
    pub fn describe(&self) -> String {
        let since = self.from.to_iso();
        match (self.commits, self.records) {
            (Some(c), Some(r)) => format!(
                "About {} commits and {} change records since {since} will be undone.",
                about(c),
                about(r)
            ),
            (Some(c), None) => format!(
                "About {} commits since {since} will be undone (no data on change records).",
                about(c)
            ),
            (None, Some(r)) => format!(
                "About {} change records since {since} will be undone (no data on commits).",
                about(r)
            ),
            (None, None) => {
                format!("CloudWatch has no data on commits or change records since {since}.")
            }
        }
    }
}

/// `n` to three significant figures, with thousands separators: `41,300`, `2,910`, `7`.
pub fn about(n: f64) -> String {
    let n = n.max(0.0);
    let digits = (n.round() as u64).checked_ilog10().unwrap_or(0);
    let step = 10u64.pow(digits.saturating_sub(2));
    let text = ((n / step as f64).round() as u64 * step).to_string();
    let mut out = String::new();
    for (i, digit) in text.chars().enumerate() {
        if i > 0 && (text.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::Call;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_secs(secs)
    }

    #[test]
    fn the_body_matches_botocore_1_43_byte_for_byte() {
        // botocore 1.43.127: `cloudwatch.get_metric_data(...)` with the two queries below, the
        // commits' dimensions `DBClusterIdentifier` then `Role=WRITER`, `StartTime` 12:05:00,
        // `EndTime` 13:06:26 and `ScanBy="TimestampAscending"`.
        let cluster = ClusterId::parse("orders-prod").unwrap();
        let chosen = Timestamp::parse_iso("2026-11-25T12:05:42Z").unwrap();
        let now = Timestamp::parse_iso("2026-11-25T13:06:26Z").unwrap();
        assert_eq!(
            Loss::call(&cluster, chosen, now).body(),
            r#"{"MetricDataQueries": [{"Id": "commits", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "CommitThroughput", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}, {"Name": "Role", "Value": "WRITER"}]}, "Period": 60, "Stat": "Average"}}, {"Id": "created", "MetricStat": {"Metric": {"Namespace": "AWS/RDS", "MetricName": "BacktrackChangeRecordsCreationRate", "Dimensions": [{"Name": "DBClusterIdentifier", "Value": "orders-prod"}]}, "Period": 60, "Stat": "Sum"}}], "StartTime": 1795608300, "EndTime": 1795611986, "ScanBy": "TimestampAscending"}"#
        );
    }

    #[test]
    fn commits_are_rate_times_period_and_records_add_up() {
        let series = |points: &[f64]| Series {
            points: points.iter().map(|v| (at(0), *v)).collect(),
        };
        let read = [
            (Metric::WriterCommits, series(&[10.0, 12.5])),
            (Metric::RecordsCreated, series(&[100.0])),
            (Metric::WriterCommits, series(&[2.0])),
        ];
        let loss = Loss::from_series(at(1_795_608_300), &read);
        assert_eq!(loss.commits, Some(24.5 * 60.0));
        assert_eq!(loss.records, Some(100.0));
        assert_eq!(
            loss.describe(),
            "About 1,470 commits and 100 change records since 2026-11-25T12:05:00Z will be undone."
        );
        let none = Loss::from_series(at(1_795_608_300), &read[1..2]);
        assert_eq!(none.commits, None, "no points is no data, not 0");
        assert!(none.describe().contains("(no data on commits)"));
        let nothing = Loss::from_series(at(0), &[]);
        assert!(nothing.describe().contains("no data"));
    }

    #[test]
    fn about_keeps_three_significant_figures() {
        let cases = [
            (0.4, "0"),
            (7.0, "7"),
            (999.4, "999"),
            (2_914.0, "2,910"),
            (41_349.9, "41,300"),
            (41_350.0, "41,400"),
            (999_600.0, "1,000,000"),
        ];
        for (n, text) in cases {
            assert_eq!(about(n), text, "{n}");
        }
    }
}
