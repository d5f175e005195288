// Display labels (LaTeX) for step and given ids, per notation style; ids never change with notation.
import type { Exercise } from "./exercise.js";
import { parseId } from "./ids.js";

export type NotationName = "classic" | "matrix" | "xigua";
export const NOTATIONS: readonly NotationName[] = ["classic", "matrix", "xigua"];

export interface Notation {
  readonly name: NotationName;
  /** LaTeX label of a step or given id. */
  label(id: string): string;
}

const sampleSup = (s?: number) => (s === undefined ? "" : `^{(${s})}`);

function matrix(ex: Exercise): Notation {
  const L = ex.layers.length - 1;
  return {
    name: "matrix",
    label(id) {
      const p = parseId(id);
      if (!p) return id;
      const { layer: l, neuron: j, from: i, sample: s } = p;
      const sup = (base: string) => (s === undefined ? `${base}^{[${l}]}` : `${base}^{[${l}](${s})}`);
      switch (p.kind) {
        case "x": return `x_{${j}}${sampleSup(s)}`;
        case "y": return `y_{${j}}${sampleSup(s)}`;
        case "eta": return "\\eta";
        case "W": return `W^{[${l}]}_{${j}${i}}`;
        case "b": return j === undefined ? `b^{[${l}]}` : `b^{[${l}]}_{${j}}`;
        case "z": return `${sup("z")}_{${j}}`;
        case "a": return l === L && ex.activations[L - 1] === "softmax" ? `${sup("p")}_{${j}}` : `${sup("a")}_{${j}}`;
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
  const S = (s?: number) => (s === undefined ? "" : `^{(${s})}`);
  return {
    name: "classic",
    label(id) {
      const p = parseId(id);
      if (!p) return id;
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

export function notation(ex: Exercise, name: NotationName = "matrix"): Notation {
  switch (name) {
    case "matrix":
      return matrix(ex);
    case "classic":
      return classic(ex);
    case "xigua":
      // Placeholder until the worksheet work adds 西瓜书 symbols: matrix labels are correct, if plainer.
      return { ...matrix(ex), name: "xigua" };
  }
}
