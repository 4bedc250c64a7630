// Builds the four peer pages into dist/{react,vue,svelte,preact}/: one minified ESM bundle each
// (esbuild), and the same index.html. Svelte components go through svelte/compiler first.
import * as esbuild from "esbuild";
import { compile } from "svelte/compiler";
import { readFile, writeFile, mkdir } from "node:fs/promises";

const pages = {
  react: "src/react.jsx",
  vue: "src/vue.js",
  svelte: "src/svelte.js",
  preact: "src/preact.jsx",
};

const sveltePlugin = {
  name: "svelte",
  setup(build) {
    build.onLoad({ filter: /\.svelte$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const { js } = compile(source, { filename: args.path, generate: "client" });
      return { contents: js.code, loader: "js" };
    });
  },
};

const html = await readFile("src/index.html", "utf8");
for (const [name, entry] of Object.entries(pages)) {
  const dir = `dist/${name}`;
  await mkdir(dir, { recursive: true });
  await esbuild.build({
    entryPoints: [entry],
    outfile: `${dir}/app.js`,
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    jsx: "automatic",
    jsxImportSource: name === "preact" ? "preact" : "react",
    define: {
      "process.env.NODE_ENV": '"production"',
      __VUE_OPTIONS_API__: "false",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    conditions: ["browser", "production"],
    plugins: [sveltePlugin],
    loader: { ".xml": "text" },
    logLevel: "warning",
  });
  await writeFile(`${dir}/index.html`, html.replace("{title}", name));
}
console.log("peers: built", Object.keys(pages).join(", "));
