// The nunjucks environment (autoescape, undefined is an error) and the two documents it renders.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nunjucks from "nunjucks";
import { t, type Lang, type MessageKey } from "./i18n.js";
import { katexCss, tex } from "./katex.js";
import { formatNumber } from "./number.js";
import { visibleLength, type SheetView } from "./viewmodel.js";
import { escapeMarkup as escapeHtml } from "./escape.js";

/** templates/layouts from the sources (templates/render.ts) and from the bundle (dist/cli.cjs). */
function layoutsDir(): string {
  for (const rel of ["./layouts/", "../templates/layouts/", "../../templates/layouts/"]) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  throw new Error("internal: cannot find templates/layouts next to the program");
}


const envs = new Map<boolean, nunjucks.Environment>();

/** Printed width (visibleLength, digit widths) past which a formula cannot stay on one line: the line holds about 100. */
const WRAP_UNITS = 90;

/**
 * A formula too wide for any line (a cross-entropy over three outputs in long labels is ~135), made
 * breakable, or null for one that fits. KaTeX breaks inline math after top-level + and =, never
 * inside \left…\right or braces, so the loss's outer \left[…\right] becomes a plain pair (its
 * terms are one line high, so it looks the same) with each term in braces: lines break between
 * terms, never inside (1 − t). Without this Chromium shrank the whole page to fit.
 */
export function breakable(tex: string): string | null {
  if (visibleLength(tex) <= WRAP_UNITS) return null;
  const open = tex.indexOf("\\left[");
  const close = tex.lastIndexOf("\\right]");
  if (open < 0 || close < open) return tex;
  const inner = tex.slice(open + "\\left[".length, close);
  return `${tex.slice(0, open)}[${termsOf(inner).map((term) => `{${term}}`).join("+")}]${tex.slice(close + "\\right]".length)}`;
}

/** The terms of a TeX sum: split at + outside braces, brackets and parentheses (each term is kept whole on a line). */
function termsOf(tex: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex[i];
    if (c === "\\") i++; // an escaped character (\{, \\) never opens or closes anything
    else if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth--;
    else if (c === "+" && depth === 0) {
      terms.push(tex.slice(from, i));
      from = i + 1;
    }
  }
  terms.push(tex.slice(from));
  return terms;
}

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
    const wide = breakable(v);
    const src = wide ?? v;
    const html = texSource ? `<span class="tex">${escapeHtml(src)}</span>` : tex(src);
    return new nunjucks.runtime.SafeString(wide === null ? html : `<span class="tex-wrap">${html}</span>`);
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
