// The one number formatter for everything a person reads: decimal strings in, typographic minus out.

/** A decimal string as printed: "-0.35" → "−0.35" (U+2212), otherwise unchanged, so printed digits are graded digits. */
export function formatNumber(s: string): string {
  const v = s.trim();
  return v.startsWith("-") ? `\u2212${v.slice(1)}` : v.startsWith("+") ? v.slice(1) : v;
}
