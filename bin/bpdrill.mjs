#!/usr/bin/env node
// The installed command: the bundled CLI built by `npm run build` (run automatically by npm ci).
import { existsSync } from "node:fs";
const bundle = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("bpdrill: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n");
  process.exit(1);
}
await import(bundle.href);
