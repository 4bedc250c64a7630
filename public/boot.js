// Starts the wasm app from a file, not an inline script, so the page runs under
// `script-src 'self' 'wasm-unsafe-eval'`. Trunk writes the hashed file names into data attributes
// and integrity hashes on the preloads: the glue's modulepreload is what `import` uses, and the
// wasm is fetched with its preload's hash, so a changed byte stops the page instead of running.
const tag = document.querySelector("script[data-js][data-wasm]");
const jsUrl = new URL(tag.dataset.js, document.baseURI);
const wasmUrl = new URL(tag.dataset.wasm, document.baseURI);
const preload = [...document.querySelectorAll('link[rel="preload"][as="fetch"]')].find(
  (link) => new URL(link.href, document.baseURI).href === wasmUrl.href,
);
const { default: init } = await import(jsUrl.href);
await init({ module_or_path: fetch(wasmUrl, { integrity: preload?.integrity ?? "" }) });
