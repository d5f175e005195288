// Each loss on its own: ∂E/∂a_j against a central finite difference of its own value, and its float twin.
import { describe, expect, it } from "vitest";
import { Q } from "../../../generator/num/q.js";
import { LOSSES, LOSS_NAMES } from "../../../generator/ops/index.js";

const H = Q.dec("0.000001");
// Outputs strictly inside (0, 1) so every loss is defined; targets of each loss's own kind.
const A = ["0.73", "0.18", "0.41"].map(Q.dec);
const TARGETS = { real: ["0.05", "0.9", "-0.3"], binary: ["1", "0", "1"], one_hot: ["0", "1", "0"] } as const;

describe.each(LOSS_NAMES)("%s", (name) => {
  const loss = LOSSES[name];
  const t = TARGETS[loss.targets].map(Q.dec);

  it("∂E/∂a_j equals the central difference of E in a_j", () => {
    for (let j = 0; j < A.length; j++) {
      const bump = (d: Q) => A.map((v, i) => (i === j ? v.add(d) : v));
      const numeric = loss.value(bump(H), t).sub(loss.value(bump(H.neg()), t)).div(H.mul(Q.int(2))).toNumber();
      const exact = loss.gradient(A[j], t[j], A.length).toNumber();
      expect(Math.abs(numeric - exact), `${name}, a_${j + 1}`).toBeLessThan(1e-8);
    }
  });

  it("its float twin agrees with the exact value and gradient", () => {
    const af = A.map((v) => v.toNumber());
    const tf = t.map((v) => v.toNumber());
    expect(Math.abs(loss.floatValue(af, tf) - loss.value(A, t).toNumber())).toBeLessThan(1e-12);
    for (let j = 0; j < A.length; j++)
      expect(Math.abs(loss.floatGradient(af[j], tf[j], A.length) - loss.gradient(A[j], t[j], A.length).toNumber())).toBeLessThan(1e-12);
  });

  it("its factor-of-two mistake doubles or halves, and only squared losses have one", () => {
    const f = loss.mistakes.factorTwo;
    expect(f !== undefined).toBe(loss.targets === "real");
    if (!f) return;
    // ½Σ forgotten doubles the half sum; the mean's 1/n read as ½ halves it (by hand: 2 · 0.5 = 1, 0.5 / 2 = 0.25).
    expect(f(Q.dec("0.5")).toNumber()).toBe(name === "half_sse" ? 1 : 0.25);
  });
});

describe("fused pairs", () => {
  it("a fused loss needs its output activation: δ = a − t holds only there", () => {
    for (const name of LOSS_NAMES) {
      const loss = LOSSES[name];
      if (loss.fusedWith) expect(loss.needsOutput?.activation).toBe(loss.fusedWith);
    }
  });
});
