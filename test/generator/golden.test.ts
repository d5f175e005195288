// Golden corpus: codes made by generator version 1 must name the same exercise and key forever.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exerciseFromCode, generateSet } from "../../generator/classset.js";
import { keyOf } from "../../generator/solution.js";

const dir = new URL("../fixtures/golden/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".json"));

interface Corpus {
  version: number;
  set: { preset: string; seed: string; count: number; overrides: Record<string, unknown> };
  exercises: { code: string; exercise: unknown; key: { id: string; value: string; rounded: string }[] }[];
}

describe("golden corpus (scripts/make-golden.ts)", () => {
  it("holds a few hundred codes over every preset", () => {
    const all = files.map((f) => JSON.parse(readFileSync(new URL(f, dir), "utf8")) as Corpus);
    expect(all.reduce((n, c) => n + c.exercises.length, 0)).toBeGreaterThanOrEqual(200);
    expect(new Set(all.map((c) => c.set.preset)).size).toBe(7);
  });

  for (const f of files) {
    it(`${f}: every code regenerates its exercise and key, and the set its codes`, () => {
      const corpus = JSON.parse(readFileSync(new URL(f, dir), "utf8")) as Corpus;
      for (const g of corpus.exercises) {
        const r = exerciseFromCode(g.code);
        expect(r.code).toBe(g.code);
        expect(r.exercise).toEqual(g.exercise);
        expect(keyOf(r.solution).steps.map((s) => ({ id: s.id, value: s.value, rounded: s.rounded }))).toEqual(g.key);
      }
      // The seed → code derivation is frozen too (cheap: the draws are memo-free but small).
      const codes = generateSet({ ...corpus.set, count: Math.min(5, corpus.set.count) }).map((it) => it.code);
      expect(codes).toEqual(corpus.exercises.slice(0, codes.length).map((e) => e.code));
    });
  }
});
