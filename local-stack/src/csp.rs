//! The page's Content Security Policy as every host serves it (the e2e site, CloudFront, the
//! checks of `cargo xtask`): read once from `index.html`'s `<meta>`.

/// The opening of the CSP `<meta>`'s policy in `index.html`.
const META: &str = "http-equiv=\"Content-Security-Policy\" content=\"";

/// The policy of a page's CSP `<meta>`, if it has one.
pub fn page_policy(html: &str) -> Option<&str> {
    let start = html.find(META)? + META.len();
    let rest = &html[start..];
    Some(&rest[..rest.find('"')?])
}

/// The policy a host sends as a header with the page: its `<meta>` policy plus
/// `frame-ancestors 'none'`, which only a header can set.
pub fn served_policy(html: &str) -> Option<String> {
    page_policy(html).map(|policy| format!("{policy}; frame-ancestors 'none'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self'\" />";

    #[test]
    fn reads_the_meta_policy() {
        assert_eq!(
            page_policy(PAGE),
            Some("default-src 'none'; connect-src 'self'")
        );
        assert_eq!(page_policy("<html></html>"), None);
    }

    #[test]
    fn the_served_policy_forbids_framing() {
        assert_eq!(
            served_policy(PAGE).as_deref(),
            Some("default-src 'none'; connect-src 'self'; frame-ancestors 'none'")
        );
    }
}
