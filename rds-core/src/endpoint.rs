//! Where requests go: regions, RDS endpoint URLs, the user's override, and the route through a proxy.

use super::error::RdsError;
use http::uri::{Scheme, Uri};

/// The regions where Aurora MySQL backtrack is offered, with their names.
pub const REGIONS: &[(&str, &str)] = &[
    ("us-east-1", "US East (N. Virginia)"),
    ("us-east-2", "US East (Ohio)"),
    ("us-west-1", "US West (N. California)"),
    ("us-west-2", "US West (Oregon)"),
    ("ca-central-1", "Canada (Central)"),
    ("eu-central-1", "Europe (Frankfurt)"),
    ("eu-west-1", "Europe (Ireland)"),
    ("eu-west-2", "Europe (London)"),
    ("eu-west-3", "Europe (Paris)"),
    ("ap-south-1", "Asia Pacific (Mumbai)"),
    ("ap-northeast-1", "Asia Pacific (Tokyo)"),
    ("ap-northeast-2", "Asia Pacific (Seoul)"),
    ("ap-northeast-3", "Asia Pacific (Osaka)"),
    ("ap-southeast-1", "Asia Pacific (Singapore)"),
    ("ap-southeast-2", "Asia Pacific (Sydney)"),
];

/// The region selected when nothing was chosen before.
pub const DEFAULT_REGION: &str = "us-east-1";

/// True if `region` is one of [`REGIONS`].
pub fn is_known_region(region: &str) -> bool {
    REGIONS.iter().any(|(code, _)| *code == region)
}

/// The RDS endpoint the request is signed for: `https://rds.{region}.amazonaws.com/` or an override.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    url: String,
    authority: String,
}

impl Endpoint {
    /// The endpoint for `region`, or `override_url` when it is not blank.
    ///
    /// An override must be `https://`, or `http://` to this computer (the local sandbox): a session
    /// token must never cross a network in clear text. Its path must be `/`.
    pub fn resolve(region: &str, override_url: &str) -> Result<Self, RdsError> {
        let override_url = override_url.trim();
        if override_url.is_empty() {
            if !is_known_region(region) {
                return Err(bad(format!(
                    "Backtrack is not offered in region \"{region}\"."
                )));
            }
            let authority = format!("rds.{region}.amazonaws.com");
            return Ok(Self {
                url: format!("https://{authority}/"),
                authority,
            });
        }
        let uri = absolute_url(override_url, "Endpoint URL")?;
        if !matches!(uri.path(), "" | "/") || uri.query().is_some() {
            return Err(bad(format!(
                "The endpoint URL \"{override_url}\" must not have a path or query: RDS is always at `/`."
            )));
        }
        let authority = uri
            .authority()
            .map(|a| a.as_str())
            .unwrap_or_default()
            .to_owned();
        let scheme = uri.scheme_str().unwrap_or_default();
        Ok(Self {
            url: format!("{scheme}://{authority}/"),
            authority,
        })
    }

    /// The endpoint URL, ending in `/`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// `host` or `host:port`, as the signature covers it.
    pub fn authority(&self) -> &str {
        &self.authority
    }
}

/// How a signed request reaches its endpoint (design.md section 4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// Straight to the endpoint.
    Direct,
    /// A cors-anywhere style proxy: the proxy URL followed by the endpoint URL.
    Prefix(String),
    /// A proxy URL with `{region}` and optionally `{host}` placeholders.
    Template(String),
}

impl Route {
    /// Reads the CORS proxy setting: blank is direct, `{region}` or `{host}` makes a template,
    /// anything else is a prefix (a missing final `/` is added). A relative URL means this site.
    pub fn parse(proxy_url: &str) -> Result<Self, RdsError> {
        let proxy_url = proxy_url.trim();
        if proxy_url.is_empty() {
            return Ok(Self::Direct);
        }
        if !proxy_url.starts_with('/') || proxy_url.starts_with("//") {
            let probe = proxy_url.replace("{region}", "r").replace("{host}", "h");
            absolute_url(&probe, "CORS proxy URL")?;
        }
        if proxy_url.contains("{region}") || proxy_url.contains("{host}") {
            Ok(Self::Template(proxy_url.to_owned()))
        } else if proxy_url.ends_with('/') {
            Ok(Self::Prefix(proxy_url.to_owned()))
        } else {
            Ok(Self::Prefix(format!("{proxy_url}/")))
        }
    }

    /// The URL the browser actually sends the signed request to.
    pub fn target_url(&self, endpoint: &Endpoint, region: &str) -> String {
        match self {
            Self::Direct => endpoint.url().to_owned(),
            Self::Prefix(proxy) => format!("{proxy}{}", endpoint.url()),
            Self::Template(template) => template
                .replace("{region}", region)
                .replace("{host}", endpoint.authority()),
        }
    }

