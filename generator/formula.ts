// Formulas as data: a small expression tree each op and each label writes once, and its two renderers,
// LaTeX (KaTeX: HTML sheets, the site, the key's JSON and Markdown) and Typst math (the print engine).
// Nothing here translates one math syntax into the other: both are read off the same tree.

/** A Greek letter or symbol known to both renderers. */
export type SymbolName = "sigma" | "eta" | "alpha" | "beta" | "gamma" | "delta" | "theta" | "partial" | "ldots" | "Delta";
/** A named function written upright (\ln, \exp, \max, \tanh) or as an operator name (softmax). */
export type FunctionName = "ln" | "exp" | "max" | "tanh" | "softmax";
/** Binary operators and relations; `tight` ones print without spaces in LaTeX (1+e^{-z}). */
export type OpName = "+" | "-" | "cdot" | "=" | "approx" | ">" | "?" | ":" | ",";
export type SpaceName = "thin" | "med" | "quad" | "word";

export type Formula =
  /** A decimal as printed ("-0.3125"); a negative one is parenthesised where an operator or a script would touch it. */
  | { readonly k: "num"; readonly v: string }
  /** A letter, digits or bracket text written as it is ("w", "11", "[1]", "(2)"). */
  | { readonly k: "text"; readonly v: string }
  /** A Greek letter or symbol. */
  | { readonly k: "sym"; readonly name: SymbolName }
  /** A word in italic (net, out, target, total) or upright (softmax). */
  | { readonly k: "word"; readonly v: string; readonly upright?: boolean }
  | { readonly k: "op"; readonly op: OpName; readonly tight?: boolean }
  | { readonly k: "space"; readonly w: SpaceName }
  | { readonly k: "row"; readonly items: readonly Formula[] }
  /** A base with a prime, superscript and subscript; `group` braces the base ({W'}^{[1]}, {a}^2). */
  | { readonly k: "script"; readonly base: Formula; readonly sup?: Formula; readonly sub?: Formula; readonly prime?: boolean; readonly group?: boolean; readonly subFirst?: boolean }
  | { readonly k: "hat"; readonly body: Formula }
  | { readonly k: "bb1" }
  | { readonly k: "frac"; readonly num: Formula; readonly den: Formula; readonly size?: "t" | "d" }
  /** (…), [...] or \left[…\right] / \left(…\right) */
  | { readonly k: "group"; readonly body: Formula; readonly bracket: "(" | "["; readonly grow?: boolean }
  /** f(a, b): a named function or a symbol applied to arguments in parentheses; `bare`: \ln a. */
  | { readonly k: "call"; readonly f: FunctionName | SymbolName; readonly args: readonly Formula[]; readonly bare?: boolean }
  /** Σ_s body */
  | { readonly k: "sum"; readonly under: Formula; readonly body: Formula }
  /** body|_{at}: evaluated at (E|_{W', b'}). */
  | { readonly k: "at"; readonly body: Formula; readonly at: Formula };

// ---------------------------------------------------------------- constructors

export const num = (v: string): Formula => ({ k: "num", v });
export const text = (v: string | number): Formula => ({ k: "text", v: String(v) });
export const sym = (name: SymbolName): Formula => ({ k: "sym", name });
export const word = (v: string, upright = false): Formula => (upright ? { k: "word", v, upright } : { k: "word", v });
export const op = (o: OpName, tight = false): Formula => (tight ? { k: "op", op: o, tight } : { k: "op", op: o });
export const space = (w: SpaceName): Formula => ({ k: "space", w });
export const row = (...items: readonly Formula[]): Formula => ({ k: "row", items });
export const frac = (n: Formula, d: Formula, size?: "t" | "d"): Formula => (size ? { k: "frac", num: n, den: d, size } : { k: "frac", num: n, den: d });
export const paren = (body: Formula, grow = false): Formula => ({ k: "group", body, bracket: "(", grow });
export const brackets = (body: Formula, grow = false): Formula => ({ k: "group", body, bracket: "[", grow });
export const call = (f: FunctionName | SymbolName, ...args: readonly Formula[]): Formula => ({ k: "call", f, args });
export const sum = (under: Formula, body: Formula): Formula => ({ k: "sum", under, body });
export const apply = (f: FunctionName, arg: Formula): Formula => ({ k: "call", f, args: [arg], bare: true });
export const script = (base: Formula, o: { sup?: Formula; sub?: Formula; prime?: boolean; group?: boolean; subFirst?: boolean }): Formula => ({ k: "script", base, ...o });
export const sup = (base: Formula, s: Formula): Formula => script(base, { sup: s });
export const sub = (base: Formula, s: Formula): Formula => script(base, { sub: s });
/** Terms joined by a spaced operator: a + b + c, a · b. */
export const join = (terms: readonly Formula[], o: OpName, tight = false): Formula => row(...terms.flatMap((t, k) => (k === 0 ? [t] : [op(o, tight), t])));
/** Stable one-liner: "label = rhs". */
export const eq = (...sides: readonly Formula[]): Formula => join(sides, "=");

