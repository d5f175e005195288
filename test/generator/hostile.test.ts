// A property of the core (issue 15): any exercise text gives a Solution or a CoreError (one message
// code the edge puts into words), never another exception, and the limits keep each case small.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { parseExerciseText } from "../../generator/exercise.js";
import { CoreError } from "../../generator/message.js";
import { solve } from "../../generator/solution.js";

const base = readFileSync("examples/classic-2-3-2.json", "utf8");
const rng = seedrandom("hostile");
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const NASTY = [
  '"1e1000000"', '"1e-100000"', '"9e20"', `"${"1".repeat(5000)}"`, `"${"1".repeat(5000)}x"`, '"1e5"', '"999"', '"-999"', '"0"',
  "1e400", "null", "[]", "{}", '"\\u0000"', '"NaN"', '"Infinity"', '"0x10"', '" 0.5 "', '"+.5"', '"5."', '"-0"', "[".repeat(200), "true",
];

/** The text with one random token (a number string, a number, a bracket) replaced by a nasty one. */
function mutate(text: string): string {
  const tokens = [...text.matchAll(/"-?[\d.]+"|\d+|\[|\]/g)];
  const t = pick(tokens);
  return text.slice(0, t.index) + pick(NASTY) + text.slice(t.index! + t[0].length);
}

describe("hostile exercise files", () => {
  it("3000 mutated exercises: a solution or a CoreError, nothing else", () => {
    let refused = 0;
    let solved = 0;
    for (let i = 0; i < 3000; i++) {
      let text = base;
      const n = 1 + Math.floor(rng() * 3);
      for (let k = 0; k < n; k++) text = mutate(text);
      try {
        solve(parseExerciseText(text, "fuzz.json"));
        solved++;
      } catch (e) {
        if (!(e instanceof CoreError)) throw new Error(`not a CoreError for ${text.slice(0, 300)}: ${String(e)}`);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
    expect(solved).toBeGreaterThan(50);
  });
});
