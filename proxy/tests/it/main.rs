//! Proxy tests against a local upstream: what is forwarded, what is refused, and an attack suite
//! that shows nothing outside the allowlist is ever reached.

mod attacks;
mod forwarding;
mod support;
