// Reading what a student typed into one answer box: a number, nothing, or what was not understood. Never throws.
import Fraction from "fraction.js";
import { Q } from "../generator/num/q.js";

/** Why an answer could not be read; each has a sentence in the zh and en catalogues. */
export type InvalidReason =
  | "not_a_number"
  | "ambiguous_comma"
  | "too_long"
  | "exponent_too_large"
  | "division_by_zero"
  | "not_text";

export type Parsed =
  | {
      readonly kind: "ok";
      readonly value: Q;
      /** Decimal places the student wrote (5.933e-1 has 4); null for a fraction, which is exact. */
      readonly decimalsGiven: number | null;
    }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly reason: InvalidReason; readonly part: string };

/** Longer answers are refused before any work is done on them (no digit string can hang us). */
export const MAX_LENGTH = 100;
/** |exponent| above this is refused: no step of a hand exercise is 10^100, and 10^1e9 would never finish. */
export const MAX_EXPONENT = 100;

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,6}))?$/;
const FRACTION = /^([+-]?)(\d+) *\/ *(\d+)$/;

const invalid = (reason: InvalidReason, part: string): Parsed => ({ kind: "invalid", reason, part: clip(part) });

/** What the report echoes back of a bad answer: short enough for one line. */
export function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 40) + "…" : s;
}

/** Reads one answer: a JSON value from a submission (normally a string). */
export function parseAnswer(raw: unknown): Parsed {
  if (raw === undefined || raw === null) return { kind: "missing" };
  if (typeof raw === "number") {
    // A JSON number: its shortest round-trip spelling is what the student meant.
    if (!Number.isFinite(raw)) return invalid("not_a_number", String(raw));
    return parseText(String(raw));
  }
  if (typeof raw !== "string") return invalid("not_text", Array.isArray(raw) ? "[…]" : typeof raw === "object" ? "{…}" : String(raw));
  return parseText(raw);
}

function parseText(raw: string): Parsed {
  if (raw.length > MAX_LENGTH * 4) return invalid("too_long", raw);
  // NFKC folds full-width digits, point, comma, minus and spaces (０．５９３３, －, ，, U+3000) to ASCII.
  // 。 (the ideographic full stop a Chinese IME types for ".") is a decimal point: 0。7625 is 0.7625.
  let s = raw.normalize("NFKC").replace(/[\u2212\u2012\u2013\uFE63]/g, "-").replace(/[\u3002\uFF61]/g, ".").trim();
  if (s === "") return { kind: "missing" };
  if (s.length > MAX_LENGTH) return invalid("too_long", raw.trim());
  s = s.replace(/E/g, "e").replace(/^([+-]) +/, "$1");

  const f = FRACTION.exec(s);
  if (f) return fraction(s, f[3]);

  if (s.includes(",")) {
    const c = decimalComma(s);
    if (c.kind !== "ok") return c.kind === "ambiguous" ? invalid("ambiguous_comma", raw.trim()) : invalid("not_a_number", raw.trim());
    s = c.text;
  }

  const m = DECIMAL.exec(s);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return invalid("not_a_number", firstBad(raw.trim()));
  const exp = m[4] === undefined ? 0 : Number(m[4]);
  if (Math.abs(exp) > MAX_EXPONENT) return invalid("exponent_too_large", raw.trim());
  const frac = m[3] ?? "";
  return { kind: "ok", value: Q.dec(s), decimalsGiven: Math.max(0, frac.length - exp) };
}

function fraction(s: string, den: string): Parsed {
  if (/^0+$/.test(den)) return invalid("division_by_zero", s);
  const fr = new Fraction(s.replace(/ /g, ""));
  return { kind: "ok", value: Q.of(fr.s * fr.n, fr.d), decimalsGiven: null };
}

/**
 * One comma and no point is a decimal comma ("0,5933") unless it could be a thousands separator:
 * exactly three digits after it and a non-zero integer part before it ("1,234").
 */
function decimalComma(s: string): { kind: "ok"; text: string } | { kind: "ambiguous" } | { kind: "bad" } {
  const m = /^([+-]?)(\d+),(\d+)((?:e[+-]?\d+)?)$/.exec(s);
  if (!m || s.includes(".")) return { kind: "bad" };
  if (m[3].length === 3 && !/^0+$/.test(m[2])) return { kind: "ambiguous" };
  return { kind: "ok", text: `${m[1]}${m[2]}.${m[3]}${m[4]}` };
}

/** The answer from its first character that cannot belong to a number, so the report can point at it. */
function firstBad(s: string): string {
  const n = s.normalize("NFKC");
  const i = n.search(/[^0-9+\-.,eE\/ \u2212]/);
  return i <= 0 ? s : n.slice(i);
}
