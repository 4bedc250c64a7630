//! Headless Chromium through ChromeDriver, shared by the end-to-end suite (`tests/`, see
//! README.md) and `cargo xtask bench`.

pub mod chrome;
