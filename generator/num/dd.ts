// Double-double numbers with a running error bound: a fast stand-in for the exact engine's inexact
// values while a key is printed, and never a source of digits of its own.
//
// Why: a classic key spends most of its time in BigInt arithmetic on 60-digit rationals, to print
// 24 significant digits and 4 decimals. A double-double (hi + lo, about 32 digits) is enough for
// those digits almost always, at a fraction of the cost. "Almost" is made exact by bookkeeping:
// every value carries `err`, an upper bound on its distance from the value the exact engine
// (q.ts, transcendental.ts) would hold at the same step, including that engine's own rounding of
// exp and ln to PRECISION digits. A digit is printed only when every number within `err` prints
// the same digit; otherwise `Uncertain` is thrown and the caller computes the exercise exactly.
// So the bytes of a key never depend on this file: it only decides how fast they come.
//
// D extends Q so that the step functions (written over Q) run unchanged; Q's methods hand a D
// operand to D (see `DD_K` in q.ts). D exists only inside `withFastNumbers`.
import { flog, pow2 } from "./float.js";
import { ln2Scaled } from "./ln2.js";
import { DD_K, PRECISION, Q, bitLength, formatScaled, pow10, trimZeros, type Rounding } from "./q.js";

/** A double-double result could not be certified: compute this exercise with the exact engine. */
export class Uncertain extends Error {
  constructor(what: string) {
    super(`uncertain in double-double: ${what}`);
    this.name = "Uncertain";
  }
}

// Bound on the relative error of one double-double + − × ÷ (the algorithms below are within about
// 2^-104; a factor of 16 to spare) and of exp (tested against the exact engine's exp to far below).
const U = 2 ** -100;
const EXP_U = 2 ** -96;
const SPLITTER = 134217729; // 2^27 + 1, Dekker's split
// Outside these magnitudes the split could overflow or lo could lose bits to underflow.
const MAX_MAG = 1e290;
const MIN_MAG = 1e-250;

let on = false;

/** Whether exp and ln answer in double-double (inside withFastNumbers). */
export function fastNumbersOn(): boolean {
  return on;
}

/** Runs f with exp and ln answering in double-double; Uncertain propagates to the caller. */
export function withFastNumbers<T>(f: () => T): T {
  if (on) return f();
  on = true;
  try {
    return f();
  } finally {
    on = false;
  }
}

// ---- error-free transformations; results in (rh, rl) to avoid allocating pairs

let rh = 0;
let rl = 0;

/** (ah + al) + (bh + bl), accurate addition (two two-sums). */
function add2(ah: number, al: number, bh: number, bl: number): void {
  let s = ah + bh;
  let v = s - ah;
  let e = ah - (s - v) + (bh - v);
  const t = al + bl;
  v = t - al;
  const f = al - (t - v) + (bl - v);
  e += t;
  let h = s + e;
  e = e - (h - s);
  s = h;
  e += f;
  h = s + e;
  rl = e - (h - s);
  rh = h;
}

/** (ah + al) · (bh + bl). */
function mul2(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  let t = SPLITTER * ah;
  const ahh = t - (t - ah);
  const ahl = ah - ahh;
  t = SPLITTER * bh;
  const bhh = t - (t - bh);
  const bhl = bh - bhh;
  let e = ahh * bhh - p + ahh * bhl + ahl * bhh + ahl * bhl;
  e += ah * bl + al * bh;
  const h = p + e;
  rl = e - (h - p);
  rh = h;
}

/** (ah + al) / (bh + bl): three quotient digits. */
function div2(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  mul2(bh, bl, q1, 0);
  add2(ah, al, -rh, -rl);
  const q2 = rh / bh;
  const r1h = rh;
  const r1l = rl;
  mul2(bh, bl, q2, 0);
  add2(r1h, r1l, -rh, -rl);
  const q3 = rh / bh;
  const s = q1 + q2;
  const e = q2 - (s - q1);
  add2(s, e, q3, 0);
}

