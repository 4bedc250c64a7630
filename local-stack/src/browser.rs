//! The browser the tests and benchmarks drive: Debian's packages.

/// The Chromium binary (`CHROMIUM` overrides it where a tool reads the environment).
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// The ChromeDriver binary (`CHROMEDRIVER` overrides it).
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
