//! CloudWatch `GetMetricData` (JSON 1.0) for the backtrack metrics of the seeded clusters: hourly
//! points over the asked period for each query, oldest first, `metric_page_points` a page
//! (`NextToken`); a cluster seeded with a short actual window reports it (and alerts) for the
//! last six hours; one seeded `metrics_denied` is refused `AccessDenied`. The writer commits
//! [`COMMITS_PER_SEC`](crate::config::COMMITS_PER_SEC) (`CommitThroughput` with `Role=WRITER`; no data without the role) and
//! creates [`RECORDS_PER_5_MIN`](crate::config::RECORDS_PER_5_MIN) change records.

use super::{token_offset, Caller, Fault, Params};
use crate::config::{ClusterSeed, ACCOUNT_ID, COMMITS_PER_SEC, RECORDS_PER_5_MIN, ROLE, SESSION};
use crate::state::World;

/// Hours at the end of the period in which a short window shows.
const SHORT_HOURS: i64 = 6;

/// Answers `{"MetricDataResults": [...], "NextToken": ...}` for the queries asked.
pub(super) fn execute(
    params: &Params,
    world: &mut World,
    _: i64,
    _: &Caller,
) -> Result<String, Fault> {
    let number = |name: &str| -> Result<i64, Fault> {
        params.required(name)?.parse().map_err(|_| {
            Fault::sender(
                400,
                "InvalidParameterValue",
                format!("{name} must be a number"),
            )
        })
    };
    let (start, end) = (number("StartTime")?, number("EndTime")?);
    let offset = token_offset(
        params,
        "NextToken",
        "sandbox-points-",
        "InvalidParameterValue",
    )?;
    let mut queries = Vec::new();
    for n in 1.. {
        let Some(id) = params.get(&format!("Query.{n}.Id")) else {
            break;
        };
        let field = |name: &str| params.required(&format!("Query.{n}.{name}"));
        let cluster = field("DBClusterIdentifier")?;
        let seed = world.cluster(cluster).map(|c| &c.seed);
        if seed.is_some_and(|s| s.metrics_denied) {
            return Err(Fault::sender(403, "AccessDenied", format!(
                "User: arn:aws:sts::{ACCOUNT_ID}:assumed-role/{ROLE}/{SESSION} is not authorized to perform: cloudwatch:GetMetricData on {cluster}"
            )));
        }
        let period = number(&format!("Query.{n}.Period"))?.max(60);
        let metric = field("MetricName")?;
        let sum = params.get(&format!("Query.{n}.Stat")) == Some("Sum");
        let role = params.get(&format!("Query.{n}.Role"));
        // CloudWatch answers an unknown dimension with no data points.
        let points: Vec<(i64, f64)> = seed
            .filter(|_| (metric == "CommitThroughput") == (role == Some("WRITER")))
            .map(|seed| {
                (0..(end - start) / period)
                    .map(|i| {
                        let at = start + i * period;
                        (at, value(seed, metric, end - at, sum.then_some(period)))
                    })
                    .collect()
            })
            .unwrap_or_default();
        queries.push((id.to_owned(), points));
    }
    if queries.is_empty() {
        return Err(Fault::sender(
            400,
            "MissingParameter",
            "The request must contain the parameter MetricDataQueries".into(),
        ));
    }
    let total: usize = queries.iter().map(|(_, p)| p.len()).sum();
    let mut skip = offset;
    let page_points = world.metric_page_points.max(1);
    let mut room = page_points;
    let results: Vec<String> = queries
        .iter()
        .map(|(id, points)| {
            let from = skip.min(points.len());
            skip -= from;
            let page = &points[from..(from + room).min(points.len())];
            room -= page.len();
            let list = |f: &dyn Fn(&(i64, f64)) -> String| {
                page.iter().map(f).collect::<Vec<_>>().join(", ")
            };
            format!(
                "{{\"Id\": \"{id}\", \"Label\": \"{id}\", \"Timestamps\": [{}], \"Values\": [{}], \"StatusCode\": \"Complete\"}}",
                list(&|(t, _)| format!("{t}.0")),
                list(&|(_, v)| format!("{v:?}")),
            )
        })
        .collect();
    let next = offset + page_points;
    let token = if next < total {
        format!(", \"NextToken\": \"sandbox-points-{next}\"")
    } else {
        String::new()
    };
    Ok(format!(
        "{{\"MetricDataResults\": [{}]{token}, \"Messages\": []}}",
        results.join(", ")
    ))
}

/// `metric`'s value for `seed`, `before_end` seconds before the end of the period (`summed`: its
/// sum over a period of that many seconds, for a count).
fn value(seed: &ClusterSeed, metric: &str, before_end: i64, summed: Option<i64>) -> f64 {
    let short = seed
        .actual_window_secs
        .filter(|_| before_end <= SHORT_HOURS * 3600);
    match metric {
        "BacktrackWindowActual" => short.unwrap_or(seed.backtrack_window_secs) as f64 / 60.0,
        "BacktrackWindowAlert" => {
            if short.is_some() {
                1.0
            } else {
                0.0
            }
        }
        "BacktrackChangeRecordsStored" => (seed.backtrack_window_secs / 10) as f64,
        "CommitThroughput" => COMMITS_PER_SEC,
        _ => summed.map_or(RECORDS_PER_5_MIN, |secs| {
            RECORDS_PER_5_MIN * secs as f64 / 300.0
        }),
    }
}
