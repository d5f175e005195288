// Bundles the CLI into dist/ with esbuild: a small entry file, fast start, no TypeScript at run time.
import { rmSync } from "node:fs";
import { build } from "esbuild";

// Chunk names carry content hashes: clear the folder so old chunks never pile up.
rmSync("dist", { recursive: true, force: true });

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
