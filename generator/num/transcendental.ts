// exp and ln to PRECISION significant digits in BigInt fixed point: the same digits on every engine.
import { PRECISION, Q, magnitude, pow10, roundDiv } from "./q.js";

const GUARD = 12;

/** e^x for a rational x, to `sig` significant digits (relative error below 10^-sig). */
export function exp(x: Q, sig: number = PRECISION): Q {
  return fastExp(x, sig) ?? referenceExp(x, sig);
}

/**
 * The defining computation of exp's digits: the Taylor series after halving, squared back. Every
 * exp result is exactly this function's result; fastExp only gets there sooner.
 */
export function referenceExp(x: Q, sig: number = PRECISION): Q {
  if (x.isZero()) return Q.ONE;
  // e^-|x| = 1 / e^|x| keeps relative precision for tiny results.
  if (x.sign() < 0) return Q.ONE.div(expPositive(x.neg(), sig + 2)).approx(sig);
  return expPositive(x, sig).approx(sig);
}

// ---- the fast path: table lookups in binary fixed point, then a check that the rounding is certain
//
// e^x = e^u · e^(k/100) · e^(j/10^4) · e^(i/10^6) · e^r with r < 10^-6: four cached factors and a
// Taylor series of a few terms (none at all for the 4-decimal net inputs of a first layer), in
// fixed point scaled by 2^FAST_BITS, where scaling is a shift, not a big division.
//
// Why the digits stay referenceExp's: expPositive's relative error is below 5·10^-(sig+11) (at most
// ~48 units of 10^-W in the series, doubled by each of the m squarings, which W's ceil(0.31m)
// extra digits pay for) and ours below 2^-(FAST_BITS-7). Both results lie in [E(1−ρ), E(1+ρ)]
// with ρ = 10^-(sig+6) + 2^-(FAST_BITS-7); when both ends of that interval round to the same
// sig-digit number, so does the reference (rounding is monotone), and we return it. Otherwise
// (a rounding boundary within ρ: about one call in ten million) the reference computes it.
const FAST_BITS = 256;
const FAST_ONE = 1n << BigInt(FAST_BITS);
const FAST_MAX_SIG = 66; // ρ must stay far below 10^-sig: 2^-249 ≈ 10^-75
const FAST_MAX_X = 100; // e^100 ≈ 10^43: results stay below 10^sig, where approx keeps a decimal grid
const MARGIN_DIGITS = 6;
const TABLE_SIG = 90;

const tables: Map<number, bigint>[] = [new Map(), new Map(), new Map(), new Map()];
const TABLE_SCALE = [1, 100, 10000, 1000000];

/** round(e^(index / scale) · 2^FAST_BITS), from the reference series at 90 digits (cached). */
function factor(level: number, index: number): bigint {
  let v = tables[level].get(index);
  if (v === undefined) {
    const e = expPositive(Q.of(BigInt(index), BigInt(TABLE_SCALE[level])), TABLE_SIG);
    v = roundDiv(e.n * FAST_ONE, e.d, "half_up");
    tables[level].set(index, v);
  }
  return v;
}

/** e^y · 2^FAST_BITS for y = n/d ≥ 0, relative error below 2^-(FAST_BITS-7). */
function expScaled(n: bigint, d: bigint): bigint {
  const q6 = (n * 1000000n) / d;
  const u = Number(q6 / 1000000n);
  const rest = Number(q6 % 1000000n);
  let e = factor(0, u);
  const k = Math.floor(rest / 10000);
  const j = Math.floor(rest / 100) % 100;
  const i = rest % 100;
  const B = BigInt(FAST_BITS);
  if (k) e = (e * factor(1, k)) >> B;
  if (j) e = (e * factor(2, j)) >> B;
  if (i) e = (e * factor(3, i)) >> B;
  const rn = n * 1000000n - q6 * d; // r = rn / (d·10^6) in [0, 10^-6)
  if (rn !== 0n) {
    const R = roundDiv(rn * FAST_ONE, d * 1000000n, "half_up");
    let sum = FAST_ONE + R;
    let term = R;
    for (let t = 2n; ; t++) {
      term = ((term * R) >> B) / t;
      if (term === 0n) break;
      sum += term;
    }
    e = (e * sum) >> B;
  }
  return e;
}

/** referenceExp's result when the fast computation proves it, else null (see above). */
export function fastExp(x: Q, sig: number = PRECISION, marginDigits: number = MARGIN_DIGITS): Q | null {
  if (x.isZero()) return Q.ONE;
  const neg = x.sign() < 0;
  const n = neg ? -x.n : x.n;
  if (sig > FAST_MAX_SIG || n > BigInt(FAST_MAX_X) * x.d) return null;
  // The reference works at sig + 2 digits for negative arguments (it divides afterwards).
  const refSig = neg ? sig + 2 : sig;
  const E = expScaled(n, x.d);
  const rho = E / pow10(Math.max(0, refSig + marginDigits)) + (E >> BigInt(FAST_BITS - 7)) + 2n;
  const lo = E - rho;
  const hi = E + rho;
  if (lo <= 0n) return null;
  const a = neg ? Q.of(FAST_ONE, hi, false).approx(sig) : Q.of(lo, FAST_ONE, false).approx(sig);
  const b = neg ? Q.of(FAST_ONE, lo, false).approx(sig) : Q.of(hi, FAST_ONE, false).approx(sig);
  return a.n === b.n && a.d === b.d ? a : null;
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
