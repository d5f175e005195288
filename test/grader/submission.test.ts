// Submissions: what is read, what is ignored (score, unknown ids, __proto__), and what is refused with a message.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { gradeText } from "../../grader/batch.js";
import { parseSubmissionText, SubmissionError } from "../../grader/submission.js";
import { generateSet } from "../../generator/classset.js";
import { parseExercise } from "../../generator/exercise.js";
import { solve } from "../../generator/solution.js";

const exercise = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));

describe("submissions", () => {
  it("ignore __proto__, constructor and other unknown ids, and a score field, without polluting prototypes", () => {
    // Mazur's net input of h1: 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775 (by hand).
    const text = `{"exercise": ${JSON.stringify(exercise)}, "score": 34, "__proto__": {"polluted": 1},
      "answers": {"__proto__": {"polluted": 1}, "constructor": "1", "toString": "2", "hasOwnProperty": "3",
                  "z9_9": "1", "score": "34", "z1_1": "0.3775"}}`;
    const e = gradeText("a.json", text);
    expect(e.kind).toBe("report");
    if (e.kind !== "report") return;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(e.report.steps.map((s) => s.id)).not.toContain("__proto__");
    expect(e.report.steps.find((s) => s.id === "z1_1")!.verdict).toBe("correct");
    expect(e.report.steps.filter((s) => s.verdict !== "missing").map((s) => s.id)).toEqual(["z1_1"]);
    expect(e.report.score).toBe(1);
  });

  it.each([
    ["[]", "expected a submission"],
    ["{}", "answers: this field is required"],
    ['{"answers": []}', "answers: expected an object"],
    ['{"answers": {}}', 'expected "code" or "exercise"'],
    [`{"answers": {}, "code": "BP1-X", "exercise": {}}`, 'give either "code" or "exercise", not both'],
    ['{"answers": {}, "code": 5}', "code: expected an exercise code"],
    ['{"answers": {}, "code": "BP1-AAAA"}', "code: "],
    ['{"answers": {}, "exercise": {"layers": [2]}}', "exercise."],
    ['{"answers": {', "not valid JSON at line 1"],
  ])("refuses %s with a one-line message", (text, message) => {
    expect(() => parseSubmissionText(text)).toThrow(SubmissionError);
    expect(() => parseSubmissionText(text)).toThrowWords(message);
  });

  it("grades a code by regenerating its exercise: the key of that code scores full marks", () => {
    const [item] = generateSet({ preset: "classic-2-3-2", seed: "grader-test", count: 1 });
    const answers = Object.fromEntries(item.key.steps.map((s) => [s.id, s.rounded]));
    const e = gradeText("c.json", JSON.stringify({ code: item.code.toLowerCase(), answers }));
    expect(e.kind).toBe("report");
    if (e.kind !== "report") return;
    expect(e.code).toBe(item.code);
    expect(e.report.score).toBe(e.report.max);
  });

  it("ignores a grading block in a submission: nothing in it decides how it is graded", () => {
    // A tolerance of 10^6 and a weight trick would give an all-zero sheet full marks if they were read.
    const zeros = Object.fromEntries(solve(parseExercise(exercise)).graph.steps.map((s) => [s.id, "0"]));
    const grading = { tolerance: { z: { kind: "absolute", value: "1000000" } }, weights: { z: 1000 } };
    const e = gradeText("b.json", JSON.stringify({ exercise: { ...exercise, grading }, answers: zeros }));
    const plain = gradeText("p.json", JSON.stringify({ exercise, answers: zeros }));
    expect(e.kind).toBe("report");
    if (e.kind !== "report" || plain.kind !== "report") return;
    expect(e.report).toEqual(plain.report);
    expect(e.report.score).toBeLessThan(e.report.max / 10);
  });
});
