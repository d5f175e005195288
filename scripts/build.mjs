// Bundles the CLI into dist/ with esbuild: a small entry file, fast start, no TypeScript at run time.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: clear the folder so old chunks never pile up.
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
  // dist/cli.mjs plus chunks loaded on demand (worksheets, PDF): text commands start without KaTeX and friends.
  // task-worker: the worker thread for big key sets and grading batches (cli/threads.ts).
  entryPoints: { cli: "cli/bin.ts", "task-worker": "cli/task-worker.ts" },
  outdir: "dist",
  splitting: true,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // Small pure-JS dependencies go into the bundle: one file to load instead of dozens through
  // Node's module resolver, which was most of the start-up time. Their ESM builds ("module") are
  // preferred so unused parts are dropped. Packages with native parts, data files or optional
  // requires stay external: esbuild, playwright-core, KaTeX (fonts), nunjucks, markdown-it, pdf-lib.
  external: ["esbuild", "playwright-core", "katex", "nunjucks", "markdown-it", "pdf-lib"],
  mainFields: ["module", "main"],
  plugins: [lazyBuiltins],
  sourcemap: false,
  logLevel: "warning",
  // Bundled CommonJS code may call require() (Node built-ins): give the ESM bundle one.
  banner: {
    js: [
      "// bpdrill CLI bundle — built by scripts/build.mjs; do not edit",
      'import { createRequire as bpdrillCreateRequire } from "node:module";',
      "const require = bpdrillCreateRequire(import.meta.url);",
    ].join("\n"),
  },
});
