// Does the arithmetic a formula shows, as written: the checker of the key's working. It reads the tree
// (generator/formula.ts), never the step's own function, so a working line that prints one thing and
// means another is caught.
import type { Formula, SymbolName } from "./formula.js";
import { Q } from "./num/q.js";
import { exp, ln } from "./num/transcendental.js";

export class NotArithmetic extends Error {}

/** The formula tree's named functions as arithmetic (the math a printed line shows, not an op's rule). */
const FUNCTIONS = {
  sigma: (a: readonly Q[]) => Q.ONE.div(Q.ONE.add(exp(a[0].neg()))).approx(),
  exp: (a: readonly Q[]) => exp(a[0]),
  ln: (a: readonly Q[]) => ln(a[0]),
  max: (a: readonly Q[]) => a.reduce((m, v) => (v.gt(m) ? v : m)),
  tanh: (a: readonly Q[]) => {
    const e2 = exp(a[0].mul(Q.int(-2)));
    return Q.ONE.sub(e2).div(Q.ONE.add(e2)).approx();
  },
} as const;

/** Values of the symbols a formula may name instead of printing (leaky ReLU's α beside its formula). */
export type Symbols = Partial<Record<SymbolName, Q>>;
let symbols: Symbols = {};

/** The value of a formula whose leaves are numbers; the left side of an "a = b" chain. */
export function evaluateWorking(f: Formula, known: Symbols = {}): Q {
  symbols = known;
  try {
    return evaluateFormula(f);
  } finally {
    symbols = {};
  }
}

function evaluateFormula(f: Formula): Q {
  switch (f.k) {
    case "sym": {
      const v = symbols[f.name];
      if (v === undefined) throw new NotArithmetic(`symbol ${f.name}`);
      return v;
    }
    case "num":
      return Q.dec(f.v);
    case "text":
      if (/^\d+(\.\d+)?$/.test(f.v)) return Q.dec(f.v);
      throw new NotArithmetic(`not a number: ${f.v}`);
    case "row":
      return row(f.items);
    case "group":
      return evaluateFormula(f.body);
    case "frac":
      return evaluateFormula(f.num).div(evaluateFormula(f.den));
    case "script": {
      if (f.sub || f.prime) throw new NotArithmetic("a label");
      const e = f.sup ? evaluateFormula(f.sup) : null;
      if (f.base.k === "text" && f.base.v === "e" && e) return exp(e);
      const b = evaluateFormula(f.base);
      if (!e) return b;
      if (!e.eq(Q.int(2))) throw new NotArithmetic("power");
      return b.mul(b);
    }
    case "call": {
      const a = f.args.map(evaluateFormula);
      const fn = (FUNCTIONS as Partial<Record<string, (a: readonly Q[]) => Q>>)[f.f];
      if (fn === undefined) throw new NotArithmetic(`function ${f.f}`);
      return fn(a);
    }
    default:
      throw new NotArithmetic(f.k);
  }
}

/** A row: the first side of an "=" chain; products before sums; juxtaposition multiplies; (c ? x : y) and 1[c] decide. */
function row(items: readonly Formula[]): Q {
  const eqAt = items.findIndex((x) => x.k === "op" && x.op === "=");
  if (eqAt >= 0) return row(items.slice(0, eqAt));
  const q = items.findIndex((x) => x.k === "op" && x.op === "?");
  if (q >= 0) {
    const colon = items.findIndex((x) => x.k === "op" && x.op === ":");
    return cond(items.slice(0, q)) ? row(items.slice(q + 1, colon)) : row(items.slice(colon + 1));
  }
  // Terms separated by + and − (a leading − negates the first); factors by · or juxtaposition.
  let total = Q.ZERO;
  let sign = 1;
  let factor: Q | null = null;
  const close = () => {
    if (factor !== null) total = sign > 0 ? total.add(factor) : total.sub(factor);
    factor = null;
  };
  for (let k = 0; k < items.length; k++) {
    const x = items[k];
    if (x.k === "space") continue;
    if (x.k === "text" && x.v.trim() === "") continue;
    if (x.k === "op") {
      if (x.op === "+" || x.op === "-") { close(); sign = x.op === "+" ? 1 : -1; continue; }
      if (x.op === "cdot") continue;
      throw new NotArithmetic(`operator ${x.op}`);
    }
    if (x.k === "bb1") {
      const c = items[++k];
      const v = c.k === "group" && c.body.k === "row" && cond(c.body.items) ? Q.ONE : Q.ZERO;
      factor = factor === null ? v : factor.mul(v);
      continue;
    }
    const v = evaluateFormula(x);
    factor = factor === null ? v : factor.mul(v);
  }
  close();
  return total;
}

function cond(items: readonly Formula[]): boolean {
  const gt = items.findIndex((x) => x.k === "op" && x.op === ">");
  if (gt < 0) throw new NotArithmetic("condition");
  return row(items.slice(0, gt)).gt(row(items.slice(gt + 1)));
}
