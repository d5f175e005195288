// Exact rational arithmetic, rounding rules and printing, checked against fraction.js and by hand.
import Fraction from "fraction.js";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { digitCount, magnitude, Q } from "../../../generator/num/q.js";

const asFraction = (q: Q) => new Fraction(q.n, q.d);

describe("Q arithmetic", () => {
  it("agrees with fraction.js on random chains of + − × ÷", () => {
    const rng = seedrandom("q-chain");
    for (let t = 0; t < 300; t++) {
      let q = Q.dec((rng() * 4 - 2).toFixed(3));
      let f = asFraction(q);
      for (let k = 0; k < 8; k++) {
        const o = Q.dec((rng() * 4 - 2).toFixed(2));
        const fo = asFraction(o);
        switch (Math.floor(rng() * 4)) {
          case 0: q = q.add(o); f = f.add(fo); break;
          case 1: q = q.sub(o); f = f.sub(fo); break;
          case 2: q = q.mul(o); f = f.mul(fo); break;
          default: if (!o.isZero()) { q = q.div(o); f = f.div(fo); }
        }
      }
      expect(asFraction(q).equals(f)).toBe(true);
    }
  });
  it("parses decimal strings exactly and refuses others", () => {
    expect(Q.dec("0.05").eq(Q.of(1n, 20n))).toBe(true);
    expect(Q.dec("-.5").eq(Q.of(-1n, 2n))).toBe(true);
    expect(Q.dec("1.5e-3").eq(Q.of(3n, 2000n))).toBe(true);
    expect(Q.dec("2E2").eq(Q.int(200))).toBe(true);
    for (const bad of ["", ".", "abc", "1..2", "0x10", "1e", "--1"]) expect(() => Q.dec(bad)).toThrow();
  });
});

describe("rounding", () => {
  // Table written by hand: 四舍五入 rounds ties away from zero; half-even to the even neighbour.
  const table: [string, number, string, string][] = [
    ["0.12345", 4, "0.1235", "0.1234"],
    ["0.12355", 4, "0.1236", "0.1236"],
    ["-0.12345", 4, "-0.1235", "-0.1234"],
    ["2.5", 0, "3", "2"],
    ["-2.5", 0, "-3", "-2"],
    ["0.00004", 4, "0.0000", "0.0000"],
    ["-0.00004", 4, "0.0000", "0.0000"],
    ["-0.00005", 4, "-0.0001", "0.0000"],
    ["1", 3, "1.000", "1.000"],
    ["0.999996", 5, "1.00000", "1.00000"],
  ];
  it.each(table)("%s to %i decimals", (v, d, up, even) => {
    expect(Q.dec(v).toFixed(d)).toBe(up);
    expect(Q.dec(v).toFixed(d, "half_even")).toBe(even);
  });
  it("never prints negative zero, and 1/3 rounds like its expansion", () => {
    expect(Q.dec("-0.0000001").toFixed(2)).toBe("0.00");
    expect(Q.int(1).div(Q.int(3)).toFixed(6)).toBe("0.333333");
    expect(Q.int(2).div(Q.int(3)).toFixed(6)).toBe("0.666667");
  });
});

describe("printing", () => {
  it("prints exact terminating values in full and others to the asked significant digits", () => {
    expect(Q.dec("0.3775").toPlain()).toBe("0.3775");
    expect(Q.dec("0.05").mul(Q.dec("0.15")).toPlain()).toBe("0.0075");
    expect(Q.int(1).div(Q.int(3)).toPlain(24)).toBe("0.333333333333333333333333");
    expect(Q.dec("1e-30").toPlain()).toBe("0.000000000000000000000000000001");
    expect(Q.int(-7).toPlain()).toBe("-7");
  });
  it("approx keeps the asked significant digits whatever the magnitude", () => {
    expect(Q.int(2).div(Q.int(3)).approx(5).toPlain()).toBe("0.66667");
    expect(Q.int(200000).div(Q.int(3)).approx(5).toPlain()).toBe("66667");
    expect(Q.int(2).div(Q.int(3000000)).approx(3).toPlain()).toBe("0.000000667");
    expect(Q.int(1).div(Q.int(3)).approx(5).exact).toBe(false);
  });
});

