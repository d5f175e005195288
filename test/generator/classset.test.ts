// Class sets: determinism, stability of exercise k, roster seeding, distinctness, code → exercise → key.
import { describe, expect, it } from "vitest";
import { exerciseFromCode, exercisesToJson, generateSet, learningRateHundredths } from "../../generator/classset.js";
import { formatKeySet, keySetChunks } from "../../templates/keytext.js";
import { decodeCode } from "../../generator/code.js";
import { drawNumber } from "../../generator/draw.js";
import { PRESETS } from "../../generator/presets.js";
import { keyOf, solve } from "../../generator/solution.js";
import { parseRoster } from "../../generator/roster.js";

describe("generateSet", () => {
  it("is deterministic: the same preset, seed and count give byte-identical output", () => {
    const a = generateSet({ preset: "classic-2-3-2", seed: "det", count: 8 });
    const b = generateSet({ preset: "classic-2-3-2", seed: "det", count: 8 });
    expect(exercisesToJson(a)).toBe(exercisesToJson(b));
    expect(formatKeySet(a, "json")).toBe(formatKeySet(b, "json"));
  });

  it("keeps exercise k when the count changes, and changes with the seed", () => {
    const few = generateSet({ preset: "warmup-2-2-2", seed: "s", count: 5 });
    const many = generateSet({ preset: "warmup-2-2-2", seed: "s", count: 12 });
    expect(many.slice(0, 5).map((i) => i.code)).toEqual(few.map((i) => i.code));
    const other = generateSet({ preset: "warmup-2-2-2", seed: "t", count: 5 });
    expect(other.map((i) => i.code)).not.toEqual(few.map((i) => i.code));
  });

  it("seeds roster exercises by student id, so reordering the roster keeps each student's exercise", () => {
    const roster = parseRoster("id,name\n2023001,张三\n2023002,Li Si\n2023003,\"O'Neil, Pat\"\n");
    const a = generateSet({ preset: "logistic", seed: "class", roster });
    const b = generateSet({ preset: "logistic", seed: "class", roster: [...roster].reverse() });
    expect(a.map((i) => [i.studentId, i.code])).toEqual(b.map((i) => [i.studentId, i.code]).reverse());
    expect(a.map((i) => i.name)).toEqual(["张三", "Li Si", "O'Neil, Pat"]);
    expect(decodeCode(a[0].code).draw).toBe(drawNumber("class", "@2023001"));
  });

  for (const p of PRESETS) {
    it(`${p.name}: at least 95% of 50 exercises are distinct`, () => {
      const set = generateSet({ preset: p.name, seed: "distinct", count: 50 });
      const distinct = new Set(set.map((i) => JSON.stringify(i.exercise)));
      expect(distinct.size).toBeGreaterThanOrEqual(48);
      expect(new Set(set.map((i) => i.code)).size).toBe(50);
    });
  }

  it("round trip: code → exercise → key equals the set's own exercise and a fresh solve", () => {
    for (const p of PRESETS) {
      for (const it of generateSet({ preset: p.name, seed: "rt", count: 3, overrides: { decimals: 5 } })) {
        const back = exerciseFromCode(it.code);
        expect(back.preset.name).toBe(p.name);
        expect(back.exercise).toEqual(it.exercise);
        expect(back.exercise.decimals).toBe(5);
        expect(keyOf(solve(back.exercise))).toEqual(it.key);
      }
    }
  });

  it("folds overridden knobs into the code, and leaves the code short when they equal the defaults", () => {
    const [plain] = generateSet({ preset: "classic-2-3-2", seed: "k", count: 1 });
    const [same] = generateSet({ preset: "classic-2-3-2", seed: "k", count: 1, overrides: { decimals: 4, learningRate: "0.50", carry: "exact" } });
    const [knob] = generateSet({ preset: "classic-2-3-2", seed: "k", count: 1, overrides: { learningRate: "0.25", updateBiases: true, carry: "rounded", decimals: 3 } });
    expect(same.code).toBe(plain.code);
    expect(plain.code).toHaveLength(13);
    expect(knob.code).toHaveLength(18);
    const back = exerciseFromCode(knob.code).exercise;
    expect([back.learningRate, back.updateBiases, back.carry, back.decimals]).toEqual(["0.25", true, "rounded", 3]);
  });

  it.each([
    ["0.5", 50],
    [".05", 5],
    ["1", 100],
    ["10.23", 1023],
    ["0.500", 50],
  ])("learning rate %s is %d hundredths", (eta, h) => expect(learningRateHundredths(eta)).toBe(h));

  it.each([
    ["0.005", /more than 2 decimals/],
    ["0", /out of range; give one from 0\.01 to 10\.23/],
    ["11", /out of range/],
    ["abc", /is not a number/],
    ["-0.5", /is not a number/],
  ])("learning rate %s is refused", (eta, msg) => expect(() => learningRateHundredths(eta)).toThrowWords(msg));

  it("formats a class key as CSV rows per step and Markdown sections per student", () => {
    const roster = parseRoster("学号,姓名\r\nA1,王五\r\n");
    const set = generateSet({ preset: "logistic", seed: "fmt", roster });
    const csv = formatKeySet(set, "csv").trim().split("\n");
    expect(csv[0]).toBe("code,student_id,name,step,value,rounded");
    expect(csv.length).toBe(1 + set[0].key.steps.length);
    expect(csv[1].startsWith(`${set[0].code},A1,王五,z1_1,`)).toBe(true);
    const md = formatKeySet(set, "md", "zh");
    expect(md).toContain(`## 王五（A1）· 题目 ${set[0].code}`);
    expect(md).toContain("### ");
    const json = JSON.parse(formatKeySet(set, "json"));
    expect(json[0].code).toBe(set[0].code);
    expect(json[0].studentId).toBe("A1");
    expect(json[0].steps.map((s: { id: string }) => s.id)).toEqual(set[0].key.steps.map((s) => s.id));
  });
});

describe("keySetChunks", () => {
  it("streams a set one exercise at a time, in exactly the bytes JSON.stringify gives the whole", () => {
    const items = generateSet({ preset: "random", seed: "chunks", count: 4 });
    const chunks = [...keySetChunks(items, "json")];
    expect(chunks).toHaveLength(items.length + 2);
    const text = chunks.join("");
    expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + "\n");
    expect(JSON.parse(text).map((k: { code: string }) => k.code)).toEqual(items.map((i) => i.code));
    const csv = [...keySetChunks(items, "csv")];
    expect(csv).toHaveLength(items.length + 1);
    expect(csv.join("").trim().split("\n")).toHaveLength(1 + items.reduce((n, i) => n + i.key.steps.length, 0));
  });
});
