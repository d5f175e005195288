// One comparison per tolerance kind, with its edges worked out by hand, and the `grading` field's validation.
import { describe, expect, it } from "vitest";
import { parseExercise, ExerciseError } from "../../generator/exercise.js";
import { Q } from "../../generator/num/q.js";
import { gradingConfig, DEFAULT_CONFIG } from "../../grader/config.js";
import { within, withinEither, type Tolerance } from "../../grader/tolerance.js";
import { readFileSync } from "node:fs";

const q = Q.dec;

describe("within", () => {
  it("absolute: |g − r| ≤ eps", () => {
    const tol: Tolerance = { kind: "absolute", eps: q("0.01") };
    expect(within(tol, q("1.01"), q("1"), 4)).toBe(true); // exactly eps
    expect(within(tol, q("1.0101"), q("1"), 4)).toBe(false);
    expect(within(tol, q("0.99"), q("1"), 4)).toBe(true);
  });
  it("relative: |g − r| ≤ rel·|r|", () => {
    const tol: Tolerance = { kind: "relative", rel: q("0.01") };
    expect(within(tol, q("-2.02"), q("-2"), 4)).toBe(true); // 0.02 = 1 % of 2
    expect(within(tol, q("-2.0201"), q("-2"), 4)).toBe(false);
    expect(within(tol, q("0"), q("0"), 4)).toBe(true);
  });
  it("decimals: half a unit in the last asked place, plus the inputs' propagated rounding", () => {
    const tol: Tolerance = { kind: "decimals" };
    expect(within(tol, q("0.5933"), q("0.59325"), 4)).toBe(true); // 0.00005 = half of 0.0001
    expect(within(tol, q("0.5933"), q("0.593249"), 4)).toBe(false);
    expect(within(tol, q("0.5933"), q("0.593249"), 4, q("0.000001"))).toBe(true);
  });
  it("withinEither: either chain, or anywhere between them", () => {
    const tol: Tolerance = { kind: "decimals" };
    expect(withinEither(tol, q("0.130"), q("0.1312"), q("0.1290"), 3)).toBe(true);
    expect(withinEither(tol, q("0.1317"), q("0.1312"), q("0.1290"), 3)).toBe(true);
    expect(withinEither(tol, q("0.1318"), q("0.1312"), q("0.1290"), 3)).toBe(false);
    expect(withinEither(tol, q("0.1284"), q("0.1312"), q("0.1290"), 3)).toBe(false);
  });
});

describe("the grading field", () => {
  const base = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
  const withGrading = (grading: unknown) => parseExercise({ ...base, grading });

  it("has sensible defaults", () => {
    expect(gradingConfig(parseExercise(base))).toBe(DEFAULT_CONFIG);
    expect(DEFAULT_CONFIG.weights.delta).toBe(2);
    expect(DEFAULT_CONFIG.tolerance.z).toEqual({ kind: "decimals" });
  });

  it("overrides tolerance, weights and credit per step kind, with a default row", () => {
    const c = gradingConfig(withGrading({
      tolerance: { default: { kind: "relative", rel: "0.01" }, dW: { kind: "absolute", eps: "0.0001" } },
      weights: { default: 2, newE: 0 },
      credit: { imprecise: 0 },
    }));
    expect(c.tolerance.z).toEqual({ kind: "relative", rel: q("0.01") });
    expect(c.tolerance.dW).toEqual({ kind: "absolute", eps: q("0.0001") });
    expect(c.weights.delta).toBe(2);
    expect(c.weights.newE).toBe(0);
    expect(c.credit).toEqual({ carried: 1, imprecise: 0 });
  });

  it.each([
    [{ tolerance: { dw: { kind: "decimals" } } }, "grading.tolerance.dw: unknown field"],
    [{ tolerance: { z: { kind: "percent" } } }, "grading.tolerance.z.kind: expected one of absolute, relative, decimals"],
    [{ tolerance: { z: { kind: "absolute", eps: 0.1 } } }, 'grading.tolerance.z.eps: expected a non-negative decimal string such as "0.001"'],
    [{ tolerance: { z: { kind: "absolute", eps: "-1" } } }, "grading.tolerance.z.eps: expected a non-negative"],
    [{ weights: { delta: -1 } }, "grading.weights.delta: expected a number of marks from 0 to 1000"],
    [{ credit: { carried: 2 } }, "grading.credit.carried: expected a share of the marks from 0 to 1"],
    [{ bonus: 1 }, "grading.bonus: unknown field"],
  ])("refuses %j with a message naming the field", (grading, message) => {
    expect(() => gradingConfig(withGrading(grading))).toThrow(ExerciseError);
    expect(() => gradingConfig(withGrading(grading))).toThrowWords(message);
  });
});
