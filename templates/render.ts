// The nunjucks environment (autoescape, undefined is an error) and the two documents it renders.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { t, type Lang, type MessageKey } from "./i18n.js";
import { katexCss, tex } from "./katex.js";
import { formatNumber } from "./number.js";
import type { SheetView } from "./viewmodel.js";

/** templates/layouts both from the sources (templates/render.ts) and from the bundle (dist/cli.mjs). */
function layoutsDir(): string {
  for (const rel of ["./layouts/", "../templates/layouts/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error("internal: cannot find templates/layouts next to the program");
}

let env: nunjucks.Environment | undefined;

function environment(): nunjucks.Environment {
  if (env) return env;
  env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layoutsDir(), { noCache: false }), {
    autoescape: true,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // The one number filter: every printed value passes through it, so printed digits are graded digits.
  env.addFilter("num", (v: unknown) => {
    if (typeof v !== "string") throw new Error(`internal: num filter expects a decimal string, got ${typeof v}`);
    return formatNumber(v);
  });
  env.addFilter("tex", (v: unknown) => {
    if (typeof v !== "string") throw new Error(`internal: tex filter expects a string, got ${typeof v}`);
    return new nunjucks.runtime.SafeString(tex(v));
  });
  return env;
}

export interface DocOptions {
  readonly lang: Lang;
  /** Instructions already turned into HTML (worksheets only). */
  readonly instructions?: string;
  /** False for golden fixtures: the fonts and styles are left out so diffs show content. */
  readonly embedAssets?: boolean;
}

function render(template: string, sheets: readonly SheetView[], o: DocOptions, docTitle: MessageKey): string {
  const embed = o.embedAssets ?? true;
  const css = readFileSync(`${layoutsDir()}sheet.css`, "utf8");
  return environment().render(template, {
    lang: o.lang,
    htmlLang: o.lang === "zh" ? "zh-CN" : "en",
    docTitle: t(o.lang, docTitle),
    katexCss: embed ? katexCss() : "/* KaTeX CSS and fonts are inlined here in real output */",
    css,
    instructions: o.instructions ?? "",
    sheets,
    t: (key: MessageKey, params?: Record<string, string | number>) => t(o.lang, key, params),
  });
}

export function renderWorksheets(sheets: readonly SheetView[], o: DocOptions): string {
  return render("worksheet.njk", sheets, o, "ws.docTitle");
}

export function renderKeys(sheets: readonly SheetView[], o: DocOptions): string {
  return render("key.njk", sheets, o, "key.docTitle");
}
