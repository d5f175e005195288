// 100 000 random answers and submission documents: the grader never throws and always says something sensible.
import { render } from "../../cli/words.js";
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { readFileSync } from "node:fs";
import { parseAnswer } from "../../grader/parse.js";
import { gradeText, PreparedCache } from "../../grader/batch.js";
import { VERDICTS } from "../../grader/grade.js";
import { buildGraph } from "../../generator/solver.js";
import { parseExercise } from "../../generator/exercise.js";

const rng = seedrandom("fuzz");
const exercise = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
const stepIds = buildGraph(parseExercise(exercise)).steps.map((s) => s.id);

const PIECES = ["0", "1", "5", "9", ".", ",", "-", "+", "e", "E", "/", " ", "\u3000", "\u2212", "－", "０", "．", "５", "，", "x", "∞", "NaN", "e999", "1e-100", "9".repeat(60), "🙂", "\u0000", "\n", "0.5933", "151/400", "1,234"];
const randomString = (): string => {
  const n = Math.floor(rng() * 12);
  let s = "";
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(rng() * PIECES.length)];
  return s;
};

const randomJson = (depth: number): unknown => {
  const r = rng();
  if (depth > 3 || r < 0.3) return [null, true, 0, -1.5, 1e308, randomString()][Math.floor(rng() * 6)];
  if (r < 0.5) return Array.from({ length: Math.floor(rng() * 4) }, () => randomJson(depth + 1));
  const keys = ["code", "exercise", "answers", "score", "__proto__", "constructor", "z1_1", ...stepIds.slice(0, 5)];
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rng() * 4); i > 0; i--) o[keys[Math.floor(rng() * keys.length)]] = randomJson(depth + 1);
  return o;
};

/** A valid exercise with random answers: these documents go all the way through grading. */
const randomSubmission = (): string => {
  const answers: Record<string, unknown> = {};
  for (const id of stepIds) if (rng() < 0.7) answers[id] = rng() < 0.8 ? randomString() : randomJson(2);
  return JSON.stringify({ exercise, answers, score: 1e9 });
};

describe("fuzz", () => {
  it("parses 80 000 random strings without throwing", () => {
    const kinds = new Set<string>();
    for (let i = 0; i < 80_000; i++) {
      const r = parseAnswer(randomString());
      kinds.add(r.kind);
      if (r.kind === "invalid") expect(r.part.length).toBeLessThanOrEqual(41);
    }
    expect([...kinds].sort()).toEqual(["invalid", "missing", "ok"]);
  });

  it("grades 20 000 random JSON documents (a quarter of them valid submissions) without throwing", { timeout: 60_000 }, () => {
    const cache = new PreparedCache();
    let reports = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = i % 4 === 0 ? randomSubmission() : rng() < 0.5 ? JSON.stringify(randomJson(0)) : randomString();
      const e = gradeText(`f${i}`, text, cache);
      if (e.kind === "error") {
        expect(render("en", e.error)).not.toMatch(/\n/);
        continue;
      }
      reports++;
      expect(e.report.max).toBe(34);
      expect(e.report.score).toBeGreaterThanOrEqual(0);
      expect(e.report.score).toBeLessThanOrEqual(e.report.max);
      for (const s of e.report.steps) expect(VERDICTS).toContain(s.verdict);
    }
    expect(reports).toBeGreaterThanOrEqual(5_000);
  });
});
