// The sheet's sections, in order: the one table that the key's Markdown, the sheets and the site group steps by.
import type { StepKind } from "./graph.js";
import { settingsOf, type Exercise } from "./exercise.js";

export const SECTIONS = [
  { name: "forward", kinds: ["z", "a"] },
  { name: "loss", kinds: ["E"] },
  { name: "deltas", kinds: ["dEda", "dadz", "delta"] },
  { name: "gradients", kinds: ["dW", "db"] },
  { name: "update", kinds: ["newW", "newb"] },
  { name: "newE", kinds: ["newE"] },
] as const satisfies readonly { readonly name: string; readonly kinds: readonly StepKind[] }[];

export type SectionName = (typeof SECTIONS)[number]["name"];

const BY_KIND: ReadonlyMap<StepKind, SectionName> = new Map(SECTIONS.flatMap((s) => s.kinds.map((k) => [k, s.name] as const)));

/** The section a step of this kind is printed in. */
export function sectionOf(kind: StepKind): SectionName {
  const s = BY_KIND.get(kind);
  if (s === undefined) throw new Error(`internal: no section for step kind ${kind}`);
  return s;
}

/**
 * The catalogue key of a section's title for this exercise: a book that works with the error term
 * (Err_j, g_j) heads its backward pass and its changes Δw in its own words.
 */
export function sectionTitle(name: SectionName, ex: Exercise): `section.${SectionName}` | "section.deltas.error" | "section.gradients.error" {
  if (settingsOf(ex).errorTerm && (name === "deltas" || name === "gradients")) return `section.${name}.error`;
  return `section.${name}`;
}