// ---- constants, computed once by the exact engine

/** Nearest double-double of a rational, with a bound on the conversion error. */
function fromRational(n: bigint, d: bigint): D {
  if (n === 0n) return new D(0, 0, 0);
  // ~110 significant bits of n/d, truncated: an error below one unit of 2^-s.
  const s = 110 - (bitLength(n) - bitLength(d));
  const N = s >= 0 ? (n << BigInt(s)) / d : n / (d << BigInt(-s));
  const h = Number(N);
  const l = Number(N - BigInt(h));
  const scale = pow2(-s);
  const hi = h * scale;
  const lo = l * scale;
  return new D(hi + lo, lo - (hi + lo - hi), Math.abs(hi) * U + scale * 2);
}

const F10: number[] = [];
for (let k = 0, p = 1; k <= 22; k++, p *= 10) F10.push(p); // 10^k is exact in a double up to 10^22

/** 10^p as a double-double (exact for 0 ≤ p ≤ 22, else within 2^-106 relative). */
const TENS = new Map<number, D>();
function ten(p: number): D {
  let v = TENS.get(p);
  if (v === undefined) {
    v = p >= 0 && p <= 22 ? new D(F10[p], 0, 0) : p > 0 ? fromRational(pow10(p), 1n) : fromRational(1n, pow10(-p));
    TENS.set(p, v);
  }
  return v;
}

let LN2: D | undefined;
let INV_FACT: D[] | undefined;
const TAYLOR_TERMS = 10; // expm1(s) = s + s²/2! + … + s^10/10!, |s| ≤ ln2/2048: the rest < 1e-40
const HALVINGS = 10;

function constants(): { ln2: D; invFact: D[] } {
  if (!LN2 || !INV_FACT) {
    LN2 = fromRational(ln2Scaled(45), pow10(45));
    const facts: D[] = [];
    let f = 1n;
    for (let n = 1; n <= TAYLOR_TERMS; n++) {
      f *= BigInt(n);
      facts.push(fromRational(1n, f));
    }
    INV_FACT = facts;
  }
  return { ln2: LN2, invFact: INV_FACT };
}

/** e^(xh + xl) in double-double, relative error below EXP_U for |x| ≤ 700. Result in (rh, rl). */
function exp2(xh: number, xl: number): void {
  const { ln2, invFact } = constants();
  const k = Math.round(xh / ln2.hi);
  mul2(ln2.hi, ln2.lo, k, 0);
  add2(xh, xl, -rh, -rl); // r = x − k ln 2, |r| ≤ ½ ln 2 (and a little)
  const sh = rh / 2 ** HALVINGS; // exact: a power of two
  const sl = rl / 2 ** HALVINGS;
  // expm1(s) by Horner: t = s + s·s·(1/2! + s·(1/3! + …)).
  let ah = invFact[TAYLOR_TERMS - 1].hi;
  let al = invFact[TAYLOR_TERMS - 1].lo;
  for (let n = TAYLOR_TERMS - 2; n >= 1; n--) {
    mul2(ah, al, sh, sl);
    add2(rh, rl, invFact[n].hi, invFact[n].lo);
    ah = rh;
    al = rl;
  }
  mul2(ah, al, sh, sl);
  mul2(rh, rl, sh, sl);
  add2(rh, rl, sh, sl);
  // Square back: expm1(2s) = t·(t + 2), which keeps the relative precision of small t.
  for (let i = 0; i < HALVINGS; i++) {
    const th = rh;
    const tl = rl;
    add2(th, tl, 2, 0);
    mul2(th, tl, rh, rl);
  }
  add2(rh, rl, 1, 0);
  const scale = pow2(k);
  rh *= scale;
  rl *= scale;
}

/** 10^(1 − sig): the exact engine's relative rounding when it keeps `sig` significant digits (cached). */
const ROUNDING_UNITS = new Map<number, number>();
function roundingUnit(sig: number): number {
  let u = ROUNDING_UNITS.get(sig);
  if (u === undefined) ROUNDING_UNITS.set(sig, (u = 10 ** (1 - sig)));
  return u;
}

