#!/usr/bin/env node
// The installed command: the bundled CLI built by `npm run build` (run automatically by npm ci).
import { existsSync } from "node:fs";
import { setFlagsFromString } from "node:v8";

// A JIT setting for a batch tool that lives for a second or a minute, set before any of our code is
// compiled. V8 weighs optimising a function each time ~66 KB of its bytecode has run (its interrupt
// budget); in a run of 1000 keys that meant ~0.7 s of compiler time on the second core, much of it
// for code that had barely run. A budget five times longer (350 KB) takes 1000 classic keys from 0.53 to
// 0.46 s (0.81 to 0.60 s of CPU) and 1000 random keys from 1.28 to 1.02 s; 10 000 keys on one thread
// take as long as before (2.7 s). The flag has been in V8 for years; the keys are the same bytes.
setFlagsFromString("--interrupt-budget=350000");

const bundle = new URL("../dist/cli.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("bpdrill: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n");
  process.exit(1);
}
await import(bundle.href);
