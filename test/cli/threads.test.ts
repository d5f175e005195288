// Big key sets and grading batches run on worker threads: the same bytes as one thread, in order, and errors as before.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSet } from "../../generator/classset.js";
import { formatKeySet } from "../../templates/keytext.js";
import { gradeText, PreparedCache } from "../../grader/batch.js";
import { formatEntries } from "../../cli/report-format.js";
import { bpdrill } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-threads-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 300 keys: above the 256 at which the key command starts worker threads (batches of 64).
const SET = ["--preset", "chain-1-2-2-1", "--seed", "threads", "--count", "300"];

describe("key sets on several threads", () => {
  it("write the same JSON and CSV bytes as the set formatted in one thread, whatever the thread count", () => {
    const set = generateSet({ preset: "chain-1-2-2-1", seed: "threads", count: 300 });
    for (const format of ["json", "csv"] as const) {
      const reference = formatKeySet(set, format);
      for (const threads of ["1", "2", "3"]) {
        const out = join(dir, `keys-${threads}.${format}`);
        const r = bpdrill(["key", ...SET, "--out", out], { env: { BPDRILL_THREADS: threads } });
        expect(r.code, r.stderr).toBe(0);
        expect(readFileSync(out, "utf8")).toBe(reference);
      }
    }
  });

  it("stream to standard output in order", () => {
    const r = bpdrill(["key", ...SET, "--format", "csv"], { env: { BPDRILL_THREADS: "2" } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(formatKeySet(generateSet({ preset: "chain-1-2-2-1", seed: "threads", count: 300 }), "csv"));
  });

  it("report a refused draw as one line and leave no file behind", () => {
    // With rounded carry, η = 0.5 puts half the updated weights on an exact rounding tie: the
    // generator refuses, on whichever thread draws first.
    const out = join(dir, "refused.json");
    const r = bpdrill(["key", ...SET, "--carry", "rounded", "--learning-rate", "0.5", "--out", out], { env: { BPDRILL_THREADS: "2" } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^bpdrill: .*rounding tie.*use a learning rate such as 0\.2/);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes("refused"))).toEqual([]);
  });
});

describe("grading many files on several threads", () => {
  it("gives the entries of one thread, in the files' order, refused and unreadable files included", () => {
    const subs = join(dir, "subs");
    mkdirSync(subs);
    const set = generateSet({ preset: "classic-2-3-2", seed: "threads-grade", count: 60 });
    const files: string[] = [];
    for (let k = 0; k < 450; k++) {
      const file = join(subs, `s${String(k).padStart(3, "0")}.json`);
      const item = set[k % set.length];
      // Right answers, the same with one step off by a unit, every fifth file half empty, some broken.
      const answers = Object.fromEntries(item.key.steps.filter((_, i) => k % 5 !== 0 || i % 2 === 0).map((s) => [s.id, s.rounded]));
      if (k % 7 === 0) answers[item.key.steps[3].id] = "0.9999";
      if (k % 97 === 13) writeFileSync(file, "{ not json");
      else writeFileSync(file, JSON.stringify({ code: item.code, answers }));
      files.push(file);
    }
    files.push(join(subs, "missing.json")); // cannot be read: an error entry, the batch goes on
    const cache = new PreparedCache();
    const reference = formatEntries(
      files.map((f) => (existsSync(f) ? gradeText(f, readFileSync(f, "utf8"), cache) : { kind: "error" as const, file: f, error: `cannot read ${f}: no such file` })),
      "json",
    );
    for (const threads of ["1", "2"]) {
      const r = bpdrill(["grade", ...files], { env: { BPDRILL_THREADS: threads } });
      expect(r.code).toBe(1); // refused files make the exit code 1
      expect(r.stderr).toMatch(/^bpdrill: 6 of 451 files were not a valid submission/);
      expect(r.stdout).toBe(reference);
    }
  });
});
