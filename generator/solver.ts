// The step graph of an exercise: its givens and its steps, in the order a student computes them.
// solve() (solution.ts) evaluates it; this file only builds it.
import { settingsOf, type Exercise } from "./exercise.js";
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
  const base = [ex.layers, ex.activations, ex.loss, ex.bias, ex.updateBiases, ex.samples.length, ex.leakySlope ?? "0.01"];
  // The settings join the key only when set, so a shape's key (and its caches) stay as they were.
  const more = [ex.convention, ex.granularity, ex.schedule, ex.iterations];
  return JSON.stringify(more.some((m) => m !== undefined) ? [...base, ...more] : base);
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
  const set = settingsOf(ex);

  // The weights and biases in force: the givens at first, each update's results after it.
  const W: string[][][] = [[]];
  const B: (string | null)[][] = [[]];
  for (let l = 1; l <= L; l++) {
    W.push([[], ...range(n(l)).map((j) => ["", ...range(n(l - 1)).map((i) => ids.W(l, j, i))])]);
    B.push([null, ...range(n(l)).map((j) => (ex.bias === "none" ? null : ex.bias === "shared" ? ids.b(l) : ids.b(l, j)))]);
  }
  let before: { W: string[][][]; B: (string | null)[][] } | null = null;
  const snapshot = () => ({ W: W.map((m) => m.map((r) => [...r])), B: B.map((r) => [...r]) });

  const steps: Step[] = [];
  const push = (s: Step) => steps.push(s);
  const ctx: Ctx = { ex, L, n, range, params, act, loss, set, W, B };

  for (let t = 1; t <= set.passes; t++) {
    const p = t === 1 ? undefined : t;
    if (!set.online) {
      for (const s of samples) forwardAndLoss(ctx, push, s, p, before);
      if (batch) {
        const deps = samples.map((s) => ids.E(s, p));
        push({ id: ids.E(undefined, p), kind: "E", pass: p, deps, fn: mean, formula: meanOf, plausible: (v) => v.sign() >= 0, variants: [] });
      }
      for (const s of samples) backward(ctx, push, s, p, undefined);
      gradients(ctx, push, samples, undefined, p);
      before = snapshot();
      update(ctx, push, undefined, p);
    } else {
      for (const s of samples) {
        forwardAndLoss(ctx, push, s, p, before);
        backward(ctx, push, s, p, s);
        gradients(ctx, push, [s], s, p);
        before = snapshot();
        update(ctx, push, s, p);
      }
    }
  }

  // ---- the loss after the update: the forward pass again with the new numbers
  {
    const wIds: string[] = [];
    const bIds: string[] = [];
    for (let l = 1; l <= L; l++) {
      for (const j of range(n(l))) for (const i of range(n(l - 1))) wIds.push(W[l][j][i]);
      if (ex.bias === "shared") bIds.push(B[l][1]!);
      else if (ex.bias === "per_neuron") for (const j of range(n(l))) bIds.push(B[l][j]!);
    }
    const xyIds = samples.flatMap((s) => [...range(n(0)).map((i) => ids.x(i, s)), ...range(n(L)).map((j) => ids.y(j, s))]);
    const deps = [...wIds, ...bIds, ...xyIds];
    // The loss with the new numbers; `round`, when given, rounds every z, a and per-sample loss as a
    // student writes them down on the way.
    const newLoss = (v: readonly Q[], round?: (q: Q) => Q) => {
      const Wv = v.slice(0, wIds.length);
      const Bv = v.slice(wIds.length, wIds.length + bIds.length);
      const XY = v.slice(wIds.length + bIds.length);
      const per = n(0) + n(L);
      const losses = samples.map((_, k) => {
        const x = XY.slice(k * per, k * per + n(0));
        const tt = XY.slice(k * per + n(0), (k + 1) * per);
        const e = loss.value(forward(ex, params, Wv, Bv, x, round), tt);
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

/** What the parts of one pass share: the exercise's shape and the weights in force. */
interface Ctx {
  readonly ex: Exercise;
  readonly L: number;
  readonly n: (l: number) => number;
  readonly range: (k: number) => number[];
  readonly params: ActivationParams;
  readonly act: (l: number) => Activation;
  readonly loss: (typeof LOSSES)[keyof typeof LOSSES];
  readonly set: ReturnType<typeof settingsOf>;
  /** W[l][j][i]: the id of the weight in force; B[l][j]: the bias's (a shared one at every j). */
  readonly W: string[][][];
  readonly B: (string | null)[][];
}
type Push = (s: Step) => void;

const neg = (f: Formula): Formula => row(op("-"), f);
const out = (l: number, j: number, s: number | undefined, p: number | undefined) => (l === 0 ? ids.x(j, s) : ids.a(l, j, s, p));

/** One sample's forward pass and loss, with the weights in force. */
function forwardAndLoss(c: Ctx, push: Push, s: number | undefined, p: number | undefined, before: { W: string[][][]; B: (string | null)[][] } | null): void {
  const { ex, L, n, range, params, act, loss, set } = c;
  for (let l = 1; l <= L; l++) {
    const f = act(l);
    for (const j of range(n(l))) {
      const b = c.B[l][j];
      const k = n(l - 1);
      const ins = range(k).map((i) => out(l - 1, i, s, p));
      const deps = [...range(k).map((i) => c.W[l][j][i]), ...ins];
      if (b) deps.push(b);
      const sign = set.subtract ? -1 : 1;
      const net = (bs: number) => (v: readonly Q[]) => {
        let acc = Q.ZERO;
        for (let i = 0; i < k; i++) acc = acc.add(v[i].mul(v[k + i]));
        if (b) acc = bs > 0 ? acc.add(v[2 * k]) : acc.sub(v[2 * k]);
        return acc;
      };
      const variants: Variant[] = [];
      if (b && set.subtract) variants.push({ code: "threshold_added", deps, fn: net(1) });
      // Sample s+1 (online) or pass t+1 from the weights before the last update.
      if (before !== null) {
        const old = [...range(k).map((i) => before.W[l][j][i]), ...ins];
        const ob = before.B[l][j];
        if (ob) old.push(ob);
        if (old.some((d, q) => d !== deps[q])) variants.push({ code: "old_weights", deps: old, fn: net(sign) });
      }
      push({
        id: ids.z(l, j, s, p), kind: "z", layer: l, neuron: j, sample: s, pass: p, deps,
        fn: net(sign),
        formula: (a) => {
          const terms = range(k).map((i) => times(a[i - 1], a[k + i - 1]));
          if (!b) return plus(terms);
          return set.subtract ? row(plus(terms), op("-"), a[2 * k]) : plus([...terms, a[2 * k]]);
        },
        variants,
      });
    }
    for (const j of range(n(l))) {
      const z = ids.z(l, j, s, p);
      if (!f.traits.elementwise) {
        const deps = range(n(l)).map((jj) => ids.z(l, jj, s, p));
        push({
          id: ids.a(l, j, s, p), kind: "a", layer: l, neuron: j, sample: s, pass: p, deps,
          fn: (v) => f.forward(v, params)[j - 1],
          // exp(…) rather than e^{…}: a labelled z in an exponent prints too small to read. \dfrac: full-size.
          formula: (a) => frac(call("exp", a[j - 1]), plus(a.map((x) => call("exp", x))), "d"),
          plausible: f.plausible,
          variants: [{ code: "activation_not_applied", deps: [z], fn: (v) => v[0] }],
        });
      } else {
        push({
          id: ids.a(l, j, s, p), kind: "a", layer: l, neuron: j, sample: s, pass: p, deps: [z],
          fn: (v) => f.forward(v, params)[0],
          formula: (a) => f.formula(a[0]),
          plausible: f.plausible,
          variants: f.traits.identity ? [] : [{ code: "activation_not_applied", deps: [z], fn: (v) => v[0] }],
        });
      }
    }
  }
  const aOut = range(n(L)).map((j) => ids.a(L, j, s, p));
  const tOut = range(n(L)).map((j) => ids.y(j, s));
  const K = n(L);
  const lossFn = (v: readonly Q[]) => loss.value(v.slice(0, K), v.slice(K));
  push({
    id: ids.E(s, p), kind: "E", sample: s, pass: p, deps: [...aOut, ...tOut],
    fn: lossFn,
    formula: (a) => loss.formula(a.slice(0, K), a.slice(K)),
    plausible: (v) => v.sign() >= 0,
    variants: loss.mistakes.factorTwo ? [{ code: "factor_two", deps: [...aOut, ...tOut], fn: (v) => loss.mistakes.factorTwo!(lossFn(v)) }] : [],
  });
}

/** One sample's error terms, output layer first; `u` is the sample tag of the update they feed. */
function backward(c: Ctx, push: Push, s: number | undefined, p: number | undefined, u: number | undefined): void {
  const { ex, L, n, range, params, act, loss, set } = c;
  for (let l = L; l >= 1; l--) {
    const f = act(l);
    for (const j of range(n(l))) {
      const z = ids.z(l, j, s, p);
      const a = ids.a(l, j, s, p);
      const where = { layer: l, neuron: j, sample: s, pass: p };
      const fused = l === L && loss.fusedWith === f.name;
      if (set.chain && !fused) {
        const dEda = ids.dEda(l, j, s, p);
        const dadz = ids.dadz(l, j, s, p);
        push(l === L ? outputDEda(c, j, s, p, a) : hiddenDEda(c, l, j, s, p, u, z, a));
        const deriv = f.derivative!;
        const { derivativeOfOutput } = f.mistakes;
        push({
          id: dadz, kind: "dadz", ...where, deps: [z, a],
          fn: (v) => deriv(v[0], v[1], params),
          formula: (x) => f.derivativeFormula!(x[0], x[1], params),
          variants: derivativeOfOutput ? [{ code: "derivative_of_output", deps: [a], fn: (v) => derivativeOfOutput(v[0]) }] : [],
        });
        const product = (v: readonly Q[]) => v[0].mul(v[1]);
        push({
          id: ids.delta(l, j, s, p), kind: "delta", ...where, deps: [dEda, dadz],
          fn: set.errorTerm ? (v) => product(v).neg() : product,
          formula: (x) => (set.errorTerm ? neg(times(x[0], x[1])) : times(x[0], x[1])),
          variants: set.errorTerm ? [{ code: "error_term_sign", deps: [dEda, dadz], fn: product }] : [],
        });
      } else if (l === L) push(outputDelta(c, f, j, s, p, z, a));
      else push(hiddenDelta(c, f, l, j, s, p, u, z, a));
    }
  }
}

/** ∂E/∂a of an output: Mazur's ∂E/∂out_o, the Google demo's dE/dy. */
function outputDEda(c: Ctx, j: number, s: number | undefined, p: number | undefined, a: string): Step {
  const { L, n, loss } = c;
  const K = n(L);
  const t = ids.y(j, s);
  const g = (v: readonly Q[]) => loss.gradient(v[0], v[1], K);
  const variants: Variant[] = [{ code: "target_sign", deps: [a, t], fn: (v) => g(v).neg() }];
  const { factorTwo } = loss.mistakes;
  if (factorTwo) variants.push({ code: "factor_two", deps: [a, t], fn: (v) => factorTwo(g(v)) });
  return {
    id: ids.dEda(L, j, s, p), kind: "dEda", layer: L, neuron: j, sample: s, pass: p, deps: [a, t],
    fn: g, formula: (x) => loss.gradientFormula(x[0], x[1], K), variants,
  };
}

/** ∂E/∂a of a hidden unit: Σ_k w_kj·δ_k (−Σ w_kj·Err_k when the δ steps hold the error term). */
function hiddenDEda(c: Ctx, l: number, j: number, s: number | undefined, p: number | undefined, u: number | undefined, z: string, a: string): Step {
  const K = c.n(l + 1);
  const ks = c.range(K);
  const down = ks.map((k) => ids.delta(l + 1, k, s, p));
  const ws = ks.map((k) => c.W[l + 1][k][j]);
  const sgn = c.set.errorTerm ? (q: Q) => q.neg() : (q: Q) => q;
  const back = (v: readonly Q[]) => {
    let acc = Q.ZERO;
    for (let k = 0; k < K; k++) acc = acc.add(v[K + k].mul(v[k]));
    return sgn(acc);
  };
  const variants: Variant[] = [
    { code: "updated_weights", deps: [...down, ...ks.map((k) => ids.newW(l + 1, k, j, u, p))], fn: back },
    { code: "summed_gradients", deps: [...down, a], fn: (v) => sgn(ks.reduce((acc, k) => acc.add(v[k - 1].mul(v[K])), Q.ZERO)) },
  ];
  if (K > 1)
    for (const k of ks) variants.push({ code: "single_path", deps: [ids.delta(l + 1, k, s, p), c.W[l + 1][k][j]], fn: (v) => sgn(v[0].mul(v[1])) });
  void z;
  const body = (x: readonly Formula[]) => plus(ks.map((k) => times(x[K + k - 1], x[k - 1])));
  return {
    id: ids.dEda(l, j, s, p), kind: "dEda", layer: l, neuron: j, sample: s, pass: p, deps: [...down, ...ws],
    fn: back,
    formula: (x) => (c.set.errorTerm ? neg(paren(body(x), true)) : body(x)),
    variants,
  };
}

/** Gradients of one update: means over `group` (all samples in a batch, one sample online). */
function gradients(c: Ctx, push: Push, group: readonly (number | undefined)[], u: number | undefined, p: number | undefined): void {
  const { ex, L, n, range, set } = c;
  const sign = set.subtract ? -1 : 1;
  for (let l = L; l >= 1; l--) {
    for (const j of range(n(l))) {
      for (const i of range(n(l - 1))) {
        const terms = group.flatMap((s) => [ids.delta(l, j, s, p), out(l - 1, i, s, p)]);
        const avg = (v: readonly Q[], o: number) => mean(group.map((_, k) => v[o + 2 * k].mul(v[o + 2 * k + 1])));
        const avgF = (a: readonly Formula[], o: number) => meanOf(group.map((_, k) => times(a[o + 2 * k], a[o + 2 * k + 1])));
        const where = { id: ids.dW(l, j, i, u, p), kind: "dW" as const, layer: l, neuron: j, from: i, sample: u, pass: p };
        if (!set.errorTerm) push({ ...where, deps: terms, fn: (v) => avg(v, 0), formula: (a) => avgF(a, 0), variants: [] });
        else
          // Δw = η·Err·a (Han & Kamber), η·g·b (西瓜书).
          push({
            ...where, deps: [ids.eta(), ...terms],
            fn: (v) => v[0].mul(avg(v, 1)),
            formula: (a) => times(a[0], avgF(a, 1)),
            variants: [{ code: "missing_learning_rate", deps: terms, fn: (v) => avg(v, 0) }],
          });
      }
    }
    if (!ex.updateBiases) continue;
    // The bias's gradient: the sum of its layer's δ (shared) or its own δ, its sign flipped for a threshold;
    // with the error term, Δb = η·Err (Δθ = −η·g).
    const biasStep = (id: string, deps: readonly string[], per: number, j?: number) => {
      const avg = (v: readonly Q[], o: number) => mean(group.map((_, k) => sum(v.slice(o + k * per, o + (k + 1) * per))));
      const avgF = (a: readonly Formula[], o: number) => meanOf(group.map((_, k) => plus(a.slice(o + k * per, o + (k + 1) * per))));
      const signed = (q: Q) => (sign < 0 ? q.neg() : q);
      const signedF = (f: Formula, wrap: boolean) => (sign < 0 ? neg(wrap ? paren(f) : f) : f);
      const wrap = per > 1 && group.length === 1;
      const where = { id, kind: "db" as const, layer: l, neuron: j, sample: u, pass: p };
      if (!set.errorTerm)
        push({
          ...where, deps, fn: (v) => signed(avg(v, 0)), formula: (a) => signedF(avgF(a, 0), wrap),
          variants: sign < 0 ? [{ code: "threshold_sign", deps, fn: (v) => avg(v, 0) }] : [],
        });
      else
        push({
          ...where, deps: [ids.eta(), ...deps],
          fn: (v) => signed(v[0].mul(avg(v, 1))),
          formula: (a) => signedF(times(a[0], wrap ? paren(avgF(a, 1)) : avgF(a, 1)), false),
          variants: [
            { code: "missing_learning_rate", deps, fn: (v) => signed(avg(v, 0)) },
            ...(sign < 0 ? [{ code: "threshold_sign" as const, deps: [ids.eta(), ...deps], fn: (v: readonly Q[]) => v[0].mul(avg(v, 1)) }] : []),
          ],
        });
    };
    if (ex.bias === "shared") biasStep(ids.db(l, undefined, u, p), group.flatMap((s) => range(n(l)).map((j) => ids.delta(l, j, s, p))), n(l));
    else for (const j of range(n(l))) biasStep(ids.db(l, j, u, p), group.map((s) => ids.delta(l, j, s, p)), 1, j);
  }
}

/** The update, layer by layer in weight order; the weights in force become the new ones. */
function update(c: Ctx, push: Push, u: number | undefined, p: number | undefined): void {
  const { ex, L, n, range, set } = c;
  const step = (id: string, kind: "newW" | "newb", old: string, grad: string, l: number, j?: number, i?: number): Step => {
    const where = { id, kind, layer: l, neuron: j, from: i, sample: u, pass: p };
    if (set.errorTerm)
      return {
        ...where, deps: [old, grad],
        fn: (v) => v[0].add(v[1]),
        formula: (a) => plus([a[0], a[1]]),
        variants: [{ code: "update_sign", deps: [old, grad], fn: (v) => v[0].sub(v[1]) }],
      };
    return {
      ...where, deps: [old, ids.eta(), grad],
      fn: (v) => v[0].sub(v[1].mul(v[2])),
      formula: (a) => row(a[0], op("-"), times(a[1], a[2])),
      variants: [
        { code: "update_sign", deps: [old, ids.eta(), grad], fn: (v) => v[0].add(v[1].mul(v[2])) },
        { code: "missing_learning_rate", deps: [old, grad], fn: (v) => v[0].sub(v[1]) },
      ],
    };
  };
  for (let l = 1; l <= L; l++) {
    for (const j of range(n(l)))
      for (const i of range(n(l - 1))) {
        const id = ids.newW(l, j, i, u, p);
        push(step(id, "newW", c.W[l][j][i], ids.dW(l, j, i, u, p), l, j, i));
        c.W[l][j][i] = id;
      }
    if (!ex.updateBiases) continue;
    if (ex.bias === "shared") {
      const id = ids.newb(l, undefined, u, p);
      push(step(id, "newb", c.B[l][1]!, ids.db(l, undefined, u, p), l));
      for (const j of range(n(l))) c.B[l][j] = id;
    } else if (ex.bias === "per_neuron")
      for (const j of range(n(l))) {
        const id = ids.newb(l, j, u, p);
        push(step(id, "newb", c.B[l][j]!, ids.db(l, j, u, p), l, j));
        c.B[l][j] = id;
      }
  }
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
      const bv = ex.bias === "per_neuron" ? B[b + j] : ex.bias === "shared" ? B[b] : undefined;
      if (bv !== undefined) acc = ex.convention?.bias === "subtract" ? acc.sub(bv) : acc.add(bv);
      z.push(round(acc));
    }
    if (ex.bias === "per_neuron") b += ex.layers[l];
    if (ex.bias === "shared") b += 1;
    a = ACTIVATIONS[ex.activations[l - 1]].forward(z, params).map(round);
  }
  return a;
}

function outputDelta(c: Ctx, f: Activation, j: number, s: number | undefined, p: number | undefined, z: string, a: string): Step {
  const { ex, params, loss, set } = c;
  const t = ids.y(j, s);
  const L = ex.layers.length - 1;
  const base = { id: ids.delta(L, j, s, p), kind: "delta" as const, layer: L, neuron: j, sample: s, pass: p };
  // With the error term (Err_j, g_j) the step holds −∂E/∂z; each variant below is written for δ = ∂E/∂z
  // and turned the same way, and δ itself becomes the named sign slip.
  const e = set.errorTerm ? (q: Q) => q.neg() : (q: Q) => q;
  const slip: (deps: readonly string[], fn: (v: readonly Q[]) => Q) => Variant[] = (deps, fn) =>
    set.errorTerm ? [{ code: "error_term_sign", deps, fn }] : [];
  if (loss.fusedWith === f.name) {
    const d = (v: readonly Q[]) => v[0].sub(v[1]);
    const variants: Variant[] = [...slip([a, t], d), { code: "target_sign", deps: [a, t], fn: (v) => e(v[1].sub(v[0])) }];
    if (f.traits.distribution)
      variants.push({ code: "softmax_jacobian_again", deps: [a, t], fn: (v) => e(v[0].sub(v[1]).mul(v[0].mul(Q.ONE.sub(v[0])))) });
    return {
      ...base, deps: [a, t], fn: (v) => e(d(v)),
      formula: (x) => (set.errorTerm ? row(x[1], op("-"), x[0]) : row(x[0], op("-"), x[1])),
      variants,
    };
  }
  const K = ex.layers[L];
  const deriv = f.derivative!;
  const g = (v: readonly Q[]) => loss.gradient(v[0], v[1], K);
  const d = (v: readonly Q[]) => g(v).mul(deriv(v[2], v[0], params));
  // As for hidden units: with ReLU-type units a forgotten f′ and ReLU′(0) = 1 give the same numbers; name the latter.
  const kink = f.traits.kink;
  const variants: Variant[] = [
    ...slip([a, t, z], d),
    ...(kink ? [] : [{ code: "missing_output_derivative" as const, deps: [a, t, z], fn: (v: readonly Q[]) => e(g(v)) }]),
    { code: "target_sign", deps: [a, t, z], fn: (v) => e(g(v).neg().mul(deriv(v[2], v[0], params))) },
  ];
  const { factorTwo } = loss.mistakes;
  if (factorTwo) variants.push({ code: "factor_two", deps: [a, t, z], fn: (v) => e(factorTwo(g(v)).mul(deriv(v[2], v[0], params))) });
  const { derivativeOfOutput } = f.mistakes;
  if (derivativeOfOutput) variants.push({ code: "derivative_of_output", deps: [a, t, z], fn: (v) => e(g(v).mul(derivativeOfOutput(v[0]))) });
  if (kink) variants.push({ code: "relu_derivative_at_output", deps: [a, t, z], fn: (v) => e(g(v)) });
  return {
    ...base, deps: [a, t, z],
    fn: (v) => e(d(v)),
    formula: (x) => times(set.errorTerm ? loss.errorFormula(x[0], x[1], K) : loss.gradientFormula(x[0], x[1], K), f.derivativeFormula!(x[2], x[0], params)),
    variants,
  };
}

/** A hidden unit's δ = (Σ_k w_kj·δ_k)·f′(z): the same rule carries Err and e_h, whose signs come from below. */
function hiddenDelta(c: Ctx, f: Activation, l: number, j: number, s: number | undefined, p: number | undefined, u: number | undefined, z: string, a: string): Step {
  const { ex, params } = c;
  const K = ex.layers[l + 1];
  const ks = Array.from({ length: K }, (_, k) => k + 1);
  const down = ks.map((k) => ids.delta(l + 1, k, s, p));
  const ws = ks.map((k) => c.W[l + 1][k][j]);
  const deriv = f.derivative!;
  const back = (v: readonly Q[]) => {
    let acc = Q.ZERO;
    for (let k = 0; k < K; k++) acc = acc.add(v[K + k].mul(v[k]));
    return acc;
  };
  const fn = (v: readonly Q[]) => back(v).mul(deriv(v[2 * K], v[2 * K + 1], params));
  const variants: Variant[] = [
    { code: "updated_weights", deps: [...down, ...ks.map((k) => ids.newW(l + 1, k, j, u, p)), z, a], fn },
  ];
  // For ReLU-type units a forgotten derivative and ReLU′(0) = 1 give the same numbers: name the latter.
  if (!f.traits.kink && !f.traits.identity)
    variants.push({ code: "missing_hidden_derivative", deps: [...down, ...ws], fn: back });
  if (K > 1)
    for (const k of ks)
      variants.push({
        code: "single_path", deps: [ids.delta(l + 1, k, s, p), c.W[l + 1][k][j], z, a],
        fn: (v) => v[0].mul(v[1]).mul(deriv(v[2], v[3], params)),
      });
  // w_jk for w_kj: only when every swapped index exists in the next layer's matrix.
  const nl = ex.layers[l];
  if (j <= K && K <= nl) {
    const swapped = ks.map((k) => c.W[l + 1][j][k]);
    if (swapped.some((id, k) => id !== ws[k])) variants.push({ code: "transposed_weight", deps: [...down, ...swapped, z, a], fn });
  }
  const { derivativeOfOutput } = f.mistakes;
  if (derivativeOfOutput)
    variants.push({ code: "derivative_of_output", deps: [...down, ...ws, z, a], fn: (v) => back(v).mul(derivativeOfOutput(v[2 * K + 1])) });
  if (f.traits.kink)
    variants.push({ code: "relu_derivative_at_output", deps: [...down, ...ws], fn: back });
  // Σ_k ∂E/∂w_kj = Σ_k δ_k·a_j where Σ_k w_kj·δ_k belongs: the outgoing weights' gradients summed.
  variants.push({
      code: "summed_gradients", deps: [...down, z, a],
      fn: (v) => ks.reduce((acc, k) => acc.add(v[k - 1].mul(v[K + 1])), Q.ZERO).mul(deriv(v[K], v[K + 1], params)),
    });
  return {
    id: ids.delta(l, j, s, p), kind: "delta", layer: l, neuron: j, sample: s, pass: p,
    deps: [...down, ...ws, z, a],
    fn,
    formula: (x) => times(paren(plus(ks.map((k) => times(x[K + k - 1], x[k - 1]))), true), f.derivativeFormula!(x[2 * K], x[2 * K + 1], params)),
    variants,
  };
}