/** Relative deviation of the exact engine's transcendental results from the true values (generous). */
function referenceError(sig: number): number {
  return 4 * roundingUnit(sig);
}

// ---- the number

/**
 * An inexact value hi + lo (|lo| ≤ ulp(hi)/2) that stands within `err` of the exact engine's value.
 * Every Q method is overridden: the inherited n and d are placeholders, never read.
 */
export class D extends Q {
  readonly hi: number;
  readonly lo: number;
  readonly err: number;

  constructor(hi: number, lo: number, err: number) {
    super(0n, 1n, false, DD_K);
    const a = Math.abs(hi);
    // Far outside the range of an exercise, or with a bound that leaves no digit to print: give up early.
    if (!(a < MAX_MAG) || (a < MIN_MAG && hi !== 0) || !(err < 1e-6 * a || err === 0 || (hi === 0 && err < 1e-20))) {
      throw new Uncertain(`value ${hi} with error ${err}`);
    }
    this.hi = hi;
    this.lo = lo;
    this.err = err;
  }

  /** A Q (exact or not) as a double-double: decimals on a short grid convert without BigInt. */
  static from(q: Q): D {
    if (q.k === DD_K) return q as D;
    // Givens and constants (W, x, η, 1) come up in many steps: convert each once.
    return (q.ddMemo ??= D.convert(q)) as D;
  }

  private static convert(q: Q): D {
    const n = q.n;
    if (q.k >= 0 && q.k <= 22 && n < 9007199254740992n && n > -9007199254740992n) {
      const nf = Number(n);
      const df = F10[q.k];
      const hi = nf / df;
      mul2(hi, 0, df, 0); // hi·10^k exactly, as a pair
      const lo = (nf - rh - rl) / df;
      const h = hi + lo;
      return new D(h, lo - (h - hi), Math.abs(h) * U);
    }
    return fromRational(n, q.d);
  }

  private abs1(): number {
    return Math.abs(this.hi) + Math.abs(this.lo);
  }

  /** Exactly zero, as the exact engine knows it (0 times anything, v − v): no error at all. */
  private isExactZero(): boolean {
    return this.hi === 0 && this.err === 0;
  }

