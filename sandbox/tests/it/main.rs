//! Sandbox tests: the SigV4 verifier against the official vectors, and every operation, error path
//! and state transition over real HTTP on loopback.

mod api;
mod sigv4_vectors;
mod sso;
mod support;
