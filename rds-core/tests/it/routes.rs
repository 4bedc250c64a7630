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
        // Plain strings only: serde_yaml's `as_str` also reads through `!Sub`.
        let text = |key: &str| match map.get(key) {
            Some(Value::String(text)) => Some(text.clone()),
            _ => None,
        };
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

#[test]
fn the_stack_routes_iam_identity_center_in_its_one_region() {
    let template: Value =
        serde_yaml::from_str(include_str!("../../../deploy/console.yaml")).unwrap();
    let (mut origins, mut behaviours) = (BTreeSet::new(), BTreeSet::new());
    // `!Sub "oidc.${SsoRegion}.amazonaws.com"`: the template's text, read through the tag.
    let sub = |value: Option<&Value>| match value {
        Some(Value::Tagged(tagged)) if tagged.tag == "Sub" => {
            tagged.value.as_str().map(str::to_owned)
        }
        _ => None,
    };
    walk(&template, &mut |map| {
        let id = |key: &str| {
            map.get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        if let Some(domain) = sub(map.get("DomainName")) {
            origins.insert((id("Id"), domain));
        }
        if let Some(path) = sub(map.get("PathPattern")) {
            behaviours.insert((path, id("TargetOriginId")));
        }
    });
    let wanted = |f: &dyn Fn(SsoHost) -> (String, String)| -> BTreeSet<(String, String)> {
        SsoHost::ALL.into_iter().map(f).collect()
    };
    let id = |host: SsoHost| host.label().replace('.', "-");
    assert_eq!(
        origins,
        wanted(&|host| (
            id(host),
            format!("{}.${{SsoRegion}}.amazonaws.com", host.label())
        ))
    );
    assert_eq!(
        behaviours,
        wanted(&|host| (format!("/{}/${{SsoRegion}}/*", host.label()), id(host)))
    );
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
