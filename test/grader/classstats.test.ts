// The class statistics behind `bpdrill report`, on small classes worked out by hand.
import { describe, expect, it } from "vitest";
import { classStats } from "../../grader/classstats.js";
import type { Report, StepReport, Verdict } from "../../grader/grade.js";

const step = (id: string, verdict: Verdict, mistake: string | null = null): StepReport =>
  ({ id, verdict, mistake, expected: "0", given: null, points: verdict === "correct" || verdict === "carried" ? 1 : 0, weight: 1, note: { code: "correct" } }) as unknown as StepReport;
const report = (...steps: StepReport[]): Report => ({ steps, score: steps.reduce((a, s) => a + s.points, 0), max: steps.length });

describe("classStats", () => {
  it("difficulty, distribution and ranked mistakes of a class of four (worked by hand)", () => {
    // Scores 2/2, 1/2, 1/2, 0/2 → percents 100, 50, 50, 0; mean 50, median (50+50)/2 = 50.
    // Step a right for students 1, 2 (carried counts as right), 3 → p = 3/4; step b right for student 1 only → p = 1/4.
    const s = classStats([
      report(step("a", "correct"), step("b", "correct")),
      report(step("a", "carried"), step("b", "wrong", "update_sign")),
      report(step("a", "correct"), step("b", "wrong", "update_sign")),
      report(step("a", "wrong", "factor_two"), step("b", "missing")),
    ]);
    expect(s.percents).toEqual([100, 50, 50, 0]);
    expect(s.mean).toBe(50);
    expect(s.median).toBe(50);
    expect(s.steps.map((x) => [x.id, x.p])).toEqual([["a", 0.75], ["b", 0.25]]);
    expect(s.steps[1].verdicts).toMatchObject({ correct: 1, wrong: 2, missing: 1 });
    // Fewer than 10 students: no discrimination index.
    expect(s.steps[0].discrimination).toBeNull();
    // update_sign: 2 students; factor_two: 1 student. Ranked by students.
    expect(s.mistakes.map((m) => [m.mistake, m.students, m.times, m.steps])).toEqual([["update_sign", 2, 2, ["b"]], ["factor_two", 1, 1, ["a"]]]);
  });

  it("upper–lower 27 % discrimination over ten students (worked by hand)", () => {
    // Ten students, scored by step "x" plus 0–9 filler steps right: student k has k filler steps right.
    // 27 % of 10 rounds to 3: the upper group is students 9, 8, 7 and the lower group 0, 1, 2.
    // Step "x" is right for students 5…9 → p = 5/10; upper 3/3 right, lower 0/3 → D = 1 − 0 = 1.
    // Step "y" is right for students 0, 1 and 9 → upper 1/3, lower 2/3 → D = −1/3.
    const reports = Array.from({ length: 10 }, (_, k) =>
      report(
        step("x", k >= 5 ? "correct" : "wrong"),
        step("y", k <= 1 || k === 9 ? "correct" : "wrong"),
        ...Array.from({ length: 9 }, (_, f) => step(`f${f}`, f < k ? "correct" : "wrong")),
      ),
    );
    const s = classStats(reports);
    const x = s.steps.find((t) => t.id === "x")!;
    const y = s.steps.find((t) => t.id === "y")!;
    expect(x.p).toBe(0.5);
    expect(x.discrimination).toBe(1);
    expect(y.discrimination).toBeCloseTo(-1 / 3, 12);
  });
});
