//! `DescribeDBClusterBacktracks`: a cluster's backtracks, newest first, filtered and paged.

use super::{next_marker, paging, Caller, Fault, Params};
use crate::config::Timings;
use crate::state::{Backtrack, World};
use crate::xml::{element, iso};

pub(super) fn execute(
    params: &Params,
    world: &mut World,
    now: i64,
    _: &Caller,
) -> Result<String, Fault> {
    let id = params.required("DBClusterIdentifier")?;
    let (max, offset) = paging(params)?;
    let timings = world.timings;
    let cluster = world
        .cluster(id)
        .ok_or_else(|| Fault::cluster_not_found(id))?;
    let filters = Filters::read(params)?;
    let wanted = params.get("BacktrackIdentifier");
    let matching: Vec<&Backtrack> = cluster
        .backtracks
        .iter()
        .rev()
        .filter(|b| wanted.is_none_or(|w| b.id == w))
        .filter(|b| filters.accept(b, b.status(now, timings)))
        .collect();
    if let (Some(wanted), true) = (wanted, matching.is_empty()) {
        if !cluster.backtracks.iter().any(|b| b.id == wanted) {
            return Err(Fault::sender(
                404,
                "DBClusterBacktrackNotFoundFault",
                format!(
                    "Backtrack {wanted} not found for DB cluster {}.",
                    cluster.seed.id
                ),
            ));
        }
    }
    let mut xml = String::from("    <DBClusterBacktracks>\n");
    for backtrack in matching.iter().skip(offset).take(max) {
        xml.push_str(&backtrack_xml(&cluster.seed.id, backtrack, now, timings, 6));
    }
    xml.push_str("    </DBClusterBacktracks>\n");
    xml.push_str(&next_marker(offset, max, matching.len()));
    Ok(xml)
}

/// A `<DBClusterBacktrack>` (or the fields alone, for `BacktrackDBClusterResult`).
pub(crate) fn backtrack_fields(
    cluster_id: &str,
    b: &Backtrack,
    now: i64,
    timings: Timings,
    indent: usize,
) -> String {
    [
        element(indent, "DBClusterIdentifier", cluster_id),
        element(indent, "BacktrackIdentifier", &b.id),
        element(indent, "BacktrackTo", &iso(b.backtrack_to)),
        element(indent, "BacktrackedFrom", &iso(b.backtracked_from)),
        element(indent, "BacktrackRequestCreationTime", &iso(b.created)),
        element(indent, "Status", b.status(now, timings)),
    ]
    .concat()
}

fn backtrack_xml(
    cluster_id: &str,
    b: &Backtrack,
    now: i64,
    timings: Timings,
    indent: usize,
) -> String {
    format!(
        "{:indent$}<DBClusterBacktrack>\n{}{:indent$}</DBClusterBacktrack>\n",
        "",
        backtrack_fields(cluster_id, b, now, timings, indent + 2),
        ""
    )
}

/// `Filters.Filter.N.Name` / `.Values.Value.M`.
struct Filters {
    ids: Vec<String>,
    statuses: Vec<String>,
}

impl Filters {
    fn read(params: &Params) -> Result<Self, Fault> {
        let mut filters = Self {
            ids: Vec::new(),
            statuses: Vec::new(),
        };
        for n in 1.. {
            let Some(name) = params.get(&format!("Filters.Filter.{n}.Name")) else {
                break;
            };
            let values: Vec<String> = (1..)
                .map_while(|m| params.get(&format!("Filters.Filter.{n}.Values.Value.{m}")))
                .map(str::to_owned)
                .collect();
            match name {
                "db-cluster-backtrack-id" => filters.ids.extend(values),
                "db-cluster-backtrack-status" => filters
                    .statuses
                    .extend(values.iter().map(|v| v.to_ascii_lowercase())),
                other => {
                    return Err(Fault::invalid(format!(
                        "Unrecognized filter name: {other}."
                    )))
                }
            }
        }
        Ok(filters)
    }

    fn accept(&self, b: &Backtrack, status: &str) -> bool {
        (self.ids.is_empty() || self.ids.contains(&b.id))
            && (self.statuses.is_empty() || self.statuses.iter().any(|s| s == status))
    }
}
