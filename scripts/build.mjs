// Bundles the CLI into dist/cli.mjs with esbuild: one file, fast start, no TypeScript at run time.
import { build } from "esbuild";

await build({
  entryPoints: ["cli/bin.ts"],
  outfile: "dist/cli.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: false,
  logLevel: "warning",
  banner: { js: "// bpdrill CLI bundle — built by scripts/build.mjs; do not edit" },
});
