//! CloudWatch `GetMetricStatistics` (JSON 1.0) for the backtrack metrics of the seeded clusters:
//! hourly points over the asked period; a cluster seeded with a short actual window reports it
//! (and alerts) for the last six hours; one seeded `metrics_denied` is refused `AccessDenied`.

use super::{Fault, Params};
use crate::config::{ACCOUNT_ID, ROLE, SESSION};
use crate::state::World;

/// Hours at the end of the period in which a short window shows.
const SHORT_HOURS: i64 = 6;

/// Answers the JSON `{"Label": ..., "Datapoints": [...]}` for the asked metric and statistic.
pub(super) fn execute(params: &Params, world: &mut World, _: i64) -> Result<String, Fault> {
    let id = params.required("DBClusterIdentifier")?;
    let metric = params.required("MetricName")?;
    let statistic = params.required("Statistic")?;
    let number = |name: &str| -> Result<i64, Fault> {
        params.required(name)?.parse().map_err(|_| {
            Fault::sender(
                400,
                "InvalidParameterValue",
                format!("{name} must be a number"),
            )
        })
    };
    let (start, end, period) = (
        number("StartTime")?,
        number("EndTime")?,
        number("Period")?.max(60),
    );
    let cluster = world.cluster(id).map(|c| &c.seed);
    if cluster.is_some_and(|s| s.metrics_denied) {
        return Err(Fault::sender(403, "AccessDenied", format!(
            "User: arn:aws:sts::{ACCOUNT_ID}:assumed-role/{ROLE}/{SESSION} is not authorized to perform: cloudwatch:GetMetricStatistics on {id}"
        )));
    }
    let points: Vec<String> = match cluster {
        // CloudWatch answers an unknown dimension with no data points.
        None => Vec::new(),
        Some(seed) => (0..(end - start) / period)
            .map(|n| {
                let at = start + n * period;
                let short = seed
                    .actual_window_secs
                    .filter(|_| end - at <= SHORT_HOURS * 3600);
                let value = match metric {
                    "BacktrackWindowActual" => {
                        short.unwrap_or(seed.backtrack_window_secs) as f64 / 60.0
                    }
                    "BacktrackWindowAlert" => {
                        if short.is_some() {
                            1.0
                        } else {
                            0.0
                        }
                    }
                    "BacktrackChangeRecordsStored" => (seed.backtrack_window_secs / 10) as f64,
                    _ => 250.0,
                };
                format!("{{\"Timestamp\": {at}.0, \"{statistic}\": {value}, \"Unit\": \"Count\"}}")
            })
            .collect(),
    };
    Ok(format!(
        "{{\"Label\": \"{metric}\", \"Datapoints\": [{}]}}",
        points.join(", ")
    ))
}
