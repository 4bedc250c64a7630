//! `DescribeDBClusters`: one cluster by identifier (case-insensitive), or every cluster, paged.

use super::{next_marker, paging, Caller, Fault, Params};
use crate::config::ACCOUNT_ID;
use crate::state::{Cluster, World};
use crate::xml::{element, iso};

pub(super) fn execute(
    params: &Params,
    world: &mut World,
    now: i64,
    _: &Caller,
) -> Result<String, Fault> {
    let (max, offset) = paging(params)?;
    let timings = world.timings;
    let selected: Vec<&Cluster> = match params.get("DBClusterIdentifier") {
        Some(id) => vec![world
            .cluster(id)
            .ok_or_else(|| Fault::cluster_not_found(id))?],
        None => world.clusters.iter().collect(),
    };
    let mut xml = String::from("    <DBClusters>\n");
    for cluster in selected.iter().skip(offset).take(max) {
        let s = &cluster.seed;
        xml.push_str("      <DBCluster>\n");
        xml.push_str(&element(8, "DBClusterIdentifier", &s.id));
        xml.push_str(&element(8, "Engine", &s.engine));
        xml.push_str(&element(8, "EngineVersion", &s.engine_version));
        xml.push_str(&element(8, "EngineMode", &s.engine_mode));
        xml.push_str(&element(8, "Status", cluster.status(now, timings)));
        if s.backtrack_window_secs > 0 {
            xml.push_str(&element(
                8,
                "BacktrackWindow",
                &s.backtrack_window_secs.to_string(),
            ));
            if let Some(earliest) = cluster.earliest_backtrack_time(now) {
                xml.push_str(&element(8, "EarliestBacktrackTime", &iso(earliest)));
            }
            let records = cluster.consumed_change_records().to_string();
            xml.push_str(&element(8, "BacktrackConsumedChangeRecords", &records));
        }
        let arn = format!("arn:aws:rds:{}:{ACCOUNT_ID}:cluster:{}", world.region, s.id);
        xml.push_str(&element(8, "DBClusterArn", &arn));
        xml.push_str(&element(
            8,
            "Endpoint",
            &format!(
                "{}.cluster-sandbox.{}.rds.amazonaws.com",
                s.id, world.region
            ),
        ));
        xml.push_str("        <DBClusterMembers>\n          <DBClusterMember>\n");
        xml.push_str(&element(
            12,
            "DBInstanceIdentifier",
            &format!("{}-instance-1", s.id),
        ));
        xml.push_str(&element(12, "IsClusterWriter", "true"));
        xml.push_str("          </DBClusterMember>\n        </DBClusterMembers>\n");
        xml.push_str("      </DBCluster>\n");
    }
    xml.push_str("    </DBClusters>\n");
    xml.push_str(&next_marker(offset, max, selected.len()));
    Ok(xml)
}
