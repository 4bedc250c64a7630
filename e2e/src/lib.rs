//! Headless Chromium through ChromeDriver and the one polling helper, shared by the end-to-end
//! suite (`tests/`, see README.md) and `cargo xtask bench`.

pub mod chrome;
pub mod wait;
