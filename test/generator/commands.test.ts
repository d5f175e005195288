// The generator's commands end to end in-process: output shapes, --code, help, and one-line errors.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../cli/main.js";
import { generateSet } from "../../generator/classset.js";

let out = "";
let err = "";
beforeEach(() => {
  out = "";
  err = "";
  vi.stubEnv("BPDRILL_LANG", "en"); // the messages matched below are English, whatever the machine's locale
  vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const dir = mkdtempSync(join(tmpdir(), "bpdrill-gen-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe("bpdrill presets / generate / key / solve --code", () => {
  it("presets lists every preset in text and JSON", async () => {
    expect(await run(["presets"])).toBe(0);
    expect(out).toMatch(/^classic-2-3-2 +2-3-2 +The classic hand exercise/m);
    out = "";
    expect(await run(["presets", "--lang", "zh"])).toBe(0);
    expect(out).toContain("经典手算题");
    out = "";
    expect(await run(["presets", "--format", "json"])).toBe(0);
    const list = JSON.parse(out);
    expect(list.map((p: { name: string }) => p.name)).toEqual(["classic-2-3-2", "chain-1-2-2-1", "relu-2-3-1", "logistic", "softmax-2-4-4-3", "warmup-2-2-2", "random", "xigua-standard-bp", "han-kamber-3-2-1", "mazur-2-2-2"]);
    expect(list[0].description.zh).toMatch(/共享偏置/);
    expect(list[0].knobs).toEqual({ decimals: 4, carry: "exact", learningRate: "0.5", updateBiases: false });
  });

  it("generate prints [{code, exercise}] matching the library", async () => {
    expect(await run(["generate", "--preset", "classic-2-3-2", "--seed", "7", "--count", "3"])).toBe(0);
    const got = JSON.parse(out);
    const want = generateSet({ preset: "classic-2-3-2", seed: "7", count: 3 });
    expect(got).toEqual(want.map((i) => ({ code: i.code, exercise: i.exercise })));
  });

  it("generate with a roster: one exercise per student, with id and name", async () => {
    const roster = file("class.csv", "\uFEFF学号,姓名\n2024001,张三\n2024002,\"Li, Si\"\n");
    expect(await run(["generate", "-p", "logistic", "-s", "wk1", "--roster", roster, "--decimals", "3"])).toBe(0);
    const got = JSON.parse(out);
    expect(got.map((g: { studentId: string; name: string }) => [g.studentId, g.name])).toEqual([["2024001", "张三"], ["2024002", "Li, Si"]]);
    expect(got[0].exercise.decimals).toBe(3);
  });

  it("key prints the class keys as JSON, and solve --code gives the same key as solve FILE", async () => {
    expect(await run(["key", "--preset", "relu-2-3-1", "--seed", "9", "--count", "2", "--format", "json"])).toBe(0);
    const keys = JSON.parse(out);
    expect(keys).toHaveLength(2);
    expect(keys[0].steps.find((s: { id: string }) => s.id === "newE")).toBeDefined();
    out = "";
    expect(await run(["solve", "--code", keys[1].code])).toBe(0);
    const byCode = out;
    out = "";
    const ex = generateSet({ preset: "relu-2-3-1", seed: "9", count: 2 })[1].exercise;
    expect(await run(["solve", file("ex.json", JSON.stringify(ex))])).toBe(0);
    expect(byCode).toBe(out);
    expect(JSON.parse(byCode).steps).toEqual(keys[1].steps);
  });

  it("key --format csv and md", async () => {
    expect(await run(["key", "-p", "warmup-2-2-2", "-s", "1", "-n", "2", "-f", "csv"])).toBe(0);
    expect(out.split("\n")[0]).toBe("code,student_id,name,step,value,rounded");
    out = "";
    expect(await run(["key", "-p", "warmup-2-2-2", "-s", "1", "-n", "2", "-f", "md", "--lang", "zh"])).toBe(0);
    expect(out).toMatch(/^# 答案汇总/);
    expect(out.match(/^## 题目 BP1-/gm)).toHaveLength(2);
  });

  it.each(["presets", "generate", "key", "solve"])("%s --help explains itself with examples", async (cmd) => {
    expect(await run([cmd, "--help"])).toBe(0);
    expect(out).toContain("Examples:");
    expect(out).toContain(`$ bpdrill ${cmd}`);
  });

  const missing = join(dir, "nope.csv");
  it.each([
    [["generate", "-p", "clasic-2-3-2", "-s", "1"], 1, 'bpdrill: unknown preset "clasic-2-3-2"; did you mean classic-2-3-2? (bpdrill presets lists them)'],
    [["key", "-p", "softmax", "-s", "1"], 1, 'bpdrill: unknown preset "softmax"; did you mean softmax-2-4-4-3? (bpdrill presets lists them)'],
    [["generate", "-p", "logistic", "-s", "1", "--count", "0"], 1, "bpdrill: --count must be at least 1, got 0"],
    [["key", "-p", "logistic", "-s", "1", "--count", "-3"], 1, "bpdrill: --count must be at least 1, got -3"],
    [["generate", "-p", "logistic", "-s", "1", "--count", "many"], 1, 'bpdrill: --count must be a whole number of at least 1, got "many"'],
    [["generate", "-p", "logistic", "-s", "1", "--roster", missing], 1, `bpdrill: cannot read ${missing}: no such file`],
    [["generate", "-p", "logistic", "-s", "1", "--roster", dir], 1, `bpdrill: cannot read ${dir}: it is a folder, not a file`],
    [["generate", "-p", "logistic", "-s", "1", "--count", "2", "--roster", missing], 1, "bpdrill: give --count or --roster, not both"],
    [["generate", "-p", "logistic", "-s", " "], 1, "bpdrill: --seed must not be empty (any word or number will do)"],
    [["generate", "-p", "logistic", "-s", "1", "--learning-rate", "0.001"], 1, "bpdrill: learning rate 0.001 has more than 2 decimals; exercise codes store it in hundredths (e.g. 0.05)"],
    [["solve", "--code", "BP1-K7Q2-9XF5"], 1, "bpdrill: BP1-K7Q2-9XF5 contains a typo (its check character does not match); compare it character by character with the sheet"],
    [["solve"], 2, "bpdrill: solve needs exactly one of an exercise FILE or --code CODE"],
    [["solve", "x.json", "--code", "BP1-K7Q2-9XF4"], 2, "bpdrill: solve needs exactly one of an exercise FILE or --code CODE"],
  ])("%j exits %d with one line", async (argv, code, line) => {
    expect(await run(argv as string[])).toBe(code);
    expect(err).toBe(`${line}\n`);
    expect(out).toBe("");
  });

  it("an empty roster file is one clear line", async () => {
    const empty = file("empty.csv", "id,name\n");
    expect(await run(["key", "-p", "logistic", "-s", "1", "--roster", empty])).toBe(1);
    expect(err).toBe(`bpdrill: ${empty}: no students found (expected one row per student: id,name)\n`);
  });
});
