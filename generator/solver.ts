// The step graph of an exercise: its givens and its steps, in the order a student computes them.
// solve() (solution.ts) evaluates it; this file only builds it.
import type { Exercise } from "./exercise.js";
import type { Graph, Step, Variant } from "./graph.js";
import { at, ids, type Address } from "./ids.js";
import { Q } from "./num/q.js";
import { call, frac, join, op, paren, row, script, sum as summed, text, type Formula } from "./formula.js";
import { ACTIVATIONS, LOSSES, type Activation, type ActivationParams } from "./ops/index.js";

const sum = (xs: readonly Q[]) => xs.reduce((s, v) => s.add(v), Q.ZERO);
const mean = (xs: readonly Q[]) => sum(xs).div(Q.int(xs.length));
const plus = (terms: readonly Formula[]) => join(terms, "+");
const times = (a: Formula, b: Formula) => join([a, b], "cdot");
const meanOf = (terms: readonly Formula[]) =>
  terms.length === 1 ? terms[0] : row(frac(text(1), text(terms.length), "t"), paren(plus(terms), true));

/**
 * What the steps of a graph depend on: everything but the numbers. Exercises of one preset share it,
 * so their steps (ids, deps, closures) are built once per shape instead of once per exercise.
 */
export function shapeKey(ex: Exercise): string {
  return JSON.stringify([ex.layers, ex.activations, ex.loss, ex.bias, ex.updateBiases, ex.samples.length, ex.leakySlope ?? "0.01"]);
}

interface Structure {
  readonly steps: readonly Step[];
  readonly byId: ReadonlyMap<string, Step>;
}
const structures = new Map<string, Structure>();
// A class set has a handful of shapes; a bound keeps a long-lived process (a server, tests) from growing.
const MAX_CACHED_SHAPES = 256;

export function cached<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= MAX_CACHED_SHAPES) cache.clear();
    cache.set(key, v);
  }
  return v;
}

/** The steps of one exercise, in the order a student computes them. */
export function buildGraph(ex: Exercise): Graph {
  const shape = shapeKey(ex);
  const { steps, byId } = cached(structures, shape, () => buildStructure(ex));
  const addresses = cached(addressMaps, shape, () => buildAddresses(ex, steps));
  return { givens: buildGivens(ex), addresses, steps, byId };
}

const addressMaps = new Map<string, ReadonlyMap<string, Address>>();

/** Where every given and step of a shape sits, by id (a step is its own address). */
function buildAddresses(ex: Exercise, steps: readonly Step[]): ReadonlyMap<string, Address> {
  const L = ex.layers.length - 1;
  const batch = ex.samples.length > 1;
  const out = new Map<string, Address>();
  const put = (id: string, a: Address) => out.set(id, a);
  ex.samples.forEach((smp, si) => {
    const s = batch ? si + 1 : undefined;
    smp.x.forEach((_, i) => put(ids.x(i + 1, s), at.x(i + 1, s)));
    smp.y.forEach((_, j) => put(ids.y(j + 1, s), at.y(j + 1, s)));
  });
  for (let l = 1; l <= L; l++)
    for (let j = 1; j <= ex.layers[l]; j++) for (let i = 1; i <= ex.layers[l - 1]; i++) put(ids.W(l, j, i), at.W(l, j, i));
  if (ex.bias !== "none")
    for (let l = 1; l <= L; l++) ex.biases[l - 1].forEach((_, j) => (ex.bias === "shared" ? put(ids.b(l), at.b(l)) : put(ids.b(l, j + 1), at.b(l, j + 1))));
  put(ids.eta(), at.eta());
  for (const st of steps) put(st.id, st);
  return out;
}

