#!/usr/bin/env node
// The installed command: runs the bundled CLI (dist/cli.cjs, built by `npm run build`, which npm ci
// runs) with V8's code cache for it (dist/cli.cache), so that most of it starts as bytecode.
// CommonJS on purpose: an ES module entry would set up Node's module loader first (~4 ms of each start).
"use strict";
const { existsSync, readFileSync, statSync, writeFileSync } = require("node:fs");
const Module = require("node:module");
const { dirname, join } = require("node:path");
const { setFlagsFromString } = require("node:v8");
const { Script } = require("node:vm");

// A JIT setting for a batch tool that lives for a second or a minute, set before any of our code is
// compiled. V8 weighs optimising a function each time ~66 KB of its bytecode has run (its interrupt
// budget); in a run of 1000 keys that meant ~0.7 s of compiler time on the second core, much of it
// for code that had barely run. A budget five times longer (350 KB) takes 1000 classic keys from 0.53 to
// 0.46 s (0.81 to 0.60 s of CPU) and 1000 random keys from 1.28 to 1.02 s; 10 000 keys on one thread
// take as long as before (2.7 s). The flag has been in V8 for years; the keys are the same bytes.
// (The code cache below is made under the same flag: V8 refuses a cache made under other flags.)
setFlagsFromString("--interrupt-budget=350000");

const bundle = join(__dirname, "../dist/cli.cjs");
if (!existsSync(bundle)) {
  process.stderr.write("bpdrill: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n");
  process.exit(1);
}
const source = readFileSync(bundle, "utf8");

// The cache belongs to this very bundle: its first line names the bundle's size and modification time.
// V8 itself checks only its own version, its flags and the source's length, so a cache left over from
// another build of the same length would run that build's bytecode; with the stamp it is never used.
const cacheFile = bundle.replace(/\.cjs$/, ".cache");
const { size, mtimeMs } = statSync(bundle);
const stamp = `bpdrill code cache 1 ${size} ${mtimeMs}\n`;
const writing = process.env.BPDRILL_CODE_CACHE === "write";
let cachedData;
if (!writing && existsSync(cacheFile)) {
  const bytes = readFileSync(cacheFile);
  const end = bytes.indexOf(10) + 1;
  if (end > 0 && bytes.toString("latin1", 0, end) === stamp) cachedData = bytes.subarray(end);
}

const script = new Script(Module.wrap(source), { filename: bundle, cachedData });
// With BPDRILL_TIMING=1 (npm run bench), whether the cache was used: 1 yes, 0 no.
if (process.env.BPDRILL_TIMING === "1") process.stderr.write(`bpdrill-timing code-cache ${cachedData !== undefined && !script.cachedDataRejected ? 1 : 0}\n`);
// Written at exit: the functions the run compiled are in it too, not only the top level.
if (writing) process.once("exit", () => writeFileSync(cacheFile, Buffer.concat([Buffer.from(stamp, "latin1"), script.createCachedData()])));
const bundled = { exports: {} };
script.runInThisContext()(bundled.exports, Module.createRequire(bundle), bundled, bundle, dirname(bundle));
