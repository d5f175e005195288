// KaTeX at build time: TeX → HTML (cached), and KaTeX's CSS with its woff2 fonts inlined as data URLs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import katex from "katex";

const cache = new Map<string, string>();

/** HTML of one TeX snippet; a TeX error is a bug in our own labels or formulas, so it throws with the source. */
export function tex(src: string, display = false): string {
  const k = `${display ? "D" : "I"}${src}`;
  let html = cache.get(k);
  if (html === undefined) {
    try {
      html = katex.renderToString(src, { displayMode: display, throwOnError: true, output: "html", strict: "ignore" });
    } catch (e) {
      throw new Error(`internal: KaTeX cannot typeset "${src}": ${(e as Error).message}`);
    }
    cache.set(k, html);
  }
  return html;
}

let css: string | undefined;

/** KaTeX's stylesheet, self-contained: woff2 fonts as data URLs, the woff/ttf fallbacks dropped. */
export function katexCss(): string {
  if (css !== undefined) return css;
  const require = createRequire(import.meta.url);
  const file = require.resolve("katex/dist/katex.min.css");
  const dir = dirname(file);
  css = readFileSync(file, "utf8").replace(/src:([^;}]*)/g, (_m, list: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(list);
    if (!woff2) return `src:${list}`;
    const data = readFileSync(join(dir, woff2[1])).toString("base64");
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  return css;
}
