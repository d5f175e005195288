// Every gradient the solver reports agrees with central finite differences of the loss (exact arithmetic).
import { describe, expect, it } from "vitest";
import { buildGraph } from "../../generator/solver.js";
import { evaluate } from "../../generator/graph.js";
import { Q } from "../../generator/num/q.js";
import type { Exercise } from "../../generator/exercise.js";
import { readdirSync, readFileSync } from "node:fs";
import { parseExercise, parseExerciseText } from "../../generator/exercise.js";
import { randomExercise } from "../helpers/random-exercise.js";

const exactValues = (ex: Exercise) =>
  evaluate(buildGraph(ex), { carry: "exact", decimals: ex.decimals, rounding: "half_up" });
const loss = (ex: Exercise) => exactValues(ex).get("E")!;

// h = 1e-12: truncation error ~h² ≈ 1e-24; the 50-digit transcendental results leave ~1e-36 of noise.
const H = Q.dec("1e-12");
const shifted = (s: string, by: Q) => Q.dec(s).add(by).toPlain();

function centralDifference(ex: Exercise, set: (ex: Exercise, v: (s: string) => string) => Exercise): Q {
  const plus = loss(set(ex, (s) => shifted(s, H)));
  const minus = loss(set(ex, (s) => shifted(s, H.neg())));
  return plus.sub(minus).div(H.mul(Q.int(2)));
}

function expectClose(fd: Q, g: Q, what: string) {
  const err = fd.sub(g).abs();
  const bound = g.abs().mul(Q.dec("1e-12")).add(Q.dec("1e-30"));
  expect(err.cmp(bound) <= 0, `${what}: solver ${g.toPlain(20)} vs finite difference ${fd.toPlain(20)}`).toBe(true);
}

/** Networks with a ReLU-type unit within 1e-9 of its kink have no derivative there: skip those draws. */
function nearKink(ex: Exercise): boolean {
  const values = exactValues(ex);
  for (const [id, v] of values) {
    const m = /^z(\d+)_/.exec(id);
    if (!m) continue;
    const act = ex.activations[Number(m[1]) - 1];
    if ((act === "relu" || act === "leaky_relu") && v.abs().lt(Q.dec("1e-9"))) return true;
  }
  return false;
}

function checkAll(ex: Exercise) {
  const values = exactValues(ex);
  const L = ex.layers.length - 1;
  for (let l = 1; l <= L; l++)
    for (let j = 1; j <= ex.layers[l]; j++)
      for (let i = 1; i <= ex.layers[l - 1]; i++) {
        const fd = centralDifference(ex, (e, v) => ({
          ...e,
          weights: e.weights.map((m, ll) => m.map((r, jj) => r.map((w, ii) => (ll === l - 1 && jj === j - 1 && ii === i - 1 ? v(w) : w)))),
        }));
        expectClose(fd, values.get(`dW${l}_${j}_${i}`)!, `dW${l}_${j}_${i}`);
      }
  if (ex.updateBiases) {
    for (let l = 1; l <= L; l++) {
      const count = ex.bias === "shared" ? 1 : ex.layers[l];
      for (let j = 1; j <= count; j++) {
        const fd = centralDifference(ex, (e, v) => ({
          ...e,
          biases: e.biases.map((b, ll) => b.map((x, jj) => (ll === l - 1 && jj === j - 1 ? v(x) : x))),
        }));
        expectClose(fd, values.get(ex.bias === "shared" ? `db${l}` : `db${l}_${j}`)!, `db of layer ${l}`);
      }
    }
  }
}

describe("gradients against central finite differences", () => {
  it("holds on 120 random networks of every activation, loss, bias mode and batch size", () => {
    const seen = new Set<string>();
    let checked = 0;
    for (let k = 0; checked < 120; k++) {
      const ex = randomExercise(`fd-${k}`);
      if (nearKink(ex)) continue;
      seen.add(`${ex.activations.join("+")}/${ex.loss}/${ex.bias}/${ex.samples.length > 1 ? "batch" : "one"}`);
      checkAll(ex);
      checked++;
    }
    // The draw really covered the space: every activation and loss, every bias mode, batches.
    const all = [...seen].join(" ");
    for (const word of ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "softmax", "half_sse", "mse", "bce", "cce", "per_neuron", "shared", "none", "batch", "one"])
      expect(all).toContain(word);
  });

  it("holds on every example in examples/ (one per supported combination)", () => {
    const dir = new URL("../../examples/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const f of files) checkAll(parseExerciseText(readFileSync(new URL(f, dir), "utf8"), f));
  });

  it("newE is the loss of the network with the updated numbers put back in", () => {
    for (let k = 0; k < 30; k++) {
      const ex = randomExercise(`newE-${k}`);
      const values = exactValues(ex);
      const L = ex.layers.length - 1;
      const updated: Exercise = {
        ...ex,
        weights: ex.weights.map((m, l) => m.map((r, j) => r.map((_, i) => values.get(`newW${l + 1}_${j + 1}_${i + 1}`)!.toPlain(60)))),
        biases: ex.updateBiases
          ? ex.biases.map((b, l) => b.map((_, j) => values.get(ex.bias === "shared" ? `newb${l + 1}` : `newb${l + 1}_${j + 1}`)!.toPlain(60)))
          : ex.biases,
      };
      expect(L).toBeGreaterThan(0);
      // toPlain(60) cuts inexact weights at 60 digits: the two losses agree far past any printed digit.
      const diff = loss(parseExercise(updated)).sub(values.get("newE")!).abs();
      expect(diff.lt(Q.dec("1e-40"))).toBe(true);
    }
  });
});
