//! A cluster's backtrack metrics in CloudWatch (read with [`crate::calls::GetMetricData`])
//! and what they say about the backtrack window.
//!
//! The metrics, as the Aurora documentation describes them: `BacktrackWindowActual`, the actual
//! window in minutes (smaller than the target when change records pile up);
//! `BacktrackWindowAlert`, how many times the actual window was smaller than the target in a
//! period; `BacktrackChangeRecordsStored`, the change records the cluster keeps (billed); and
//! `BacktrackChangeRecordsCreationRate`, the records created over five minutes.

use crate::time::Timestamp;

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
    /// `BacktrackChangeRecordsCreationRate`, its sum per period: the records created.
    RecordsCreated,
    /// `CommitThroughput` (commits per second) of the writer (`Role=WRITER`), its average per
    /// period.
    WriterCommits,
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
            Self::RecordsCreationRate | Self::RecordsCreated => {
                "BacktrackChangeRecordsCreationRate"
            }
            Self::WriterCommits => "CommitThroughput",
        }
    }

    /// The `Id` of its query in `GetMetricData`.
    pub fn id(self) -> &'static str {
        match self {
            Self::WindowActual => "actual",
            Self::WindowAlert => "alerts",
            Self::RecordsStored => "stored",
            Self::RecordsCreationRate => "creation",
            Self::RecordsCreated => "created",
            Self::WriterCommits => "commits",
        }
    }

    /// The statistic read: `Minimum`, `Sum`, `Maximum` or `Average`.
    pub fn statistic(self) -> &'static str {
        match self {
            Self::WindowActual => "Minimum",
            Self::WindowAlert | Self::RecordsCreated => "Sum",
            Self::RecordsStored => "Maximum",
            Self::RecordsCreationRate | Self::WriterCommits => "Average",
        }
    }

    /// The `Role` dimension it is read for, beside `DBClusterIdentifier`, if any.
    pub fn role(self) -> Option<&'static str> {
        (self == Self::WriterCommits).then_some("WRITER")
    }
}

/// One metric over time, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    /// `(time, value)` of each period that has a data point.
    pub points: Vec<(Timestamp, f64)>,
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
    /// The health read from `series`: the points of each metric, from every page, in time order
    /// (a metric with no points has an empty series).
    pub fn from_series(series: Vec<(Metric, Series)>) -> Self {
        let empty = || Series { points: Vec::new() };
        let mut health = Self {
            actual: empty(),
            alerts: empty(),
            stored: empty(),
            creation: empty(),
        };
        for (metric, page) in series {
            let into = match metric {
                Metric::WindowActual => &mut health.actual,
                Metric::WindowAlert => &mut health.alerts,
                Metric::RecordsStored => &mut health.stored,
                Metric::RecordsCreationRate => &mut health.creation,
                Metric::RecordsCreated | Metric::WriterCommits => continue,
            };
            into.points.extend(page.points);
        }
        for series in [
            &mut health.actual,
            &mut health.alerts,
            &mut health.stored,
            &mut health.creation,
        ] {
            series.points.sort_by_key(|(t, _)| *t);
        }
        health
    }

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

    fn health(actual: &[(i64, f64)], alerts: &[(i64, f64)]) -> WindowHealth {
        let series = |points: &[(i64, f64)]| Series {
            points: points
                .iter()
                .map(|(t, v)| (Timestamp::from_secs(*t), *v))
                .collect(),
        };
        WindowHealth {
            actual: series(actual),
            alerts: series(alerts),
            stored: series(&[]),
            creation: series(&[]),
        }
    }

    #[test]
    fn pages_of_series_join_in_time_order() {
        let page = |metric, t: i64, v| {
            (
                metric,
                Series {
                    points: vec![(Timestamp::from_secs(t), v)],
                },
            )
        };
        let joined = WindowHealth::from_series(vec![
            page(Metric::WindowActual, 7200, 2.0),
            page(Metric::WindowAlert, 0, 0.0),
            page(Metric::WindowActual, 3600, 1.0),
        ]);
        assert_eq!(joined, health(&[(3600, 1.0), (7200, 2.0)], &[(0, 0.0)]));
    }

    #[test]
    fn tells_a_short_window() {
        let short = health(&[(1_795_608_000, 1440.0), (1_795_611_600, 1300.0)], &[]);
        assert_eq!(short.shortest_minutes(), Some(1300.0));
        assert_eq!(short.alert_count(), None, "no datapoints is no data, not 0");
        assert!(short.falls_short(86_400));
        assert!(!short.falls_short(1300 * 60));
    }

    #[test]
    fn an_alert_is_a_short_window() {
        let alerted = health(&[], &[(1_795_608_000, 0.0), (1_795_611_600, 2.0)]);
        assert_eq!(alerted.alert_count(), Some(2.0));
        assert!(alerted.falls_short(86_400));
    }
}
