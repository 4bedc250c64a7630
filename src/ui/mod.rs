//! Leptos components, one file each.

pub mod app;
