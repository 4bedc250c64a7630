//! Which files of `dist/` a host may cache as immutable: those whose names carry their content
//! hash. `cargo xtask dist` checks every build; `cargo xtask deploy` uploads by it.

use anyhow::{ensure, Context};
use std::path::Path;

/// `Cache-Control` of files whose names carry their content hash.
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// `Cache-Control` of the files a release changes under the same name.
pub(crate) const REVALIDATE: &str = "no-cache";

/// Files that keep their name from release to release, uploaded last (`boot.js` before the
/// `index.html` that names its hash) and revalidated on every load.
pub(crate) const REVALIDATED_FILES: [&str; 2] = ["boot.js", "index.html"];

/// Checks that every file of `dist/` but [`REVALIDATED_FILES`] carries its content hash in its
/// name, so the immutable upload never pins a file a later release changes under the same name.
pub(crate) fn check_cacheable(dist: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dist).with_context(|| format!("read {}", dist.display()))? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        ensure!(
            has_content_hash(&name) || REVALIDATED_FILES.contains(&name.as_str()),
            "dist/{name} has no content hash in its name, so it cannot be cached as immutable"
        );
    }
    Ok(())
}

/// `name-0123456789abcdef.ext` (or `..._bg.wasm`): a hex hash of 12 or more digits before the
/// extension.
fn has_content_hash(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashed_names_are_immutable() {
        for hashed in [
            "backtrack-console-44ca87394fb2a364_bg.wasm",
            "main-3405cf756f3678e.css",
            "favicon-dd4dc5cd2b581a0.svg",
        ] {
            assert!(has_content_hash(hashed), "{hashed}");
        }
        for fixed in [
            "boot.js",
            "index.html",
            "robots.txt",
            "backtrack-console.js",
            "a-cafe.js",
        ] {
            assert!(!has_content_hash(fixed), "{fixed}");
        }
    }
}
