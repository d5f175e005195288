// Hostile inputs (issue 15): every reproduction gives a clear one-line answer in bounded work, a batch
// survives any single file, and no command truncates, overwrites or strands a file.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveDir, type Serving } from "../../site/serve.js";
import { bpdrill } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-hostile-"));
const mazur = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const exercise = (patch: Record<string, unknown>) => file(`ex-${Object.keys(patch).join("-")}-${Math.random().toString(36).slice(2)}.json`, JSON.stringify({ ...mazur, ...patch }));

/** One line on stderr, exit 1, the words given, and nothing the user typed echoed at length. */
function refused(r: { code: number; stderr: string }, words: RegExp): void {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trim().split("\n"), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(words);
  expect(r.stderr).not.toMatch(/internal error|at .*\.(ts|js|cjs):\d+/);
  expect(r.stderr.length).toBeLessThan(400);
}

describe("limits, checked before any work", () => {
  it.each([
    ["a huge exponent", { learningRate: "1e1000000" }, /learningRate: .*exponent of at most ±20/],
    ["a tiny exponent", { learningRate: "1e-100000" }, /exponent of at most ±20/],
    ["100 000 digits", { learningRate: "1".repeat(100000) }, /at most 100 characters/],
    ["a backtracking trap for the decimal pattern", { learningRate: "1".repeat(50000) + "x" }, /at most 100 characters/],
    ["a weight of 1e5", { weights: [[["1e5", "0.2"], ["0.25", "0.3"]], mazur.weights[1]] }, /weights\[0\]\[0\]\[0\]: .*between -1000 and 1000/],
  ])("%s is refused on one line naming the field", (_what, patch, words) => {
    refused(bpdrill(["solve", exercise(patch)]), words);
  });

  it("a weight that saturates exp is the author's error, not an internal one", () => {
    const r = bpdrill(["solve", exercise({ weights: [[["900", "900"], ["900", "900"]], mazur.weights[1]], samples: [{ x: ["1000", "1000"], y: ["0.01", "0.99"] }] })]);
    refused(r, /too large to compute/);
  });

  it("a 50-layer network of 64 units is refused by its size, before any work", () => {
    const layers = Array.from({ length: 50 }, () => 64);
    const w = (n: number) => Array.from({ length: n }, () => Array.from({ length: 64 }, () => "0.1"));
    const ex = { ...mazur, layers, activations: layers.slice(1).map(() => "sigmoid"), weights: layers.slice(1).map((n) => w(n)), biases: layers.slice(1).map(() => ["0.1"]), samples: [{ x: layers.slice(0, 1).flatMap(() => Array(64).fill("0.1")), y: Array(64).fill("0.5") }] };
    refused(bpdrill(["solve", file("deep-net.json", JSON.stringify(ex))]), /at most 10 layers/);
  });

  it("JSON nested 10 000 deep is one line, not a stack overflow", () => {
    refused(bpdrill(["solve", file("nested.json", "[".repeat(10000))]), /nests lists and objects more than 32 deep/);
  });

  it("an input that never ends (/dev/zero) is cut off with a message", () => {
    refused(bpdrill(["solve", "/dev/zero"]), /larger than 64 MB/);
    refused(bpdrill(["worksheet", "--preset", "classic-2-3-2", "--seed", "s", "--count", "1", "--instructions", "/dev/zero", "--out", join(dir, "w.html")]), /larger than 64 MB/);
  });

  it("a huge code is refused without being echoed, on the command line and in a submission", () => {
    // One argument may hold 128 KiB on Linux; a submission file holds the 10 MB one.
    refused(bpdrill(["solve", "--code", "BP1-" + "K".repeat(100_000)]), /code/i);
    const sub = file("huge-code.json", JSON.stringify({ code: "BP1-" + "K".repeat(10_000_000), answers: {} }));
    const r = bpdrill(["grade", sub]);
    expect(r.code).toBe(1);
    const [entry] = JSON.parse(r.stdout) as { error: string }[];
    expect(entry.error.length).toBeLessThan(300);
  });

  it("a full disk is a message, not an internal error", () => {
    refused(bpdrill(["solve", "examples/mazur-2-2-2.json", "--out", "/dev/full"]), /disk is full/);
  });
});

