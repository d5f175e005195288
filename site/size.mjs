// What the site's size budget counts, defined once: `bpdrill site` checks it (site/build.ts), and
// `npm run bench` reports the same figure (bench/run.mjs). Plain JavaScript, so the bench imports it as it is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/**
 * JS + CSS budget, gzipped, fonts aside (issue 7). 150 KB until the hand-in panel: its QR encoder
 * (qrcode-generator) adds about 4 KB gzipped; 160 KB until the books' conventions (issue 16): their
 * words in both catalogues, the new rules and mistakes, and the pass/sample-aware solver add about
 * 2.5 KB gzipped (162.2 KB measured).
 */
export const BUDGET_BYTES = 170 * 1024;

/** The files counted: the bundle, our stylesheet and KaTeX's (its woff2 fonts are counted apart). */
export const COUNTED = { js: ["app.js"], css: ["site.css", "katex.css"] };

/** Each counted file of a built site gzipped at level 9, as a server that compresses ahead of time would send it. */
export function gzippedSize(dir) {
  const sum = (files) => files.reduce((n, f) => n + gzipSync(readFileSync(join(dir, f)), { level: 9 }).length, 0);
  const js = sum(COUNTED.js);
  const css = sum(COUNTED.css);
  return { js, css, total: js + css };
}
