//! Property tests: encoding and parsing never panic on arbitrary input, and cluster-id validation
//! agrees with the documented rules.

use proptest::prelude::*;
use rds_core::calls::DescribeDbClusterBacktracks;
use rds_core::credentials::Credentials;
use rds_core::model::{BacktrackQuery, BacktrackRequest, ClusterId};
use rds_core::operation::Call;
use rds_core::{endpoint, time::Timestamp, xml};

/// The rules of `DBClusterIdentifier`, written out independently of `ClusterId::parse`.
fn documented_rules_accept(id: &str) -> bool {
    let chars: Vec<char> = id.chars().collect();
    (1..=63).contains(&chars.len())
        && chars[0].is_ascii_alphabetic()
        && chars.iter().all(|c| c.is_ascii_alphanumeric() || *c == '-')
        && !id.ends_with('-')
        && !id.contains("--")
}

proptest! {
    #[test]
    fn cluster_id_validation_agrees_with_the_rules(id in "[a-zA-Z0-9_ -]{0,70}") {
        let trimmed = id.trim();
        let parsed = ClusterId::parse(&id);
        prop_assert_eq!(parsed.is_ok(), documented_rules_accept(trimmed));
        if let Ok(parsed) = parsed {
            prop_assert_eq!(parsed.as_str(), trimmed.to_ascii_lowercase());
        }
    }

    #[test]
    fn likely_ids_are_accepted(id in "[a-z](-?[a-z0-9]){0,30}") {
        prop_assert!(ClusterId::parse(&id).is_ok());
    }

    #[test]
    fn cluster_id_parse_never_panics(id in any::<String>()) {
        let _ = ClusterId::parse(&id);
    }

    #[test]
    fn encoding_never_panics_and_round_trips(
        id in "[a-z](-?[a-z0-9]){0,30}",
        secs in 0i64..4_102_444_800,
        force in any::<bool>(),
        earliest in any::<bool>(),
        marker in any::<String>(),
    ) {
        let cluster = ClusterId::parse(&id).unwrap();
        let request = BacktrackRequest {
            cluster: cluster.clone(),
            backtrack_to: Timestamp::from_secs(secs),
            force,
            use_earliest_time_on_point_in_time_unavailable: earliest,
        };
        let body = request.body();
        let pairs: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        prop_assert_eq!(&pairs[0], &("Action".to_owned(), "BacktrackDBCluster".to_owned()));
        prop_assert_eq!(&pairs[2].1, cluster.as_str());
        prop_assert_eq!(Timestamp::parse_iso(&pairs[3].1).unwrap().secs(), secs);
        let page = BacktrackQuery { marker: Some(marker.clone()), ..BacktrackQuery::default() };
        let body = DescribeDbClusterBacktracks { cluster, query: page }.body();
        let decoded: Vec<(String, String)> = form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        prop_assert_eq!(&decoded.last().unwrap().1, &marker);
    }

    #[test]
    fn xml_parsing_never_panics(body in any::<String>()) {
        let _ = xml::parse_backtrack_db_cluster(&body);
        let _ = xml::parse_describe_db_cluster_backtracks(&body);
        let _ = xml::parse_describe_db_clusters(&body);
        let _ = xml::parse_error(&body, Some(400));
        let _ = xml::request_id(&body);
    }

    #[test]
    fn xml_parsing_never_panics_on_xml_like_input(body in "(<[A-Za-z/]{1,12}>|[^<]{0,8}|&[a-z#0-9]{0,5};){0,40}") {
        let _ = xml::parse_describe_db_clusters(&body);
        let _ = xml::parse_error(&body, None);
    }

    #[test]
    fn other_inputs_never_panic(text in any::<String>()) {
        let _ = Credentials::import(&text);
        let _ = Timestamp::parse_iso(&text);
        let _ = Timestamp::parse_http_date(&text);
        let _ = endpoint::Endpoint::resolve("us-east-1", &text);
        let _ = endpoint::Route::parse(&text);
    }
}
