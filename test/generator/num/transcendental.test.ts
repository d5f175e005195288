// exp and ln against published constants (OEIS decimal expansions) and exact identities.
import { describe, expect, it } from "vitest";
import { Q } from "../../../generator/num/q.js";
import { exp, ln } from "../../../generator/num/transcendental.js";

// OEIS A001113 (e), A002162 (ln 2), A002392 (ln 10), A068985 (1/e), first 50 significant digits.
const E = "2.7182818284590452353602874713526624977572470936999595749669676";
const LN2 = "0.69314718055994530941723212145817656807550013436025525412068000949";
const LN10 = "2.3025850929940456840179914546843642076011014886287729760333279009";
const INV_E = "0.36787944117144232159552377016146086744581113103176783450783680169";

const close = (a: Q, b: string, digits: number) => a.sub(Q.dec(b)).abs().lt(Q.dec(`1e-${digits}`));

describe("exp", () => {
  it("matches e and 1/e to 48 digits", () => {
    expect(close(exp(Q.ONE), E, 48)).toBe(true);
    expect(close(exp(Q.int(-1)), INV_E, 49)).toBe(true);
  });
  it("is exactly 1 at 0 and keeps relative precision for tiny and huge results", () => {
    expect(exp(Q.ZERO).eq(Q.ONE)).toBe(true);
    // e^-50 · e^50 = 1 to 45 digits, although e^-50 ≈ 1.9e-22.
    const p = exp(Q.int(-50)).mul(exp(Q.int(50)));
    expect(p.sub(Q.ONE).abs().lt(Q.dec("1e-45"))).toBe(true);
  });
  it("satisfies e^(a+b) = e^a e^b on a table of arguments", () => {
    for (const [a, b] of [["0.3775", "-0.05"], ["1.25", "2.5"], ["-3.2", "0.01"], ["7", "-0.9"]]) {
      const lhs = exp(Q.dec(a).add(Q.dec(b)));
      const rhs = exp(Q.dec(a)).mul(exp(Q.dec(b)));
      expect(lhs.sub(rhs).abs().div(lhs).lt(Q.dec("1e-46"))).toBe(true);
    }
  });
  it("agrees with Math.exp to double precision (an independent implementation)", () => {
    for (const x of [-4, -1.5, -0.3775, 0, 0.01, 0.5, 1.105, 4]) {
      const ours = exp(Q.dec(String(x))).toNumber();
      expect(Math.abs(ours - Math.exp(x)) / Math.exp(x)).toBeLessThan(1e-15);
    }
  });
});

describe("ln", () => {
  it("matches ln 2 and ln 10 to 48 digits", () => {
    expect(close(ln(Q.int(2)), LN2, 48)).toBe(true);
    expect(close(ln(Q.int(10)), LN10, 48)).toBe(true);
  });
  it("inverts exp and keeps significant digits near 1", () => {
    for (const x of ["0.0001", "0.25", "0.9999", "1.5", "123.456"]) {
      const back = exp(ln(Q.dec(x)));
      expect(back.sub(Q.dec(x)).abs().div(Q.dec(x)).lt(Q.dec("1e-45"))).toBe(true);
    }
    // ln(1 − 10⁻⁴) = −(10⁻⁴ + 10⁻⁸/2 + 10⁻¹²/3 + …): the series written out gives 0.000100005000333358335…
    const v = ln(Q.dec("0.9999")).neg();
    expect(v.toPlain(20)).toBe("0.00010000500033335833533");
  });
  it("refuses non-positive arguments", () => {
    expect(() => ln(Q.ZERO)).toThrow(/non-positive/);
    expect(() => ln(Q.int(-1))).toThrow(/non-positive/);
  });
});
