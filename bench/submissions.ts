// Writes N submission files for the grading bench: right, rounded-chain, full-precision, carried and mistaken answers.
//
// Built from each exercise's Solution, its graph and hand chain (run with tsx): a class set of `codes` exercises, and for each one
// submissions cycling through five kinds, so every grader path (exact match, the rounded chain,
// follow-through from a student's slip, named mistakes) is exercised.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateSet } from "../generator/classset.js";
import type { Graph } from "../generator/graph.js";
import type { Q } from "../generator/num/q.js";

const [dir, nArg, codesArg, seed = "bench-grade"] = process.argv.slice(2);
const n = Number(nArg);
const codes = Number(codesArg);
if (!dir || !(n > 0) || !(codes > 0)) {
  process.stderr.write("usage: tsx bench/submissions.ts DIR N CODES [SEED]\n");
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const set = generateSet({ preset: "classic-2-3-2", seed, count: codes });
const KINDS = ["right", "rounded_chain", "full_precision", "carried", "mistaken"] as const;
const counts: Record<string, number> = {};

/** The graph evaluated in order with one step's value replaced (a slip or a named mistake), later steps following it. */
function withSlip(g: Graph, slip: (id: string, v: readonly Q[], exact: Q) => Q | undefined): Map<string, Q> {
  const values = new Map<string, Q>(g.givens);
  for (const st of g.steps) {
    const args = st.deps.map((d) => values.get(d)!);
    const exact = st.fn(args);
    values.set(st.id, slip(st.id, args, exact) ?? exact);
  }
  return values;
}

for (let k = 0; k < n; k++) {
  const item = set[k % codes];
  const kind = KINDS[Math.floor(k / codes) % KINDS.length];
  counts[kind] = (counts[kind] ?? 0) + 1;
  const ex = item.exercise;
  const answers: Record<string, string> = {};
  const fix = (q: Q) => q.toFixed(ex.decimals);
  switch (kind) {
    case "right":
      for (const s of item.key.steps) answers[s.id] = s.rounded;
      break;
    case "full_precision":
      for (const s of item.key.steps) answers[s.id] = s.value;
      break;
    case "rounded_chain": {
      // The hand chain of the set's own Solution (each step rounded before the next uses it).
      const v = item.solution.hand;
      for (const st of item.solution.graph.steps) answers[st.id] = fix(v.get(st.id)!);
      break;
    }
    case "carried": {
      // A slip in out_h1 (wrong digits), everything after it computed correctly from the slip.
      const v = withSlip(item.solution.graph, (id, _a, exact) => (id === "a1_1" ? exact.add(exact).round(2) : undefined));
      for (const s of item.key.steps) answers[s.id] = fix(v.get(s.id)!);
      break;
    }
    case "mistaken": {
      // The update with the wrong sign (W + η·g) for every weight: a named mistake.
      const v = withSlip(item.solution.graph, (id, a, exact) => (id.startsWith("newW") ? a[0].add(a[1].mul(a[2])) : exact));
      for (const s of item.key.steps) answers[s.id] = fix(v.get(s.id)!);
      break;
    }
  }
  writeFileSync(join(dir, `s${String(k).padStart(5, "0")}.json`), JSON.stringify({ code: item.code, answers }));
}
process.stdout.write(JSON.stringify({ files: n, codes, kinds: counts }) + "\n");
