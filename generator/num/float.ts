// exp, ln and tanh in float64 from + − × ÷ alone, which IEEE 754 fixes to the bit on every engine.
//
// Only for the draw's prefilter (generator/quality.ts): these floats reject candidate draws before
// the exact engine solves one, and never print a digit. Every digit of a key, a sheet or a grader's
// verdict comes from the exact engine (q.ts, transcendental.ts) through solve() (generator/solution.ts).
//
// Why not Math.exp: ECMAScript leaves Math.exp/log/tanh "implementation-approximated", so two
// engines (or two Node releases) may differ in the last bit. The generator's float prefilter decides
// which draws are accepted, and so which exercise a code stands for: it must not depend on the engine.

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so that k·LN2_HI is exact for |k| < 2^20
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.44269504088896338700;

/** 2^k exactly, by doubling or halving (exact in binary floating point). */
function pow2(k: number): number {
  let f = 1;
  if (k > 0) for (let i = 0; i < k; i++) f *= 2;
  else for (let i = 0; i < -k; i++) f /= 2;
  return f;
}

/** e^x to about one unit in the last place. */
export function fexp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745.2) return 0;
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO; // |r| ≤ ½ ln 2
  // Taylor series of e^r by Horner's rule: 17 terms leave less than 1e-19 for |r| ≤ 0.35.
  let p = 1;
  for (let n = 17; n >= 1; n--) p = 1 + (p * r) / n;
  return p * pow2(k);
}

/** ln x for x > 0 to about one unit in the last place. */
export function flog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  // x = m · 2^e with m in [√½, √2).
  let m = x;
  let e = 0;
  while (m >= 1.4142135623730951) {
    m /= 2;
    e++;
  }
  while (m < 0.7071067811865476) {
    m *= 2;
    e--;
  }
  // ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.1716: 12 odd terms leave less than 1e-19.
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let sum = 0;
  for (let n = 23; n >= 1; n -= 2) sum = 1 / n + s2 * sum;
  return 2 * s * sum + e * LN2_HI + e * LN2_LO;
}

/** tanh x, odd, from fexp. */
export function ftanh(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const a = Math.abs(x);
  if (a > 22) return x > 0 ? 1 : -1;
  let t: number;
  if (a < 0.1) {
    // Near 0, 1 − e^{−2a} cancels: sum the series of tanh instead (a < 0.1: 11 terms, far below 1e-17).
    const c = [1, -1 / 3, 2 / 15, -17 / 315, 62 / 2835, -1382 / 155925, 21844 / 6081075, -929569 / 638512875, 6404582 / 10854718875, -443861162 / 1856156927625, 18888466084 / 194896477400625];
    const a2 = a * a;
    let p = 0;
    for (let n = c.length - 1; n >= 0; n--) p = c[n] + a2 * p;
    t = a * p;
  } else {
    const e = fexp(-2 * a);
    t = (1 - e) / (1 + e);
  }
  return x < 0 ? -t : t;
}