/** A random integer of `digits` decimal digits (leading digit non-zero), with a random sign. */
function randomInt(rng: () => number, digits: number): bigint {
  let s = String(1 + Math.floor(rng() * 9));
  for (let i = 1; i < digits; i++) s += String(Math.floor(rng() * 10));
  return rng() < 0.5 ? -BigInt(s) : BigInt(s);
}

/** Values on a decimal grid (n/10^k) and general fractions, of very different sizes. */
function randomQs(seed: string, count: number): Q[] {
  const rng = seedrandom(seed);
  const out: Q[] = [];
  for (let t = 0; t < count; t++) {
    const n = randomInt(rng, 1 + Math.floor(rng() * 120));
    const k = Math.floor(rng() * 100);
    out.push(t % 2 === 0 ? Q.scaled(n, k, rng() < 0.5) : Q.of(n, randomInt(rng, 1 + Math.floor(rng() * 60)) ** 2n, rng() < 0.5));
  }
  // Powers of ten and their neighbours, where digit counts and magnitudes change.
  for (const k of [0, 1, 15, 16, 17, 22, 23, 60, 300, 309]) {
    const p = 10n ** BigInt(k);
    out.push(Q.of(p), Q.of(p - 1n), Q.of(p + 1n), Q.scaled(p, 5, false), Q.scaled(p - 1n, 3, false), Q.of(1n, p), Q.of(1n, p + 1n));
  }
  return out;
}

/** |n/d| to `sig` significant digits, half away from zero, by long division written out digit by digit. */
function approxByLongDivision(q: Q, sig: number): Fraction {
  const P = 500n; // places: every test value is above 10^-400, so more than `sig` digits are kept
  const an = q.n < 0n ? -q.n : q.n;
  const whole = (an * 10n ** P) / q.d; // floor(|q| · 10^P)
  const drop = whole.toString().length - sig;
  if (drop <= 0) return asFraction(q); // fewer digits than asked: nothing to round (exact at P places here)
  const unit = 10n ** BigInt(drop);
  const up = whole % unit >= unit / 2n ? 1n : 0n; // the dropped digits are at least ...5000: round away from zero
  const r = (whole / unit + up) * unit;
  return new Fraction(q.n < 0n ? -r : r, 10n ** P);
}

describe("digit counts, magnitudes and approx (fast paths vs long division)", () => {
  const qs = randomQs("q-digits", 600);
  it("digitCount is the length of the printed integer", () => {
    for (const q of qs) expect(digitCount(q.n)).toBe((q.n < 0n ? -q.n : q.n).toString().length);
  });
  it("magnitude e satisfies 10^(e-1) <= |q| < 10^e", () => {
    for (const q of qs) {
      if (q.isZero()) continue;
      const e = magnitude(q);
      const a = asFraction(q).abs();
      const lo = e - 1 >= 0 ? new Fraction(10n ** BigInt(e - 1)) : new Fraction(1n, 10n ** BigInt(1 - e));
      const hi = e >= 0 ? new Fraction(10n ** BigInt(e)) : new Fraction(1n, 10n ** BigInt(-e));
      expect(a.compare(lo) >= 0 && a.compare(hi) < 0, `${q.n}/${q.d}: e=${e}`).toBe(true);
    }
  });
  it("approx(sig) is the value rounded to sig significant digits, half away from zero", () => {
    for (const q of qs)
      for (const sig of [3, 24, 50, 60]) {
        const got = q.approx(sig);
        expect(asFraction(got).equals(approxByLongDivision(q, sig)), `${q.n}/${q.d} to ${sig}`).toBe(true);
        expect(got.exact).toBe(false);
      }
  });
});
