//! The target of a proxied request: read from the request path, checked against the allowlist.
//!
//! Allowed: `https://{service}.{region}.amazonaws.com/` and `https://{service}-fips.{region}.amazonaws.com/`
//! for the services the console calls (`rds`, `sts`, `monitoring`, `cloudtrail`; port 443 implied), and targets
//! named at start-up, matched exactly. For those the path must be the target URL and nothing else:
//! no userinfo, no other path, no query, no IP tricks, and the method is `POST`.
//!
//! IAM Identity Center's two hosts, `https://oidc.{region}.amazonaws.com/` and
//! `https://portal.sso.{region}.amazonaws.com/` (and the targets named at start-up), take the six
//! calls of the sign-in and nothing else: OIDC's three paths by `POST` without a query, the
//! portal's three by `GET` with a query of its four parameter names only.

use rds_core::service::Service;
use rds_core::sso::SsoHost;
use std::fmt;

/// The sign-in's calls: host, method and path, as botocore's `sso-oidc` and `sso` models
/// declare them.
const SSO_CALLS: [(SsoHost, &str, &str); 6] = [
    (SsoHost::Oidc, "POST", "/client/register"),
    (SsoHost::Oidc, "POST", "/device_authorization"),
    (SsoHost::Oidc, "POST", "/token"),
    (SsoHost::Portal, "GET", "/assignment/accounts"),
    (SsoHost::Portal, "GET", "/assignment/roles"),
    (SsoHost::Portal, "GET", "/federation/credentials"),
];

/// The portal's query parameters.
const PORTAL_PARAMETERS: [&str; 4] = ["account_id", "role_name", "max_result", "next_token"];

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
    /// An allowed call, with another method than the one it takes.
    Method(&'static str),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "the target must be an endpoint URL like https://rds.us-east-1.amazonaws.com/ ({why})"),
            Self::NotAllowed(url) => write!(f, "{url} is not on this proxy's allowlist (the RDS, STS, CloudWatch, CloudTrail and IAM Identity Center endpoints, and the targets it was started with)"),
            Self::Method(method) => write!(f, "only {method} (and OPTIONS preflight) is forwarded there"),
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

impl Target {
    /// The IAM Identity Center host this target is (`https://oidc.{region}.amazonaws.com/` or
    /// `https://portal.sso.{region}.amazonaws.com/`, port 443), if it is one.
    fn sso_host(&self) -> Option<SsoHost> {
        if !self.https || self.port.is_some() {
            return None;
        }
        let name = self.host.strip_suffix(".amazonaws.com")?;
        SsoHost::ALL.into_iter().find(|host| {
            name.strip_prefix(host.label())
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(is_region)
        })
    }
}

/// What the proxy forwards: the target, and for a sign-in call its path and query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Call {
    /// Where it goes.
    pub target: Target,
    /// Empty for the signed APIs (they are answered at the root); `/token`,
    /// `/assignment/roles?account_id=…` for the sign-in.
    pub path_and_query: String,
}

impl Call {
    /// The upstream URL.
    pub fn url(&self) -> String {
        format!(
            "{}{}",
            self.target.url(),
            self.path_and_query.trim_start_matches('/')
        )
    }

    /// True for IAM Identity Center's calls, which carry `x-amz-sso_bearer_token` and no
    /// signature.
    pub fn is_sign_in(&self) -> bool {
        !self.path_and_query.is_empty()
    }
}

