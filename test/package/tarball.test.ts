// The packed package as a user gets it: `npm pack`, install the tarball in an empty folder, run the
// command (a PDF) and the library (ESM import, type declarations, the browser-safe core) from there.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "bpdrill-pack-"));
const app = join(tmp, "app");
const installed = join(app, "node_modules", "bpdrill");
const npm = (args: string[], cwd: string) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false" } });

beforeAll(() => {
  // dist/ is built by the suite's global setup (the same script `prepack` runs); packing with
  // --ignore-scripts keeps this test from rebuilding dist/ under the other test files' feet.
  const pj = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  expect(pj.scripts.prepack).toBe("node scripts/build.mjs");
  npm(["pack", "--ignore-scripts", "--pack-destination", tmp], ROOT);
  const tgz = readdirSync(tmp).find((f) => f.endsWith(".tgz"))!;
  expect(tgz).toBe(`bpdrill-${pj.version}.tgz`);
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  // The registry or, offline, npm's cache (filled by the project's own `npm ci`) supplies the dependencies.
  installLog = execFileSync("npm", ["install", `../${tgz}`, "--prefer-offline", "--no-audit", "--no-fund"], { cwd: app, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}, 240_000);
let installLog = "";

describe("the tarball, installed in an empty folder", () => {
  it("holds the built program, the library, its types and the schemas, and no tests", () => {
    for (const f of ["bin/bpdrill.cjs", "dist/cli.cjs", "dist/index.js", "dist/core.js", "dist/types/api/index.d.ts", "dist/types/api/core.d.ts", "dist/site/app.js", "templates/layouts/worksheet.njk", "schemas/exercise.schema.json", "schemas/course.schema.json"])
      expect(readdirSync(join(installed, f, ".."))).toContain(f.split("/").pop());
    expect(readdirSync(join(installed))).not.toContain("test");
  });

  it("installs no build tool: no esbuild (its install script is what npm 11 warns about), yet `bpdrill site` builds", () => {
    expect(readdirSync(join(app, "node_modules"))).not.toContain("esbuild");
    expect(installLog).not.toMatch(/install-scripts/);
    execFileSync("npx", ["--no-install", "bpdrill", "site", "--out", "s"], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
    expect(readFileSync(join(app, "s/app.js"), "utf8")).toBe(readFileSync(join(ROOT, "dist/site/app.js"), "utf8"));
    expect(readdirSync(join(app, "s"))).toEqual(expect.arrayContaining(["index.html", "site.css", "katex.css", "fonts"]));
  });

  it("npx bpdrill worksheet … --out a.pdf prints a PDF with no build step", () => {
    execFileSync("npx", ["--no-install", "bpdrill", "worksheet", "--preset", "classic-2-3-2", "--seed", "pack", "--lang", "en", "--out", "a.pdf"], { cwd: app, stdio: ["ignore", "pipe", "pipe"] });
    expect(readFileSync(join(app, "a.pdf")).subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("the library solves Mazur's example from an ESM import", () => {
    writeFileSync(
      join(app, "mazur.mjs"),
      `import { readFileSync } from "node:fs";
import { solve } from "bpdrill";
const ex = JSON.parse(readFileSync(new URL("./node_modules/bpdrill/examples/mazur-2-2-2.json", import.meta.url), "utf8"));
const v = Object.fromEntries(solve(ex).steps.map((s) => [s.id, s.value]));
console.log(JSON.stringify({ E: v.E, w5: v.newW2_1_1, w1: v.newW1_1_1 }));`,
    );
    const out = JSON.parse(execFileSync("node", ["mazur.mjs"], { cwd: app, encoding: "utf8" }));
    // Mazur, "A Step by Step Backpropagation Example" (2015): E_total = 0.298371109, w5+ = 0.35891648, w1+ = 0.149780716.
    expect(out.E.slice(0, 11)).toBe("0.298371108");
    expect(out.w5.slice(0, 10)).toBe("0.35891647");
    expect(out.w1.slice(0, 11)).toBe("0.149780716");
  });

  it("its type declarations check a TypeScript consumer (and catch a misuse)", () => {
    const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
    const flags = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", "--skipLibCheck", "--types", "node", "--typeRoots", join(ROOT, "node_modules/@types")];
    writeFileSync(
      join(app, "ok.mts"),
      `import { generate, grade, renderWorksheet, solve, type KeyJson, type Report } from "bpdrill";
import { solve as solveCore } from "bpdrill/core";
const [it] = generate({ preset: "classic-2-3-2", seed: "s" });
const key: KeyJson = solve(it.exercise);
const r: Report = grade(it.code, { z1_1: key.steps[0].rounded });
const html: string = renderWorksheet(it.code, { lang: "en" });
const k2: KeyJson = solveCore(it.code);
console.log(r.score, html.length, k2.steps.length);`,
    );
    execFileSync("node", [tsc, ...flags, "ok.mts"], { cwd: app, encoding: "utf8" });
    writeFileSync(join(app, "bad.mts"), `import { generate } from "bpdrill";\ngenerate({ preset: "classic-2-3-2" });\n`);
    let out = "";
    try {
      execFileSync("node", [tsc, ...flags, "bad.mts"], { cwd: app, encoding: "utf8" });
    } catch (e) {
      out = String((e as { stdout: string }).stdout);
    }
    expect(out).toMatch(/seed/);
  });

  it("bpdrill/core bundles for a browser with no Node built-in", async () => {
    // For platform "browser" esbuild refuses any Node built-in that no package's "browser" field maps
    // away (seedrandom maps its optional `crypto` to nothing): the build fails, naming the import.
    const r = await build({
      stdin: { contents: `import { solve } from "bpdrill/core"; globalThis.k = solve("BP1-47KP-RDDT");`, resolveDir: app },
      bundle: true,
      platform: "browser",
      write: false,
      logLevel: "silent",
    });
    expect(r.errors).toEqual([]);
    expect(r.outputFiles[0].text).not.toMatch(/require\(["'](node:)?(fs|path|url|module|os|child_process|worker_threads)["']\)/);
    // …and the same check fails on the Node entry, which reads its templates from disk.
    await expect(build({ stdin: { contents: `import "bpdrill";`, resolveDir: app }, bundle: true, platform: "browser", write: false, logLevel: "silent" })).rejects.toThrow(/node:fs|"fs"/);
  });
});
