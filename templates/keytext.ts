// Answer keys as text for people and files: Markdown in zh or en, and the one switch over a key's formats.
import { keySetHead, keySetItemText, keySetTail, type KeySetFormat, type SetItem } from "../generator/classset.js";
import { keyJsonText, keyToCsv, type KeyFormat } from "../generator/format.js";
import { SECTIONS } from "../generator/sections.js";
import type { Key } from "../generator/solution.js";
import { t, type Lang } from "./i18n.js";

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
    const kinds: readonly string[] = sec.kinds;
    const steps = key.steps.filter((s) => kinds.includes(s.kind));
    if (steps.length === 0) continue;
    lines.push(`## ${t(lang, `section.${sec.name}`)}`, "");
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

export function formatKey(key: Key, format: KeyFormat, lang: Lang = "en"): string {
  switch (format) {
    case "json":
      return keyJsonText(key) + "\n";
    case "md":
      return keyToMarkdown(key, lang);
    case "csv":
      return keyToCsv(key);
  }
}

/** The keys of a class set as text: JSON [{code, steps}], CSV one row per step, Markdown one section per exercise. */
export function formatKeySet(items: readonly SetItem[], format: KeySetFormat, lang: Lang = "en"): string {
  return [...keySetChunks(items, format, lang)].join("");
}

/**
 * The same text in pieces, one exercise at a time: a class set of thousands of big keys is longer
 * than one JavaScript string may be, so the command line writes the pieces as they come.
 */
export function* keySetChunks(items: readonly SetItem[], format: KeySetFormat, lang: Lang = "en"): Generator<string> {
  switch (format) {
    case "json":
    case "csv":
      yield keySetHead(format);
      for (let k = 0; k < items.length; k++) yield keySetItemText(items[k], k, items.length, format);
      const tail = keySetTail(format);
      if (tail !== "") yield tail;
      return;
    case "md": {
      const out = [`# ${t(lang, "keyset.title")}`, ""];
      for (const it of items) {
        const head =
          it.studentId !== undefined
            ? t(lang, "keyset.studentExercise", { code: it.code, name: it.name || it.studentId, id: it.studentId })
            : t(lang, "keyset.exercise", { code: it.code });
        out.push(`## ${head}`, "");
        // The single key's own title is dropped and its sections move one level down.
        const body = keyToMarkdown(it.key, lang).split("\n").slice(1).map((l) => (l.startsWith("#") ? `#${l}` : l));
        out.push(...body);
      }
      yield out.join("\n").replace(/\n{3,}/g, "\n\n");
      return;
    }
    default:
      return assertNever(format);
  }
}

function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${String(x)}`);
}
