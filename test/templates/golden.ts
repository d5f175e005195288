// The golden cases (every preset and every example exercise × language, notation rotating) and how each is rendered; shared by the script and the test.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseExerciseText, type Exercise } from "../../generator/exercise.js";
import { NOTATIONS, type NotationName } from "../../generator/notation.js";
import { generateSet } from "../../generator/classset.js";
import { PRESETS } from "../../generator/presets.js";
import { LANGS, t, type Lang } from "../../templates/i18n.js";
import { markdownToHtml } from "../../templates/markdown.js";
import { renderKeys, renderWorksheets } from "../../templates/render.js";
import { typstKeys, typstWorksheets } from "../../templates/typst.js";
import { sheetView } from "../../templates/viewmodel.js";
import { keyOf, solve } from "../../generator/solution.js";

const EXAMPLES = fileURLToPath(new URL("../../examples/", import.meta.url));

export interface GoldenCase {
  readonly name: string;
  readonly exercise: Exercise;
  readonly lang: Lang;
  readonly notation: NotationName;
  /** The exercise code printed on the sheet (a fixed stand-in for hand-written examples). */
  readonly code?: string;
}

export function goldenCases(): GoldenCase[] {
  const files = readdirSync(EXAMPLES).filter((f) => f.endsWith(".json")).sort();
  // Every preset × language too: the first exercise of seed "golden", in both languages.
  const presets = PRESETS.flatMap((p, k) => {
    const [item] = generateSet({ preset: p.name, seed: "golden", count: 1 });
    return LANGS.map((lang) => {
      const notation = NOTATIONS[(k + LANGS.indexOf(lang)) % NOTATIONS.length];
      return { name: `preset-${p.name}.${lang}.${notation}`, exercise: item.exercise, lang, notation, code: item.code };
    });
  });
  return [...presets, ...files.flatMap((f, k) =>
    LANGS.map((lang) => {
      // Each example gets a different notation per language, so all three styles are pinned.
      const notation = NOTATIONS[(k * LANGS.length + LANGS.indexOf(lang)) % NOTATIONS.length];
      return { name: `${f.replace(/\.json$/, "")}.${lang}.${notation}`, exercise: parseExerciseText(readFileSync(EXAMPLES + f, "utf8"), f), lang, notation };
    }),
  )];
}

export function renderGolden(c: GoldenCase, kind: "worksheet" | "key"): string {
  const sol = solve(c.exercise);
  const v = sheetView(sol, keyOf(sol, c.notation), c.code ?? "BP1-TEST-CODE", { lang: c.lang });
  return kind === "worksheet"
    ? renderWorksheets([v], { lang: c.lang, instructions: markdownToHtml(t(c.lang, "ws.instructions")), fixture: true })
    : renderKeys([v], { lang: c.lang, fixture: true });
}

/** The print source (Typst) of a golden case, as templates/typst.ts writes it for the PDF. */
export function renderGoldenTypst(c: GoldenCase, kind: "worksheet" | "key"): string {
  const sol = solve(c.exercise);
  const v = sheetView(sol, keyOf(sol, c.notation), c.code ?? "BP1-TEST-CODE", { lang: c.lang });
  return kind === "worksheet" ? typstWorksheets([v], { lang: c.lang }) : typstKeys([v], { lang: c.lang });
}