describe("no file is ever lost", () => {
  it.each([
    ["solve ex.json --out ex.json", (ex: string) => ["solve", ex, "--out", ex]],
    ["grade sub.json --out sub.json", (ex: string) => ["grade", ex, "--out", ex]],
    ["generate --roster r.csv --out r.csv", (ex: string) => ["generate", "--preset", "classic-2-3-2", "--seed", "s", "--roster", ex, "--out", ex]],
    ["worksheet --instructions intro.md --keys intro.md", (ex: string) => ["worksheet", "--preset", "classic-2-3-2", "--seed", "s", "--count", "1", "--instructions", ex, "--out", join(dir, "ws.html"), "--keys", ex]],
    ["key --exercise ex.json --out ex.json", (ex: string) => ["key", "--exercise", ex, "--out", ex]],
  ])("%s is refused and the input is untouched", (_what, args) => {
    const content = JSON.stringify(mazur);
    const input = file(`input-${Math.random().toString(36).slice(2)}.json`, content);
    const r = bpdrill(args(input));
    refused(r, /is one of this command's inputs/);
    expect(readFileSync(input, "utf8")).toBe(content);
  });

  it("a failed write leaves the old file as it was and no temporary file behind", () => {
    const out = join(dir, "kept", "key.json");
    mkdirSync(join(dir, "kept"), { recursive: true });
    writeFileSync(out, "old key");
    // The exercise is refused after the output was named: nothing is written, nothing is left.
    refused(bpdrill(["solve", exercise({ learningRate: "-1" }), "--out", out]), /learningRate/);
    expect(readFileSync(out, "utf8")).toBe("old key");
    expect(readdirSync(join(dir, "kept"))).toEqual(["key.json"]);
    // A good run replaces it whole.
    expect(bpdrill(["solve", "examples/mazur-2-2-2.json", "--out", out]).code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).steps.length).toBeGreaterThan(10);
    expect(readdirSync(join(dir, "kept"))).toEqual(["key.json"]);
  });
});

describe("interrupted", () => {
  it("Ctrl+C during a big key set leaves neither the file nor a temporary one", async () => {
    const { spawn } = await import("node:child_process");
    const out = join(dir, "ctrlc", "keys.json");
    mkdirSync(join(dir, "ctrlc"), { recursive: true });
    const child = spawn(process.execPath, ["bin/bpdrill.cjs", "key", "--preset", "softmax-2-4-4-3", "--seed", "s", "--count", "20000", "--out", out], {
      env: { ...process.env, BPDRILL_LANG: "en" },
      stdio: "ignore",
    });
    // Wait until the temporary file exists (the run is writing), then interrupt it as a terminal would.
    const started = Date.now();
    while (readdirSync(join(dir, "ctrlc")).length === 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 50));
    expect(readdirSync(join(dir, "ctrlc"))[0]).toMatch(/\.partial$/);
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(130);
    expect(readdirSync(join(dir, "ctrlc"))).toEqual([]);
  });
});

describe("a size limit", () => {
  it("under ulimit -f an old key file stays whole and no temporary file is left", async () => {
    const { spawnSync } = await import("node:child_process");
    const d = join(dir, "ulimit");
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, "k.json"), "old key");
    const r = spawnSync("bash", ["-c", `ulimit -f 8; exec "${process.execPath}" bin/bpdrill.cjs key --preset classic-2-3-2 --seed s --count 200 --out "${join(d, "k.json")}"`], {
      encoding: "utf8",
      env: { ...process.env, BPDRILL_LANG: "en" },
    });
    refused({ code: r.status ?? -1, stderr: r.stderr }, /larger than this system allows/);
    expect(readFileSync(join(d, "k.json"), "utf8")).toBe("old key");
    expect(readdirSync(d)).toEqual(["k.json"]);
  });
});

