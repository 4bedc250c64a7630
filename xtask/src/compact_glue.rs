//! The release build's wasm and glue made smaller, in three steps, then re-hashed in `index.html`:
//!
//! - Short import names: wasm-bindgen names each of the glue's functions the wasm imports
//!   `__wbg_{name}_{16 hex digits}` under the module `./{crate}_bg.js`; the hex digits do not
//!   compress, and the names appear twice (in the wasm and in the glue). They become `a`, `b`, …
//!   under the module `w`, in both files. The imports keep their order and types, so every call
//!   site is the same.
//! - The wasm's functions sorted by their bodies (`order_functions`), so brotli finds alike ones
//!   side by side.
//! - The glue minified by esbuild (whitespace and local names; property names, and so the
//!   imports and the wasm's exports, are kept).

use anyhow::{bail, ensure, Context};
use base64::Engine as _;
use sha2::{Digest, Sha384};
use std::collections::HashMap;
use std::path::Path;
use wasm_encoder::{EntityType, ImportSection, Module, RawSection};
use wasmparser::{Parser, Payload};
use xshell::{cmd, Shell};

/// The module name the glue's imports get.
const MODULE: &str = "w";

/// The `n`th short name: `a` … `z`, `A` … `Z`, `ba`, `bb`, …
fn short_name(mut n: usize) -> String {
    const LETTERS: &[u8; 52] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    let mut name = Vec::new();
    loop {
        name.push(LETTERS[n % 52]);
        n /= 52;
        if n == 0 {
            break;
        }
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// Each import's name before and after, in the import section's order.
type Renamed = Vec<(String, String)>;

/// `wasm` with every import from `module` renamed, and the renaming.
fn rename_imports(wasm: &[u8], module: &str) -> anyhow::Result<(Vec<u8>, Renamed)> {
    let mut out = Module::new();
    let mut renamed = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload?;
        if let Payload::ImportSection(reader) = &payload {
            let mut section = ImportSection::new();
            for import in reader.clone().into_imports() {
                let import = import?;
                ensure!(
                    import.module == module,
                    "an import from {:?}, not the glue {module:?}",
                    import.module
                );
                let name = short_name(renamed.len());
                let ty = EntityType::try_from(import.ty)
                    .map_err(|e| anyhow::anyhow!("import {}: {e:?}", import.name))?;
                section.import(MODULE, &name, ty);
                renamed.push((import.name.to_owned(), name));
            }
            out.section(&section);
        } else if let Some((id, range)) = payload.as_section() {
            out.section(&RawSection {
                id,
                data: &wasm[range],
            });
        }
    }
    Ok((out.finish(), renamed))
}

/// `glue` with each import function's key and the module's key renamed; every old name must be
/// a key exactly once, and none may be left.
fn rename_in_glue(
    glue: &str,
    module: &str,
    renamed: &[(String, String)],
) -> anyhow::Result<String> {
    let module_key = format!("\"{module}\": ");
    ensure!(
        glue.matches(&module_key).count() == 1,
        "the glue names its import module {module_key:?} other than once"
    );
    let mut out = glue.replacen(&module_key, &format!("\"{MODULE}\": "), 1);
    for (old, new) in renamed {
        let key = format!("        {old}: function(");
        ensure!(
            out.matches(&key).count() == 1,
            "the glue defines import {old} other than once"
        );
        out = out.replacen(&key, &format!("        {new}: function("), 1);
        ensure!(!out.contains(old.as_str()), "the glue still names {old}");
    }
    Ok(out)
}

/// `sha384-…` of `bytes`, as `integrity` attributes write it.
fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// `glue` minified by esbuild (an ES module, as wasm-bindgen writes it).
fn minify(sh: &Shell, glue: &str) -> anyhow::Result<String> {
    let esbuild = crate::tools::node_bin().join("esbuild");
    cmd!(
        sh,
        "{esbuild} --minify --format=esm --loader=js --log-level=warning"
    )
    .stdin(glue)
    .read()
    .context("minify the glue with esbuild (run `cargo xtask setup`)")
}

/// Renames the imports of `dist/`'s wasm and glue (named in `index.html`'s boot tag), sorts the
/// wasm's functions, minifies the glue, and puts their new hashes on their preloads. Returns the bytes saved (raw).
pub(crate) fn compact(sh: &Shell, dist: &Path) -> anyhow::Result<usize> {
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    let file = |attribute: &str| -> anyhow::Result<String> {
        let value = crate::dist::attribute_value(&html, attribute)
            .with_context(|| format!("index.html has no {attribute}"))?;
        Ok(value.trim_start_matches("./").to_owned())
    };
    let (js_name, wasm_name) = (file("data-js=\"")?, file("data-wasm=\"")?);
    let Some(module) = wasm_name.strip_suffix(".wasm").and_then(|stem| {
        // trunk names the glue `{crate}-{hash}.js` and the wasm `{crate}-{hash}_bg.wasm`; the
        // glue's import module is wasm-bindgen's own `./{crate}_bg.js`.
        let crate_and_hash = stem.strip_suffix("_bg")?;
        let (krate, _) = crate_and_hash.rsplit_once('-')?;
        Some(format!("./{krate}_bg.js"))
    }) else {
        bail!("{wasm_name} is not named as trunk names the wasm");
    };
    let (wasm_path, js_path) = (dist.join(&wasm_name), dist.join(&js_name));
    let (wasm, glue) = (
        std::fs::read(&wasm_path)?,
        std::fs::read_to_string(&js_path)?,
    );
    let (short_wasm, renamed) = rename_imports(&wasm, &module)?;
    let short_wasm = crate::order_functions::by_body(&short_wasm)?;
    wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
        .validate_all(&short_wasm)
        .context("the renamed and sorted wasm does not validate")?;
    let short_glue = minify(sh, &rename_in_glue(&glue, &module, &renamed)?)?;
    let mut hashes = HashMap::new();
    hashes.insert(integrity(&wasm), integrity(&short_wasm));
    hashes.insert(integrity(glue.as_bytes()), integrity(short_glue.as_bytes()));
    let mut new_html = html.clone();
    for (old, new) in &hashes {
        ensure!(
            new_html.matches(old.as_str()).count() == 1,
            "index.html carries {old} other than once"
        );
        new_html = new_html.replace(old.as_str(), new);
    }
    std::fs::write(&wasm_path, &short_wasm)?;
    std::fs::write(&js_path, &short_glue)?;
    std::fs::write(dist.join("index.html"), new_html)?;
    Ok(wasm.len() + glue.len() - short_wasm.len() - short_glue.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, ExportKind, ExportSection, Function, FunctionSection, Instruction,
        TypeSection, ValType,
    };

    /// A module importing two glue functions and calling both from its export.
    fn module() -> Vec<u8> {
        let mut types = TypeSection::new();
        types.ty().function([ValType::I32], []);
        types.ty().function([], []);
        let mut imports = ImportSection::new();
        imports.import(
            "./app_bg.js",
            "__wbg_log_0123456789abcdef",
            EntityType::Function(0),
        );
        imports.import(
            "./app_bg.js",
            "__wbg_now_fedcba9876543210",
            EntityType::Function(0),
        );
        let mut functions = FunctionSection::new();
        functions.function(1);
        let mut exports = ExportSection::new();
        exports.export("main", ExportKind::Func, 2);
        let mut body = Function::new([]);
        body.instruction(&Instruction::I32Const(7))
            .instruction(&Instruction::Call(0))
            .instruction(&Instruction::I32Const(8))
            .instruction(&Instruction::Call(1))
            .instruction(&Instruction::End);
        let mut code = CodeSection::new();
        code.function(&body);
        let mut module = Module::new();
        module
            .section(&types)
            .section(&imports)
            .section(&functions)
            .section(&exports)
            .section(&code);
        module.finish()
    }

    const GLUE: &str = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        __wbg_log_0123456789abcdef: function(arg0) {\n            console.log(arg0);\n        },\n        __wbg_now_fedcba9876543210: function(arg0) {\n            return Date.now();\n        },\n    };\n    return {\n        __proto__: null,\n        \"./app_bg.js\": import0,\n    };\n}\n";

    #[test]
    fn imports_get_short_names_in_order_and_the_code_is_unchanged() {
        let wasm = module();
        let (short, renamed) = rename_imports(&wasm, "./app_bg.js").unwrap();
        assert_eq!(
            renamed,
            [
                ("__wbg_log_0123456789abcdef".to_owned(), "a".to_owned()),
                ("__wbg_now_fedcba9876543210".to_owned(), "b".to_owned())
            ]
        );
        wasmparser::validate(&short).unwrap();
        let code = |bytes: &[u8]| {
            Parser::new(0)
                .parse_all(bytes)
                .filter_map(|p| match p.unwrap() {
                    Payload::CodeSectionEntry(body) => Some(body.as_bytes().to_vec()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(code(&short), code(&wasm));
        assert!(short.len() < wasm.len());
        let glue = rename_in_glue(GLUE, "./app_bg.js", &renamed).unwrap();
        assert!(glue.contains("        a: function(arg0) {\n            console.log"));
        assert!(glue.contains("        b: function(arg0) {\n            return Date.now()"));
        assert!(glue.contains("\"w\": import0"));
        assert!(!glue.contains("__wbg_log") && !glue.contains("app_bg.js"));
    }

    #[test]
    fn a_glue_that_does_not_match_the_wasm_is_refused() {
        let (_, renamed) = rename_imports(&module(), "./app_bg.js").unwrap();
        let missing = GLUE.replace("__wbg_now_fedcba9876543210", "__wbg_now_0000000000000000");
        assert!(rename_in_glue(&missing, "./app_bg.js", &renamed).is_err());
        assert!(rename_imports(&module(), "./other_bg.js").is_err());
    }

    #[test]
    fn short_names_run_through_the_letters() {
        let names: Vec<String> = [0, 25, 26, 51, 52, 53]
            .into_iter()
            .map(short_name)
            .collect();
        assert_eq!(names, ["a", "z", "A", "Z", "ba", "bb"]);
    }
}