// ---------------------------------------------------------------- LaTeX

export interface LatexOptions {
  /**
   * Every negative number in parentheses, function arguments included (σ((−0.3))): the key's JSON
   * `substituted` text as it has always been written. The default writes one set: σ(−0.3).
   */
  readonly legacyParens?: boolean;
}

const LATEX_SYM: Readonly<Record<SymbolName, string>> = {
  sigma: "\\sigma", eta: "\\eta", alpha: "\\alpha", beta: "\\beta", gamma: "\\gamma", delta: "\\delta", theta: "\\theta", partial: "\\partial", ldots: "\\ldots", Delta: "\\Delta ",
};
const LATEX_FN: Readonly<Record<FunctionName, string>> = { ln: "\\ln", exp: "\\exp", max: "\\max", tanh: "\\tanh", softmax: "\\mathrm{softmax}" };
const LATEX_OP: Readonly<Record<OpName, string>> = { "+": "+", "-": "-", cdot: "\\cdot", "=": "=", approx: "\\approx", ">": ">", "?": "?", ":": ":", ",": "," };
const LATEX_SPACE: Readonly<Record<SpaceName, string>> = { thin: "\\,", med: "\\;", quad: "\\quad ", word: "\\ " };

export function toLatex(f: Formula, o: LatexOptions = {}): string {
  return latex(f, o, false);
}

function latex(f: Formula, o: LatexOptions, inArg: boolean): string {
  switch (f.k) {
    case "num":
      return f.v.startsWith("-") && (o.legacyParens || !inArg) ? `(${f.v})` : f.v;
    case "text":
      return f.v;
    case "sym":
      return LATEX_SYM[f.name];
    case "word":
      return f.upright ? `\\mathrm{${f.v}}` : `\\mathit{${f.v}}`;
    case "op":
      if (f.op === ",") return f.tight ? "," : ",\\,";
      if (f.op === "?") return "\\;?\\;";
      return f.tight ? LATEX_OP[f.op] : ` ${LATEX_OP[f.op]} `;
    case "space":
      return LATEX_SPACE[f.w];
    case "row":
      return f.items.map((x) => latex(x, o, false)).join("");
    case "script": {
      // {W'}^{[1]}_{11} with scripts, {v_{11}}' without: the prime outside a braced base that has none.
      let base = latex(f.base, o, false);
      if (f.group && !f.sup && !f.sub) base = `{${base}}${f.prime ? "'" : ""}`;
      else {
        if (f.prime) base += "'";
        if (f.group) base = `{${base}}`;
      }
      const supText = f.sup ? (f.sup.k === "num" && f.sup.v.length === 1 ? `^${f.sup.v}` : `^{${latex(f.sup, o, false)}}`) : "";
      const subText = f.sub ? `_{${latex(f.sub, o, false)}}` : "";
      return base + (f.subFirst ? subText + supText : supText + subText);
    }
    case "hat":
      return `\\hat{${latex(f.body, o, false)}}`;
    case "bb1":
      return "\\mathbb{1}";
    case "frac":
      return `\\${f.size ?? ""}frac{${latex(f.num, o, false)}}{${latex(f.den, o, false)}}`;
    case "group": {
      const [l, r] = f.bracket === "(" ? ["(", ")"] : ["[", "]"];
      const body = latex(f.body, o, true);
      return f.grow ? `\\left${l}${body}\\right${r}` : `${l}${body}${r}`;
    }
    case "call": {
      const name = f.f in LATEX_FN ? LATEX_FN[f.f as FunctionName] : LATEX_SYM[f.f as SymbolName];
      if (f.bare) return `${name} ${latex(f.args[0], o, false)}`;
      // exp's argument never took a second pair, even in the legacy text.
      const strip = f.f === "exp" ? { ...o, legacyParens: false } : o;
      return `${name}(${f.args.map((a) => latex(a, strip, true)).join(",\\,")})`;
    }
    case "sum":
      return `\\sum_${latex(f.under, o, false)} ${latex(f.body, o, false)}`;
    case "at":
      return `${latex(f.body, o, false)}\\big|_{${latex(f.at, o, false)}}`;
  }
}