/** Inputs and targets, weights, biases, η: the exercise's own numbers, in display order. */
function buildGivens(ex: Exercise): Map<string, Q> {
  const L = ex.layers.length - 1;
  const batch = ex.samples.length > 1;
  const givens = new Map<string, Q>();
  ex.samples.forEach((smp, si) => {
    const s = batch ? si + 1 : undefined;
    smp.x.forEach((v, i) => givens.set(ids.x(i + 1, s), Q.dec(v)));
    smp.y.forEach((v, j) => givens.set(ids.y(j + 1, s), Q.dec(v)));
  });
  for (let l = 1; l <= L; l++)
    for (let j = 1; j <= ex.layers[l]; j++)
      for (let i = 1; i <= ex.layers[l - 1]; i++) givens.set(ids.W(l, j, i), Q.dec(ex.weights[l - 1][j - 1][i - 1]));
  if (ex.bias !== "none")
    for (let l = 1; l <= L; l++)
      ex.biases[l - 1].forEach((v, j) => givens.set(ex.bias === "shared" ? ids.b(l) : ids.b(l, j + 1), Q.dec(v)));
  givens.set(ids.eta(), Q.dec(ex.learningRate));
  return givens;
}

/** The steps themselves; they read only the shape (shapeKey), never the exercise's numbers. */
function buildStructure(ex: Exercise): Structure {
  const L = ex.layers.length - 1;
  const n = (l: number) => ex.layers[l];
  const range = (k: number) => Array.from({ length: k }, (_, i) => i + 1);
  const batch = ex.samples.length > 1;
  const samples = range(ex.samples.length).map((s) => (batch ? s : undefined));
  const params: ActivationParams = { leakySlope: Q.dec(ex.leakySlope ?? "0.01") };
  const act = (l: number): Activation => ACTIVATIONS[ex.activations[l - 1]];
  const loss = LOSSES[ex.loss];
  const biasId = (l: number, j: number): string | null =>
    ex.bias === "none" ? null : ex.bias === "shared" ? ids.b(l) : ids.b(l, j);
  const newBiasId = (l: number, j: number): string | null =>
    ex.bias === "none" ? null : ex.bias === "shared" ? ids.newb(l) : ids.newb(l, j);
  const out = (l: number, j: number, s: number | undefined) => (l === 0 ? ids.x(j, s) : ids.a(l, j, s));

  const steps: Step[] = [];
  const push = (s: Step) => steps.push(s);

  // ---- forward pass and loss, sample by sample
  for (const s of samples) {
    for (let l = 1; l <= L; l++) {
      const f = act(l);
      for (const j of range(n(l))) {
        const b = biasId(l, j);
        const deps = [...range(n(l - 1)).map((i) => ids.W(l, j, i)), ...range(n(l - 1)).map((i) => out(l - 1, i, s))];
        if (b) deps.push(b);
        const k = n(l - 1);
        push({
          id: ids.z(l, j, s), kind: "z", layer: l, neuron: j, sample: s, deps,
          fn: (v) => {
            let acc = b ? v[2 * k] : Q.ZERO;
            for (let i = 0; i < k; i++) acc = acc.add(v[i].mul(v[k + i]));
            return acc;
          },
          formula: (a) => plus([...range(k).map((i) => times(a[i - 1], a[k + i - 1])), ...(b ? [a[2 * k]] : [])]),
          variants: [],
        });
      }
      for (const j of range(n(l))) {
        if (!f.traits.elementwise) {
          const deps = range(n(l)).map((jj) => ids.z(l, jj, s));
          push({
            id: ids.a(l, j, s), kind: "a", layer: l, neuron: j, sample: s, deps,
            fn: (v) => f.forward(v, params)[j - 1],
            // exp(…) rather than e^{…}: a labelled z in an exponent prints too small to read. \dfrac: full-size.
            formula: (a) => frac(call("exp", a[j - 1]), plus(a.map((x) => call("exp", x))), "d"),
            plausible: f.plausible,
            variants: [{ code: "activation_not_applied", deps: [ids.z(l, j, s)], fn: (v) => v[0] }],
          });
        } else {
          push({
            id: ids.a(l, j, s), kind: "a", layer: l, neuron: j, sample: s, deps: [ids.z(l, j, s)],
            fn: (v) => f.forward(v, params)[0],
            formula: (a) => f.formula(a[0]),
            plausible: f.plausible,
            variants: f.traits.identity ? [] : [{ code: "activation_not_applied", deps: [ids.z(l, j, s)], fn: (v) => v[0] }],
          });
        }
      }
    }
    const aOut = range(n(L)).map((j) => ids.a(L, j, s));
    const tOut = range(n(L)).map((j) => ids.y(j, s));
    const K = n(L);
    const lossFn = (v: readonly Q[]) => loss.value(v.slice(0, K), v.slice(K));
    push({
      id: ids.E(s), kind: "E", sample: s, deps: [...aOut, ...tOut],
      fn: lossFn,
      formula: (a) => loss.formula(a.slice(0, K), a.slice(K)),
      plausible: (v) => v.sign() >= 0,
      variants: loss.mistakes.factorTwo ? [{ code: "factor_two", deps: [...aOut, ...tOut], fn: (v) => loss.mistakes.factorTwo!(lossFn(v)) }] : [],
    });
  }
  if (batch) {
    const deps = samples.map((s) => ids.E(s));
    push({ id: ids.E(), kind: "E", deps, fn: mean, formula: meanOf, plausible: (v) => v.sign() >= 0, variants: [] });
  }

  // ---- backward pass: deltas, output layer first
  for (const s of samples) {
    for (let l = L; l >= 1; l--) {
      const f = act(l);
      for (const j of range(n(l))) {
        const z = ids.z(l, j, s);
        const a = ids.a(l, j, s);
        if (l === L) push(outputDelta(ex, f, params, j, s, z, a));
        else push(hiddenDelta(ex, f, params, l, j, s, n(l + 1), z, a));
      }
    }
  }

  // ---- gradients (mean over samples), output layer first
  for (let l = L; l >= 1; l--) {
    for (const j of range(n(l))) {
      for (const i of range(n(l - 1))) {
        const deps = samples.flatMap((s) => [ids.delta(l, j, s), out(l - 1, i, s)]);
        push({
          id: ids.dW(l, j, i), kind: "dW", layer: l, neuron: j, from: i, deps,
          fn: (v) => mean(samples.map((_, k) => v[2 * k].mul(v[2 * k + 1]))),
          formula: (a) => meanOf(samples.map((_, k) => times(a[2 * k], a[2 * k + 1]))),
          variants: [],
        });
      }
    }
    if (ex.updateBiases) {
      if (ex.bias === "shared") {
        const deps = samples.flatMap((s) => range(n(l)).map((j) => ids.delta(l, j, s)));
        const per = n(l);
        push({
          id: ids.db(l), kind: "db", layer: l, deps,
          fn: (v) => mean(samples.map((_, k) => sum(v.slice(k * per, (k + 1) * per)))),
          formula: (a) => meanOf(samples.map((_, k) => plus(a.slice(k * per, (k + 1) * per)))),
          variants: [],
        });
      } else {
        for (const j of range(n(l))) {
          push({
            id: ids.db(l, j), kind: "db", layer: l, neuron: j,
            deps: samples.map((s) => ids.delta(l, j, s)),
            fn: mean, formula: meanOf, variants: [],
          });
        }
      }
    }
  }

  // ---- the update, layer by layer in weight order
  const update = (id: string, kind: "newW" | "newb", old: string, grad: string, l: number, j?: number, i?: number): Step => ({
    id, kind, layer: l, neuron: j, from: i, deps: [old, ids.eta(), grad],
    fn: (v) => v[0].sub(v[1].mul(v[2])),
    formula: (a) => row(a[0], op("-"), times(a[1], a[2])),
    variants: [
      { code: "update_sign", deps: [old, ids.eta(), grad], fn: (v) => v[0].add(v[1].mul(v[2])) },
      { code: "missing_learning_rate", deps: [old, grad], fn: (v) => v[0].sub(v[1]) },
    ],
  });
  for (let l = 1; l <= L; l++) {
    for (const j of range(n(l))) for (const i of range(n(l - 1))) push(update(ids.newW(l, j, i), "newW", ids.W(l, j, i), ids.dW(l, j, i), l, j, i));
    if (ex.updateBiases) {
      if (ex.bias === "shared") push(update(ids.newb(l), "newb", ids.b(l), ids.db(l), l));
      else if (ex.bias === "per_neuron") for (const j of range(n(l))) push(update(ids.newb(l, j), "newb", ids.b(l, j), ids.db(l, j), l, j));
    }
  }

  // ---- the loss after the update: the forward pass again with the new numbers
  {
    const wIds: string[] = [];
    const bIds: string[] = [];
    for (let l = 1; l <= L; l++) {
      for (const j of range(n(l))) for (const i of range(n(l - 1))) wIds.push(ids.newW(l, j, i));
      if (ex.bias === "shared") bIds.push(ex.updateBiases ? newBiasId(l, 1)! : biasId(l, 1)!);
      else if (ex.bias === "per_neuron") for (const j of range(n(l))) bIds.push(ex.updateBiases ? newBiasId(l, j)! : biasId(l, j)!);
    }
    const xyIds = samples.flatMap((s) => [...range(n(0)).map((i) => ids.x(i, s)), ...range(n(L)).map((j) => ids.y(j, s))]);
    const deps = [...wIds, ...bIds, ...xyIds];
    // The loss with the new numbers; `round`, when given, rounds every z, a and per-sample loss as a
    // student writes them down on the way.
    const newLoss = (v: readonly Q[], round?: (q: Q) => Q) => {
      const W = v.slice(0, wIds.length);
      const B = v.slice(wIds.length, wIds.length + bIds.length);
      const XY = v.slice(wIds.length + bIds.length);
      const per = n(0) + n(L);
      const losses = samples.map((_, k) => {
        const x = XY.slice(k * per, k * per + n(0));
        const t = XY.slice(k * per + n(0), (k + 1) * per);
        const e = loss.value(forward(ex, params, W, B, x, round), t);
        return round && batch ? round(e) : e;
      });
      return mean(losses);
    };
    push({
      id: ids.newE(), kind: "newE", deps,
      fn: (v) => newLoss(v),
      byHand: (v, decimals, rounding) => newLoss(v, (q) => q.round(decimals, rounding)),
      formula: () => {
        const at = row(script(text("W"), { prime: true }), op(","), script(text("b"), { prime: true }));
        return batch
          ? row(frac(text(1), text(samples.length), "t"), summed(text("s"), { k: "at", body: script(text("E"), { sup: text("(s)") }), at }))
          : { k: "at", body: text("E"), at };
      },
      plausible: (v) => v.sign() >= 0,
      variants: [],
    });
  }

  return { steps, byId: new Map(steps.map((s) => [s.id, s])) };
}

