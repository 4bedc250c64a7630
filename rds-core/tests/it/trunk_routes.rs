//! `Trunk.toml` routes every region the console lists to its RDS endpoint, and nothing else.

use rds_core::endpoint::REGIONS;

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
fn every_listed_region_has_its_rds_route() {
    let routes = proxy_routes();
    for (region, _) in REGIONS {
        let route = (
            format!("/rds/{region}/"),
            format!("https://rds.{region}.amazonaws.com/"),
        );
        assert!(routes.contains(&route), "Trunk.toml lacks {route:?}");
    }
    assert_eq!(routes.len(), REGIONS.len(), "no other routes: {routes:?}");
}