// ---------------------------------------------------------------- Typst

const TYPST_SYM: Readonly<Record<SymbolName, string>> = {
  sigma: "sigma", eta: "eta", alpha: "alpha", beta: "beta", gamma: "gamma", delta: "delta", theta: "theta", partial: "diff", ldots: "dots.h", Delta: "Delta",
};
const TYPST_FN: Readonly<Record<FunctionName, string>> = { ln: "ln", exp: "exp", max: "max", tanh: "tanh", softmax: "op(\"softmax\")" };
const TYPST_OP: Readonly<Record<OpName, string>> = { "+": "+", "-": "-", cdot: "dot.op", "=": "=", approx: "approx", ">": ">", "?": "?", ":": ":", ",": "," };
const TYPST_SPACE: Readonly<Record<SpaceName, string>> = { thin: "thin", med: "med", quad: "quad", word: "med" };

/** Typst math markup (without the surrounding $…$): one set of parentheses around a negative number, none as an argument. */
export function toTypst(f: Formula): string {
  return typst(f, false);
}

/** A string literal in Typst math: quotes and backslashes escaped (words: net, target, softmax). */
const tstr = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

function typst(f: Formula, inArg: boolean): string {
  switch (f.k) {
    case "num":
      return f.v.startsWith("-") && !inArg ? `(${f.v})` : f.v;
    case "text":
      // Letters one by one (a run of letters would read as one variable), digits together, brackets escaped.
      return (f.v.match(/[A-Za-z]|\d+|[^A-Za-z\d\s]/g) ?? []).map((t) => (/^[[\]()]$/.test(t) ? `\\${t}` : t)).join(" ");
    case "sym":
      return TYPST_SYM[f.name];
    case "word":
      return f.upright ? `upright(${tstr(f.v)})` : `italic(${tstr(f.v)})`;
    case "op":
      return TYPST_OP[f.op];
    case "space":
      return TYPST_SPACE[f.w];
    case "row":
      return f.items.map((x) => typst(x, false)).join(" ");
    case "script": {
      let base = typst(f.base, false);
      // A braced base squared keeps its extent in parentheses ((a_1)^2, as a number would take them); a prime needs none.
      if (f.group && !f.prime && f.base.k !== "num" && f.base.k !== "text" && f.base.k !== "sym") base = `(${base})`;
      if (f.prime) base += "'";
      const supText = f.sup ? `^(${typst(f.sup, false)})` : "";
      const subText = f.sub ? `_(${typst(f.sub, false)})` : "";
      return base + subText + supText;
    }
    case "hat":
      return `hat(${typst(f.body, false)})`;
    case "bb1":
      return "bb(1)";
    case "frac": {
      const fr = `frac(${typst(f.num, false)}, ${typst(f.den, false)})`;
      return f.size === "t" ? `inline(${fr})` : f.size === "d" ? `display(${fr})` : fr;
    }
    case "group": {
      const [l, r] = f.bracket === "(" ? ["(", ")"] : ["[", "]"];
      const body = typst(f.body, true);
      return f.grow ? `lr(${l} ${body} ${r})` : `${l}${body}${r}`;
    }
    case "call": {
      const name = f.f in TYPST_FN ? TYPST_FN[f.f as FunctionName] : TYPST_SYM[f.f as SymbolName];
      if (f.bare) return `${name} ${typst(f.args[0], false)}`;
      // A space keeps a symbol from being read as a function call of the same name (sigma(…) is a symbol in Typst).
      return `${name}(${f.args.map((a) => typst(a, true)).join(", ")})`;
    }
    case "sum":
      return `sum_(${typst(f.under, false)}) ${typst(f.body, false)}`;
    case "at":
      return `${typst(f.body, false)} bar.v_(${typst(f.at, false)})`;
  }
}

// ---------------------------------------------------------------- numbers

/** The numbers of a formula, in order (the checker of a key's working reads them). */
export function numbersOf(f: Formula): string[] {
  const out: string[] = [];
  const walk = (x: Formula): void => {
    switch (x.k) {
      case "num": out.push(x.v); return;
      case "row": x.items.forEach(walk); return;
      case "script": walk(x.base); if (x.sup) walk(x.sup); if (x.sub) walk(x.sub); return;
      case "hat": walk(x.body); return;
      case "frac": walk(x.num); walk(x.den); return;
      case "group": walk(x.body); return;
      case "call": x.args.forEach(walk); return;
      case "sum": walk(x.under); walk(x.body); return;
      case "at": walk(x.body); walk(x.at); return;
      default: return;
    }
  };
  walk(f);
  return out;
}
