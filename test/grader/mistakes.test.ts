// Named mistakes on fixtures worked by hand from a published example (test/fixtures/mistakes/), not
// from the variant functions the grader uses: a student's slip must be named for what it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseExerciseText } from "../../generator/exercise.js";
import { solve } from "../../generator/solution.js";
import { gradeSubmission } from "../../grader/grade.js";

const root = join(import.meta.dirname, "..", "..");
const fixture = JSON.parse(readFileSync(join(root, "test/fixtures/mistakes/mazur-2-2-2.json"), "utf8")) as {
  exercise: string;
  cases: { step: string; given: string; mistake: string; hand: string }[];
};
const sol = solve(parseExerciseText(readFileSync(join(root, fixture.exercise), "utf8")));
const key = Object.fromEntries(sol.graph.steps.map((s, k) => [s.id, sol.answers[k].rounded]));

describe("named mistakes, worked by hand on Mazur's example", () => {
  it("the key itself scores full marks (the fixture's exercise is the published one)", () => {
    const r = gradeSubmission(sol, key);
    expect(r.score).toBe(r.max);
    expect(key.delta2_1).toBe("0.1385");
    expect(key.delta1_1).toBe("0.0088");
  });

  it.each(fixture.cases)("$step = $given is named $mistake", ({ step, given, mistake }) => {
    const r = gradeSubmission(sol, { ...key, [step]: given });
    const s = r.steps.find((x) => x.id === step)!;
    expect(s.verdict).toBe("wrong");
    expect(s.mistake).toBe(mistake);
  });
});
