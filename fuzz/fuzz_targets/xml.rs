//! Feeds arbitrary bytes to every RDS response parser: none may panic.
#![no_main]

use rds_core::xml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else {
        return;
    };
    let _ = xml::parse_backtrack_db_cluster(body);
    let _ = xml::parse_describe_db_cluster_backtracks(body);
    let _ = xml::parse_describe_db_clusters(body);
    let _ = xml::parse_error(body, Some(400));
    let _ = xml::request_id(body);
});
