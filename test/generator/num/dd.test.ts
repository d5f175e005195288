// Double-doubles stand in for the exact engine only where they can prove it: every result must lie
// within its error bound of the exact engine's value (checked in exact rationals), the bound must be
// tight enough to print 24 digits, and every digit printed must be the exact engine's (or Uncertain).
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { D, Uncertain, withFastNumbers } from "../../../generator/num/dd.js";
import { Q } from "../../../generator/num/q.js";
import { exp, ln } from "../../../generator/num/transcendental.js";
import { softmax } from "../../../generator/ops/activations/softmax.js";

/** A double as the exact rational it is (m · 2^e). */
function exactOfDouble(x: number): Q {
  if (x === 0) return Q.ZERO;
  let m = x;
  let e = 0;
  while (!Number.isInteger(m)) {
    m *= 2;
    e++;
  }
  return Q.of(BigInt(m), 1n << BigInt(e));
}

/** The exact value a D holds, hi + lo. */
const valueOf = (d: D) => exactOfDouble(d.hi).add(exactOfDouble(d.lo));

/** |d − ref| ≤ d.err, in exact arithmetic; and the bound is small against the value (or absolute). */
function expectWithin(d: Q, ref: Q, what: string, relTight = 1e-27) {
  expect(d).toBeInstanceOf(D);
  const dd = d as D;
  const gap = valueOf(dd).sub(ref).abs();
  expect(gap.cmp(exactOfDouble(dd.err)) <= 0, `${what}: |${dd.hi} + ${dd.lo} − ${ref.toPlain(30)}| = ${gap.toPlain(6)} > err ${dd.err}`).toBe(true);
  expect(dd.err, `${what}: bound ${dd.err} too loose for ${ref.toPlain(10)}`).toBeLessThanOrEqual(relTight * Math.max(Math.abs(ref.toNumber()), 1e-3));
}

const rng = seedrandom("dd-test");
/** A decimal with up to `places` places in (−range, range). */
const decimal = (range: number, places: number) => Q.of(BigInt(Math.round((rng() * 2 - 1) * range * 10 ** places)), 10n ** BigInt(places));
/** An inexact value as the exact engine holds one after exp: 50 significant digits. */
const inexact = (range: number) => {
  const v = exp(decimal(Math.log(range), 4));
  return rng() < 0.5 ? v.neg() : v;
};

describe("double-double arithmetic against exact rationals", () => {
  it("converts decimals and 50-digit values to within their bound", () => {
    for (let i = 0; i < 300; i++) {
      const q = i % 2 ? decimal(10, 4) : inexact(5);
      if (q.isZero()) continue;
      expectWithin(D.from(q), q, `from ${q.toPlain()}`);
    }
  });

  it("adds, subtracts, multiplies and divides within the bound, mixing D and Q operands", () => {
    for (let i = 0; i < 400; i++) {
      const a = inexact(3);
      const b = i % 3 === 0 ? decimal(2, 2) : inexact(3);
      if (b.isZero()) continue; // a division by zero is the exact engine's error to raise (dd gives up first)
      const da = D.from(a);
      const db = i % 4 === 0 ? b : D.from(b); // sometimes a plain Q operand
      expectWithin(da.add(db), a.add(b), `${a.toPlain(8)} + ${b.toPlain(8)}`, 1e-26);
      expectWithin(da.sub(db), a.sub(b), `${a.toPlain(8)} − ${b.toPlain(8)}`, 1e-26);
      expectWithin(da.mul(db), a.mul(b), `${a.toPlain(8)} × ${b.toPlain(8)}`);
      expectWithin(da.div(db), a.div(b), `${a.toPlain(8)} ÷ ${b.toPlain(8)}`);
      // Q on the left hands the work to D (q.ts dispatches on DD_K).
      expectWithin(b.add(da), b.add(a), `Q + D`, 1e-26);
      expectWithin(b.div(da), b.div(a), `Q ÷ D`);
    }
  });

  it("exp and ln stand within their bound of the exact engine's 50-digit results", () => {
    for (let i = 0; i < 300; i++) {
      const x = i % 2 ? decimal(40, 4) : inexact(30).mul(Q.dec("0.5"));
      expectWithin(D.exp(x), exp(x), `exp(${x.toPlain(10)})`);
      expectWithin(D.exp(D.from(x)), exp(x), `exp(D ${x.toPlain(10)})`);
      const y = inexact(50).abs();
      expectWithin(D.ln(y), ln(y), `ln(${y.toPlain(10)})`, 1e-25); // an absolute bound (~3e-29): ln is small near 1
      expectWithin(D.ln(D.from(y)), ln(y), `ln(D ${y.toPlain(10)})`, 1e-25);
    }
    // Arguments that are doubles exactly (no conversion error): the bound is exp's own, EXP_U, alone.
    for (let i = 0; i < 300; i++) {
      const x = Math.round((rng() * 2 - 1) * 40 * 2 ** 20) / 2 ** 20;
      expectWithin(D.exp(new D(x, 0, 0)), exp(exactOfDouble(x)), `exp(${x}) from a double`);
    }
    // Near 1, where ln is small and the exact engine adds digits: the bound is absolute.
    const near = Q.dec("1.000001");
    expectWithin(D.ln(near), ln(near), "ln(1.000001)", 1e-23);
  });

  it("answers exactly where the exact engine does: exp(0) = 1, ln 1 = 0, 0·x = 0, x + 0 = x, v − v = 0", () => {
    expect(D.exp(Q.ZERO)).toBe(Q.ONE);
    expect(D.ln(Q.ONE)).toBe(Q.ZERO);
    const v = D.from(inexact(2));
    const zero = v.mul(Q.ZERO) as D;
    expect([zero.hi, zero.err]).toEqual([0, 0]);
    expect(zero.toPlain()).toBe("0");
    // An exact zero plus a Q is that Q, flagged inexact like the exact engine flags it.
    const w = Q.dec("0.35");
    const sum = zero.add(w);
    expect(sum).not.toBeInstanceOf(D);
    expect(sum.eq(w) && !sum.exact).toBe(true);
    const d = v.sub(v) as D;
    expect([d.hi, d.err]).toEqual([0, 0]);
    // softmax subtracts the largest net input from itself: e^0 = 1 exactly, as in the exact engine.
    const z = [D.from(Q.dec("0.25")).add(inexact(1).mul(Q.dec("0.001"))), D.from(Q.dec("-0.5"))];
    withFastNumbers(() => {
      const a = softmax(z);
      const exactA = softmax(z.map((x) => valueOf(x as D)));
      a.forEach((ai, j) => expect(ai.toPlain(24)).toBe(exactA[j].toPlain(24)));
    });
  });
});

