// ln 2 in BigInt fixed point, for the exact engine's ln (transcendental.ts) and the double-doubles'
// argument reduction (dd.ts), which transcendental.ts itself imports.
import { pow10 } from "./q.js";

const LN2_CACHE = new Map<number, bigint>();

/** ln 2 scaled by 10^W: 2·atanh(1/3). */
export function ln2Scaled(W: number): bigint {
  let v = LN2_CACHE.get(W);
  if (v === undefined) {
    v = atanhInvScaled(3n, W) * 2n;
    LN2_CACHE.set(W, v);
  }
  return v;
}

/** atanh(1/k) scaled by 10^W, by its odd power series. */
function atanhInvScaled(k: bigint, W: number): bigint {
  const S = pow10(W);
  const k2 = k * k;
  let power = S / k; // S / k^(2j+1)
  let sum = power;
  for (let j = 1n; ; j++) {
    power /= k2;
    const term = power / (2n * j + 1n);
    if (term === 0n) break;
    sum += term;
  }
  return sum;
}
