// Answer-key serialisations for the command line: JSON (the contract), Markdown (for people), CSV.
import type { Key, KeyStep } from "./solver.js";
import { t, type Lang } from "../templates/i18n.js";

export const KEY_FORMATS = ["json", "md", "csv"] as const;
export type KeyFormat = (typeof KEY_FORMATS)[number];

/** Key order is fixed here, so the same key is the same bytes everywhere. */
export function keyToJson(key: Key): object {
  return {
    decimals: key.decimals,
    carry: key.carry,
    rounding: key.rounding,
    notation: key.notation,
    steps: key.steps.map((s) => ({
      id: s.id,
      value: s.value,
      rounded: s.rounded,
      kind: s.kind,
      ...(s.layer !== undefined ? { layer: s.layer } : {}),
      ...(s.neuron !== undefined ? { neuron: s.neuron } : {}),
      ...(s.from !== undefined ? { from: s.from } : {}),
      ...(s.sample !== undefined ? { sample: s.sample } : {}),
      label: s.label,
      deps: s.deps,
      formula: s.formula,
      substituted: s.substituted,
    })),
  };
}

const SECTIONS: readonly { kinds: readonly KeyStep["kind"][]; title: Parameters<typeof t>[1] }[] = [
  { kinds: ["z", "a"], title: "section.forward" },
  { kinds: ["E"], title: "section.loss" },
  { kinds: ["delta"], title: "section.deltas" },
  { kinds: ["dW", "db"], title: "section.gradients" },
  { kinds: ["newW", "newb"], title: "section.update" },
  { kinds: ["newE"], title: "section.newE" },
];

export function keyToMarkdown(key: Key, lang: Lang = "en"): string {
  const lines = [`# ${t(lang, "key.title")}`, ""];
  lines.push(
    t(lang, "key.settings", {
      decimals: key.decimals,
      carry: t(lang, key.carry === "exact" ? "carry.exact" : "carry.rounded"),
      rounding: t(lang, key.rounding === "half_up" ? "rounding.half_up" : "rounding.half_even"),
    }),
    "",
  );
  for (const sec of SECTIONS) {
    const steps = key.steps.filter((s) => sec.kinds.includes(s.kind));
    if (steps.length === 0) continue;
    lines.push(`## ${t(lang, sec.title)}`, "");
    for (const s of steps) {
      const same = s.formula === s.substituted;
      // "=" when the rounded answer is the value itself, "≈" when rounding changed it.
      const rel = s.roundedIsExact ? "=" : "\\approx";
      lines.push(`- \`${s.id}\`: $${s.label} = ${s.formula}${same ? "" : ` = ${s.substituted}`} ${rel} ${s.rounded}$`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function keyToCsv(key: Key): string {
  const rows = [["id", "value", "rounded"], ...key.steps.map((s) => [s.id, s.value, s.rounded])];
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}

export function formatKey(key: Key, format: KeyFormat, lang: Lang = "en"): string {
  switch (format) {
    case "json":
      return JSON.stringify(keyToJson(key), null, 2) + "\n";
    case "md":
      return keyToMarkdown(key, lang);
    case "csv":
      return keyToCsv(key);
  }
}
