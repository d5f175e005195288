// Each activation on its own: its derivative against a central finite difference of its own forward rule,
// its float twin against the exact rule, and its traits against what the function does.
import { describe, expect, it } from "vitest";
import { Q } from "../../../generator/num/q.js";
import { ACTIVATIONS, ACTIVATION_NAMES, type Activation } from "../../../generator/ops/index.js";

const params = { leakySlope: Q.dec("0.01") };
const SLOPE = 0.01;
// Points away from 0 (the kink of ReLU-type functions), on both sides, small and large.
const POINTS = ["-3.7", "-1.25", "-0.4", "-0.05", "0.05", "0.3", "1", "2.5", "3.9"];
const H = Q.dec("0.000001");

/** f(z) of one unit: an elementwise activation applied to a one-unit layer. */
const at = (f: Activation, z: Q): Q => f.forward([z], params)[0];

describe.each(ACTIVATION_NAMES.filter((n) => ACTIVATIONS[n].traits.elementwise))("%s", (name) => {
  const f = ACTIVATIONS[name];

  it("f′ equals the central difference (f(z+h) − f(z−h)) / 2h", () => {
    for (const p of POINTS) {
      const z = Q.dec(p);
      const numeric = at(f, z.add(H)).sub(at(f, z.sub(H))).div(H.mul(Q.int(2))).toNumber();
      const exact = f.derivative!(z, at(f, z), params).toNumber();
      // Central differences err by f‴·h²/6 ≈ 1e-12 for these functions; allow 1e-9.
      expect(Math.abs(numeric - exact), `${name} at ${p}`).toBeLessThan(1e-9);
    }
  });

  it("its float twin (the draw's prefilter) agrees with the exact rule, value and derivative", () => {
    for (const p of POINTS) {
      const z = Q.dec(p);
      const a = at(f, z);
      expect(Math.abs(f.floatForward([Number(p)], SLOPE)[0] - a.toNumber())).toBeLessThan(1e-12);
      expect(Math.abs(f.floatDerivative!(Number(p), a.toNumber(), SLOPE) - f.derivative!(z, a, params).toNumber())).toBeLessThan(1e-12);
    }
  });

  it("every output it gives is plausible, and its traits say what it does", () => {
    for (const p of POINTS) expect(f.plausible(at(f, Q.dec(p))), `${name} at ${p}`).toBe(true);
    // identity: a = z everywhere.
    expect(POINTS.every((p) => at(f, Q.dec(p)).eq(Q.dec(p)))).toBe(f.traits.identity);
    // kink: the one-sided slopes at 0 differ.
    const right = at(f, H).sub(at(f, Q.ZERO)).div(H).toNumber();
    const left = at(f, Q.ZERO).sub(at(f, H.neg())).div(H).toNumber();
    expect(Math.abs(right - left) > 0.5).toBe(f.traits.kink);
    // saturates: f′ at |z| = 8 is below 1 % of its largest value near 0.
    const d = (z: string) => Math.abs(f.derivative!(Q.dec(z), at(f, Q.dec(z)), params).toNumber());
    expect(d("8") < 0.01 * d("0.05")).toBe(f.traits.saturates);
  });
});

describe("softmax", () => {
  const f = ACTIVATIONS.softmax;
  const z = ["0.5", "-1.2", "2.0"].map(Q.dec);

  it("∂p_j/∂z_j = p_j(1 − p_j) and ∂p_j/∂z_k = −p_j p_k, against central differences", () => {
    const p = f.forward(z, params).map((v) => v.toNumber());
    for (let j = 0; j < 3; j++)
      for (let k = 0; k < 3; k++) {
        const plus = z.map((v, i) => (i === k ? v.add(H) : v));
        const minus = z.map((v, i) => (i === k ? v.sub(H) : v));
        const numeric = f.forward(plus, params)[j].sub(f.forward(minus, params)[j]).div(H.mul(Q.int(2))).toNumber();
        const analytic = j === k ? p[j] * (1 - p[j]) : -p[j] * p[k];
        expect(Math.abs(numeric - analytic)).toBeLessThan(1e-9);
      }
  });

  it("its outputs are a distribution, and its float twin agrees", () => {
    const p = f.forward(z, params);
    expect(Math.abs(p.reduce((s, v) => s.add(v), Q.ZERO).toNumber() - 1)).toBeLessThan(1e-40);
    const pf = f.floatForward(z.map((v) => v.toNumber()), SLOPE);
    p.forEach((v, j) => expect(Math.abs(v.toNumber() - pf[j])).toBeLessThan(1e-12));
    expect(f.traits).toMatchObject({ elementwise: false, distribution: true, outputOnly: true, minOutputs: 2 });
  });
});
