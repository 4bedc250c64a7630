//! Native integration tests of the RDS core: one binary, one module per concern.
#![cfg(not(target_arch = "wasm32"))]

mod pasted_times;
mod properties;
mod routes;
mod signer_parity;
mod sigv4_suite;
