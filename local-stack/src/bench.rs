//! How much the benchmarks do unless told otherwise (`cargo xtask bench` and the `bench` binaries).

/// Cold loads of each page on each link.
pub const LOADS: usize = 15;
/// Timed calls of encode + sign + parse on each page.
pub const CALLS: usize = 3000;
/// Concurrent clients in a proxy load run.
pub const CLIENTS: usize = 200;
/// Requests in each proxy load run.
pub const REQUESTS: usize = 20_000;
/// Seconds before a proxy load run is given up.
pub const TIME_LIMIT_SECS: u64 = 120;
