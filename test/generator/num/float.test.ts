// Engine-independent float exp/ln/tanh (the generator's prefilter) against our 50-digit BigInt ones.
import { describe, expect, it } from "vitest";
import { fexp, flog, ftanh } from "../../../generator/num/float.js";
import { Q } from "../../../generator/num/q.js";
import { exp, ln } from "../../../generator/num/transcendental.js";
import { tanh } from "../../../generator/ops/activations/tanh.js";

// The reference values come from the exact code path, not from Math.exp (which these replace).
// Arguments are dyadic (k/2^m), so each double is exactly the decimal handed to the exact code.
const rel = (a: number, ref: Q) => Math.abs(a - ref.toNumber()) / Math.abs(ref.toNumber());
const dyadic = (lo: number, hi: number, denom: number) =>
  Array.from({ length: Math.round((hi - lo) * denom) + 1 }, (_, k) => lo + k / denom);

describe("float exp, ln, tanh from + − × ÷ only", () => {
  it("fexp is within 2 ulp (4.5e-16 relative) of e^x on [-30, 30]", () => {
    for (const x of dyadic(-30, 30, 16)) expect(rel(fexp(x), exp(Q.dec(x.toString()))), String(x)).toBeLessThan(4.5e-16);
  });
  it("flog is within 5e-16 relative of ln x on [1/1024, 4096]", () => {
    for (const x of [...dyadic(1 / 1024, 4, 1024), ...dyadic(4, 4096, 1)]) {
      if (x === 1) continue;
      expect(rel(flog(x), ln(Q.dec(x.toString()))), String(x)).toBeLessThan(5e-16);
    }
  });
  it("ftanh is within 1e-15 relative of tanh x on [-6, 6], and exact at 0", () => {
    for (const x of dyadic(-6, 6, 64)) if (x !== 0) expect(rel(ftanh(x), tanh(Q.dec(x.toString()))), String(x)).toBeLessThan(1e-15);
    expect(ftanh(0)).toBe(0);
  });
  it("handles the edges: overflow, underflow, 0 and non-numbers", () => {
    expect(fexp(800)).toBe(Infinity);
    expect(fexp(-800)).toBe(0);
    expect(flog(0)).toBe(-Infinity);
    expect(Number.isNaN(flog(-1))).toBe(true);
    expect(ftanh(40)).toBe(1);
    expect(ftanh(-40)).toBe(-1);
  });
});
