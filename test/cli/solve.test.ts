// `bpdrill solve` as a user runs it: outputs, determinism, help, and one-line errors with exit codes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "bpdrill-solve-"));

describe("bpdrill solve", () => {
  it("prints the key of the Mazur example as JSON with value and rounded per step", () => {
    const r = bpdrill(["solve", "examples/mazur-2-2-2.json"]);
    expect(r.code).toBe(0);
    const key = JSON.parse(r.stdout);
    const byId = new Map(key.steps.map((s: { id: string }) => [s.id, s]));
    // Mazur prints net_h1 = 0.3775 and out_o1 = 0.75136507.
    expect(byId.get("z1_1")).toMatchObject({ value: "0.3775", rounded: "0.3775" });
    expect(byId.get("a2_1")).toMatchObject({ rounded: "0.7514" });
    for (const s of key.steps) {
      expect(s.rounded).toMatch(/^-?\d+\.\d{4}$/);
      expect(s.value).not.toMatch(/e/i);
      const digits = s.value.replace(/^-?0\.0*|[-.]/g, "");
      if (!/^-?\d+(\.\d{1,19})?$/.test(s.value)) expect(digits.length).toBeGreaterThanOrEqual(20);
    }
  });

  it("gives byte-identical output on every run and in another time zone and locale", () => {
    const a = bpdrill(["solve", "examples/mazur-2-2-2.json"]);
    const b = bpdrill(["solve", "examples/mazur-2-2-2.json"], { env: { TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8", LC_ALL: "zh_CN.UTF-8" } });
    expect(a.stdout.length).toBeGreaterThan(1000);
    expect(b.stdout).toBe(a.stdout);
  });

  it("overrides decimals and carry, and prints md and csv", () => {
    const md = bpdrill(["solve", "examples/mazur-2-2-2.json", "--format", "md", "--decimals", "3", "--carry", "rounded"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("## Forward pass");
    expect(md.stdout).toContain("0.593"); // out_h1 = 0.593269992 to 3 decimals
    const zh = bpdrill(["solve", "examples/mazur-2-2-2.json", "--format", "md", "--lang", "zh"]);
    expect(zh.stdout).toContain("## 前向传播");
    const csv = bpdrill(["solve", "examples/mazur-2-2-2.json", "--format", "csv"]);
    expect(csv.stdout.split("\n")[0]).toBe("id,value,rounded");
    expect(csv.stdout).toContain("z1_1,0.3775,0.3775");
  });

  it("explains every option with an example in --help", () => {
    const r = bpdrill(["solve", "--help"]);
    expect(r.code).toBe(0);
    for (const opt of ["--format", "--decimals", "--carry", "--notation", "--lang", "--out", "Examples:"]) expect(r.stdout).toContain(opt);
    expect(bpdrill(["--help"]).stdout).toContain("solve");
  });

  it("refuses a bad file with one line naming the field, exit 1", () => {
    const f = join(tmp, "bad.json");
    writeFileSync(f, JSON.stringify({ layers: [2, 2], activations: ["sigmoid"], loss: "half_sse", bias: "none", weights: [[["0.1", "x"], ["0.2", "0.3"]]], samples: [{ x: ["1", "2"], y: ["0", "1"] }], learningRate: "0.5", decimals: 4, carry: "exact" }));
    const r = bpdrill(["solve", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`bpdrill: ${f}: weights[0][0][1]: expected a decimal string such as "0.15", got "x"\n`);
    expect(r.stdout).toBe("");
  });

  it("says what is wrong for a missing file, a typo in a command and a bad option value", () => {
    const missing = bpdrill(["solve", "nope.json"]);
    expect([missing.code, missing.stderr]).toEqual([1, "bpdrill: cannot read nope.json: no such file\n"]);
    const typo = bpdrill(["solv", "x.json"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe("bpdrill: unknown command solv; did you mean solve?\n");
    const badOpt = bpdrill(["solve", "examples/mazur-2-2-2.json", "--carry", "roundd"]);
    expect(badOpt.code).toBe(2);
    expect(badOpt.stderr).toContain("expected one of exact, rounded");
    const unknownOpt = bpdrill(["solve", "examples/mazur-2-2-2.json", "--decimal", "3"]);
    expect(unknownOpt.code).toBe(2);
    expect(unknownOpt.stderr).toContain("--decimals");
    for (const r of [missing, typo, badOpt, unknownOpt]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
