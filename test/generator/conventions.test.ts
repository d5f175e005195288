// The books' conventions (DESIGN.md "Conventions, schedules and exercise forms"): each checked against an
// independent source: a published table, a calculation written out by hand below, central finite
// differences of the loss, or single-sample solves repeated by hand.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseExercise, type Exercise } from "../../generator/exercise.js";
import { solve } from "../../generator/solution.js";
import { Q } from "../../generator/num/q.js";
import { parseId } from "../../generator/ids.js";
import { randomExercise } from "../helpers/random-exercise.js";

/** The first random exercise (seeds prefix-1, prefix-2, …) with the bias mode and sample count asked for. */
function randomWith(prefix: string, want: { bias: Exercise["bias"]; updateBiases?: boolean; samples?: number }): Exercise {
  for (let k = 1; k < 500; k++) {
    const ex = randomExercise(`${prefix}-${k}`, { maxSamples: want.samples ?? 1 });
    if (ex.bias === want.bias && ex.samples.length === (want.samples ?? 1)) return { ...ex, updateBiases: want.updateBiases ?? ex.updateBiases };
  }
  throw new Error("no such draw");
}

const fixture = (name: string) => JSON.parse(readFileSync(`test/fixtures/published/${name}`, "utf8"));
const values = (ex: Exercise) => solve(ex).exact;
const v = (ex: Exercise, id: string) => {
  const q = values(ex).get(id);
  if (q === undefined) throw new Error(`no step ${id}`);
  return q;
};
/** Equal to 40 significant digits: a value carried through the chain against the same one recomputed from 60-digit inputs. */
function same(got: Q | undefined, want: Q, what: string) {
  expect(got, what).toBeDefined();
  expect(got!.sub(want).abs().cmp(want.abs().add(Q.ONE).mul(Q.dec("1e-40"))) <= 0, `${what}: ${got!.toPlain(30)} vs ${want.toPlain(30)}`).toBe(true);
}
/** |a − b| ≤ one unit in the last place `printed` shows. */
function withinLastPlace(got: Q, printed: string, what: string) {
  const places = (printed.split(".")[1] ?? "").length;
  const unit = Q.dec(`1e-${places}`);
  expect(got.sub(Q.dec(printed)).abs().cmp(unit) <= 0, `${what}: ours ${got.toPlain(12)}, printed ${printed}`).toBe(true);
}

// Han & Kamber's table in its own sign (Err_j, Δw added) is a published fixture: fixtures/published/han-kamber-2012-err.json,
// checked digit for digit by test/generator/published.test.ts and test/grader/published.test.ts.