    /// True when the request goes through a proxy.
    pub fn via_proxy(&self) -> bool {
        !matches!(self, Self::Direct)
    }
}

fn bad(message: String) -> RdsError {
    RdsError::BadEndpoint(message)
}

/// Parses an absolute `https://` URL, or `http://` to a loopback host.
fn absolute_url(text: &str, what: &str) -> Result<Uri, RdsError> {
    let uri: Uri = text
        .parse()
        .map_err(|_| bad(format!("The {what} \"{text}\" is not a valid URL.")))?;
    let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| {
        bad(format!(
            "The {what} \"{text}\" needs to start with https:// and a host."
        ))
    })?;
    if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
        return Err(bad(format!(
            "The {what} \"{text}\" must not contain a user name or password."
        )));
    }
    match uri.scheme() {
        Some(s) if *s == Scheme::HTTPS => Ok(uri),
        Some(s) if *s == Scheme::HTTP && is_local_http_host(host) => Ok(uri),
        Some(s) if *s == Scheme::HTTP => Err(bad(format!(
            "The {what} \"{text}\" uses http:// to a host other than localhost or 127.0.0.1 (the only ones the page's security policy lets it reach over http); use https:// so credentials are not sent in clear text."
        ))),
        _ => Err(bad(format!("The {what} \"{text}\" needs to start with https://."))),
    }
}

/// This computer, as the page's CSP names it for `http://` (`http://127.0.0.1:*`,
/// `http://localhost:*`). Chromium cannot name `[::1]` in a CSP, so it is not one of them.
fn is_local_http_host(host: &str) -> bool {
    host == "localhost" || host == "127.0.0.1"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_endpoint_is_the_regional_rds_url() {
        let e = Endpoint::resolve("eu-west-1", " ").unwrap();
        assert_eq!(e.url(), "https://rds.eu-west-1.amazonaws.com/");
        assert_eq!(e.authority(), "rds.eu-west-1.amazonaws.com");
        assert!(Endpoint::resolve("sa-east-1", "").is_err());
    }

    #[test]
    fn override_keeps_its_port_and_gains_a_slash() {
        let e = Endpoint::resolve("us-east-1", "http://127.0.0.1:4566").unwrap();
        assert_eq!(e.url(), "http://127.0.0.1:4566/");
        assert_eq!(e.authority(), "127.0.0.1:4566");
        let e =
            Endpoint::resolve("us-east-1", "https://rds-fips.us-east-1.amazonaws.com/").unwrap();
        assert_eq!(e.url(), "https://rds-fips.us-east-1.amazonaws.com/");
    }

    #[test]
    fn unsafe_or_odd_overrides_are_refused() {
        for url in [
            "http://rds.example.com/",
            "ftp://127.0.0.1/",
            "https://127.0.0.1/rds",
            "https://u:p@rds.us-east-1.amazonaws.com/",
            "rds.us-east-1.amazonaws.com",
            "http://127.0.0.1.evil.test/",
            "not a url",
        ] {
            assert!(Endpoint::resolve("us-east-1", url).is_err(), "{url}");
        }
        assert!(Endpoint::resolve("us-east-1", "http://localhost:9000/").is_ok());
        for outside_the_page_policy in ["http://[::1]:9000/", "http://127.0.0.2:9000/"] {
            let refused = Endpoint::resolve("us-east-1", outside_the_page_policy).unwrap_err();
            assert!(
                refused.to_string().contains("localhost or 127.0.0.1"),
                "{refused}"
            );
        }
    }

    #[test]
    fn the_three_routes() {
        let e = Endpoint::resolve("us-east-1", "").unwrap();
        assert_eq!(
            Route::parse("").unwrap().target_url(&e, "us-east-1"),
            e.url()
        );
        let prefix = Route::parse("http://127.0.0.1:8787").unwrap();
        assert_eq!(
            prefix.target_url(&e, "us-east-1"),
            "http://127.0.0.1:8787/https://rds.us-east-1.amazonaws.com/"
        );
        let template = Route::parse("/rds/{region}/").unwrap();
        assert_eq!(template.target_url(&e, "us-east-1"), "/rds/us-east-1/");
        let host = Route::parse("https://proxy.example.com/{host}/").unwrap();
        assert_eq!(
            host.target_url(&e, "us-east-1"),
            "https://proxy.example.com/rds.us-east-1.amazonaws.com/"
        );
        assert!(prefix.via_proxy() && template.via_proxy() && !Route::Direct.via_proxy());
    }

    #[test]
    fn proxy_urls_follow_the_same_transport_rules() {
        assert!(Route::parse("http://proxy.example.com/").is_err());
        assert!(Route::parse("//evil.test/").is_err());
        assert_eq!(
            Route::parse("/cors").unwrap(),
            Route::Prefix("/cors/".into())
        );
    }
}
