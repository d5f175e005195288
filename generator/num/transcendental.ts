// exp and ln to PRECISION significant digits in BigInt fixed point: the same digits on every engine.
import { PRECISION, Q, magnitude, pow10, roundDiv } from "./q.js";

const GUARD = 12;

/** e^x for a rational x, to `sig` significant digits (relative error below 10^-sig). */
export function exp(x: Q, sig: number = PRECISION): Q {
  if (x.isZero()) return Q.ONE;
  // e^-|x| = 1 / e^|x| keeps relative precision for tiny results.
  if (x.sign() < 0) return Q.ONE.div(expPositive(x.neg(), sig + 2)).approx(sig);
  return expPositive(x, sig).approx(sig);
}

function expPositive(x: Q, sig: number): Q {
  // Halve the argument m times until it is below 1/2, sum the Taylor series, square back.
  // Each squaring doubles the relative error, so the working precision grows with m.
  let m = 0;
  const approxX = x.toNumber();
  if (approxX > 0.5) m = Math.ceil(Math.log2(approxX / 0.5));
  // e^10000 already has 4343 digits; far beyond that the squarings exhaust memory (e^500000 does).
  if (approxX > 1e4) throw new RangeError(`exp argument too large: ${x.toPlain(12)}`);
  const W = sig + GUARD + Math.ceil(m * 0.31);
  const S = pow10(W);
  const r = roundDiv(x.n * S, x.d << BigInt(m), "half_up");
  let sum = S;
  let term = S;
  for (let k = 1n; ; k++) {
    term = (term * r) / (S * k);
    if (term === 0n) break;
    sum += term;
  }
  for (let i = 0; i < m; i++) sum = (sum * sum) / S;
  return Q.of(sum, S, false);
}

const LN2_CACHE = new Map<number, bigint>();

/** ln 2 scaled by 10^W: 2·atanh(1/3). */
function ln2Scaled(W: number): bigint {
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

/**
 * ln x for a rational x > 0, to `sig` digits after the leading digits of the result
 * (absolute error below 10^-(sig) for results of order one, and relative precision kept near x = 1).
 */
export function ln(x: Q, sig: number = PRECISION): Q {
  if (x.sign() <= 0) throw new RangeError(`ln of a non-positive number: ${x.toPlain(12)}`);
  if (x.eq(Q.ONE)) return Q.ZERO;
  // Near 1 the result is small: add digits so that it still has `sig` significant ones.
  const near = x.sub(Q.ONE).abs();
  const extra = near.lt(Q.ONE) ? Math.max(0, -magnitude(near)) : 0;
  const W = sig + GUARD + extra;
  const S = pow10(W);
  // x = y · 2^k with y in [1/2, 1): ln x = k ln 2 + 2 atanh((y-1)/(y+1)).
  let k = 0;
  let n = x.n;
  let d = x.d;
  const bitsN = n.toString(2).length;
  const bitsD = d.toString(2).length;
  k = bitsN - bitsD;
  if (k > 0) d <<= BigInt(k);
  else if (k < 0) n <<= BigInt(-k);
  while (n >= d) {
    d <<= 1n;
    k++;
  }
  while (2n * n < d) {
    n <<= 1n;
    k--;
  }
  // If y is within a factor of 2 of 1 with k = 1 (x just below 2), fold back to keep u small.
  let u = roundDiv((n - d) * S, n + d, "half_up"); // (y-1)/(y+1) scaled, in (-1/3, 0]
  if (k === 1) {
    // x in [1, 2): use y = x directly, u in [0, 1/3).
    u = roundDiv((x.n - x.d) * S, x.n + x.d, "half_up");
    k = 0;
  }
  const u2 = (u * u) / S;
  let power = u;
  let sum = u;
  for (let j = 1n; ; j++) {
    power = (power * u2) / S;
    const term = power / (2n * j + 1n);
    if (term === 0n) break;
    sum += term;
  }
  const scaled = 2n * sum + BigInt(k) * ln2Scaled(W);
  return Q.of(scaled, S, false).approx(sig);
}
