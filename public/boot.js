// Starts the wasm app from a file, not an inline script, so the page runs under
// `script-src 'self' 'wasm-unsafe-eval'`. Trunk writes the hashed file names into data attributes.
const tag = document.querySelector("script[data-js][data-wasm]");
const jsUrl = new URL(tag.dataset.js, document.baseURI);
const wasmUrl = new URL(tag.dataset.wasm, document.baseURI);
const { default: init } = await import(jsUrl.href);
await init({ module_or_path: wasmUrl.href });
