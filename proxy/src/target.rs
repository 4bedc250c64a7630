//! The target of a proxied request: read from the request path, checked against the allowlist.
//!
//! Allowed: `https://{service}.{region}.amazonaws.com/` and `https://{service}-fips.{region}.amazonaws.com/`
//! for the services the console calls (`rds`, `sts`, `monitoring`, `cloudtrail`; port 443 implied), and targets
//! named at start-up, matched exactly. The path must be the
//! target URL and nothing else: no userinfo, no other path, no query, no IP tricks.

use rds_core::service::Service;
use std::fmt;

/// A forwarding target: scheme, lower-case host and optional port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    https: bool,
    host: String,
    port: Option<u16>,
}

/// Why a target is refused; the message is shown to the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not `scheme://host[:port]/` exactly.
    Malformed(String),
    /// Well-formed, but not on the allowlist.
    NotAllowed(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "the target must be an endpoint URL like https://rds.us-east-1.amazonaws.com/ ({why})"),
            Self::NotAllowed(url) => write!(f, "{url} is not on this proxy's allowlist (the RDS, STS and CloudWatch endpoints, and the targets it was started with)"),
        }
    }
}

impl Target {
    /// Parses `scheme://host[:port]/` strictly (the form the console sends).
    pub fn parse(url: &str) -> Result<Self, Refusal> {
        let bad = |why: &str| Refusal::Malformed(why.to_owned());
        let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else if let Some(rest) = url.strip_prefix("http://") {
            (false, rest)
        } else {
            return Err(bad("scheme must be https:// or http://"));
        };
        let authority = rest
            .strip_suffix('/')
            .ok_or_else(|| bad("must end with / and have no path"))?;
        if authority.is_empty() {
            return Err(bad("no host"));
        }
        let (host, port) = match authority.split_once(':') {
            Some((host, port)) => {
                let number: u16 = port.parse().map_err(|_| bad("bad port"))?;
                if number == 0 || number.to_string() != port {
                    return Err(bad("bad port"));
                }
                (host, Some(number))
            }
            None => (authority, None),
        };
        let host_ok = !host.is_empty()
            && host
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-')
            && !host.starts_with('.')
            && !host.ends_with('.')
            && !host.contains("..");
        if !host_ok {
            return Err(bad(
                "host may hold only lower-case letters, digits, dots and hyphens",
            ));
        }
        let default_port = if https { 443 } else { 80 };
        let port = port.filter(|p| *p != default_port);
        Ok(Self {
            https,
            host: host.to_owned(),
            port,
        })
    }

    /// The target as a URL ending in `/`.
    pub fn url(&self) -> String {
        format!(
            "{}://{}/",
            if self.https { "https" } else { "http" },
            self.authority()
        )
    }

