// The table-driven exp must give referenceExp's digits exactly, and hand over whenever it cannot prove them.
import { describe, expect, it } from "vitest";
import seedrandom from "seedrandom";
import { Q } from "../../../generator/num/q.js";
import { exp, fastExp, referenceExp } from "../../../generator/num/transcendental.js";

const same = (a: Q, b: Q) => a.n === b.n && a.d === b.d && a.exact === b.exact && a.k === b.k;

describe("fastExp", () => {
  const rng = seedrandom("exp-fast");
  const args: Q[] = [];
  // 4-decimal net inputs (first layer: no series at all), long inexact ones (deeper layers), odd denominators.
  for (let i = 0; i < 300; i++) args.push(Q.of(BigInt(Math.floor((rng() - 0.5) * 2e5)), 10000n));
  for (let i = 0; i < 300; i++) {
    const n = BigInt(Math.floor(rng() * 1e15)) * 10n ** 45n + BigInt(Math.floor(rng() * 1e15));
    args.push(Q.of(rng() < 0.5 ? -n : n, 10n ** 59n));
  }
  for (let i = 0; i < 100; i++) args.push(Q.of(BigInt(Math.floor((rng() - 0.5) * 2e4)), 3n + BigInt(Math.floor(rng() * 997))));

  it("returns exactly the reference digits (value, exactness, grid) whenever it answers", () => {
    let answered = 0;
    for (const x of args)
      for (const sig of [50, 30]) {
        const f = fastExp(x, sig);
        if (f === null) continue;
        answered++;
        expect(same(f, referenceExp(x, sig)), `exp(${x.toPlain()}) at ${sig} digits`).toBe(true);
      }
    // It must actually be the path taken (arguments up to 100 in size), not a silent fallback.
    expect(answered).toBeGreaterThan(args.length * 2 * 0.9);
  });

  it("declines when the rounding cannot be proved (a margin wider than the digits) and exp then uses the reference", () => {
    const x = Q.dec("0.5123");
    expect(fastExp(x, 50, -45)).toBeNull();
    expect(same(exp(x), referenceExp(x))).toBe(true);
  });

  it("leaves large arguments and very high precision to the reference", () => {
    expect(fastExp(Q.int(150))).toBeNull();
    expect(fastExp(Q.dec("0.3"), 80)).toBeNull();
    expect(same(exp(Q.int(150)), referenceExp(Q.int(150)))).toBe(true);
  });

  it("agrees with Math.exp to float precision (an independent check of the tables)", () => {
    for (const s of ["0", "1", "-1", "0.0001", "-3.999999", "7.123456789", "-20.5"]) {
      const v = exp(Q.dec(s)).toNumber();
      expect(Math.abs(v - Math.exp(Number(s))) / Math.exp(Number(s))).toBeLessThan(1e-14);
    }
  });
});
