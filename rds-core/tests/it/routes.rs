//! The same-origin routes to AWS, wherever they are written, cover every service of
//! `Service::ALL` in every region the console lists (and `trunk serve`'s, IAM Identity Center's
//! `SsoHost::ALL` too), and nothing else: `Trunk.toml`'s
//! `[[proxy]]` blocks (read with `toml`) and `deploy/console.yaml`'s CloudFront origins and
//! behaviours (read with `serde_yaml`). The proxy's allowlist is built from `Service::ALL` itself.

use rds_core::endpoint::REGIONS;
use rds_core::service::Service;
use rds_core::sso::SsoHost;
use serde_yaml::Value;
use std::collections::BTreeSet;

/// Every `(service, region)` pair the console may call.
fn pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    Service::ALL.into_iter().flat_map(|service| {
        REGIONS
            .iter()
            .map(move |(region, _)| (service.name(), *region))
    })
}

/// Every `(host label, region)` pair of IAM Identity Center's two hosts.
fn sso_pairs() -> impl Iterator<Item = (&'static str, &'static str)> {
    SsoHost::ALL.into_iter().flat_map(|host| {
        REGIONS
            .iter()
            .map(move |(region, _)| (host.label(), *region))
    })
}

#[test]
fn trunk_routes_each_service_and_region_to_its_endpoint() {
    let trunk: toml::Table = include_str!("../../../Trunk.toml").parse().unwrap();
    let routes: BTreeSet<(String, String)> = trunk["proxy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|block| {
            let field = |key: &str| block[key].as_str().unwrap().to_owned();
            (field("rewrite"), field("backend"))
        })
        .collect();
    let wanted: BTreeSet<(String, String)> = pairs()
        .chain(sso_pairs())
        .map(|(service, region)| {
            (
                format!("/{service}/{region}/"),
                format!("https://{service}.{region}.amazonaws.com/"),
            )
        })
        .collect();
    assert_eq!(routes, wanted);
}

#[test]
fn the_stack_routes_each_service_and_region_and_offers_every_region() {
    let template: Value =
        serde_yaml::from_str(include_str!("../../../deploy/console.yaml")).unwrap();
    let (mut origins, mut behaviours) = (BTreeSet::new(), BTreeSet::new());
    walk(&template, &mut |map| {
        let text = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_owned);
        if let Some(domain) = text("DomainName").filter(|d| d.ends_with(".amazonaws.com")) {
            origins.insert((text("Id").unwrap_or_default(), domain));
        }
        if let Some(path) = text("PathPattern") {
            behaviours.insert((path, text("TargetOriginId").unwrap_or_default()));
        }
    });
    let wanted_origins: BTreeSet<(String, String)> = pairs()
        .map(|(service, region)| {
            (
                format!("{service}-{region}"),
                format!("{service}.{region}.amazonaws.com"),
            )
        })
        .collect();
    let wanted_behaviours: BTreeSet<(String, String)> = pairs()
        .map(|(service, region)| {
            (
                format!("/{service}/{region}/*"),
                format!("{service}-{region}"),
            )
        })
        .collect();
    assert_eq!(origins, wanted_origins);
    assert_eq!(behaviours, wanted_behaviours);
    let offered: Vec<&str> = template["Parameters"]["Regions"]["AllowedValues"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let listed: Vec<&str> = REGIONS.iter().map(|(region, _)| *region).collect();
    assert_eq!(offered, listed);
}

/// Calls `visit` on every mapping of `value`, looking through CloudFormation's tags (`!If`, ...).
fn walk(value: &Value, visit: &mut impl FnMut(&serde_yaml::Mapping)) {
    match value {
        Value::Mapping(map) => {
            visit(map);
            map.values().for_each(|v| walk(v, visit));
        }
        Value::Sequence(items) => items.iter().for_each(|v| walk(v, visit)),
        Value::Tagged(tagged) => walk(&tagged.value, visit),
        _ => {}
    }
}
