// Exact rational numbers over BigInt for the reference solver: no floats, no eager gcd.
//
// Why not fraction.js on the hot path: fraction.js normalises every result with a gcd, which
// costs microseconds per operation on the 100–500-bit numbers a key produces. Our denominators
// are almost always powers of ten (inputs are decimals, transcendental results are rounded to a
// power-of-ten grid), so sums of same-grid numbers need no cross-multiplication and no gcd.
// fraction.js remains the parser for what people type and the independent check in tests.

export type Rounding = "half_up" | "half_even";

/** Significant digits kept for every transcendental result (exp, ln, and what divides by them). */
export const PRECISION = 50;

const TEN = 10n;
const POW10: bigint[] = [1n];
export function pow10(k: number): bigint {
  while (POW10.length <= k) POW10.push(POW10[POW10.length - 1] * TEN);
  return POW10[k];
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

export function bitLength(x: bigint): number {
  return (x < 0n ? -x : x).toString(16).length * 4;
}

/** Number of decimal digits of |x| (0 has 1). */
export function digitCount(x: bigint): number {
  return digitsOf(abs(x));
}

/**
 * Whether floor(l) = fl is certain for l = log10 of a float that is within a few units in the last
 * place of the exact value: Number() of a BigInt and one IEEE division round correctly and log10
 * errs below an ulp, so l is within 1e-14 of the exact logarithm; 1e-9 from an integer is far enough.
 */
function clearOfInteger(l: number, fl: number): boolean {
  return l - fl > 1e-9 && fl + 1 - l > 1e-9;
}

/**
 * Digits of a ≥ 0 without printing it: a float estimate of log10 (Number() reads the top bits),
 * settled by exact comparisons with powers of ten. Printing a 60-digit number to count its digits
 * cost more than all the arithmetic around it.
 */
function digitsOf(a: bigint): number {
  const f = Number(a);
  if (!(f < 1e300)) return a.toString().length;
  if (f < 10) return 1;
  const l = Math.log10(f);
  const fl = Math.floor(l);
  if (clearOfInteger(l, fl)) return fl + 1;
  let e = fl + 1;
  while (a >= pow10(e)) e++;
  while (e > 1 && a < pow10(e - 1)) e--;
  return e;
}

// Denominators past this many bits are reduced by their gcd with the numerator.
const REDUCE_BITS = 4096n;
const REDUCE_LIMIT = 1n << REDUCE_BITS;

/**
 * An immutable rational n/d (d > 0). `exact` is false once a transcendental result
 * (rounded to PRECISION digits) went into it, so printers know which digits are certain.
 */
export class Q {
  readonly n: bigint;
  readonly d: bigint;
  readonly exact: boolean;
  /** k when d = 10^k (the common case: decimals and rounded results), else -1. */
  readonly k: number;

  private constructor(n: bigint, d: bigint, exact: boolean, k = -1) {
    this.n = n;
    this.d = d;
    this.exact = exact;
    this.k = k;
  }

  /** n / 10^k without any check: the fast path for numbers on a decimal grid. */
  static scaled(n: bigint, k: number, exact: boolean): Q {
    return new Q(n, pow10(k), exact, k);
  }

  static of(n: bigint, d: bigint = 1n, exact = true): Q {
    if (d === 0n) throw new RangeError("division by zero");
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    if (d > REDUCE_LIMIT) {
      const g = gcd(n, d);
      if (g > 1n) {
        n /= g;
        d /= g;
      }
    }
    return new Q(n, d, exact, d === 1n ? 0 : -1);
  }

  static int(k: number | bigint): Q {
    return new Q(BigInt(k), 1n, true, 0);
  }

  /** Parses a plain decimal string such as "-0.05", "3", ".5" or "1e-3" exactly. */
  static dec(s: string): Q {
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
    if (!m || (m[2] === "" && (m[3] === undefined || m[3] === ""))) {
      throw new SyntaxError(`not a decimal number: "${s}"`);
    }
    const frac = m[3] ?? "";
    let n = BigInt((m[2] || "0") + frac);
    let scale = frac.length - (m[4] ? Number(m[4]) : 0);
    if (m[1] === "-") n = -n;
    if (scale >= 0) return Q.scaled(n, scale, true);
    return new Q(n * pow10(-scale), 1n, true, 0);
  }

  static readonly ZERO = new Q(0n, 1n, true, 0);
  static readonly ONE = new Q(1n, 1n, true, 0);

  add(o: Q): Q {
    const exact = this.exact && o.exact;
    if (this.k >= 0 && o.k >= 0) {
      // Same decimal grid after scaling the coarser one: no cross-multiplication, no growth.
      if (this.k === o.k) return new Q(this.n + o.n, this.d, exact, this.k);
      if (this.k > o.k) return new Q(this.n + o.n * pow10(this.k - o.k), this.d, exact, this.k);
      return new Q(this.n * pow10(o.k - this.k) + o.n, o.d, exact, o.k);
    }
    if (this.d === o.d) return Q.of(this.n + o.n, this.d, exact);
    return Q.of(this.n * o.d + o.n * this.d, this.d * o.d, exact);
  }
  sub(o: Q): Q {
    return this.add(o.neg());
  }
  mul(o: Q): Q {
    const exact = this.exact && o.exact;
    if (this.k >= 0 && o.k >= 0) return new Q(this.n * o.n, this.d * o.d, exact, this.k + o.k);
    return Q.of(this.n * o.n, this.d * o.d, exact);
  }
  /** Exact quotient. The caller rounds (approx) where the quotient is of a transcendental value. */
  div(o: Q): Q {
    if (o.n === 0n) throw new RangeError("division by zero");
    return Q.of(this.n * o.d, this.d * o.n, this.exact && o.exact);
  }
  neg(): Q {
    return new Q(-this.n, this.d, this.exact, this.k);
  }
  abs(): Q {
    return this.n < 0n ? this.neg() : this;
  }
  sign(): -1 | 0 | 1 {
    return this.n < 0n ? -1 : this.n > 0n ? 1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  cmp(o: Q): -1 | 0 | 1 {
    const l = this.n * o.d;
    const r = o.n * this.d;
    return l < r ? -1 : l > r ? 1 : 0;
  }
  eq(o: Q): boolean {
    return this.cmp(o) === 0;
  }
  lt(o: Q): boolean {
    return this.cmp(o) < 0;
  }
  gt(o: Q): boolean {
    return this.cmp(o) > 0;
  }
  /** The same value, marked inexact (for results that stand for a transcendental one). */
  inexact(): Q {
    return this.exact ? new Q(this.n, this.d, false, this.k) : this;
  }
  /** The same value taken as exact (a rounded number that a person writes down and carries on). */
  markExact(): Q {
    return this.exact ? this : new Q(this.n, this.d, true, this.k);
  }
  /** Fully reduced form (gcd); used for printing and for tests, not on the hot path. */
  reduced(): Q {
    const g = gcd(this.n, this.d);
    return g > 1n ? new Q(this.n / g, this.d / g, this.exact) : this;
  }

  /** Rounded to `decimals` places as a new Q on the 10^-decimals grid (exactness kept). */
  round(decimals: number, mode: Rounding = "half_up"): Q {
    if (this.k >= 0 && this.k <= decimals) return this;
    if (this.k > decimals) return Q.scaled(roundDiv(this.n, pow10(this.k - decimals), mode), decimals, this.exact);
    return Q.scaled(roundDiv(this.n * pow10(decimals), this.d, mode), decimals, this.exact);
  }

  /**
   * Rounded to `sig` significant digits (half-up), on a power-of-ten grid: the bounded form of
   * a value computed from exp or ln. Always inexact.
   */
  approx(sig: number = PRECISION): Q {
    if (this.n === 0n) return new Q(0n, 1n, false, 0);
    if (this.k >= 0) {
      // On a decimal grid: digits(n) − k digits before the point, so the value already has at most
      // sig significant digits exactly when n has at most sig digits; otherwise drop the extra ones.
      const extra = digitsOf(abs(this.n)) - sig;
      if (extra <= 0) return this.exact ? new Q(this.n, this.d, false, this.k) : this;
      const q = roundDiv(this.n, pow10(extra), "half_up");
      return extra <= this.k ? Q.scaled(q, this.k - extra, false) : new Q(q * pow10(extra - this.k), 1n, false, 0);
    }
    // e = number of digits before the point (can be <= 0): choose scale so that sig digits remain.
    const e = magnitude(this);
    const scale = sig - e;
    if (scale >= 0) {
      // Already on a grid no finer than asked: nothing to round.
      if (this.k >= 0 && this.k <= scale) return this.exact ? new Q(this.n, this.d, false, this.k) : this;
      return Q.scaled(roundDiv(this.n * pow10(scale), this.d, "half_up"), scale, false);
    }
    const unit = pow10(-scale);
    return new Q(roundDiv(this.n, this.d * unit, "half_up") * unit, 1n, false, 0);
  }

  /** Exactly `decimals` decimals, as a sheet prints it; never "-0.00". */
  toFixed(decimals: number, mode: Rounding = "half_up"): string {
    // On a decimal grid: pad with zeros, or divide by the power of ten that drops the extra places.
    const scaled =
      this.k < 0 ? roundDiv(this.n * pow10(decimals), this.d, mode)
      : this.k <= decimals ? this.n * pow10(decimals - this.k)
      : roundDiv(this.n, pow10(this.k - decimals), mode);
    return formatScaled(scaled, decimals);
  }

  /**
   * Plain decimal notation (no exponent). Exact terminating values print all their digits;
   * everything else prints `sig` significant digits.
   */
  toPlain(sig = 24): string {
    if (this.n === 0n) return "0";
    if (this.exact) {
      // On a decimal grid the digits are already there: n / 10^k, trailing zeros trimmed (no gcd).
      if (this.k >= 0 && this.k <= 80) return trimZeros(formatScaled(this.n, this.k));
      const places = terminatingPlaces(this);
      if (places !== null && places <= 80) {
        return trimZeros(formatScaled((this.n * pow10(places)) / this.d, places));
      }
    }
    const e = magnitude(this);
    const places = Math.max(0, sig - e);
    return trimZeros(this.toFixed(places));
  }

  /** Nearest double (to ~1e-15), for plausibility checks and float prefilters only, never for keys. */
  toNumber(): number {
    // Drop low bits of both parts instead of reducing by a gcd: a float keeps 53 bits anyway.
    const bits = Math.max(bitLength(this.n), bitLength(this.d));
    const shift = BigInt(Math.max(0, bits - 1000));
    return Number(this.n >> shift) / Number(this.d >> shift);
  }

  toString(): string {
    return this.toPlain();
  }
}

/** floor(log10|q|) + 1: the count of digits before the point (≤ 0 for |q| < 1). Not for q = 0. */
export function magnitude(q: Q): number {
  const n = abs(q.n);
  const d = q.d;
  if (q.k >= 0) return digitsOf(n) - q.k;
  // A float estimate (no decimal conversion of the big numbers), then exact comparisons settle
  // it: 10^(e-1) <= n/d < 10^e.
  let e: number;
  const fn = Number(n);
  const fd = Number(d);
  if (fn < 1e300 && fd < 1e300) {
    const l = Math.log10(fn / fd);
    const fl = Math.floor(l);
    if (clearOfInteger(l, fl)) return fl + 1;
    e = fl + 1;
  } else {
    const bn = bitLength(n);
    const bd = bitLength(d);
    const sn = BigInt(Math.max(0, Math.max(bn, bd) - 900));
    const ratio = Number(n >> sn) / Number(d >> sn);
    e = ratio > 0 && Number.isFinite(ratio) ? Math.floor(Math.log10(ratio)) + 1 : Math.round((bn - bd) * 0.30103) + 1;
  }
  const atLeast = (k: number) => (k >= 0 ? n >= d * pow10(k) : n * pow10(-k) >= d); // n/d >= 10^k
  while (atLeast(e)) e += 1;
  while (!atLeast(e - 1)) e -= 1;
  return e;
}

/** n/d rounded to an integer, ties by mode, symmetric in sign (四舍五入 rounds -2.5 to -3). */
export function roundDiv(n: bigint, d: bigint, mode: Rounding): bigint {
  const neg = n < 0n !== d < 0n;
  const an = abs(n);
  const ad = abs(d);
  let q = an / ad;
  const r2 = (an - q * ad) * 2n; // a product is cheaper than a second division
  if (r2 > ad || (r2 === ad && (mode === "half_up" || q % 2n === 1n))) q += 1n;
  return neg ? -q : q;
}

export function formatScaled(scaled: bigint, decimals: number): string {
  return formatDigits(scaled < 0n, abs(scaled).toString(), decimals);
}

/** |n| · 10^-decimals from the digits of |n| (no leading zeros), with a point and a sign (none for zero). */
export function formatDigits(neg: boolean, digits: string, decimals: number): string {
  let s = digits;
  if (decimals > 0) {
    s = s.padStart(decimals + 1, "0");
    s = s.slice(0, s.length - decimals) + "." + s.slice(s.length - decimals);
  }
  return neg && digits !== "0" ? "-" + s : s;
}

export function trimZeros(s: string): string {
  if (!s.includes(".")) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  s = s.slice(0, end);
  return s === "-0" ? "0" : s;
}

/** Decimal places needed to write q exactly, or null when its expansion does not terminate. */
function terminatingPlaces(q: Q): number | null {
  let d = q.reduced().d;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) {
    d /= 2n;
    twos++;
  }
  while (d % 5n === 0n) {
    d /= 5n;
    fives++;
  }
  return d === 1n ? Math.max(twos, fives) : null;
}
