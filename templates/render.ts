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

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const envs = new Map<boolean, nunjucks.Environment>();

/** texSource: math left as TeX in <span class="tex"> (golden fixtures, so diffs show formulas, not KaTeX markup). */
function environment(texSource: boolean): nunjucks.Environment {
  const cached = envs.get(texSource);
  if (cached) return cached;
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(layoutsDir(), { noCache: false }), {
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
    if (texSource) return new nunjucks.runtime.SafeString(`<span class="tex">${escapeHtml(v)}</span>`);
    return new nunjucks.runtime.SafeString(tex(v));
  });
  envs.set(texSource, env);
  return env;
}

export interface DocOptions {
  readonly lang: Lang;
  /** Instructions already turned into HTML (worksheets only). */
  readonly instructions?: string;
  /** Golden fixtures: KaTeX's CSS and fonts left out and math kept as TeX source, so diffs show content. */
  readonly fixture?: boolean;
}

function render(template: string, sheets: readonly SheetView[], o: DocOptions, docTitle: MessageKey): string {
  const fixture = o.fixture ?? false;
  const css = readFileSync(`${layoutsDir()}sheet.css`, "utf8");
  return environment(fixture).render(template, {
    lang: o.lang,
    htmlLang: o.lang === "zh" ? "zh-CN" : "en",
    docTitle: t(o.lang, docTitle),
    katexCss: fixture ? "/* KaTeX CSS and fonts are inlined here in real output */" : katexCss(),
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
