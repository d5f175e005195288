// Bundles the CLI into dist/cli.mjs with esbuild: one file, fast start, no TypeScript at run time.
import { build } from "esbuild";

await build({
  // dist/cli.mjs plus chunks loaded on demand (worksheets, PDF): text commands start without KaTeX and friends.
  entryPoints: { cli: "cli/bin.ts" },
  outdir: "dist",
  splitting: true,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: false,
  logLevel: "warning",
  banner: { js: "// bpdrill CLI bundle — built by scripts/build.mjs; do not edit" },
});
