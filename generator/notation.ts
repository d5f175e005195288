// Display labels (LaTeX) for step and given ids, per notation style; ids never change with notation.
import type { Exercise } from "./exercise.js";
import { ACTIVATIONS } from "./ops/index.js";
import type { LabelAddress } from "./ids.js";
import { frac, op, row, script, space, sym, text, toLatex, word, type Formula } from "./formula.js";
import { settingsOf } from "./exercise.js";

export type NotationName = "classic" | "matrix" | "xigua";
export const NOTATIONS: readonly NotationName[] = ["classic", "matrix", "xigua"];
/** The labels used wherever none is asked for: the classic hand-exercise names (net_h1, out_o1, w1…). */
export const DEFAULT_NOTATION: NotationName = "classic";

export interface Notation {
  readonly name: NotationName;
  /** The label of a given or step as a formula, from its address (a sample of "s" is the generic one). */
  formula(at: LabelAddress): Formula;
  /** The same label in LaTeX. */
  label(at: LabelAddress): string;
}

/**
 * A notation from its formulas: the LaTeX labels are read off them. A step of a repeated pass t ≥ 2
 * carries (t=2) over its label, the same in every notation.
 */
const withLabels = (name: NotationName, base: (at: LabelAddress) => Formula): Notation => {
  const formula = (p: LabelAddress): Formula =>
    p.pass === undefined ? base(p) : script(base(p), { sup: row(T("("), word("t"), op("=", true), T(p.pass), T(")")), group: true });
  return { name, formula, label: (p) => toLatex(formula(p)) };
};
/** Δ before a weight or bias: the change the error-term books write (Δw_ij = η·Err_j·O_i). */
const change = (f: Formula): Formula => row(sym("Delta"), f);

const T = (v: string | number) => text(v);
/** base_{sub}^{sup}, either script left out when undefined. */
const ss = (base: Formula, sb?: string, sp?: string): Formula =>
  sb === undefined && sp === undefined ? base : script(base, { ...(sb === undefined ? {} : { sub: T(sb) }), ...(sp === undefined ? {} : { sup: T(sp) }), subFirst: true });
/** base^{sup}_{sub}. */
const sps = (base: Formula, sp?: string, sb?: string, prime = false): Formula =>
  sb === undefined && sp === undefined && !prime ? base : script(base, { ...(sp === undefined ? {} : { sup: T(sp) }), ...(sb === undefined ? {} : { sub: T(sb) }), ...(prime ? { prime, group: sp !== undefined || sb !== undefined } : {}) });
const partial = (den: Formula, E: Formula = T("E")): Formula => frac(row(sym("partial"), T(" "), E), row(sym("partial"), T(" "), den));
const sampleText = (s?: number | "s") => (s === undefined ? undefined : `(${s})`);

function matrix(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  const set = settingsOf(ex);
  const W = (l: number, j: number, i: number) => sps(T("W"), `[${l}]`, `${j}${i}`);
  const Bl = (l: number, j?: number) => sps(set.subtract ? sym("theta") : T("b"), `[${l}]`, j === undefined ? undefined : String(j));
  const Es = (s?: number | "s") => sps(T("E"), sampleText(s));
  return withLabels("matrix", (p) => {
    const { layer: l, neuron: j, from: i, sample: s } = p;
    const sup = (base: Formula) => sps(base, s === undefined ? `[${l}]` : `[${l}](${s})`, String(j));
    const aSym = () => T(l === L && ACTIVATIONS[ex.activations[L - 1]].traits.distribution ? "p" : "a");
    switch (p.kind) {
      case "x": return ss(T("x"), String(j), sampleText(s));
      case "y": return ss(T("y"), String(j), sampleText(s));
      case "eta": return sym("eta");
      case "W": return W(l!, j!, i!);
      case "b": return Bl(l!, j);
      case "z": return sup(T("z"));
      case "a": return sup(aSym());
      case "E": return Es(s);
      case "dEda": return partial(sup(aSym()), Es(s));
      case "dadz": return partial(sup(T("z")), sup(aSym()));
      case "delta": return sup(set.errorTerm ? T("e") : sym("delta"));
      case "dW": return set.errorTerm ? change(W(l!, j!, i!)) : partial(W(l!, j!, i!), Es(s));
      case "db": return set.errorTerm ? change(Bl(l!, j)) : partial(Bl(l!, j), Es(s));
      case "newW": return sps(T("W"), s === undefined ? `[${l}]` : `[${l}](${s})`, `${j}${i}`, true);
      case "newb": return sps(set.subtract ? sym("theta") : T("b"), s === undefined ? `[${l}]` : `[${l}](${s})`, j === undefined ? undefined : String(j), true);
      case "newE": return sps(T("E"), undefined, undefined, true);
    }
  });
}