  override add(o: Q): Q {
    // Adding an exact zero changes nothing in the exact engine: keep the other value as it is (a Q
    // stays a Q, marked inexact as the engine marks it), so its digits are not blurred by a conversion.
    if (this.isExactZero()) return o.k === DD_K ? o : o.inexact();
    if (o.k === DD_K ? (o as D).isExactZero() : o.isZero()) return this;
    const b = D.from(o);
    add2(this.hi, this.lo, b.hi, b.lo);
    return new D(rh, rl, this.err + b.err + (this.abs1() + b.abs1()) * U);
  }
  override sub(o: Q): Q {
    // v − v is exactly 0 in the exact engine too (softmax subtracts the largest z from itself).
    if (o === this) return new D(0, 0, 0);
    return this.add(o.neg());
  }
  override mul(o: Q): D {
    if (this.isExactZero() || (o.k === DD_K ? (o as D).isExactZero() : o.isZero())) return new D(0, 0, 0);
    const b = D.from(o);
    mul2(this.hi, this.lo, b.hi, b.lo);
    const err = this.abs1() * b.err + b.abs1() * this.err + this.err * b.err + Math.abs(rh) * U;
    return new D(rh, rl, err);
  }
  override div(o: Q): D {
    const b = D.from(o);
    if (this.isExactZero() && b.sign() !== 0) return this;
    const bAbs = Math.abs(b.hi) - Math.abs(b.lo);
    if (!(bAbs > 2 * b.err) || b.hi === 0) throw new Uncertain("division by a number that may be zero");
    div2(this.hi, this.lo, b.hi, b.lo);
    const q = Math.abs(rh) + Math.abs(rl);
    const err = (this.err + q * b.err) / (bAbs - b.err) + q * U;
    return new D(rh, rl, err * (1 + 1e-12));
  }
  override divFrom(a: Q): D {
    return D.from(a).div(this);
  }
  override neg(): D {
    return new D(-this.hi, -this.lo, this.err);
  }
  override abs(): D {
    return this.hi < 0 ? this.neg() : this;
  }
  /** The sign of the exact engine's value, when certain. */
  override sign(): -1 | 0 | 1 {
    if (this.isExactZero()) return 0;
    if (Math.abs(this.hi) - Math.abs(this.lo) > this.err * (1 + 1e-12)) return this.hi < 0 ? -1 : 1;
    throw new Uncertain("sign of a number close to zero");
  }
  override isZero(): boolean {
    return this.sign() === 0;
  }
  override cmp(o: Q): -1 | 0 | 1 {
    if (o === this) return 0;
    const b = D.from(o);
    add2(this.hi, this.lo, -b.hi, -b.lo); // the difference, compared with its bound (no allocation)
    const margin = (this.err + b.err + (this.abs1() + b.abs1()) * U) * (1 + 1e-12);
    if (Math.abs(rh) - Math.abs(rl) > margin) return rh < 0 ? -1 : 1;
    if (rh === 0 && margin === 0) return 0;
    throw new Uncertain("comparison of two numbers that may be equal");
  }
  override inexact(): D {
    return this;
  }
  override markExact(): Q {
    throw new Uncertain("a double-double cannot be taken as exact");
  }
  override reduced(): Q {
    throw new Uncertain("a double-double has no fraction form");
  }
  /** The exact engine rounds to `sig` significant digits here: widen the bound by that rounding. */
  override approx(sig: number = PRECISION): D {
    if (this.isExactZero()) return this;
    const err = this.err + (this.abs1() + this.err) * roundingUnit(sig);
    // Usually the widening (~10^-50 relative) is below the last bit of a bound of ~10^-31: same bound.
    return err === this.err ? this : new D(this.hi, this.lo, err);
  }
  override toNumber(): number {
    return this.hi + this.lo;
  }

  /**
   * round(|v| · 10^places) half up, with v's sign, when no number within err sits on a different side
   * of a rounding boundary (a half); the mode then does not matter.
   */
  private scaledRound(places: number): bigint {
    if (this.isExactZero()) return 0n;
    const p = ten(places);
    mul2(Math.abs(this.hi), this.hi < 0 ? -this.lo : this.lo, p.hi, p.lo);
    const sh = rh;
    const sl = rl;
    const errS = this.err * (p.hi + Math.abs(p.lo)) + (Math.abs(sh) + p.err * this.abs1()) * U * 2;
    let base: number;
    let frac: number;
    let big: bigint;
    if (sh >= 4503599627370496) {
      // 2^52 and beyond: sh is a whole number and the fraction lives in sl.
      base = Math.floor(sl);
      frac = sl - base;
      big = BigInt(sh) + BigInt(base);
    } else {
      base = Math.floor(sh);
      frac = sh - base + sl; // in (−¼, 1¼); one rounding, covered by the 2^-50 below
      big = BigInt(base);
    }
    if (Math.abs(frac - 0.5) <= errS + 2 ** -50) throw new Uncertain("a value next to a rounding boundary");
    const up = frac > 0.5 ? big + 1n : big;
    return this.hi < 0 ? -up : up;
  }

  /** floor(log10 |v|) + 1, when no number within err is on the other side of a power of ten. */
  private magnitude(): number {
    const a = this.abs1();
    if (!(a > this.err * 2)) throw new Uncertain("magnitude of a number close to zero");
    let e = Math.floor(Math.log10(a)) + 1;
    // Settle e against 10^(e−1) ≤ |v| < 10^e in double-double; the float logarithm only guesses.
    const h = Math.abs(this.hi);
    const l = this.hi < 0 ? -this.lo : this.lo;
    for (let tries = 0; tries < 4; tries++) {
      const below = this.side(h, l, ten(e - 1));
      const above = this.side(h, l, ten(e));
      if (below >= 0 && above < 0) return e;
      e += above >= 0 ? 1 : -1;
    }
    throw new Uncertain("magnitude not settled");
  }

