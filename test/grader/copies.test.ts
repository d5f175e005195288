// Copy flags (grader/copies.ts): honest sheets, with slips carried forward and named mistakes, are never
// flagged; a sheet handed in under one's own code with a neighbour's answers is, naming the neighbour's code.
import { describe, expect, it } from "vitest";
import { generateSet } from "../../generator/classset.js";
import { Q } from "../../generator/num/q.js";
import { PreparedCache } from "../../grader/batch.js";
import { copyFlags, type Handed } from "../../grader/copies.js";
import { resolveCode } from "../../grader/resolve.js";
import { studentAnswers } from "./chain.js";

const cache = new PreparedCache();
const prepared = (code: string) => cache.get(resolveCode(code).solution);

/** Every printed answer of a set item, by step id. */
const keyAnswers = (it: ReturnType<typeof generateSet>[number]) => Object.fromEntries(it.solution.graph.steps.map((s, k) => [s.id, it.solution.answers[k].rounded]));

describe("copy flags", () => {
  const set = [
    ...generateSet({ preset: "classic-2-3-2", seed: "copies", count: 40 }),
    ...generateSet({ preset: "chain-1-2-2-1", seed: "copies", count: 20 }),
    ...generateSet({ preset: "softmax-2-4-4-3", seed: "copies", count: 10 }),
  ];

  it("never flags honest sheets: right, blank in places, or with a slip and a named mistake", () => {
    const handed: Handed[] = set.map((it, k) => {
      const a: Record<string, string> = keyAnswers(it);
      if (k % 3 === 1) for (const id of Object.keys(a).slice(-5)) delete a[id];
      if (k % 3 === 2) {
        // A slip in the first step (off by 0.1), the rest as the key has it; and on the classic sheets the
        // update-sign mistake on every weight of the last layer: w + η·∂E/∂w = 2w − w⁺.
        const first = Object.keys(a)[0];
        a[first] = Q.dec(a[first]).add(Q.dec("0.1")).toFixed(it.exercise.decimals);
        if (k < 40)
          for (const id of Object.keys(a).filter((x) => x.startsWith("newW2_"))) {
            const [j, i] = id.slice("newW2_".length).split("_").map(Number);
            a[id] = Q.dec(it.exercise.weights[1][j - 1][i - 1]).mul(Q.int(2)).sub(Q.dec(a[id])).toFixed(it.exercise.decimals);
          }
      }
      return { code: it.code, answers: a };
    });
    const flags = copyFlags(handed, prepared);
    expect(flags.filter((f) => f.length > 0)).toEqual([]);
  });

  it("never flags a slip carried forward: every later step worked by hand from the wrong value", () => {
    const handed: Handed[] = set.map((it) => {
      const first = it.solution.graph.steps[0].id;
      // The first step 0.1 too high, then the whole sheet computed from it, each value rounded as written.
      const { answers } = studentAnswers(it.exercise, it.solution.graph, { id: first, value: (q) => q.add(Q.dec("0.1")) });
      return { code: it.code, answers };
    });
    expect(copyFlags(handed, prepared).filter((f) => f.length > 0)).toEqual([]);
  });

  it("flags a neighbour's answers under one's own code, naming the neighbour", () => {
    const handed: Handed[] = set.slice(0, 40).map((it) => ({ code: it.code, answers: keyAnswers(it) }));
    // Student 7 copies student 8's sheet, every value, but writes their own code.
    handed[7] = { code: set[7].code, answers: keyAnswers(set[8]) };
    // Student 12 copies student 13's forward pass only and stops (10 steps).
    handed[12] = { code: set[12].code, answers: Object.fromEntries(Object.entries(keyAnswers(set[13])).slice(0, 10)) };
    const flags = copyFlags(handed, prepared);
    expect(flags[7]).toEqual([{ kind: "copy", code: set[8].code }]);
    expect(flags[12]).toEqual([{ kind: "copy", code: set[13].code }]);
    expect(flags.filter((f, k) => f.length > 0 && k !== 7 && k !== 12)).toEqual([]);
  });
});
