//! Where requests go: regions, endpoint URLs (one per service), the user's override, and the route
//! through a proxy.

use super::error::RdsError;
use super::service::Service;
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
    /// The RDS endpoint for `region`, or `override_url` when it is not blank.
    pub fn resolve(region: &str, override_url: &str) -> Result<Self, RdsError> {
        Self::resolve_service(Service::Rds, region, override_url)
    }

    /// `service`'s endpoint for `region`: `https://{service}.{region}.amazonaws.com/`, or
    /// `override_url` when it is not blank. One override serves all three services (the sandbox
    /// answers them on one port) unless it names `{service}` (and `{region}`), e.g.
    /// `https://{service}-fips.{region}.amazonaws.com/`.
    ///
    /// An override must be `https://`, or `http://` to this computer (the local sandbox): a session
    /// token must never cross a network in clear text. Its path must be `/`.
    pub fn resolve_service(
        service: Service,
        region: &str,
        override_url: &str,
    ) -> Result<Self, RdsError> {
        let override_url = override_url
            .trim()
            .replace("{service}", service.name())
            .replace("{region}", region);
        let override_url = override_url.as_str();
        if override_url.is_empty() {
            if !is_known_region(region) {
                return Err(bad(format!(
                    "Backtrack is not offered in region \"{region}\"."
                )));
            }
            let authority = format!("{}.{region}.amazonaws.com", service.name());
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
    /// A proxy URL with `{region}`, and optionally `{service}` and `{host}`, placeholders.
    Template(String),
}

impl Route {
    /// Reads the CORS proxy setting: blank is direct, `{region}`, `{service}` or `{host}` makes a
    /// template,
    /// anything else is a prefix (a missing final `/` is added). A relative URL means this site.
    pub fn parse(proxy_url: &str) -> Result<Self, RdsError> {
        let proxy_url = proxy_url.trim();
        if proxy_url.is_empty() {
            return Ok(Self::Direct);
        }
        if !proxy_url.starts_with('/') || proxy_url.starts_with("//") {
            let probe = proxy_url
                .replace("{region}", "r")
                .replace("{service}", "s")
                .replace("{host}", "h");
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

    /// The URL the browser actually sends the signed request for `service` to.
    pub fn target_url(&self, endpoint: &Endpoint, service: Service, region: &str) -> String {
        match self {
            Self::Direct => endpoint.url().to_owned(),
            Self::Prefix(proxy) => format!("{proxy}{}", endpoint.url()),
            Self::Template(template) => template
                .replace("{service}", service.name())
                .replace("{region}", region)
                .replace("{host}", endpoint.authority()),
        }
    }

    /// True if this route reaches `service`: a template without `{service}` (or `{host}`) is a
    /// route to RDS only.
    pub fn reaches(&self, service: Service) -> bool {
        match self {
            Self::Template(t) => {
                service == Service::Rds || t.contains("{service}") || t.contains("{host}")
            }
            _ => true,
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
            Route::parse("")
                .unwrap()
                .target_url(&e, Service::Rds, "us-east-1"),
            e.url()
        );
        let prefix = Route::parse("http://127.0.0.1:8787").unwrap();
        assert_eq!(
            prefix.target_url(&e, Service::Rds, "us-east-1"),
            "http://127.0.0.1:8787/https://rds.us-east-1.amazonaws.com/"
        );
        let template = Route::parse("/rds/{region}/").unwrap();
        assert_eq!(
            template.target_url(&e, Service::Rds, "us-east-1"),
            "/rds/us-east-1/"
        );
        let host = Route::parse("https://proxy.example.com/{host}/").unwrap();
        assert_eq!(
            host.target_url(&e, Service::Rds, "us-east-1"),
            "https://proxy.example.com/rds.us-east-1.amazonaws.com/"
        );
        assert!(prefix.via_proxy() && template.via_proxy() && !Route::Direct.via_proxy());
    }

    #[test]
    fn each_service_has_its_endpoint_and_its_route() {
        let sts = Endpoint::resolve_service(Service::Sts, "eu-west-1", "").unwrap();
        assert_eq!(sts.url(), "https://sts.eu-west-1.amazonaws.com/");
        let monitoring = Endpoint::resolve_service(Service::Monitoring, "eu-west-1", "").unwrap();
        assert_eq!(
            monitoring.url(),
            "https://monitoring.eu-west-1.amazonaws.com/"
        );
        // One override serves all three, unless it names the service.
        let sandbox =
            Endpoint::resolve_service(Service::Sts, "eu-west-1", "http://127.0.0.1:4566/");
        assert_eq!(sandbox.unwrap().url(), "http://127.0.0.1:4566/");
        let fips = Endpoint::resolve_service(
            Service::Sts,
            "us-east-1",
            "https://{service}-fips.{region}.amazonaws.com/",
        );
        assert_eq!(
            fips.unwrap().url(),
            "https://sts-fips.us-east-1.amazonaws.com/"
        );

        let every = Route::parse("/{service}/{region}/").unwrap();
        assert_eq!(
            every.target_url(&sts, Service::Sts, "eu-west-1"),
            "/sts/eu-west-1/"
        );
        let rds_only = Route::parse("/rds/{region}/").unwrap();
        assert!(rds_only.reaches(Service::Rds) && !rds_only.reaches(Service::Sts));
        assert!(every.reaches(Service::Monitoring) && Route::Direct.reaches(Service::Sts));
        let prefix = Route::parse("http://127.0.0.1:8787/").unwrap();
        assert_eq!(
            prefix.target_url(&sts, Service::Sts, "eu-west-1"),
            "http://127.0.0.1:8787/https://sts.eu-west-1.amazonaws.com/"
        );
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
