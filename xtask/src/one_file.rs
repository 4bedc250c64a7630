//! `cargo xtask one-file`: the release console as one HTML file that works opened from disk (a
//! runbook attachment, a laptop with no server): the glue and the wasm in one inline module
//! script, the stylesheet inline, the icon a `data:` URL, under a CSP that allows exactly those
//! two inline blocks by their SHA-256.

use crate::dist::attribute_value;
use crate::flags;
use anyhow::{bail, ensure, Context};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use local_stack::csp::page_policy;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use xshell::Shell;

/// Where the file is written.
pub(crate) const OUTPUT: &str = "target/one-file/backtrack-console.html";

impl flags::OneFile {
    pub(crate) fn run(self, sh: &Shell) -> anyhow::Result<()> {
        crate::dist::build(sh)?;
        let path = write(sh)?;
        let bytes = std::fs::read(&path)?;
        println!(
            "one-file: {} ({} bytes, {} gzip, {} brotli)",
            path.display(),
            bytes.len(),
            crate::size::gzip(&bytes)?,
            crate::size::brotli(&bytes)?
        );
        Ok(())
    }
}

/// Builds the one file from `dist/` (already built) and returns its path.
pub(crate) fn write(sh: &Shell) -> anyhow::Result<PathBuf> {
    let dist = sh.current_dir().join("dist");
    let index = std::fs::read_to_string(dist.join("index.html"))?;
    let file = |attribute: &str| -> anyhow::Result<Vec<u8>> {
        let name = attribute_value(&index, attribute)
            .with_context(|| format!("dist/index.html has no {attribute}"))?;
        let name = name.trim_start_matches("./");
        std::fs::read(dist.join(name)).with_context(|| format!("read dist/{name}"))
    };
    // The sealed page's `connect-src` (with any build-time origins), without `'self'`: a file
    // opened from disk has no site of its own to connect to.
    let connect_src = page_policy(&index)
        .and_then(|csp| {
            csp.split(';')
                .map(str::trim)
                .find(|d| d.starts_with("connect-src "))
        })
        .context("dist/index.html's CSP has no connect-src")?
        .replace(" 'self'", "");
    let page = one_file(
        &String::from_utf8(file("data-js=\"")?)?,
        &file("data-wasm=\"")?,
        &String::from_utf8(file("rel=\"stylesheet\" href=\"")?)?,
        &file("rel=\"icon\" href=\"")?,
        &connect_src,
    )?;
    let path = sh.current_dir().join(OUTPUT);
    std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))?;
    std::fs::write(&path, page)?;
    Ok(path)
}

/// The page: `glue` (wasm-bindgen's `--target web` module) with `wasm` inline and started,
/// `css` inline, `icon` (SVG) as a `data:` URL, under a CSP with `connect_src`.
fn one_file(
    glue: &str,
    wasm: &[u8],
    css: &str,
    icon: &[u8],
    connect_src: &str,
) -> anyhow::Result<String> {
    let Some(init) = default_export(glue) else {
        bail!("the glue exports no default (wasm-bindgen's init) to start the wasm with");
    };
    let script = format!(
        "{glue}\nconst wasmBytes = Uint8Array.from(atob(\"{}\"), (c) => c.charCodeAt(0));\nawait {init}({{ module_or_path: wasmBytes }});\n",
        BASE64.encode(wasm)
    );
    for (block, closing) in [(&script, "</script"), (&css.to_owned(), "</style")] {
        ensure!(
            !block.to_ascii_lowercase().contains(closing),
            "an inline block contains {closing}"
        );
    }
    let hash = |text: &str| format!("'sha256-{}'", BASE64.encode(Sha256::digest(text)));
    let csp = format!(
        "default-src 'none'; script-src {} 'wasm-unsafe-eval'; style-src {}; img-src data:; \
         {connect_src}; base-uri 'none'; form-action 'none'",
        hash(&script),
        hash(css)
    );
    Ok(format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\" />\n\
         <meta name=\"referrer\" content=\"no-referrer\" />\n\
         <meta name=\"color-scheme\" content=\"light dark\" />\n\
         <title>Backtrack Console</title>\n\
         <link rel=\"icon\" href=\"data:image/svg+xml;base64,{}\" />\n\
         <style>{css}</style>\n<script type=\"module\">{script}</script>\n</head>\n<body></body>\n</html>\n",
        BASE64.encode(icon)
    ))
}

/// The local name the glue's last `export { … }` exports as `default`: wasm-bindgen's init,
/// `__wbg_init`, or what the minifier renamed it.
fn default_export(glue: &str) -> Option<&str> {
    let list = &glue[glue.rfind("export")?..];
    let list = &list[list.find('{')? + 1..list.find('}')?];
    list.split(',').find_map(|item| {
        let name = item.trim().strip_suffix(" as default")?.trim();
        let is_identifier = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
        is_identifier.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUE: &str = "function __wbg_init(module_or_path) {}\nexport { __wbg_init as default };";

    #[test]
    fn the_csp_allows_exactly_the_inline_blocks() {
        let connect = "connect-src https://*.amazonaws.com https://proxy.example.com";
        let page = one_file(GLUE, b"\0asm", "body{margin:0}", b"<svg/>", connect).unwrap();
        let between = |open: &str, close: &str| {
            let start = page.find(open).unwrap() + open.len();
            page[start..start + page[start..].find(close).unwrap()].to_owned()
        };
        let script = between("<script type=\"module\">", "</script>");
        let style = between("<style>", "</style>");
        let sha = |t: &str| BASE64.encode(Sha256::digest(t));
        assert!(page.contains(&format!(
            "script-src 'sha256-{}' 'wasm-unsafe-eval'",
            sha(&script)
        )));
        assert!(page.contains(&format!("style-src 'sha256-{}';", sha(&style))));
        assert!(page.contains(&format!("img-src data:; {connect}; base-uri 'none'")));
        assert!(script.contains(&BASE64.encode(b"\0asm")));
        assert!(page.contains(&format!(
            "data:image/svg+xml;base64,{}",
            BASE64.encode(b"<svg/>")
        )));
        assert!(!page.contains("'unsafe-inline'") && !page.contains(" src=\""));
    }

    #[test]
    fn the_default_export_is_found_minified_or_not() {
        assert_eq!(default_export(GLUE), Some("__wbg_init"));
        assert_eq!(
            default_export("function $(r){}export{$ as default,B as initSync};"),
            Some("$")
        );
        assert_eq!(default_export("export{B as initSync};"), None);
        let page = one_file(
            "function $(r){}export{$ as default};",
            b"",
            "",
            b"",
            "connect-src 'self'",
        )
        .unwrap();
        assert!(page.contains("await $({ module_or_path: wasmBytes });"));
    }

    #[test]
    fn a_block_that_would_close_its_tag_is_refused() {
        let connect = "connect-src https://*.amazonaws.com";
        assert!(one_file(&format!("{GLUE}\n\"</script>\""), b"", "", b"", connect).is_err());
        assert!(one_file(GLUE, b"", "a::after{content:'</style>'}", b"", connect).is_err());
    }
}
