// The fast key JSON writer against its definition: JSON.stringify of keyToJson, byte for byte.
import { describe, expect, it } from "vitest";
import { keyJsonText, keyToJson } from "../../generator/format.js";
import { formatKey } from "../../templates/keytext.js";
import { NOTATIONS } from "../../generator/notation.js";
import { keyOf, solve, type Key } from "../../generator/solution.js";
import { randomExercise } from "../helpers/random-exercise.js";

/** The definition: the object JSON.stringify writes, nested `indent` spaces deeper after each newline. */
const reference = (key: Key, head: Record<string, string>, indent: number) =>
  JSON.stringify({ ...head, ...keyToJson(key) }, null, 2).replace(/\n/g, `\n${" ".repeat(indent)}`);

describe("keyJsonText", () => {
  it("writes the same bytes as JSON.stringify for random exercises, notations, heads and indents", () => {
    // Several exercises per shape family and every notation, so templates are made, reused and
    // re-made when a different shape or notation brings the same step id with other labels.
    for (let i = 0; i < 60; i++) {
      const ex = randomExercise(`format-${i}`);
      const notation = NOTATIONS[i % NOTATIONS.length];
      const key = keyOf(solve(ex), notation);
      const head: Record<string, string> = i % 3 === 0 ? {} : i % 3 === 1 ? { code: `C-${i}` } : { code: `C-${i}`, studentId: `s"${i}`, name: "王\\小明" };
      for (const indent of [0, 2, 6]) expect(keyJsonText(key, head, indent)).toBe(reference(key, head, indent));
      expect(formatKey(key, "json")).toBe(JSON.stringify(keyToJson(key), null, 2) + "\n");
    }
  });

  it("does not reuse a template when a step's static fields differ (same id, other formula)", () => {
    const ex = randomExercise("format-same-id");
    const key = keyOf(solve(ex));
    const s = key.steps[0];
    const changed: Key = { ...key, steps: [{ ...s, formula: `${s.formula} + 1`, deps: [...s.deps, "x1"] }, ...key.steps.slice(1)] };
    expect(keyJsonText(key)).toBe(reference(key, {}, 0));
    expect(keyJsonText(changed)).toBe(reference(changed, {}, 0));
    expect(keyJsonText(changed)).not.toBe(keyJsonText(key));
  });

  it("writes a key without steps as JSON.stringify does", () => {
    const key: Key = { decimals: 4, carry: "exact", rounding: "half_up", notation: "classic", steps: [] };
    expect(keyJsonText(key, { code: "X" }, 2)).toBe(reference(key, { code: "X" }, 2));
  });
});
