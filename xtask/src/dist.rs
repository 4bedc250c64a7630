//! `cargo xtask dist`: the release build in `dist/`, its wasm and glue made smaller
//! (`compact_glue`: short import names, functions sorted by body, the glue minified), sealed for a strict host: `boot.js` gets its integrity hash, the CSP's
//! `connect-src` gains the origins named at build time, and every script and preload is checked
//! to carry a hash.

use crate::flags;
use anyhow::{bail, ensure, Context};
use base64::Engine as _;
use sha2::{Digest, Sha384};
use xshell::{cmd, Shell};

/// Origins (space-separated) added to `connect-src` at build time, e.g. an HTTPS CORS proxy.
pub(crate) const EXTRA_CONNECT_SRC: &str = "BACKTRACK_CONNECT_SRC";

/// `index.html`'s `connect-src`: this site, AWS endpoints, and this computer (the sandbox, the proxy).
const DEFAULT_CONNECT_SRC: &str =
    "connect-src 'self' https://*.amazonaws.com http://127.0.0.1:* http://localhost:*";

/// The tag trunk writes for `boot.js` (see `Trunk.toml`'s `pattern_script`).
const BOOT_TAG: &str = "<script type=\"module\" src=\"./boot.js\"";

impl flags::Dist {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        build(sh)
    }
}

/// Builds `dist/` with trunk and seals it.
pub(crate) fn build(sh: &Shell) -> anyhow::Result<()> {
    crate::setup::build_tools(sh)?;
    cmd!(sh, "trunk build --release --locked")
        .run()
        .context("trunk build --release")?;
    let extra = std::env::var(EXTRA_CONNECT_SRC).unwrap_or_default();
    let dist = sh.current_dir().join("dist");
    let saved = crate::compact_glue::compact(sh, &dist)?;
    println!(
        "dist: imports renamed short, functions sorted, the glue minified: {saved} bytes smaller"
    );
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    let boot = std::fs::read(dist.join("boot.js"))?;
    let sealed = seal(&html, &boot, &extra)?;
    std::fs::write(dist.join("index.html"), sealed)?;
    crate::caching::check_cacheable(&dist)?;
    println!(
        "dist: boot.js has its integrity hash; connect-src: {}",
        connect_src(&extra)?
    );
    Ok(())
}

/// `html` with `boot.js`'s SHA-384 on its tag and `extra` origins in `connect-src`.
fn seal(html: &str, boot_js: &[u8], extra: &str) -> anyhow::Result<String> {
    ensure!(html.contains(BOOT_TAG), "index.html has no {BOOT_TAG}");
    let digest = base64::engine::general_purpose::STANDARD.encode(Sha384::digest(boot_js));
    let mut sealed = html.replace(
        BOOT_TAG,
        &format!("{BOOT_TAG} integrity=\"sha384-{digest}\" crossorigin=\"anonymous\""),
    );
    ensure!(
        sealed.contains(DEFAULT_CONNECT_SRC),
        "index.html's CSP has no `{DEFAULT_CONNECT_SRC}`"
    );
    sealed = sealed.replace(DEFAULT_CONNECT_SRC, &connect_src(extra)?);
    for tag in sealed.split('<').filter(|t| {
        t.starts_with("script") && t.contains(" src=")
            || t.starts_with("link") && t.contains("preload")
    }) {
        ensure!(
            tag.contains("integrity=\"sha384-"),
            "no integrity hash on <{tag}"
        );
    }
    Ok(sealed)
}

/// The value after `attribute` (which ends in its opening quote), up to the closing quote.
pub(crate) fn attribute_value<'a>(html: &'a str, attribute: &str) -> Option<&'a str> {
    let start = html.find(attribute)? + attribute.len();
    let rest = &html[start..];
    Some(&rest[..rest.find('"')?])
}

/// The `connect-src` directive with `extra` origins after the defaults.
fn connect_src(extra: &str) -> anyhow::Result<String> {
    let mut directive = DEFAULT_CONNECT_SRC.to_owned();
    for origin in extra.split_whitespace() {
        check_origin(origin).with_context(|| format!("{EXTRA_CONNECT_SRC}: {origin}"))?;
        directive.push(' ');
        directive.push_str(origin);
    }
    Ok(directive)
}

/// An HTTPS origin (`https://proxy.example.com`, optionally `:port`, optionally `*.` first):
/// nothing that could widen the policy beyond one host, and no path.
fn check_origin(origin: &str) -> anyhow::Result<()> {
    let Some(host) = origin.strip_prefix("https://") else {
        bail!("must start with https:// (loopback http is already allowed)");
    };
    let name = host.strip_prefix("*.").unwrap_or(host);
    let (name, port) = name.split_once(':').unwrap_or((name, "443"));
    ensure!(
        !name.is_empty()
            && name.contains('.')
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
            && port.chars().all(|c| c.is_ascii_digit())
            && !port.is_empty(),
        "must be an origin such as https://proxy.example.com (no path, no wildcard but a leading *.)"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src 'self' https://*.amazonaws.com http://127.0.0.1:* http://localhost:*; base-uri 'none'\" />\
        <script type=\"module\" src=\"./boot.js\" data-js=\"./a.js\"></script>\
        <link rel=\"modulepreload\" href=\"./a.js\" integrity=\"sha384-abc\">";

    #[test]
    fn boot_js_gets_its_sha384() {
        let sealed = seal(PAGE, b"console.log(1)\n", "").unwrap();
        let expected =
            base64::engine::general_purpose::STANDARD.encode(Sha384::digest(b"console.log(1)\n"));
        assert!(sealed.contains(&format!(
            "src=\"./boot.js\" integrity=\"sha384-{expected}\" crossorigin=\"anonymous\""
        )));
    }

    #[test]
    fn build_time_origins_join_connect_src() {
        let sealed = seal(
            PAGE,
            b"",
            "https://proxy.example.com https://*.corp.example:8443",
        )
        .unwrap();
        assert!(sealed.contains(
            "http://localhost:* https://proxy.example.com https://*.corp.example:8443; base-uri"
        ));
    }

    #[test]
    fn anything_but_an_https_origin_is_refused() {
        for bad in [
            "http://proxy.example.com",
            "https:",
            "*",
            "https://*",
            "https://a.example/path",
            "https://a.example:x",
            "'unsafe-inline'",
        ] {
            assert!(seal(PAGE, b"", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_script_or_preload_without_a_hash_is_refused() {
        let unhashed = PAGE.replace(" integrity=\"sha384-abc\"", "");
        let error = seal(&unhashed, b"", "").unwrap_err().to_string();
        assert!(error.contains("no integrity hash"), "{error}");
    }

    #[test]
    fn reads_attribute_values() {
        let html = "<script data-js=\"./a-1.js\" data-wasm=\"./a-1_bg.wasm\">";
        assert_eq!(attribute_value(html, "data-wasm=\""), Some("./a-1_bg.wasm"));
        assert_eq!(attribute_value(html, "data-css=\""), None);
    }
}
