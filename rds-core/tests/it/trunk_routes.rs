//! `Trunk.toml` routes every service and region the console lists to its endpoint, and nothing
//! else.

use rds_core::endpoint::REGIONS;
use rds_core::service::Service;

/// The `[[proxy]]` blocks of `Trunk.toml`, as `(rewrite, backend)`.
fn proxy_routes() -> Vec<(String, String)> {
    let trunk = include_str!("../../../Trunk.toml");
    let value = |block: &str, key: &str| {
        block
            .lines()
            .find_map(|l| l.trim().strip_prefix(key)?.trim().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_owned())
            .unwrap_or_default()
    };
    trunk
        .split("[[proxy]]")
        .skip(1)
        .map(|block| (value(block, "rewrite"), value(block, "backend")))
        .collect()
}

#[test]
fn every_listed_region_has_a_route_for_each_service() {
    let routes = proxy_routes();
    for service in Service::ALL.map(Service::name) {
        for (region, _) in REGIONS {
            let route = (
                format!("/{service}/{region}/"),
                format!("https://{service}.{region}.amazonaws.com/"),
            );
            assert!(routes.contains(&route), "Trunk.toml lacks {route:?}");
        }
    }
    assert_eq!(
        routes.len(),
        REGIONS.len() * Service::ALL.len(),
        "no other routes: {routes:?}"
    );
}