describe("西瓜书 standard BP (周志华《机器学习》§5.3): thresholds subtracted, g_j, e_h, Δ-form updates", () => {
  // 2-2-1, x = (1, 0), y = 1, v_ih = 0, γ_h = 0, w_h1 = 0.2, θ_1 = 0.2, η = 0.1. By hand:
  //   α_h = 0·1 + 0·0 − 0 = 0 → b_h = σ(0) = 0.5 (both h)
  //   β_1 = 0.2·0.5 + 0.2·0.5 − 0.2 = 0 → ŷ_1 = 0.5
  //   g_1 = ŷ(1 − ŷ)(y − ŷ) = 0.25 · 0.5 = 0.125                      (5.10)
  //   e_h = b_h(1 − b_h)·w_h1·g_1 = 0.25 · 0.2 · 0.125 = 0.00625     (5.15)
  //   Δw_h1 = η g_1 b_h = 0.1 · 0.125 · 0.5 = 0.00625                (5.11)
  //   Δθ_1 = −η g_1 = −0.0125                                        (5.12)
  //   Δv_1h = η e_h x_1 = 0.000625, Δv_2h = η e_h x_2 = 0             (5.13)
  //   Δγ_h = −η e_h = −0.000625                                      (5.14)
  //   w_h1′ = 0.20625, θ_1′ = 0.2 − 0.0125 = 0.1875, v_1h′ = 0.000625, γ_h′ = −0.000625
  const ex = parseExercise({
    layers: [2, 2, 1], activations: ["sigmoid", "sigmoid"], loss: "half_sse", bias: "per_neuron", updateBiases: true,
    weights: [[["0", "0"], ["0", "0"]], [["0.2", "0.2"]]], biases: [["0", "0"], ["0.2"]],
    samples: [{ x: ["1", "0"], y: ["1"] }], learningRate: "0.1", decimals: 6, carry: "exact",
    convention: { delta: "error", bias: "subtract" },
  });
  const hand: Record<string, string> = {
    z2_1: "0", a2_1: "0.5", delta2_1: "0.125", delta1_1: "0.00625", delta1_2: "0.00625",
    dW2_1_1: "0.00625", dW2_1_2: "0.00625", db2_1: "-0.0125", dW1_1_1: "0.000625", dW1_1_2: "0", dW1_2_1: "0.000625", db1_1: "-0.000625",
    newW2_1_1: "0.20625", newb2_1: "0.1875", newW1_1_1: "0.000625", newW1_1_2: "0", newb1_1: "-0.000625", newb1_2: "-0.000625",
  };
  it("computes every value worked by hand", () => {
    for (const [id, want] of Object.entries(hand)) expect(v(ex, id).toPlain(), id).toBe(Q.dec(want).toPlain());
  });
  it("writes the book's formulas: β − θ, g = ŷ(1 − ŷ)(y − ŷ), Δθ = −η g, w + Δw", () => {
    const key = solve(ex);
    const formula = (id: string) => {
      const st = key.graph.byId.get(id)!;
      return st.formula(st.deps.map((d) => ({ k: "text", v: d }) as const));
    };
    const flat = (id: string) => JSON.stringify(formula(id));
    expect(flat("z2_1")).toMatch(/"-".*"b2_1"/); // … − θ
    expect(flat("delta2_1")).toMatch(/"y1".*"-".*"a2_1"/); // (y − ŷ)
    expect(flat("db2_1")).toMatch(/^\{"k":"row","items":\[\{"k":"op","op":"-"/); // −η g
    expect(flat("newW2_1_1")).toMatch(/"W2_1_1".*"\+".*"dW2_1_1"/); // w + Δw
  });
});

describe("Mazur's chain steps (granularity \"chain\")", () => {
  const f = fixture("mazur-2015.json");
  const ex = parseExercise({ ...f.exercise, granularity: "chain" });
  it("gives the post's ∂E/∂out_o1 = 0.74136507, ∂out_o1/∂net_o1 = 0.186815602, ∂E/∂out_h1 = 0.036350306, ∂out_h1/∂net_h1 = 0.241300709", () => {
    withinLastPlace(v(ex, "dEda2_1"), "0.74136507", "dEda2_1");
    withinLastPlace(v(ex, "dadz2_1"), "0.186815602", "dadz2_1");
    withinLastPlace(v(ex, "dEda1_1"), "0.036350306", "dEda1_1");
    // The post computes this one from out_h1 truncated to 0.59326999: two units in the 9th place.
    expect(v(ex, "dadz1_1").sub(Q.dec("0.241300709")).abs().cmp(Q.dec("2e-9")) <= 0).toBe(true);
  });
  it("puts ∂E/∂a and ∂a/∂z before each δ, and changes no δ, gradient or update", () => {
    const chain = solve(ex);
    const plain = values(parseExercise(f.exercise));
    const ids = chain.graph.steps.map((s) => s.id);
    expect(ids.indexOf("dEda2_1")).toBeLessThan(ids.indexOf("dadz2_1"));
    expect(ids.indexOf("dadz2_1")).toBeLessThan(ids.indexOf("delta2_1"));
    for (const [id, q] of plain) expect(chain.exact.get(id)!.toPlain(30), id).toBe(q.toPlain(30));
  });
});

/** Every combination of the two conventions and the two granularities on one exercise. */
const COMBOS = (["gradient", "error"] as const).flatMap((delta) =>
  (["add", "subtract"] as const).flatMap((bias) => (["delta", "chain"] as const).map((granularity) => ({ delta, bias, granularity }))),
);

describe("gradients of every convention against central finite differences", () => {
  // E(θ ± h) with exact arithmetic; h = 1e-12 leaves an error ~h² far below the 1e-12 relative bound.
  const H = Q.dec("1e-12");
  const loss = (ex: Exercise) => v(ex, ex.samples.length > 1 ? "E" : "E");
  const shift = (ex: Exercise, kind: "W" | "b", l: number, j: number, i: number, by: Q): Exercise =>
    kind === "W"
      ? { ...ex, weights: ex.weights.map((m, ll) => m.map((r, jj) => r.map((w, ii) => (ll === l - 1 && jj === j - 1 && ii === i - 1 ? Q.dec(w).add(by).toPlain() : w)))) }
      : { ...ex, biases: ex.biases.map((r, ll) => r.map((b, jj) => (ll === l - 1 && jj === j - 1 ? Q.dec(b).add(by).toPlain() : b))) };
  const fd = (ex: Exercise, kind: "W" | "b", l: number, j: number, i = 1) =>
    loss(shift(ex, kind, l, j, i, H)).sub(loss(shift(ex, kind, l, j, i, H.neg()))).div(H.mul(Q.int(2)));
  const close = (a: Q, b: Q, what: string) =>
    expect(a.sub(b).abs().cmp(b.abs().mul(Q.dec("1e-12")).add(Q.dec("1e-30"))) <= 0, `${what}: ${a.toPlain(20)} vs ${b.toPlain(20)}`).toBe(true);

  for (const c of COMBOS)
    it(`delta ${c.delta}, bias ${c.bias}, granularity ${c.granularity}: dW, db (∂E/∂θ or Δ = −η·∂E/∂·) and the update`, () => {
      for (let seed = 1; seed <= 3; seed++) {
        const base = randomWith(`conv-${seed}`, { bias: "per_neuron", updateBiases: true });
        const ex = parseExercise({ ...base, convention: { delta: c.delta, bias: c.bias }, granularity: c.granularity });
        const val = values(ex);
        const eta = Q.dec(ex.learningRate);
        const L = ex.layers.length - 1;
        for (let l = 1; l <= L; l++)
          for (let j = 1; j <= ex.layers[l]; j++) {
            for (let i = 1; i <= ex.layers[l - 1]; i++) {
              const g = fd(ex, "W", l, j, i);
              const want = c.delta === "error" ? g.mul(eta).neg() : g;
              close(val.get(`dW${l}_${j}_${i}`)!, want, `dW${l}_${j}_${i}`);
              // w′ = w − η·∂E/∂w in every convention.
              close(val.get(`newW${l}_${j}_${i}`)!, Q.dec(ex.weights[l - 1][j - 1][i - 1]).sub(eta.mul(g)), `newW${l}_${j}_${i}`);
            }
            const gb = fd(ex, "b", l, j);
            close(val.get(`db${l}_${j}`)!, c.delta === "error" ? gb.mul(eta).neg() : gb, `db${l}_${j}`);
            close(val.get(`newb${l}_${j}`)!, Q.dec(ex.biases[l - 1][j - 1]).sub(eta.mul(gb)), `newb${l}_${j}`);
          }
      }
    });

  it("a shared threshold's ∂E/∂θ is minus the sum of its layer's δ", () => {
    const base = randomWith("conv-shared", { bias: "shared", updateBiases: true });
    const ex = parseExercise({ ...base, convention: { bias: "subtract" } });
    const val = values(ex);
    for (let l = 1; l < ex.layers.length; l++) close(val.get(`db${l}`)!, fd(ex, "b", l, 1), `db${l}`);
  });
});

describe("online schedule and repeated passes against single-sample solves done one after another", () => {
  const two = (extra: object) => {
    const base = randomWith("online", { bias: "per_neuron", updateBiases: true, samples: 2 });
    return parseExercise({ ...base, ...extra });
  };
  /** The exercise with sample k only, and the weights and biases of `from`'s step ids with suffix `sfx`. */
  const after = (ex: Exercise, val: ReadonlyMap<string, Q>, sfx: string, k: number): Exercise => ({
    ...ex, schedule: undefined, iterations: undefined,
    samples: [ex.samples[k]],
    weights: ex.weights.map((m, l) => m.map((r, j) => r.map((_, i) => val.get(`newW${l + 1}_${j + 1}_${i + 1}${sfx}`)!.toPlain(60)))),
    biases: ex.biases.map((r, l) => r.map((_, j) => val.get(`newb${l + 1}_${j + 1}${sfx}`)!.toPlain(60))),
  });
  it("online over 2 samples: sample 2 starts from sample 1's update, as two solves in a row", () => {
    const ex = two({ schedule: "online" });
    const val = values(ex);
    const first = values({ ...ex, schedule: undefined, samples: [ex.samples[0]] });
    for (const [id, q] of first) {
      const p = parseId(id);
      if (p === null || ["x", "y", "W", "b", "eta", "newE"].includes(p.kind)) continue;
      const mine = ["dW", "db", "newW", "newb"].includes(p.kind) ? `${id}@1` : id.includes("@") ? id : `${id}@1`;
      same(val.get(mine), q, mine);
    }
    const second = values(after(ex, val, "@1", 1));
    for (const id of ["z1_1", "a2_1", "E", "delta1_1", "dW1_1_1", "newW2_1_1", "newb1_1"]) {
      const p = parseId(id)!;
      const mine = p.kind === "E" || p.kind === "z" || p.kind === "a" || p.kind === "delta" ? id.replace(/$/, "@2") : `${id}@2`;
      same(val.get(mine), second.get(id)!, mine);
    }
  });
  it("a second and third pass start from the last update, as solves in a row; newE is the loss after the last", () => {
    const base = randomWith("passes", { bias: "shared", updateBiases: true });
    const ex = parseExercise({ ...base, iterations: 3 });
    const val = values(ex);
    let prev = values({ ...ex, iterations: undefined });
    for (const t of [2, 3]) {
      const sfx = t === 2 ? "" : `#${t - 1}`;
      const next: Exercise = {
        ...ex, iterations: undefined,
        weights: ex.weights.map((m, l) => m.map((r, j) => r.map((_, i) => (t === 2 ? prev : val).get(`newW${l + 1}_${j + 1}_${i + 1}${sfx}`)!.toPlain(60)))),
        biases: ex.biases.map((r, l) => r.map(() => (t === 2 ? prev : val).get(`newb${l + 1}${sfx}`)!.toPlain(60))),
      };
      prev = values(next);
      for (const [id, q] of prev) {
        const p = parseId(id);
        if (p === null || ["x", "y", "W", "b", "eta"].includes(p.kind)) continue;
        if (p.kind === "newE") {
          if (t === 3) same(val.get("newE"), q, "newE");
          continue;
        }
        same(val.get(`${id}#${t}`), q, `${id}#${t}`);
      }
    }
  });
});

describe("defaults and ids", () => {
  it("an exercise with every setting at its default is the same record as one without them", () => {
    const base = randomExercise("defaults");
    const same = parseExercise({ ...base, convention: { delta: "gradient", bias: "add" }, granularity: "delta", schedule: "batch", iterations: 1, ask: "all" });
    expect(same).toEqual(parseExercise(base));
  });
  it("reads pass and sample back from the new ids, and refuses #1", () => {
    expect(parseId("delta2_1@3#2")).toEqual({ kind: "delta", layer: 2, neuron: 1, sample: 3, pass: 2 });
    expect(parseId("newW1_1_1@2")).toMatchObject({ kind: "newW", layer: 1, neuron: 1, from: 1, sample: 2 });
    expect(parseId("dEda1_2")).toMatchObject({ kind: "dEda", layer: 1, neuron: 2 });
    expect(parseId("z1_1#1")).toBeNull();
    expect(parseId("W1_1_1#2")).toBeNull();
  });
});

describe("a partial sheet's code brings its ask back", () => {
  it("carries kinds and phases in the code, and the code alone gives the same partial key", async () => {
    const { encodeCode, decodeCode } = await import("../../generator/code.js");
    const { exerciseFromCode, planSet, codeKnobs } = await import("../../generator/classset.js");
    const { presetByName } = await import("../../generator/presets.js");
    const code = encodeCode(1, 12345, { ask: ["delta", "update"] });
    expect(decodeCode(code).knobs.ask).toEqual(["delta", "update"]);
    // A code without ask is the same bytes as before (the short and long forms are unchanged).
    expect(encodeCode(1, 12345)).toHaveLength("BP1-XXXX-XXXX".length);
    const [p] = planSet({ preset: "classic-2-3-2", seed: "ask-code", count: 1, overrides: { ask: ["update", "loss"] } });
    const fromCode = exerciseFromCode(p.code);
    expect(fromCode.exercise.ask).toEqual(["E", "update"]);
    expect([...fromCode.solution.asked!].sort()).toEqual(["E", "newW1_1_1", "newW1_1_2", "newW1_2_1", "newW1_2_2", "newW1_3_1", "newW1_3_2", "newW2_1_1", "newW2_1_2", "newW2_1_3", "newW2_2_1", "newW2_2_2", "newW2_2_3"]);
    expect(() => codeKnobs(presetByName("classic-2-3-2")!, { ask: ["newW2_1_1"] })).toThrow(/cli.gen.askId/);
  });
});
