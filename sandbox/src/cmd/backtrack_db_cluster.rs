//! `BacktrackDBCluster`, with RDS's rules: no future time, not before the earliest backtrack time
//! unless asked, binlog clusters only with `Force`, only `available` clusters.

use super::describe_db_cluster_backtracks::backtrack_fields;
use super::{Caller, Fault, Params};
use crate::state::{Backtrack, World};
use crate::xml::{iso, parse_iso};

pub(super) fn execute(
    params: &Params,
    world: &mut World,
    now: i64,
    caller: &Caller,
) -> Result<String, Fault> {
    let id = params.required("DBClusterIdentifier")?;
    let text = params.required("BacktrackTo")?;
    let force = params.boolean("Force")?;
    let use_earliest = params.boolean("UseEarliestTimeOnPointInTimeUnavailable")?;
    let requested = parse_iso(text).ok_or_else(|| {
        Fault::invalid(format!(
            "Invalid value {text:?} for BacktrackTo: use ISO 8601 such as 2017-07-08T18:00:00Z."
        ))
    })?;
    let timings = world.timings;
    let cluster = world
        .cluster_mut(id)
        .ok_or_else(|| Fault::cluster_not_found(id))?;
    let seed = &cluster.seed;
    if seed.engine.contains("postgres") || !seed.engine.starts_with("aurora") {
        return Err(Fault::sender(
            400,
            "InvalidParameterCombination",
            format!("Backtrack is not supported for engine {}.", seed.engine),
        ));
    }
    if seed.engine_mode == "serverless" {
        return Err(Fault::sender(
            400,
            "InvalidParameterCombination",
            "Backtrack is not supported for Aurora Serverless DB clusters.".into(),
        ));
    }
    let earliest = cluster.earliest_backtrack_time(now).ok_or_else(|| {
        Fault::sender(
            400,
            "InvalidDBClusterStateFault",
            format!("Backtrack is not enabled for DB cluster {}.", seed.id),
        )
    })?;
    let status = cluster.status(now, timings);
    if status != "available" {
        return Err(Fault::sender(
            400,
            "InvalidDBClusterStateFault",
            format!(
                "DB cluster {} is in {status} state; it must be available.",
                seed.id
            ),
        ));
    }
    if seed.binlog && !force {
        return Err(Fault::sender(400, "InvalidDBClusterStateFault", format!(
            "DB cluster {} has binary logging enabled. Backtrack with Force to backtrack anyway (no binlog entries are written).",
            seed.id
        )));
    }
    if requested > now {
        return Err(Fault::invalid(format!(
            "The backtrack time {} is in the future.",
            iso(requested)
        )));
    }
    let target = if requested < earliest {
        if !use_earliest {
            return Err(Fault::invalid(format!(
                "The backtrack time {} is earlier than the earliest backtrack time {}. Choose a later time or set UseEarliestTimeOnPointInTimeUnavailable.",
                iso(requested),
                iso(earliest)
            )));
        }
        earliest
    } else {
        requested
    };
    let backtrack = Backtrack {
        id: uuid::Uuid::new_v4().to_string(),
        // Aurora rewinds to the nearest consistent time: here, the even second at or before.
        backtrack_to: target / 2000 * 2000,
        backtracked_from: now,
        created: now,
        fails: seed.fail_backtracks,
        caller: caller.clone(),
    };
    let xml = backtrack_fields(&seed.id.clone(), &backtrack, now, timings, 4);
    cluster.backtracks.push(backtrack);
    Ok(xml)
}