/** The network's outputs for one sample, from flat weights and biases in graph order. */
function forward(ex: Exercise, params: ActivationParams, W: readonly Q[], B: readonly Q[], x: readonly Q[], round: (q: Q) => Q = (q) => q): Q[] {
  let a = [...x];
  let w = 0;
  let b = 0;
  for (let l = 1; l < ex.layers.length; l++) {
    const z: Q[] = [];
    for (let j = 0; j < ex.layers[l]; j++) {
      let acc = Q.ZERO;
      for (let i = 0; i < a.length; i++) acc = acc.add(W[w++].mul(a[i]));
      if (ex.bias === "per_neuron") acc = acc.add(B[b + j]);
      if (ex.bias === "shared") acc = acc.add(B[b]);
      z.push(round(acc));
    }
    if (ex.bias === "per_neuron") b += ex.layers[l];
    if (ex.bias === "shared") b += 1;
    a = ACTIVATIONS[ex.activations[l - 1]].forward(z, params).map(round);
  }
  return a;
}

function outputDelta(
  ex: Exercise, f: Activation, params: ActivationParams, j: number, s: number | undefined, z: string, a: string,
): Step {
  const loss = LOSSES[ex.loss];
  const t = ids.y(j, s);
  const base = { id: ids.delta(ex.layers.length - 1, j, s), kind: "delta" as const, layer: ex.layers.length - 1, neuron: j, sample: s };
  if (loss.fusedWith === f.name) {
    const variants: Variant[] = [{ code: "target_sign", deps: [a, t], fn: (v) => v[1].sub(v[0]) }];
    if (f.traits.distribution)
      variants.push({ code: "softmax_jacobian_again", deps: [a, t], fn: (v) => v[0].sub(v[1]).mul(v[0].mul(Q.ONE.sub(v[0]))) });
    return { ...base, deps: [a, t], fn: (v) => v[0].sub(v[1]), formula: (x) => row(x[0], op("-"), x[1]), variants };
  }
  const K = ex.layers[ex.layers.length - 1];
  const deriv = f.derivative!;
  const g = (v: readonly Q[]) => loss.gradient(v[0], v[1], K);
  // As for hidden units: with ReLU-type units a forgotten f′ and ReLU′(0) = 1 give the same numbers; name the latter.
  const kink = f.traits.kink;
  const variants: Variant[] = [
    ...(kink ? [] : [{ code: "missing_output_derivative" as const, deps: [a, t, z], fn: g }]),
    { code: "target_sign", deps: [a, t, z], fn: (v) => g(v).neg().mul(deriv(v[2], v[0], params)) },
  ];
  const { factorTwo } = loss.mistakes;
  if (factorTwo) variants.push({ code: "factor_two", deps: [a, t, z], fn: (v) => factorTwo(g(v)).mul(deriv(v[2], v[0], params)) });
  const { derivativeOfOutput } = f.mistakes;
  if (derivativeOfOutput) variants.push({ code: "derivative_of_output", deps: [a, t, z], fn: (v) => g(v).mul(derivativeOfOutput(v[0])) });
  if (kink) variants.push({ code: "relu_derivative_at_output", deps: [a, t, z], fn: (v) => g(v) });
  return {
    ...base, deps: [a, t, z],
    fn: (v) => g(v).mul(deriv(v[2], v[0], params)),
    formula: (x) => times(loss.gradientFormula(x[0], x[1], K), f.derivativeFormula!(x[2], x[0], params)),
    variants,
  };
}

