//! How `cargo xtask e2e` tells the end-to-end suite what to do differently.

/// Milliseconds added to every sandbox answer of every scenario (slow AWS), on top of the
/// scenario's own latency.
pub const LATENCY_VAR: &str = "E2E_SANDBOX_LATENCY_MS";
