// The sheet's sections, in order: the one table that the key's Markdown, the sheets and the site group steps by.
import type { StepKind } from "./graph.js";

export const SECTIONS = [
  { name: "forward", kinds: ["z", "a"] },
  { name: "loss", kinds: ["E"] },
  { name: "deltas", kinds: ["delta"] },
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