/** Mazur-style labels: i1, h1, o1, net_h1, out_o1, weights w1… numbered layer by layer. */
function classic(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  const sub = (l: number, j: number) => {
    if (l === L) return `o${j}`;
    return L === 2 ? `h${j}` : `h${l}${j}`;
  };
  // Weight number: layer by layer, target neuron by target neuron, source by source (w1 = i1→h1, w2 = i2→h1).
  const offsets: number[] = [0];
  for (let l = 1; l <= L; l++) offsets.push(offsets[l - 1] + ex.layers[l] * ex.layers[l - 1]);
  const wNum = (l: number, j: number, i: number) => String(offsets[l - 1] + (j - 1) * ex.layers[l - 1] + i);
  const total = () => script(T("E"), { sub: word("total") });
  const set = settingsOf(ex);
  const bSym = () => (set.subtract ? sym("theta") : T("b"));
  const bias = (l: number, j?: number) => ss(bSym(), j === undefined ? String(l) : sub(l, j));
  const w = (l: number, j: number, i: number) => ss(T("w"), wNum(l, j, i));
  const Es = (s?: number | "s") => (s === undefined ? total() : sps(T("E"), sampleText(s)));
  const plus = (s?: number | "s") => (s === undefined ? "+" : `+(${s})`);
  return withLabels("classic", (p) => {
    const { layer: l, neuron: j, from: i, sample: s } = p;
    const S = sampleText(s);
    switch (p.kind) {
      case "x": return ss(T("i"), String(j), S);
      case "y": return ss(word("target"), `o${j}`, S);
      case "eta": return sym("eta");
      case "W": return w(l!, j!, i!);
      case "b": return bias(l!, j);
      case "z": return ss(word("net"), sub(l!, j!), S);
      case "a": return ss(word("out"), sub(l!, j!), S);
      case "E": return Es(s);
      // Mazur's ∂E_total/∂out_o1 and ∂out_o1/∂net_o1.
      case "dEda": return partial(ss(word("out"), sub(l!, j!), S), Es(s));
      case "dadz": return partial(ss(word("net"), sub(l!, j!), S), ss(word("out"), sub(l!, j!), S));
      // Han & Kamber's Err_j.
      case "delta": return ss(set.errorTerm ? word("Err", true) : sym("delta"), sub(l!, j!), S);
      case "dW": return set.errorTerm ? change(s === undefined ? w(l!, j!, i!) : ss(T("w"), wNum(l!, j!, i!), S)) : partial(w(l!, j!, i!), Es(s));
      case "db": return set.errorTerm ? change(s === undefined ? bias(l!, j) : ss(bSym(), j === undefined ? String(l) : sub(l!, j), S)) : partial(bias(l!, j), Es(s));
      case "newW": return ss(T("w"), wNum(l!, j!, i!), plus(s));
      case "newb": return ss(bSym(), j === undefined ? String(l) : sub(l!, j), plus(s));
      case "newE": return script(T("E"), { sub: word("total"), sup: T("+"), subFirst: true });
    }
  });
}

