// Display labels (LaTeX) for step and given ids, per notation style; ids never change with notation.
import type { Exercise } from "./exercise.js";
import { ACTIVATIONS } from "./ops/index.js";
import type { LabelAddress } from "./ids.js";

export type NotationName = "classic" | "matrix" | "xigua";
export const NOTATIONS: readonly NotationName[] = ["classic", "matrix", "xigua"];
/** The labels used wherever none is asked for: the classic hand-exercise names (net_h1, out_o1, w1…). */
export const DEFAULT_NOTATION: NotationName = "classic";

export interface Notation {
  readonly name: NotationName;
  /** LaTeX label of a step or given id. */
  /** The LaTeX label of a given or step, from its address (a sample of "s" is the generic one). */
  label(at: LabelAddress): string;
}

const sampleSup = (s?: number | "s") => (s === undefined ? "" : `^{(${s})}`);

function matrix(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  return {
    name: "matrix",
    label(p) {
      const { layer: l, neuron: j, from: i, sample: s } = p;
      const sup = (base: string) => (s === undefined ? `${base}^{[${l}]}` : `${base}^{[${l}](${s})}`);
      switch (p.kind) {
        case "x": return `x_{${j}}${sampleSup(s)}`;
        case "y": return `y_{${j}}${sampleSup(s)}`;
        case "eta": return "\\eta";
        case "W": return `W^{[${l}]}_{${j}${i}}`;
        case "b": return j === undefined ? `b^{[${l}]}` : `b^{[${l}]}_{${j}}`;
        case "z": return `${sup("z")}_{${j}}`;
        case "a": return l === L && ACTIVATIONS[ex.activations[L - 1]].traits.distribution ? `${sup("p")}_{${j}}` : `${sup("a")}_{${j}}`;
        case "E": return s === undefined ? "E" : `E^{(${s})}`;
        case "delta": return `${sup("\\delta")}_{${j}}`;
        case "dW": return `\\frac{\\partial E}{\\partial W^{[${l}]}_{${j}${i}}}`;
        case "db": return j === undefined ? `\\frac{\\partial E}{\\partial b^{[${l}]}}` : `\\frac{\\partial E}{\\partial b^{[${l}]}_{${j}}}`;
        case "newW": return `{W'}^{[${l}]}_{${j}${i}}`;
        case "newb": return j === undefined ? `{b'}^{[${l}]}` : `{b'}^{[${l}]}_{${j}}`;
        case "newE": return "E'";
      }
    },
  };
}

/** Mazur-style labels: i1, h1, o1, net_h1, out_o1, weights w1… numbered layer by layer. */
function classic(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  const neuron = (l: number, j: number) => {
    if (l === 0) return `i_{${j}}`;
    if (l === L) return `o_{${j}}`;
    return L === 2 ? `h_{${j}}` : `h^{(${l})}_{${j}}`;
  };
  const sub = (l: number, j: number) => {
    if (l === L) return `o${j}`;
    return L === 2 ? `h${j}` : `h${l}${j}`;
  };
  // Weight number: layer by layer, target neuron by target neuron, source by source (w1 = i1→h1, w2 = i2→h1).
  const offsets: number[] = [0];
  for (let l = 1; l <= L; l++) offsets.push(offsets[l - 1] + ex.layers[l] * ex.layers[l - 1]);
  const wNum = (l: number, j: number, i: number) => offsets[l - 1] + (j - 1) * ex.layers[l - 1] + i;
  const S = (s?: number | "s") => (s === undefined ? "" : `^{(${s})}`);
  return {
    name: "classic",
    label(p) {
      const { layer: l, neuron: j, from: i, sample: s } = p;
      switch (p.kind) {
        case "x": return `${neuron(0, j!)}${S(s)}`;
        case "y": return `\\mathit{target}_{o${j}}${S(s)}`;
        case "eta": return "\\eta";
        case "W": return `w_{${wNum(l!, j!, i!)}}`;
        case "b": return j === undefined ? `b_{${l}}` : `b_{${sub(l!, j)}}`;
        case "z": return `\\mathit{net}_{${sub(l!, j!)}}${S(s)}`;
        case "a": return `\\mathit{out}_{${sub(l!, j!)}}${S(s)}`;
        case "E": return s === undefined ? "E_{\\mathit{total}}" : `E^{(${s})}`;
        case "delta": return `\\delta_{${sub(l!, j!)}}${S(s)}`;
        case "dW": return `\\frac{\\partial E_{\\mathit{total}}}{\\partial w_{${wNum(l!, j!, i!)}}}`;
        case "db": return `\\frac{\\partial E_{\\mathit{total}}}{\\partial b_{${j === undefined ? l : sub(l!, j)}}}`;
        case "newW": return `w_{${wNum(l!, j!, i!)}}^{+}`;
        case "newb": return `b_{${j === undefined ? l : sub(l!, j)}}^{+}`;
        case "newE": return "E_{\\mathit{total}}^{+}";
      }
    },
  };
}

/**
 * 西瓜书 (Zhou Zhihua, 机器学习 §5.3) symbols: hidden input α_h and output b_h, output input β_j and
 * output ŷ_j, weights v_ih (input→hidden) and w_hj (hidden→output) written source first, thresholds
 * γ_h and θ_j. Our sign conventions stay (z = Σwa + b, δ = ∂E/∂z), so deltas are δ^β_j, δ^α_h rather
 * than the book's g_j, e_h (which are −δ). Deeper nets number their hidden layers with [l].
 */
function xigua(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  // One superscript group per symbol: layer tag [l] (deep nets only) and sample (s) share it.
  const sym = (base: string, sups: readonly string[], sub?: string) =>
    `${base}${sups.length ? `^{${sups.join("")}}` : ""}${sub === undefined ? "" : `_{${sub}}`}`;
  const layerTag = (l: number) => (L === 2 || l === L ? [] : [`[${l}]`]);
  const sampleTag = (s?: number | "s") => (s === undefined ? [] : [`(${s})`]);
  const inSym = (l: number) => (l === L ? "\\beta" : "\\alpha");
  const outSym = (l: number) => (l === L ? "\\hat{y}" : "b");
  const w = (l: number, j: number, i: number) => sym(l === L ? "w" : "v", layerTag(l), `${i}${j}`);
  const b = (l: number, j?: number) => sym(l === L ? "\\theta" : "\\gamma", layerTag(l), j === undefined ? undefined : String(j));
  return {
    name: "xigua",
    label(p) {
      const { layer: l, neuron: j, from: i, sample: s } = p;
      switch (p.kind) {
        case "x": return sym("x", sampleTag(s), String(j));
        case "y": return sym("y", sampleTag(s), String(j));
        case "eta": return "\\eta";
        case "W": return w(l!, j!, i!);
        case "b": return b(l!, j);
        case "z": return sym(inSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j));
        case "a": return sym(outSym(l!), [...layerTag(l!), ...sampleTag(s)], String(j));
        case "E": return s === undefined ? "E" : `E_{${s}}`;
        case "delta": return sym("\\delta", [`${inSym(l!)}${layerTag(l!).join("")}`, ...sampleTag(s)].map((x, k) => (k === 0 ? x : `\\,${x}`)), String(j));
        case "dW": return `\\frac{\\partial E}{\\partial ${w(l!, j!, i!)}}`;
        case "db": return `\\frac{\\partial E}{\\partial ${b(l!, j)}}`;
        case "newW": return `{${w(l!, j!, i!)}}'`;
        case "newb": return `{${b(l!, j)}}'`;
        case "newE": return "E'";
      }
    },
  };
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
