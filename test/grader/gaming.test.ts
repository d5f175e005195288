// Marks that can't be gamed (issue 15): sheets filled in rather than worked score at most 10 %, on every preset.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { generateSet } from "../../generator/classset.js";
import { PRESETS } from "../../generator/presets.js";
import { gradeSubmission } from "../../grader/grade.js";

const SEEDS = 24;

describe.each(PRESETS.map((p) => p.name))("%s: degenerate sheets", (preset) => {
  const set = generateSet({ preset, seed: "gaming", count: SEEDS });
  const rng = seedrandom(`gaming-${preset}`);

  it("all zeros, all ones, every box a copied given, and random digits score at most 10 %", () => {
    for (const it of set) {
      const ids = it.solution.graph.steps.map((s) => s.id);
      const givens = [...it.solution.graph.givens.values()].map((q) => q.toPlain());
      const sheets = {
        zeros: ids.map(() => "0"),
        ones: ids.map(() => "1"),
        given: ids.map(() => givens[0]),
        givens: ids.map((_, k) => givens[k % givens.length]),
        random: ids.map(() => (rng() * 2 - 1).toFixed(it.exercise.decimals)),
      };
      for (const [name, values] of Object.entries(sheets)) {
        const r = gradeSubmission(it.solution, Object.fromEntries(ids.map((id, k) => [id, values[k]])));
        expect(r.score / r.max, `${it.code} ${name}`).toBeLessThanOrEqual(0.1);
      }
    }
  });

  it("a worked sheet keeps every mark, its zeros included (a dead ReLU's 0 is an answer, not a filler)", () => {
    let zeros = 0;
    for (const it of set) {
      const answers = Object.fromEntries(it.key.steps.map((s) => [s.id, s.rounded]));
      zeros += it.key.steps.filter((s) => Number(s.rounded) === 0).length;
      const r = gradeSubmission(it.solution, answers);
      expect(r.score, it.code).toBe(r.max);
    }
    // Where the preset has answers that are 0, they were among those checked.
    if (preset === "softmax-2-4-4-3") expect(zeros).toBeGreaterThan(0);
  });
});
