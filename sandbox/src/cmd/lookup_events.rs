//! CloudTrail `LookupEvents` (JSON 1.1) for `EventName` `BacktrackDBCluster`: one event for each
//! backtrack the sandbox holds (seeded or sent), created from `StartTime` to `EndTime`, newest
//! first, `MaxResults` (1 to 50) a page with `NextToken`. The caller's ARN is the role the
//! request was signed as, the source address the one it came from. Every third call is
//! throttled (`ThrottlingException`), as CloudTrail's 2 calls a second per account can be. An
//! event is listed `trail_delivery_secs` after its backtrack, as CloudTrail's arrive late.

use super::{token_offset, Caller, Fault, Params};
use crate::config::ACCOUNT_ID;
use crate::state::World;
use crate::xml::iso;

/// One `LookupEvents` call in this many is throttled.
const THROTTLE_EVERY: u64 = 3;

pub(super) fn execute(
    params: &Params,
    world: &mut World,
    now: i64,
    _: &Caller,
) -> Result<String, Fault> {
    world.trail_lookups += 1;
    if world.trail_lookups.is_multiple_of(THROTTLE_EVERY) {
        return Err(Fault::sender(
            400,
            "ThrottlingException",
            "Rate exceeded".into(),
        ));
    }
    let seconds = |name: &str| -> Result<i64, Fault> {
        let text = params.required(name)?;
        text.parse::<f64>()
            .map(|s| (s * 1000.0) as i64)
            .map_err(|_| Fault::invalid(format!("{name} must be epoch seconds, not {text:?}")))
    };
    let (start, end) = (seconds("StartTime")?, seconds("EndTime")?);
    let max = match params.get("MaxResults") {
        None => 50,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=50).contains(&n) => n,
            _ => {
                return Err(Fault::invalid(format!(
                    "MaxResults must be 1 to 50, not {text}"
                )))
            }
        },
    };
    let offset = token_offset(
        params,
        "NextToken",
        "sandbox-events-",
        "InvalidNextTokenException",
    )?;
    let wanted = params.get("AttributeKey") == Some("EventName")
        && params.get("AttributeValue") == Some("BacktrackDBCluster");
    let delivered = now - world.trail_delivery_ms;
    let mut events: Vec<(i64, serde_json::Value)> = world
        .clusters
        .iter()
        .flat_map(|c| c.backtracks.iter().map(move |b| (c, b)))
        .filter(|(_, b)| wanted && b.created <= delivered && (start..=end).contains(&b.created))
        .map(|(cluster, b)| {
            let id = &cluster.seed.id;
            let detail = serde_json::json!({
                "eventVersion": "1.08",
                "userIdentity": {
                    "type": "AssumedRole",
                    "principalId": format!("AROASANDBOX:{id}"),
                    "arn": b.caller.arn,
                    "accountId": ACCOUNT_ID,
                },
                "eventTime": iso(b.created),
                "eventSource": "rds.amazonaws.com",
                "eventName": "BacktrackDBCluster",
                "sourceIPAddress": b.caller.source_ip,
                "requestParameters": {"dBClusterIdentifier": id, "backtrackTo": iso(b.backtrack_to)},
                "responseElements": {"dBClusterIdentifier": id, "backtrackIdentifier": b.id},
            });
            let event = serde_json::json!({
                "EventId": format!("sandbox-{}", b.id),
                "EventName": "BacktrackDBCluster",
                "ReadOnly": "false",
                "EventTime": b.created as f64 / 1000.0,
                "EventSource": "rds.amazonaws.com",
                "Resources": [{"ResourceType": "AWS::RDS::DBCluster", "ResourceName": id}],
                "CloudTrailEvent": detail.to_string(),
            });
            (b.created, event)
        })
        .collect();
    events.sort_by_key(|(created, _)| std::cmp::Reverse(*created));
    let page: Vec<serde_json::Value> = events
        .iter()
        .skip(offset)
        .take(max)
        .map(|(_, e)| e.clone())
        .collect();
    let mut answer = serde_json::json!({ "Events": page });
    if offset + max < events.len() {
        answer["NextToken"] = format!("sandbox-events-{}", offset + max).into();
    }
    Ok(answer.to_string())
}