/// Reads what a `method` request to `path_and_query` may reach, or why it may not.
pub fn allowed_call(method: &str, path_and_query: &str, extra: &[Target]) -> Result<Call, Refusal> {
    let url = path_and_query
        .strip_prefix('/')
        .ok_or_else(|| Refusal::Malformed("no target".into()))?;
    let authority_start = url.find("://").map_or(0, |i| i + 3);
    let Some(slash) = url[authority_start..]
        .find('/')
        .map(|i| authority_start + i + 1)
    else {
        return Err(Refusal::Malformed(
            "must end with / and have no path".into(),
        ));
    };
    let (target_url, rest) = url.split_at(slash);
    if rest.is_empty() {
        let target = allowed_target(path_and_query, extra)?;
        return match method {
            "POST" => Ok(Call {
                target,
                path_and_query: String::new(),
            }),
            _ => Err(Refusal::Method("POST")),
        };
    }
    if target_url.contains(['?', '#', '\\', '@', '%', ' ']) {
        return Err(Refusal::Malformed(
            "no query, fragment, userinfo or escapes allowed in the target".into(),
        ));
    }
    let target = Target::parse(target_url)?;
    let hosts: &[SsoHost] = match target.sso_host() {
        Some(SsoHost::Oidc) => &[SsoHost::Oidc],
        Some(SsoHost::Portal) => &[SsoHost::Portal],
        None if extra.contains(&target) => &SsoHost::ALL,
        None => return Err(Refusal::NotAllowed(target.url())),
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    let path = format!("/{path}");
    let Some(&(host, allowed_method, _)) = SSO_CALLS
        .iter()
        .find(|(host, _, call_path)| hosts.contains(host) && *call_path == path)
    else {
        return Err(Refusal::NotAllowed(format!(
            "{}{}",
            target.url(),
            &path[1..]
        )));
    };
    if method != allowed_method {
        return Err(Refusal::Method(allowed_method));
    }
    if let Some(query) = query {
        if host == SsoHost::Oidc || !query.split('&').all(is_portal_parameter) {
            return Err(Refusal::Malformed(format!(
                "the query may hold only {} with URL-encoded values",
                PORTAL_PARAMETERS.join(", ")
            )));
        }
    }
    Ok(Call {
        target,
        path_and_query: format!("/{rest}"),
    })
}

/// `name=value` with a portal parameter's name and a value of unreserved characters and `%XX`.
fn is_portal_parameter(pair: &str) -> bool {
    let Some((name, value)) = pair.split_once('=') else {
        return false;
    };
    let bytes = value.as_bytes();
    let escapes_ok = bytes.iter().enumerate().all(|(i, b)| {
        *b != b'%'
            || (bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit())
    });
    PORTAL_PARAMETERS.contains(&name)
        && escapes_ok
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.~%".contains(&b))
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
    fn the_sign_in_reaches_iam_identity_center_s_hosts_by_its_six_calls() {
        let call = |method, path: &str| allowed_call(method, path, &[]);
        for (method, path) in [
            ("POST", "/https://oidc.eu-west-1.amazonaws.com/client/register"),
            ("POST", "/https://oidc.eu-west-1.amazonaws.com/device_authorization"),
            ("POST", "/https://oidc.us-gov-west-1.amazonaws.com/token"),
            ("GET", "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts?max_result=100"),
            ("GET", "/https://portal.sso.eu-west-1.amazonaws.com/assignment/roles?account_id=111122223333&max_result=100&next_token=a%2Fb"),
            ("GET", "/https://portal.sso.eu-west-1.amazonaws.com/federation/credentials?role_name=DBA%20Admin&account_id=111122223333"),
        ] {
            let allowed = call(method, path).unwrap_or_else(|e| panic!("{path}: {e}"));
            assert!(allowed.is_sign_in());
            assert!(allowed.url().starts_with("https://") && !allowed.url().contains(".com//"));
        }
        let roles = call(
            "GET",
            "/https://portal.sso.eu-west-1.amazonaws.com/assignment/roles?account_id=1",
        )
        .unwrap();
        assert_eq!(
            roles.url(),
            "https://portal.sso.eu-west-1.amazonaws.com/assignment/roles?account_id=1"
        );
        let rds = call("POST", "/https://rds.eu-west-1.amazonaws.com/").unwrap();
        assert!(!rds.is_sign_in());
        assert_eq!(rds.url(), "https://rds.eu-west-1.amazonaws.com/");
    }

    #[test]
    fn the_sign_in_s_paths_go_nowhere_else() {
        for (method, path) in [
            // Each path only on its own host, by its own method.
            ("POST", "/https://portal.sso.eu-west-1.amazonaws.com/token"),
            (
                "GET",
                "/https://oidc.eu-west-1.amazonaws.com/assignment/accounts",
            ),
            ("POST", "/https://rds.eu-west-1.amazonaws.com/token"),
            ("GET", "/https://rds.eu-west-1.amazonaws.com/"),
            ("GET", "/https://evil.test/assignment/accounts"),
            ("GET", "/https://portal.sso.evil.test/assignment/accounts"),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com.evil.test/assignment/accounts",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com:8443/assignment/accounts",
            ),
            (
                "GET",
                "/http://portal.sso.eu-west-1.amazonaws.com/assignment/accounts",
            ),
            (
                "GET",
                "/https://sso.eu-west-1.amazonaws.com/assignment/accounts",
            ),
            (
                "GET",
                "/https://user@portal.sso.eu-west-1.amazonaws.com/assignment/accounts",
            ),
            // Other paths, queries and escapes.
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts/",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/%61ccounts",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts?max_result=1#x",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts?max_result",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts?host=evil.test",
            ),
            (
                "GET",
                "/https://portal.sso.eu-west-1.amazonaws.com/assignment/accounts?max_result=%4",
            ),
            (
                "POST",
                "/https://oidc.eu-west-1.amazonaws.com/token?grant=x",
            ),
            (
                "POST",
                "/https://oidc.eu-west-1.amazonaws.com/token/../client/register",
            ),
        ] {
            assert!(allowed_call(method, path, &[]).is_err(), "{method} {path}");
        }
        assert_eq!(
            allowed_call("GET", "/https://oidc.eu-west-1.amazonaws.com/token", &[]),
            Err(Refusal::Method("POST"))
        );
    }

    #[test]
    fn refusals_say_what_is_allowed() {
        let refusal = allowed_target("/https://evil.test/", &[]).unwrap_err();
        assert_eq!(refusal, Refusal::NotAllowed("https://evil.test/".into()));
        assert!(refusal.to_string().contains("allowlist"));
    }
}