/**
 * 西瓜书 (Zhou Zhihua, 机器学习 §5.3) symbols: hidden input α_h and output b_h, output input β_j and
 * output ŷ_j, weights v_ih (input→hidden) and w_hj (hidden→output) written source first, thresholds
 * γ_h and θ_j. With the book's error term (convention delta "error") the δ steps are its g_j and e_h
 * and the gradients its Δw_hj, Δθ_j; with δ = ∂E/∂z they are δ^β_j, δ^α_h and ∂E/∂w_hj. Deeper nets number
 * their hidden layers with [l].
 */
function xigua(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  const set = settingsOf(ex);
  // One superscript group per symbol: layer tag [l] (deep nets only) and sample (s) share it.
  const symOf = (base: Formula, sups: readonly Formula[], sb?: string): Formula =>
    sups.length === 0 && sb === undefined ? base : script(base, { ...(sups.length ? { sup: row(...sups) } : {}), ...(sb === undefined ? {} : { sub: T(sb) }) });
  const layerTag = (l: number): Formula[] => (L === 2 || l === L ? [] : [T(`[${l}]`)]);
  const sampleTag = (s?: number | "s"): Formula[] => (s === undefined ? [] : [T(`(${s})`)]);
  const inSym = (l: number): Formula => sym(l === L ? "beta" : "alpha");
  const outSym = (l: number): Formula => (l === L ? { k: "hat", body: T("y") } : T("b"));
  // With a sample (online: the change and the update after sample s), its (s) joins the layer tag.
  const w = (l: number, j: number, i: number, s?: number | "s") => symOf(T(l === L ? "w" : "v"), [...layerTag(l), ...sampleTag(s)], `${i}${j}`);
  const b = (l: number, j?: number, s?: number | "s") => symOf(sym(l === L ? "theta" : "gamma"), [...layerTag(l), ...sampleTag(s)], j === undefined ? undefined : String(j));
  const E = (s?: number | "s") => (s === undefined ? T("E") : script(T("E"), { sub: T(s) }));
  return withLabels("xigua", (p) => {
    const { layer: l, neuron: j, from: i, sample: s } = p;
    switch (p.kind) {
      case "x": return symOf(T("x"), sampleTag(s), String(j));
      case "y": return symOf(T("y"), sampleTag(s), String(j));
      case "eta": return sym("eta");
      case "W": return w(l!, j!, i!);
      case "b": return b(l!, j);
      case "z": return symOf(inSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j));
      case "a": return symOf(outSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j));
      case "E": return E(s);
      case "dEda": return partial(symOf(outSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j)), E(s));
      case "dadz": return partial(symOf(inSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j)), symOf(outSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j)));
      case "delta":
        // 西瓜书 (5.10), (5.15): g_j for an output, e_h for a hidden unit.
        if (set.errorTerm) return symOf(T(l === L ? "g" : "e"), [...layerTag(l!), ...sampleTag(s)], String(j));
        return symOf(sym("delta"), [inSym(l!), ...layerTag(l!), ...sampleTag(s).flatMap((x) => [space("thin"), x])], String(j));
      case "dW": return set.errorTerm ? change(w(l!, j!, i!, s)) : partial(w(l!, j!, i!), E(s));
      case "db": return set.errorTerm ? change(b(l!, j, s)) : partial(b(l!, j), E(s));
      case "newW": return script(w(l!, j!, i!, s), { prime: true, group: true });
      case "newb": return script(b(l!, j, s), { prime: true, group: true });
      case "newE": return script(T("E"), { prime: true });
    }
  });
}

export function notation(ex: Exercise, name: NotationName = DEFAULT_NOTATION): Notation {
  switch (name) {
    case "matrix":
      return matrix(ex);
    case "classic":
      return classic(ex);
    case "xigua":
      return xigua(ex);
  }
}