function hiddenDelta(
  ex: Exercise, f: Activation, params: ActivationParams, l: number, j: number, s: number | undefined, K: number, z: string, a: string,
): Step {
  const ks = Array.from({ length: K }, (_, k) => k + 1);
  const down = ks.map((k) => ids.delta(l + 1, k, s));
  const ws = ks.map((k) => ids.W(l + 1, k, j));
  const deriv = f.derivative!;
  const back = (v: readonly Q[]) => {
    let acc = Q.ZERO;
    for (let k = 0; k < K; k++) acc = acc.add(v[K + k].mul(v[k]));
    return acc;
  };
  const fn = (v: readonly Q[]) => back(v).mul(deriv(v[2 * K], v[2 * K + 1], params));
  const variants: Variant[] = [
    { code: "updated_weights", deps: [...down, ...ks.map((k) => ids.newW(l + 1, k, j)), z, a], fn },
  ];
  // For ReLU-type units a forgotten derivative and ReLU′(0) = 1 give the same numbers: name the latter.
  if (!f.traits.kink && !f.traits.identity)
    variants.push({ code: "missing_hidden_derivative", deps: [...down, ...ws], fn: back });
  if (K > 1)
    for (const k of ks)
      variants.push({
        code: "single_path", deps: [ids.delta(l + 1, k, s), ids.W(l + 1, k, j), z, a],
        fn: (v) => v[0].mul(v[1]).mul(deriv(v[2], v[3], params)),
      });
  // w_jk for w_kj: only when every swapped index exists in the next layer's matrix.
  const nl = ex.layers[l];
  if (j <= K && K <= nl) {
    const swapped = ks.map((k) => ids.W(l + 1, j, k));
    if (swapped.some((id, k) => id !== ws[k])) variants.push({ code: "transposed_weight", deps: [...down, ...swapped, z, a], fn });
  }
  const { derivativeOfOutput } = f.mistakes;
  if (derivativeOfOutput)
    variants.push({ code: "derivative_of_output", deps: [...down, ...ws, z, a], fn: (v) => back(v).mul(derivativeOfOutput(v[2 * K + 1])) });
  if (f.traits.kink)
    variants.push({ code: "relu_derivative_at_output", deps: [...down, ...ws], fn: back });
  return {
    id: ids.delta(l, j, s), kind: "delta", layer: l, neuron: j, sample: s,
    deps: [...down, ...ws, z, a],
    fn,
    formula: (x) => times(paren(plus(ks.map((k) => times(x[K + k - 1], x[k - 1]))), true), f.derivativeFormula!(x[2 * K], x[2 * K + 1], params)),
    variants,
  };
}
