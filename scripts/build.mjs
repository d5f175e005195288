// Bundles the CLI into dist/ with esbuild, and compiles its code cache: fast start, no TypeScript at run time.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

// Clear the folder: no file of an older build (chunks of the ESM bundle before, a stale cache) stays behind.
rmSync("dist", { recursive: true, force: true });

// Two Node built-ins that bundled packages require at load but never need in bpdrill: seedrandom takes
// `crypto` only to seed itself when no seed is given (bpdrill always gives one), and commander takes
// `child_process` only to run git-style executable subcommands (bpdrill has none). Loading them cost
// ~5 ms of every start, with the `net` and `dgram` modules child_process pulls in. Both become
// modules that load the real built-in on first use, so nothing changes if they are ever needed.
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?(crypto|child_process)$/ }, (args) => {
      const from = args.importer.replace(/\\/g, "/");
      if (!/node_modules\/(seedrandom|commander)\//.test(from)) return undefined;
      return { path: args.path.replace(/^node:/, ""), namespace: "lazy-builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => ({
      contents: `let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:${args.path}"))[key] });`,
      loader: "js",
    }));
  },
};

await build({
  // One CommonJS file for the command (a classic script, so bin/bpdrill.cjs can hand V8 a code cache
  // for it; V8 caches no ES module code in Node 20) and one for the worker thread of big key sets and
  // grading batches (cli/threads.ts). Worksheets, PDF and the site are in the same file: with the code
  // cache, code that a command never calls costs no parsing, only the bytes read.
  entryPoints: { cli: "cli/bin.ts", "task-worker": "cli/task-worker.ts", "typst-process": "cli/typst-process.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  // import() of an external package becomes require(): a vm.Script has no module loader of its own.
  supported: { "dynamic-import": false },
  // Small pure-JS dependencies go into the bundle: one file to load instead of dozens through
  // Node's module resolver, which was most of the start-up time. Their ESM builds ("module") are
  // preferred so unused parts are dropped. Packages with native parts, data files or optional
  // requires stay external: esbuild, KaTeX (fonts), nunjucks, markdown-it, the Typst compiler.
  // The XLSX reader and the report's charts (Vega) are loaded only by the commands that use them (iconv-lite is bundled: rosters are read at start-up).
  external: ["esbuild", "@myriaddreamin/typst-ts-node-compiler", "katex", "nunjucks", "markdown-it", "read-excel-file", "vega", "vega-lite"],
  mainFields: ["module", "main"],
  plugins: [lazyBuiltins],
  sourcemap: false,
  logLevel: "warning",
  // Our modules find files next to themselves through import.meta.url: in the bundle, the bundle's own URL.
  define: { "import.meta.url": "__bpdrillUrl" },
  banner: {
    js: [
      "// bpdrill CLI bundle — built by scripts/build.mjs; do not edit",
      'const __bpdrillUrl = require("node:url").pathToFileURL(__filename).href;',
    ].join("\n"),
  },
});

// The library (package.json "exports"): "bpdrill" for Node (api/index.ts) and "bpdrill/core" for any
// platform (api/core.ts: no Node built-ins, test/package/core-browser.test.ts bundles it for a browser).
// ES modules with their dependencies left to the consumer's resolver; the Node entry finds
// templates/layouts from dist/ through import.meta.url, as the CLI bundle does.
await build({
  entryPoints: { index: "api/index.ts", core: "api/core.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  platform: "neutral",
  format: "esm",
  target: "es2022",
  packages: "external",
  chunkNames: "lib-[hash]",
  sourcemap: false,
  logLevel: "warning",
});
// Their type declarations (dist/types/api/*.d.ts), with the string catalogues they name beside them.
execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", "tsconfig.types.json"], { stdio: "inherit" });
mkdirSync("dist/types/templates/i18n", { recursive: true });
for (const l of ["en", "zh"]) copyFileSync(`templates/i18n/${l}.json`, `dist/types/templates/i18n/${l}.json`);

// The student site's browser bundle, prebuilt: an installed package has no esbuild (a devDependency),
// so `bpdrill site` copies dist/site/app.js there (site/build.ts).
execFileSync(process.execPath, ["bin/bpdrill.cjs", "site", "--out", "dist/site"], { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, BPDRILL_LANG: "en" } });

// V8's code cache for dist/cli.cjs: compiled by a run of 300 classic keys (the functions a key set
// needs, then in the cache as bytecode), written by bin/bpdrill.cjs when BPDRILL_CODE_CACHE=write.
// Commands start ~25 ms sooner with it; without it (or with a stale one) they compile as usual.
execFileSync(process.execPath, ["bin/bpdrill.cjs", "key", "--preset", "classic-2-3-2", "--seed", "code-cache", "--count", "300", "--format", "json"], {
  stdio: ["ignore", "ignore", "inherit"],
  env: { ...process.env, BPDRILL_CODE_CACHE: "write", BPDRILL_THREADS: "1" },
});