describe("batches survive any single file", () => {
  it("a hostile file between two good ones: both good ones are graded, the bad one reported", () => {
    const key = JSON.parse(bpdrill(["solve", "examples/mazur-2-2-2.json"]).stdout) as { steps: { id: string; rounded: string }[] };
    const answers = Object.fromEntries(key.steps.map((s) => [s.id, s.rounded]));
    const good1 = file("good1.json", JSON.stringify({ exercise: mazur, answers }));
    const hostile = [
      file("h-exp.json", JSON.stringify({ exercise: { ...mazur, learningRate: "1e1000000" }, answers })),
      file("h-deep.json", "[".repeat(10000)),
      file("h-sat.json", JSON.stringify({ exercise: { ...mazur, weights: [[["900", "900"], ["900", "900"]], mazur.weights[1]], samples: [{ x: ["1000", "1000"], y: ["0.01", "0.99"] }] }, answers })),
    ];
    const good2 = file("good2.json", JSON.stringify({ exercise: mazur, answers }));
    const r = bpdrill(["grade", good1, ...hostile, good2]);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { file: string; score?: number; max?: number; error?: string }[];
    expect(out.map((e) => e.file)).toEqual([good1, ...hostile, good2]);
    expect(out[0].score).toBe(out[0].max);
    expect(out[4].score).toBe(out[4].max);
    for (const e of out.slice(1, 4)) {
      expect(e.error).toBeDefined();
      expect(e.error).not.toMatch(/\n/);
    }
  });
});

describe("any input, one process", () => {
  it("300 mutated submissions in one grade run: each a report or a one-line error, and the run ends", async () => {
    const seedrandom = (await import("seedrandom")).default;
    const rng = seedrandom("cli-hostile");
    const nasty = ['"1e1000000"', '"9e20"', `"${"1".repeat(3000)}x"`, '"1e5"', '"900"', "null", "[]", "{}", "[".repeat(100), '"0"', "-1", '"BP1-ZZZZ"'];
    const base = JSON.stringify({ exercise: mazur, answers: { z1_1: "0.3775", a1_1: "0.5933" } });
    const files: string[] = [];
    for (let i = 0; i < 300; i++) {
      let text = base;
      for (let k = 0; k < 1 + Math.floor(rng() * 3); k++) {
        const tokens = [...text.matchAll(/"-?[\d.]+"|\d+|\[|\{/g)];
        const t = tokens[Math.floor(rng() * tokens.length)];
        text = text.slice(0, t.index) + nasty[Math.floor(rng() * nasty.length)] + text.slice(t.index! + t[0].length);
      }
      files.push(file(`fuzz-${i}.json`, text));
    }
    const r = bpdrill(["grade", ...files]);
    expect(r.stderr).not.toMatch(/internal error/);
    const out = JSON.parse(r.stdout) as { file: string; error?: string; steps?: unknown[] }[];
    expect(out.map((e) => e.file)).toEqual(files);
    for (const e of out) {
      if (e.error !== undefined) expect(e.error, e.file).not.toMatch(/\n|internal/);
      else expect(e.steps!.length).toBeGreaterThan(0);
    }
  });
});

describe("the site's server", () => {
  let serving: Serving;
  beforeAll(async () => {
    const siteDir = join(dir, "site");
    mkdirSync(siteDir, { recursive: true });
    writeFileSync(join(siteDir, "index.html"), "<!doctype html><title>x</title>");
    serving = await serveDir(siteDir, 0);
  });
  afterAll(async () => {
    await serving.close();
  });

  it("sends a content security policy that forbids framing, on pages and on errors", async () => {
    for (const path of ["", "missing.js"]) {
      const res = await fetch(serving.url + path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("relative paths are the user's", () => {
  it("site --out with a relative path writes there, run from another folder", async () => {
    const { spawnSync } = await import("node:child_process");
    const cwd = mkdtempSync(join(tmpdir(), "bpdrill-cwd-"));
    const r = spawnSync(process.execPath, [join(process.cwd(), "bin/bpdrill.cjs"), "site", "--out", "mysite"], { cwd, encoding: "utf8", env: { ...process.env, BPDRILL_LANG: "en" } });
    expect(r.status, r.stderr).toBe(0);
    expect(existsSync(join(cwd, "mysite", "app.js"))).toBe(true);
    expect(existsSync(join(cwd, "mysite", "index.html"))).toBe(true);
  });
});
