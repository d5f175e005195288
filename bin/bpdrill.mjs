#!/usr/bin/env node
// The installed command: the bundled CLI built by `npm run build` (run automatically by npm ci).
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// JIT settings for a batch tool that lives for a second or a minute, set before any of our code is
// compiled. By default V8 optimises hot functions early and inlines their callees, which in a run of
// 1000 keys cost ~0.7 s of compiler time on the second core: code was still being optimised and
// re-optimised when the run ended. Without inlining, and optimising after twice the usual warm-up,
// 1000 classic keys take 0.47 s instead of 0.53 s (0.57 s of CPU instead of 0.81 s), 10 000 keys
// 2.1 s instead of 2.3 s, 1000 random keys 0.98 s instead of 1.28 s (`npm run bench`). Both flags
// have been in V8 for years; the keys are the same bytes (the numbers are BigInt arithmetic).
setFlagsFromString("--no-turbo-inlining");
setFlagsFromString("--interrupt-budget=264000");

const bundle = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("bpdrill: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n");
  process.exit(1);
}
await import(bundle.href);