  /** Sign of |v| − t for every number within err of |v|, or Uncertain. */
  private side(h: number, l: number, t: D): -1 | 1 {
    add2(h, l, -t.hi, -t.lo);
    const margin = this.err + t.err + (h + t.hi) * U;
    if (rh > margin) return 1;
    if (rh < -margin) return -1;
    throw new Uncertain("a value next to a power of ten");
  }

  override round(decimals: number, _mode: Rounding = "half_up"): Q {
    return Q.scaled(this.scaledRound(decimals), decimals, false);
  }
  override toFixed(decimals: number, _mode: Rounding = "half_up"): string {
    return formatScaled(this.scaledRound(decimals), decimals);
  }
  /** As Q.toPlain for an inexact value: `sig` significant digits counted from v's magnitude. */
  override toPlain(sig = 24): string {
    if (this.isExactZero()) return "0";
    const places = Math.max(0, sig - this.magnitude());
    return trimZeros(this.toFixed(places));
  }
  override toString(): string {
    return this.toPlain();
  }

  /** e^x for x a D or a Q (an exact one among them), standing for the exact engine's exp(x, sig). */
  static exp(x: Q, sig: number = PRECISION): Q {
    if (x.k !== DD_K && x.isZero()) return Q.ONE;
    const a = D.from(x);
    if (a.isExactZero()) return Q.ONE;
    if (x.k === DD_K) a.sign(); // the exact engine answers an exact 1 for a zero argument: be sure it is not one
    if (!(Math.abs(a.hi) <= 700)) throw new Uncertain("exp of a large argument");
    exp2(a.hi, a.lo);
    const v = Math.abs(rh);
    // e^(x ± err) = e^x · (1 ± (e^err − 1)), and e^err − 1 ≤ err·(1 + err) for err < 1.
    const err = v * (EXP_U + a.err * (1 + a.err) * (1 + EXP_U) + referenceError(sig));
    return new D(rh, rl, err * (1 + 1e-12));
  }

  /** ln x for x > 0, standing for the exact engine's ln(x, sig): Newton's method on exp, twice. */
  static ln(x: Q, sig: number = PRECISION): Q {
    const a = D.from(x);
    const lowest = Math.abs(a.hi) - Math.abs(a.lo) - a.err;
    if (!(a.hi > 0 && lowest > 0)) throw new Uncertain("ln of a number that may not be positive");
    if (x.k !== DD_K && x.eq(Q.ONE)) return Q.ZERO;
    if (x.k === DD_K) a.cmp(Q.ONE); // certain to differ from 1, as the exact engine's test needs
    // y ← y + x·e^(−y) − 1 from a float start; the first step's residual measures the start's error δ,
    // the second leaves δ²/2 plus the rounding of one exp.
    let yh = flog(a.hi);
    let yl = 0;
    let residual = 0;
    for (let step = 0; step < 2; step++) {
      exp2(-yh, -yl);
      mul2(rh, rl, a.hi, a.lo);
      add2(rh, rl, -1, 0);
      if (step === 0) residual = Math.abs(rh);
      add2(yh, yl, rh, rl);
      yh = rh;
      yl = rl;
    }
    if (!(residual < 1e-10)) throw new Uncertain("ln start too far off");
    const y = Math.abs(yh);
    const err =
      (a.err / lowest) * (1 + 1e-12) + // the argument's own error
      EXP_U * 2 + // the second exp and the product with x (relative to x·e^(−y) ≈ 1)
      residual * residual + // Newton after the first step: δ₁ ≤ δ₀²/2·(1 + δ₀)
      (y + 1) * (U * 4 + referenceError(sig));
    return new D(yh, yl, err);
  }
}