describe("printing: the exact engine's digits or Uncertain, never other digits", () => {
  it("prints 24 significant digits and 4 decimals exactly as Q does for 2000 engine values", () => {
    let uncertain = 0;
    for (let i = 0; i < 2000; i++) {
      // Magnitudes from 1e-6 to 1e3: deltas and gradients are small, nets are of order one.
      const q = inexact(5).mul(Q.of(1n, 10n ** BigInt(Math.floor(rng() * 7))));
      const d = D.from(q).mul(Q.ONE).add(Q.ZERO); // through the arithmetic once, bound included
      try {
        expect(d.toPlain(24)).toBe(q.toPlain(24));
        expect(d.toFixed(4)).toBe(q.toFixed(4));
        const r = d.round(4);
        expect(r.eq(q.round(4)) && r.k === 4 && !r.exact).toBe(true);
        expect(d.eq(r)).toBe(false);
      } catch (e) {
        if (!(e instanceof Uncertain)) throw e;
        uncertain++;
      }
    }
    expect(uncertain).toBeLessThan(5); // the bound (~1e-30) is far below a 24th digit: giving up is rare
  });

  it("gives up at a rounding tie, at a power of ten and at zero rather than guess", () => {
    const blur = (s: string, by: string) => D.from(Q.dec(s)).add(D.from(Q.dec(by))); // a D within ~1e-40 of s
    // 4 decimals: 0.12345 ± 1e-40 rounds differently on each side of the tie.
    expect(() => blur("0.12345", "1e-40").toFixed(4)).toThrow(Uncertain);
    expect(() => blur("0.12345", "-1e-40").round(4)).toThrow(Uncertain);
    // 24 digits: a 25-digit tie.
    expect(() => blur("0.1234567890123456789012345", "1e-42").toPlain(24)).toThrow(Uncertain);
    // Magnitude: just above or below 0.01 prints with different numbers of places.
    expect(() => blur("0.01", "1e-45").toPlain(24)).toThrow(Uncertain);
    // Sign and comparisons of a value that may be zero.
    // The same value by two roads: two D objects whose difference is 0 within a nonzero bound.
    const q = inexact(1);
    expect((D.from(q).sub(D.from(q)) as D).err).toBe(0); // one conversion (memo), v − v: exactly 0
    const tiny = D.from(q).mul(Q.ONE).sub(D.from(q)) as D;
    expect(tiny.err).toBeGreaterThan(0);
    expect(() => tiny.sign()).toThrow(Uncertain);
    expect(() => tiny.toPlain()).toThrow(Uncertain);
    expect(() => D.from(q).eq(q)).toThrow(Uncertain);
    // Far from any boundary the same numbers print.
    expect(blur("0.12344", "1e-40").toFixed(4)).toBe("0.1234");
    expect(blur("0.0123", "1e-40").toPlain(24)).toBe("0.0123");
  });
});
