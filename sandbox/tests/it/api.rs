//! Every operation, error path and state transition, over real HTTP on loopback.

use crate::support::{
    all_between, between, call, post_signed, quick_config, start, try_call, Signer,
};
use rds_sandbox::config::{self, Config, Faults, LostAnswer};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

fn iso(t: SystemTime) -> String {
    let secs = t.duration_since(UNIX_EPOCH).unwrap().as_secs() as i64;
    aws_smithy_types::DateTime::from_secs(secs)
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap()
}

fn ago(secs: u64) -> String {
    iso(SystemTime::now() - Duration::from_secs(secs))
}

async fn backtrack(
    url: &str,
    cluster: &str,
    to: &str,
    extra: &[(&str, &str)],
) -> crate::support::Answer {
    let mut params = vec![
        ("Action", "BacktrackDBCluster"),
        ("Version", "2014-10-31"),
        ("DBClusterIdentifier", cluster),
        ("BacktrackTo", to),
    ];
    params.extend_from_slice(extra);
    call(url, &Signer::sandbox(), &params).await
}

async fn describe(url: &str, cluster: &str) -> crate::support::Answer {
    call(
        url,
        &Signer::sandbox(),
        &[
            ("Action", "DescribeDBClusters"),
            ("Version", "2014-10-31"),
            ("DBClusterIdentifier", cluster),
        ],
    )
    .await
}

async fn backtracks(url: &str, extra: &[(&str, &str)]) -> crate::support::Answer {
    let mut params = vec![
        ("Action", "DescribeDBClusterBacktracks"),
        ("Version", "2014-10-31"),
    ];
    params.extend_from_slice(extra);
    call(url, &Signer::sandbox(), &params).await
}

#[tokio::test]
async fn describes_a_cluster_case_insensitively() {
    let sandbox = start(quick_config()).await;
    let answer = describe(&sandbox.url, "Orders-Prod").await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        between(&answer.body, "<DBClusterIdentifier>", "<"),
        Some("orders-prod")
    );
    assert_eq!(
        between(&answer.body, "<BacktrackWindow>", "<"),
        Some("86400")
    );
    assert_eq!(between(&answer.body, "<Status>", "<"), Some("available"));
    assert!(answer.body.contains("<EarliestBacktrackTime>"));
    assert_eq!(
        between(&answer.body, "<RequestId>", "<"),
        answer.request_id.as_deref()
    );
}

#[tokio::test]
async fn unknown_cluster_is_not_found() {
    let sandbox = start(quick_config()).await;
    let answer = describe(&sandbox.url, "nope").await;
    assert_eq!(
        (answer.status, answer.code()),
        (404, "DBClusterNotFoundFault")
    );
    assert!(
        answer.body.contains("</Error>\n  <RequestId>"),
        "RequestId sits outside Error"
    );
}

#[tokio::test]
async fn signature_errors_are_those_of_rds() {
    let sandbox = start(quick_config()).await;
    let params = [("Action", "DescribeDBClusters"), ("Version", "2014-10-31")];
    let wrong_secret = Signer {
        secret: "wrong".into(),
        ..Signer::sandbox()
    };
    let a = call(&sandbox.url, &wrong_secret, &params).await;
    assert_eq!((a.status, a.code()), (403, "SignatureDoesNotMatch"));
    let unknown = Signer {
        key: "ASIAUNKNOWN".into(),
        ..Signer::sandbox()
    };
    let a = call(&sandbox.url, &unknown, &params).await;
    assert_eq!((a.status, a.code()), (403, "InvalidClientTokenId"));
    let expired = Signer {
        key: config::EXPIRED_ACCESS_KEY_ID.into(),
        ..Signer::sandbox()
    };
    let a = call(&sandbox.url, &expired, &params).await;
    assert_eq!((a.status, a.code()), (403, "ExpiredToken"));
    let no_token = Signer {
        token: None,
        ..Signer::sandbox()
    };
    let a = call(&sandbox.url, &no_token, &params).await;
    assert_eq!((a.status, a.code()), (403, "InvalidClientTokenId"));
    let other_region = Signer {
        region: "eu-west-1".into(),
        ..Signer::sandbox()
    };
    let a = call(&sandbox.url, &other_region, &params).await;
    assert_eq!((a.status, a.code()), (403, "SignatureDoesNotMatch"));
}