    /// `host` or `host:port`: the `Host` header sent upstream, which the signature covers.
    pub fn authority(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// True for `https://{service}.{region}.amazonaws.com/` and its FIPS twin on port 443, for
    /// each service the console calls.
    pub fn is_console_endpoint(&self) -> bool {
        if !self.https || self.port.is_some() {
            return false;
        }
        let Some(name) = self.host.strip_suffix(".amazonaws.com") else {
            return false;
        };
        Service::ALL.iter().any(|service| {
            [".", "-fips."].iter().any(|joint| {
                name.strip_prefix(service.name())
                    .and_then(|rest| rest.strip_prefix(joint))
                    .is_some_and(is_region)
            })
        })
    }
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `ap-southeast-5`.
fn is_region(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    let letters = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase());
    let digits = |s: &str| (1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    match parts[..] {
        [area, direction, n] => area.len() == 2 && letters(area) && letters(direction) && digits(n),
        [area, "gov", direction, n] => {
            area.len() == 2 && letters(area) && letters(direction) && digits(n)
        }
        _ => false,
    }
}

/// Reads the target from a request's path and query, and checks it against the allowlist.
pub fn allowed_target(path_and_query: &str, extra: &[Target]) -> Result<Target, Refusal> {
    let url = path_and_query
        .strip_prefix('/')
        .ok_or_else(|| Refusal::Malformed("no target".into()))?;
    if url.contains(['?', '#', '\\', '@', '%', ' ']) {
        return Err(Refusal::Malformed(
            "no query, fragment, userinfo or escapes allowed".into(),
        ));
    }
    let target = Target::parse(url)?;
    if target.is_console_endpoint() || extra.contains(&target) {
        Ok(target)
    } else {
        Err(Refusal::NotAllowed(target.url()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sandbox() -> Vec<Target> {
        vec![Target::parse("http://127.0.0.1:4566/").unwrap()]
    }

    #[test]
    fn rds_endpoints_and_named_targets_pass() {
        for path in [
            "/https://rds.us-east-1.amazonaws.com/",
            "/https://rds-fips.us-west-2.amazonaws.com/",
            "/https://rds.us-gov-west-1.amazonaws.com/",
            "/https://rds.eu-central-1.amazonaws.com:443/",
            "/https://sts.eu-west-1.amazonaws.com/",
            "/https://sts-fips.us-east-1.amazonaws.com/",
            "/https://monitoring.ap-southeast-2.amazonaws.com/",
            "/http://127.0.0.1:4566/",
        ] {
            assert!(allowed_target(path, &sandbox()).is_ok(), "{path}");
        }
        let t = allowed_target("/http://127.0.0.1:4566/", &sandbox()).unwrap();
        assert_eq!(t.authority(), "127.0.0.1:4566");
        assert_eq!(t.url(), "http://127.0.0.1:4566/");
    }

    #[test]
    fn everything_else_is_refused() {
        for path in [
            "/https://rds.us-east-1.amazonaws.com.evil.test/",
            "/https://rds.us-east-1.amazonaws.com@evil.test/",
            "/https://evil.test@rds.us-east-1.amazonaws.com/",
            "/https://rds.us-east-1.amazonaws.com./",
            "/https://RDS.US-EAST-1.AMAZONAWS.COM/",
            "/https://rds.us-east-1.amazonaws.com/other",
            "/https://rds.us-east-1.amazonaws.com/?x=1",
            "/https://rds.us-east-1.amazonaws.com",
            "/https://rds.us-east-1.amazonaws.com:8443/",
            "/http://rds.us-east-1.amazonaws.com/",
            "/ftp://rds.us-east-1.amazonaws.com/",
            "/https://ec2.us-east-1.amazonaws.com/",
            "/https://sts.amazonaws.com/",
            "/https://s3.us-east-1.amazonaws.com/",
            "/https://iam.amazonaws.com/",
            "/https://sts.evil.amazonaws.com/",
            "/https://monitoringx.us-east-1.amazonaws.com/",
            "/https://xsts.us-east-1.amazonaws.com/",
            "/https://sts.us-east-1.amazonaws.com.evil.test/",
            "/http://monitoring.us-east-1.amazonaws.com/",
            "/https://rds.evil.amazonaws.com/",
            "/https://rds.us-east-1.amazonaws.com%2F@evil.test/",
            "/http://127.0.0.1:4567/",
            "/http://127.0.0.1:04566/",
            "/https://127.0.0.1:4566/",
            "/http://localhost:4566/",
            "/http://2130706433:4566/",
            "/http://0x7f000001:4566/",
            "/http://0177.0.0.1:4566/",
            "/http://127.1:4566/",
            "/http://[::1]:4566/",
            "/http://[::ffff:127.0.0.1]:4566/",
            "/https://169.254.169.254/",
            "//evil.test/",
            "/",
            "",
        ] {
            assert!(allowed_target(path, &sandbox()).is_err(), "{path}");
        }
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        let refusal = allowed_target("/https://evil.test/", &[]).unwrap_err();
        assert_eq!(refusal, Refusal::NotAllowed("https://evil.test/".into()));
        assert!(refusal.to_string().contains("allowlist"));
    }
}