#[tokio::test]
async fn a_clock_more_than_5_minutes_off_gets_signature_expired() {
    let sandbox = start(Config {
        clock_offset_secs: 600,
        ..quick_config()
    })
    .await;
    let a = describe(&sandbox.url, "orders-prod").await;
    assert_eq!((a.status, a.code()), (403, "SignatureDoesNotMatch"));
    let message = between(&a.body, "<Message>", "<").unwrap();
    assert!(
        message.starts_with("Signature expired: ") && message.ends_with(" - 5 min.)"),
        "{message}"
    );
    let ahead = Signer {
        skew: Duration::from_secs(600),
        ..Signer::sandbox()
    };
    let a = call(
        &sandbox.url,
        &ahead,
        &[("Action", "DescribeDBClusters"), ("Version", "2014-10-31")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let behind = Signer {
        skew: Duration::from_secs(4 * 60),
        behind: true,
        ..Signer::sandbox()
    };
    let a = call(
        &sandbox.url,
        &behind,
        &[("Action", "DescribeDBClusters"), ("Version", "2014-10-31")],
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (403, "SignatureDoesNotMatch"),
        "14 minutes behind the sandbox"
    );
}

#[tokio::test]
async fn a_backtrack_moves_from_pending_to_completed() {
    let sandbox = start(quick_config()).await;
    let a = backtrack(
        &sandbox.url,
        "orders-prod",
        &ago(600),
        &[("Force", "false")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(between(&a.body, "<Status>", "<"), Some("pending"));
    let id = between(&a.body, "<BacktrackIdentifier>", "<")
        .unwrap()
        .to_owned();
    assert!(
        between(&a.body, "<BacktrackTo>", "<").is_some() && a.body.contains("<BacktrackedFrom>")
    );
    assert_eq!(
        between(
            &describe(&sandbox.url, "orders-prod").await.body,
            "<Status>",
            "<"
        ),
        Some("backtracking")
    );
    let again = backtrack(&sandbox.url, "orders-prod", &ago(600), &[]).await;
    assert_eq!(
        (again.status, again.code()),
        (400, "InvalidDBClusterStateFault")
    );

    let by_id = [
        ("DBClusterIdentifier", "orders-prod"),
        ("BacktrackIdentifier", id.as_str()),
    ];
    tokio::time::sleep(Duration::from_millis(350)).await;
    let b = backtracks(&sandbox.url, &by_id).await;
    assert_eq!(
        between(&b.body, "<Status>", "<"),
        Some("applying"),
        "{}",
        b.body
    );
    tokio::time::sleep(Duration::from_millis(350)).await;
    let b = backtracks(&sandbox.url, &by_id).await;
    assert_eq!(between(&b.body, "<Status>", "<"), Some("completed"));
    assert_eq!(
        between(
            &describe(&sandbox.url, "orders-prod").await.body,
            "<Status>",
            "<"
        ),
        Some("available")
    );
    let all = backtracks(&sandbox.url, &[("DBClusterIdentifier", "orders-prod")]).await;
    assert_eq!(
        all_between(&all.body, "<BacktrackIdentifier>", "<")[0],
        id,
        "newest first"
    );
}

#[tokio::test]
async fn a_backtrack_is_undone_by_backtracking_forward_to_where_it_started() {
    let sandbox = start(quick_config()).await;
    let first = backtrack(&sandbox.url, "orders-prod", &ago(1800), &[]).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let from = between(&first.body, "<BacktrackedFrom>", "<")
        .unwrap()
        .to_owned();
    tokio::time::sleep(Duration::from_millis(700)).await;
    // Forward again, to the second the first backtrack started: later than where it went.
    let whole_second = format!("{}Z", &from[..19]);
    let undo = backtrack(&sandbox.url, "orders-prod", &whole_second, &[]).await;
    assert_eq!(undo.status, 200, "{}", undo.body);
    // Aurora goes to the nearest consistent time at or before the one asked for (here, within
    // 2 s); either way, forward of where the first backtrack went.
    let went_back_to = &between(&first.body, "<BacktrackTo>", "<").unwrap()[..19];
    let undone_to = &between(&undo.body, "<BacktrackTo>", "<").unwrap()[..19];
    assert!(
        undone_to > went_back_to && undone_to <= &whole_second[..19],
        "{}",
        undo.body
    );
    let ended = backtracks(&sandbox.url, &[("DBClusterIdentifier", "orders-prod")]).await;
    let newest_first = all_between(&ended.body, "<BacktrackIdentifier>", "<");
    let id = |body: &str| {
        between(body, "<BacktrackIdentifier>", "<")
            .unwrap()
            .to_owned()
    };
    assert_eq!(newest_first[..2], [id(&undo.body), id(&first.body)]);
}

#[tokio::test]
async fn get_caller_identity_names_the_assumed_role_when_signed_for_sts() {
    let sandbox = start(Config::new()).await;
    let params = [("Action", "GetCallerIdentity"), ("Version", "2011-06-15")];
    let sts = Signer {
        service: "sts",
        ..Signer::sandbox()
    };
    let answer = call(&sandbox.url, &sts, &params).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert!(answer
        .body
        .contains("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\""));
    assert_eq!(
        between(&answer.body, "<Arn>", "<"),
        Some("arn:aws:sts::123456789012:assumed-role/sandbox-dba/rehearsal")
    );
    assert_eq!(
        between(&answer.body, "<Account>", "<"),
        Some(config::ACCOUNT_ID)
    );
    // Signed for RDS, it is refused as STS refuses it.
    let wrong = call(&sandbox.url, &Signer::sandbox(), &params).await;
    assert_eq!((wrong.status, wrong.code()), (403, "SignatureDoesNotMatch"));
    assert!(
        wrong.body.contains("scoped to correct service: 'sts'"),
        "{}",
        wrong.body
    );
    // And an RDS call signed for STS likewise.
    let rds = call(
        &sandbox.url,
        &sts,
        &[("Action", "DescribeDBClusters"), ("Version", "2014-10-31")],
    )
    .await;
    assert_eq!((rds.status, rds.code()), (403, "SignatureDoesNotMatch"));
}

#[tokio::test]
async fn cloudwatch_reports_each_cluster_s_window_in_pages_and_refuses_where_seeded() {
    let sandbox = start(Config {
        metric_page_points: 60,
        ..Config::new()
    })
    .await;
    let cloudwatch = Signer {
        service: "monitoring",
        ..Signer::sandbox()
    };
    let query = |id: &str, cluster: &str, name: &str, stat: &str| {
        format!(
            r#"{{"Id": "{id}", "MetricStat": {{"Metric": {{"Namespace": "AWS/RDS", "MetricName": "{name}", "Dimensions": [{{"Name": "DBClusterIdentifier", "Value": "{cluster}"}}]}}, "Period": 3600, "Stat": "{stat}"}}}}"#
        )
    };
    let request = |queries: &[String], token: Option<&str>| {
        let token = token.map_or_else(String::new, |t| format!(r#", "NextToken": "{t}""#));
        format!(
            r#"{{"MetricDataQueries": [{}], "StartTime": 1795525200, "EndTime": 1795611600{token}, "ScanBy": "TimestampAscending"}}"#,
            queries.join(", ")
        )
    };
    let headers = [
        ("content-type", "application/x-amz-json-1.0"),
        (
            "x-amz-target",
            "GraniteServiceVersion20100801.GetMetricData",
        ),
        ("x-amzn-query-mode", "true"),
    ];
    let ask = |body: String| post_signed(&sandbox.url, &cloudwatch, &headers, body);
    let points = |json: &serde_json::Value, i: usize| -> Vec<f64> {
        json["MetricDataResults"][i]["Values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    // Three metrics of 24 hours each: 72 points, on two pages.
    let three = [
        query("actual", "orders-prod", "BacktrackWindowActual", "Minimum"),
        query("alerts", "orders-prod", "BacktrackWindowAlert", "Sum"),
        query(
            "stored",
            "orders-prod",
            "BacktrackChangeRecordsStored",
            "Maximum",
        ),
    ];
    let first = ask(request(&three, None)).await;
    assert_eq!(first.status, 200, "{}", first.body);
    let json: serde_json::Value = serde_json::from_str(&first.body).unwrap();
    assert_eq!(json["MetricDataResults"][0]["Id"], "actual");
    assert_eq!(points(&json, 0), vec![1440.0; 24]);
    let token = json["NextToken"]
        .as_str()
        .expect("a second page")
        .to_owned();
    let second = ask(request(&three, Some(&token))).await;
    let json2: serde_json::Value = serde_json::from_str(&second.body).unwrap();
    assert!(json2.get("NextToken").is_none(), "{}", second.body);
    let read: usize = [&json, &json2]
        .iter()
        .flat_map(|j| (0..3).map(|i| points(j, i).len()))
        .sum();
    assert_eq!(read, 72, "every point once across the pages");
    let short = ask(request(
        &[query(
            "a",
            "short-window-cluster",
            "BacktrackWindowActual",
            "Minimum",
        )],
        None,
    ))
    .await;
    let json: serde_json::Value = serde_json::from_str(&short.body).unwrap();
    let least = points(&json, 0).into_iter().fold(f64::MAX, f64::min);
    assert_eq!(least, 18.0 * 60.0);
    let denied = ask(request(
        &[query(
            "a",
            "metrics-denied-cluster",
            "BacktrackWindowActual",
            "Minimum",
        )],
        None,
    ))
    .await;
    assert_eq!(denied.status, 403);
    assert!(
        denied.body.contains("#AccessDenied") && denied.body.contains("cloudwatch:GetMetricData")
    );
    assert!(denied.request_id.is_some());
    // Signed for RDS, CloudWatch's call is refused.
    let wrong = post_signed(
        &sandbox.url,
        &Signer::sandbox(),
        &headers,
        request(&three, None),
    )
    .await;
    assert_eq!(wrong.status, 403, "{}", wrong.body);
}

#[tokio::test]
async fn a_failing_cluster_ends_failed() {
    let sandbox = start(quick_config()).await;
    let a = backtrack(&sandbox.url, "failing-cluster", &ago(60), &[]).await;
    assert_eq!(a.status, 200);
    tokio::time::sleep(Duration::from_millis(700)).await;
    let b = backtracks(&sandbox.url, &[("DBClusterIdentifier", "failing-cluster")]).await;
    assert_eq!(between(&b.body, "<Status>", "<"), Some("failed"));
}

#[tokio::test]
async fn time_rules_are_enforced() {
    let sandbox = start(quick_config()).await;
    let future = iso(SystemTime::now() + Duration::from_secs(3600));
    let a = backtrack(&sandbox.url, "orders-prod", &future, &[]).await;
    assert_eq!((a.status, a.code()), (400, "InvalidParameterValue"));
    assert!(a.body.contains("in the future"));
    let too_early = ago(2 * 86_400);
    let a = backtrack(&sandbox.url, "orders-prod", &too_early, &[]).await;
    assert_eq!((a.status, a.code()), (400, "InvalidParameterValue"));
    assert!(a.body.contains("earlier than the earliest backtrack time"));
    let a = backtrack(
        &sandbox.url,
        "orders-prod",
        &too_early,
        &[("UseEarliestTimeOnPointInTimeUnavailable", "true")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
    let used = between(&a.body, "<BacktrackTo>", "<").unwrap();
    assert!(
        used > too_early.as_str() && used.as_bytes()[..10] == ago(86_400).as_bytes()[..10],
        "{used}"
    );
    let a = backtrack(&sandbox.url, "binlog-cluster", "not-a-time", &[]).await;
    assert_eq!((a.status, a.code()), (400, "InvalidParameterValue"));
}

#[tokio::test]
async fn binlog_clusters_need_force() {
    let sandbox = start(quick_config()).await;
    let a = backtrack(
        &sandbox.url,
        "binlog-cluster",
        &ago(60),
        &[("Force", "false")],
    )
    .await;
    assert_eq!((a.status, a.code()), (400, "InvalidDBClusterStateFault"));
    assert!(a.body.contains("binary logging"));
    let a = backtrack(
        &sandbox.url,
        "binlog-cluster",
        &ago(60),
        &[("Force", "true")],
    )
    .await;
    assert_eq!(a.status, 200, "{}", a.body);
}

#[tokio::test]
async fn clusters_that_cannot_backtrack_are_refused() {
    let sandbox = start(quick_config()).await;
    for (cluster, code) in [
        ("no-backtrack", "InvalidDBClusterStateFault"),
        ("postgres-cluster", "InvalidParameterCombination"),
        ("serverless-cluster", "InvalidParameterCombination"),
        ("busy-cluster", "InvalidDBClusterStateFault"),
        ("missing-cluster", "DBClusterNotFoundFault"),
    ] {
        let a = backtrack(&sandbox.url, cluster, &ago(60), &[]).await;
        assert_eq!(a.code(), code, "{cluster}: {}", a.body);
    }
    let d = describe(&sandbox.url, "no-backtrack").await;
    assert!(!d.body.contains("<BacktrackWindow>") && !d.body.contains("<EarliestBacktrackTime>"));
}

#[tokio::test]
async fn history_pages_with_marker() {
    let sandbox = start(quick_config()).await;
    let page = |marker: Option<String>| {
        let url = sandbox.url.clone();
        async move {
            let mut params = vec![
                ("DBClusterIdentifier", "history-cluster".to_owned()),
                ("MaxRecords", "20".to_owned()),
            ];
            if let Some(m) = marker {
                params.push(("Marker", m));
            }
            let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            backtracks(&url, &params).await
        }
    };
    let mut seen = Vec::new();
    let mut marker = None;
    loop {
        let a = page(marker).await;
        assert_eq!(a.status, 200, "{}", a.body);
        seen.extend(
            all_between(&a.body, "<BacktrackIdentifier>", "<")
                .into_iter()
                .map(str::to_owned),
        );
        marker = between(&a.body, "<Marker>", "<").map(str::to_owned);
        if marker.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 45);
    let bad = backtracks(
        &sandbox.url,
        &[
            ("DBClusterIdentifier", "history-cluster"),
            ("MaxRecords", "10"),
        ],
    )
    .await;
    assert_eq!(bad.code(), "InvalidParameterValue");
    let unknown = backtracks(
        &sandbox.url,
        &[
            ("DBClusterIdentifier", "history-cluster"),
            ("BacktrackIdentifier", "nope"),
        ],
    )
    .await;
    assert_eq!(
        (unknown.status, unknown.code()),
        (404, "DBClusterBacktrackNotFoundFault")
    );
    let filtered = backtracks(
        &sandbox.url,
        &[
            ("DBClusterIdentifier", "history-cluster"),
            ("Filters.Filter.1.Name", "db-cluster-backtrack-status"),
            ("Filters.Filter.1.Values.Value.1", "pending"),
        ],
    )
    .await;
    assert!(
        all_between(&filtered.body, "<BacktrackIdentifier>", "<").is_empty(),
        "{}",
        filtered.body
    );
}

#[tokio::test]
async fn faults_hit_reads_only_in_the_configured_shares() {
    let faults = Faults {
        throttle_percent: 20,
        error_percent: 10,
        latency: Duration::from_millis(5),
        lost_backtrack_answer: None,
    };
    let sandbox = start(Config {
        faults,
        ..quick_config()
    })
    .await;
    let mut codes = Vec::new();
    for _ in 0..20 {
        let a = describe(&sandbox.url, "orders-prod").await;
        codes.push((a.status, a.code().to_owned()));
    }
    assert_eq!(
        codes.iter().filter(|(_, c)| c == "Throttling").count(),
        4,
        "{codes:?}"
    );
    assert_eq!(
        codes
            .iter()
            .filter(|(s, c)| *s == 500 && c == "InternalFailure")
            .count(),
        1,
        "{codes:?}"
    );
    for _ in 0..5 {
        let a = backtrack(&sandbox.url, "history-cluster", &ago(60), &[]).await;
        assert_ne!(a.code(), "Throttling");
        assert_ne!(a.status, 500);
    }
}

/// The statuses of `cluster`'s backtracks.
async fn statuses_of(url: &str, cluster: &str) -> Vec<String> {
    let listed = backtracks(url, &[("DBClusterIdentifier", cluster)]).await;
    all_between(&listed.body, "<Status>", "</Status>")
        .into_iter()
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn a_lost_answer_hides_whether_the_backtrack_started_and_the_log_says_so() {
    for (lost, starts) in [
        (LostAnswer::Html500, true),
        (LostAnswer::Dropped, true),
        (LostAnswer::Html500NotSent, false),
    ] {
        let sandbox = start(Config {
            faults: Faults {
                lost_backtrack_answer: Some(lost),
                ..Faults::default()
            },
            ..Config::new()
        })
        .await;
        let params = [
            ("Action", "BacktrackDBCluster"),
            ("Version", "2014-10-31"),
            ("DBClusterIdentifier", "orders-prod"),
            ("BacktrackTo", &ago(600)),
        ];
        match try_call(&sandbox.url, &Signer::sandbox(), &params).await {
            Ok(answer) => {
                assert_ne!(lost, LostAnswer::Dropped, "a dropped answer is never read");
                assert_eq!(answer.status, 500, "{lost:?}");
                assert!(
                    answer.body.starts_with("<html>"),
                    "{lost:?}: {}",
                    answer.body
                );
            }
            Err(_) => assert_eq!(lost, LostAnswer::Dropped),
        }
        let listed = statuses_of(&sandbox.url, "orders-prod").await;
        let new = listed.iter().filter(|s| *s != "completed").count();
        assert_eq!(new, usize::from(starts), "{lost:?}: {listed:?}");
        let log = reqwest::get(format!("{}_sandbox/requests", sandbox.url))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(log.contains("answer lost"), "{log}");
    }
}

#[tokio::test]
async fn unknown_actions_are_named_in_the_error() {
    let sandbox = start(quick_config()).await;
    let a = call(
        &sandbox.url,
        &Signer::sandbox(),
        &[("Action", "DeleteDBCluster")],
    )
    .await;
    assert_eq!((a.status, a.code()), (400, "InvalidAction"));
    assert!(a.body.contains("DeleteDBCluster"));
}

#[tokio::test]
async fn cors_is_like_rds_and_the_log_keeps_no_secret() {
    let sandbox = start(quick_config()).await;
    let client = reqwest::Client::new();
    let preflight = client
        .request(reqwest::Method::OPTIONS, &sandbox.url)
        .header("origin", "http://127.0.0.1:8080")
        .header("access-control-request-method", "POST")
        .header(
            "access-control-request-headers",
            "authorization,content-type,x-amz-date,x-amz-security-token",
        )
        .send()
        .await
        .unwrap();
    let h = preflight.headers();
    assert_eq!(h["access-control-allow-origin"], "*");
    assert_eq!(h["access-control-allow-methods"], "POST");
    assert_eq!(
        h["access-control-allow-headers"],
        "authorization,content-type,x-amz-date,x-amz-security-token"
    );
    let a = describe(&sandbox.url, "orders-prod").await;
    assert_eq!(a.status, 200);
    let log = client
        .get(format!("{}_sandbox/requests", sandbox.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(log.contains("DescribeDBClusters") && log.contains(config::ACCESS_KEY_ID));
    assert!(
        log.contains(r#""action":"preflight""#),
        "the preflight is logged: {log}"
    );
    assert!(
        !log.contains(config::SECRET_ACCESS_KEY) && !log.contains(config::SESSION_TOKEN),
        "{log}"
    );
}

#[tokio::test]
async fn malformed_and_missing_input_gets_rds_errors() {
    let sandbox = start(quick_config()).await;
    let client = reqwest::Client::new();
    let raw = |auth: Option<&'static str>| {
        let mut request = client.post(&sandbox.url).body("Action=DescribeDBClusters");
        if let Some(auth) = auth {
            request = request.header("authorization", auth);
        }
        request.send()
    };
    let missing = raw(None).await.unwrap();
    assert_eq!(missing.status(), 403);
    assert!(missing
        .text()
        .await
        .unwrap()
        .contains("<Code>MissingAuthenticationToken</Code>"));
    let malformed = raw(Some("AWS4-HMAC-SHA256 Credential=only-a-key"))
        .await
        .unwrap();
    assert!(malformed
        .text()
        .await
        .unwrap()
        .contains("<Code>IncompleteSignature</Code>"));

    let a = call(
        &sandbox.url,
        &Signer::sandbox(),
        &[
            ("Action", "BacktrackDBCluster"),
            ("DBClusterIdentifier", "orders-prod"),
        ],
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (400, "MissingParameter"),
        "BacktrackTo is required"
    );
    for (params, code) in [
        (vec![("Marker", "not-ours")], "InvalidParameterValue"),
        (
            vec![
                ("Filters.Filter.1.Name", "engine"),
                ("Filters.Filter.1.Values.Value.1", "x"),
            ],
            "InvalidParameterValue",
        ),
    ] {
        let mut all = vec![("DBClusterIdentifier", "orders-prod")];
        all.extend(params);
        let a = backtracks(&sandbox.url, &all).await;
        assert_eq!(a.code(), code, "{}", a.body);
    }
    let a = backtrack(&sandbox.url, "orders-prod", &ago(60), &[("Force", "yes")]).await;
    assert_eq!(a.code(), "InvalidParameterValue");
    let a = backtracks(&sandbox.url, &[]).await;
    assert_eq!(a.code(), "MissingParameter");
}

#[tokio::test]
async fn the_earliest_backtrack_time_moves_with_the_clock() {
    let sandbox = start(quick_config()).await;
    let earliest = |body: String| {
        between(&body, "<EarliestBacktrackTime>", "<")
            .unwrap()
            .to_owned()
    };
    let first = earliest(describe(&sandbox.url, "orders-prod").await.body);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = earliest(describe(&sandbox.url, "orders-prod").await.body);
    assert!(second > first, "{first} then {second}");
}

#[tokio::test]
async fn seeds_come_from_a_file() {
    let path = std::env::temp_dir().join(format!("sandbox-seeds-{}.json", std::process::id()));
    std::fs::write(
        &path,
        r#"[{"id": "from-file", "backtrack_window_secs": 3600, "binlog": true}]"#,
    )
    .unwrap();
    let clusters = config::clusters_from_file(&path).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert_eq!(clusters.len(), 1);
    assert!(
        clusters[0].binlog
            && clusters[0].engine == "aurora-mysql"
            && clusters[0].status == "available"
    );
    let sandbox = start(Config {
        clusters,
        ..quick_config()
    })
    .await;
    let a = describe(&sandbox.url, "from-file").await;
    assert_eq!(between(&a.body, "<BacktrackWindow>", "<"), Some("3600"));
    assert_eq!(
        describe(&sandbox.url, "orders-prod").await.code(),
        "DBClusterNotFoundFault"
    );
    assert!(config::clusters_from_file(std::path::Path::new("/nonexistent.json")).is_err());
}

#[tokio::test]
async fn a_sandbox_for_another_region_names_it_in_arns_and_endpoints() {
    let sandbox = start(Config {
        region: "eu-west-1".into(),
        ..quick_config()
    })
    .await;
    let signer = Signer {
        region: "eu-west-1".into(),
        ..Signer::sandbox()
    };
    let params = [
        ("Action", "DescribeDBClusters"),
        ("Version", "2014-10-31"),
        ("DBClusterIdentifier", "orders-prod"),
    ];
    let a = call(&sandbox.url, &signer, &params).await;
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(
        between(&a.body, "<DBClusterArn>", "<"),
        Some("arn:aws:rds:eu-west-1:123456789012:cluster:orders-prod")
    );
    assert_eq!(
        between(&a.body, "<Endpoint>", "<"),
        Some("orders-prod.cluster-sandbox.eu-west-1.rds.amazonaws.com")
    );
}

#[tokio::test]
async fn cloudtrail_lists_each_backtrack_with_who_asked_from_where_paged_and_now_and_then_throttled(
) {
    let sandbox = start(quick_config()).await;
    let cloudtrail = Signer {
        service: "cloudtrail",
        ..Signer::sandbox()
    };
    let headers = [
        ("content-type", "application/x-amz-json-1.1"),
        (
            "x-amz-target",
            "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents",
        ),
    ];
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs();
    // Every page, retrying a throttled call; returns the events and how many calls were throttled.
    let lookup = |max: u32| {
        let (url, signer) = (sandbox.url.clone(), cloudtrail.clone());
        async move {
            let (mut events, mut token, mut throttled) = (Vec::new(), None::<String>, 0);
            loop {
                let next = token
                    .as_ref()
                    .map_or_else(String::new, |t| format!(r#", "NextToken": "{t}""#));
                let body = format!(
                    r#"{{"LookupAttributes": [{{"AttributeKey": "EventName", "AttributeValue": "BacktrackDBCluster"}}], "StartTime": {}, "EndTime": {}, "MaxResults": {max}{next}}}"#,
                    now - 7 * 86_400,
                    now + 60
                );
                let answer = post_signed(&url, &signer, &headers, body).await;
                if answer.status == 400 && answer.body.contains("ThrottlingException") {
                    throttled += 1;
                    continue;
                }
                assert_eq!(answer.status, 200, "{}", answer.body);
                let json: serde_json::Value = serde_json::from_str(&answer.body).unwrap();
                events.extend(json["Events"].as_array().unwrap().iter().cloned());
                match json["NextToken"].as_str() {
                    Some(t) => token = Some(t.to_owned()),
                    None => return (events, throttled),
                }
            }
        }
    };
    let (seeded, throttled) = lookup(20).await;
    // 48 seeded backtracks on pages of 20 (3 pages), every third call throttled.
    assert_eq!(seeded.len(), 48);
    assert_eq!(throttled, 1);
    let times: Vec<f64> = seeded
        .iter()
        .map(|e| e["EventTime"].as_f64().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    let detail = |event: &serde_json::Value| -> serde_json::Value {
        serde_json::from_str(event["CloudTrailEvent"].as_str().unwrap()).unwrap()
    };
    let first = detail(&seeded[0]);
    assert_eq!(
        first["userIdentity"]["arn"],
        "arn:aws:sts::123456789012:assumed-role/sandbox-dba/rehearsal"
    );
    assert_eq!(first["sourceIPAddress"], "198.51.100.23");
    let sent = backtrack(&sandbox.url, "orders-prod", &ago(600), &[]).await;
    assert_eq!(sent.status, 200, "{}", sent.body);
    let id = between(
        &sent.body,
        "<BacktrackIdentifier>",
        "</BacktrackIdentifier>",
    )
    .expect("an identifier")
    .to_owned();
    let (all, _) = lookup(50).await;
    assert_eq!(all.len(), 49);
    let newest = detail(&all[0]);
    assert_eq!(
        newest["responseElements"]["backtrackIdentifier"],
        id.as_str()
    );
    assert_eq!(
        newest["requestParameters"]["dBClusterIdentifier"],
        "orders-prod"
    );
    assert_eq!(
        newest["sourceIPAddress"], "127.0.0.1",
        "the address it was sent from"
    );
    // Signed for RDS, CloudTrail's call is refused.
    let wrong = post_signed(&sandbox.url, &Signer::sandbox(), &headers, "{}".into()).await;
    assert_eq!(wrong.status, 403, "{}", wrong.body);
    // Credentials without cloudtrail:LookupEvents are refused by CloudTrail only.
    let no_trail = Signer {
        key: config::NO_TRAIL_ACCESS_KEY_ID.into(),
        ..cloudtrail.clone()
    };
    let body = format!(r#"{{"StartTime": {now}, "EndTime": {now}}}"#);
    let refused = post_signed(&sandbox.url, &no_trail, &headers, body).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert!(
        refused.body.contains("AccessDeniedException")
            && refused.body.contains("cloudtrail:LookupEvents"),
        "{}",
        refused.body
    );
    let rds = Signer {
        service: "rds",
        ..no_trail
    };
    let params = [
        ("Action", "DescribeDBClusters"),
        ("Version", "2014-10-31"),
        ("DBClusterIdentifier", "orders-prod"),
    ];
    let cluster = call(&sandbox.url, &rds, &params).await;
    assert_eq!(cluster.status, 200, "{}", cluster.body);
}
