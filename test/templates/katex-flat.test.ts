// Flat vertical lists (templates/katex.ts) lay every glyph out exactly where KaTeX's own markup puts it, in real Chromium.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import katex from "katex";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { katexCss, typeset } from "../../templates/katex.js";
import { markdownToHtml } from "../../templates/markdown.js";
import { CHROMIUM_ARGS } from "../helpers/chromium.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");

/** Every formula the golden sheets and keys print (each preset and example, both languages, all three notations). */
function sheetFormulas(): string[] {
  const all = new Set<string>();
  for (const f of readdirSync(FIXTURES).filter((n) => n.endsWith(".html")))
    for (const m of readFileSync(FIXTURES + f, "utf8").matchAll(/<span class="tex">([^<]*)<\/span>/g)) all.add(unescape(m[1]));
  return [...all].sort();
}

/** What a teacher might write in instructions: limits, roots, accents, matrices, big delimiters, display math. */
const TEACHER = [
  String.raw`\sum_{i=1}^{n} w_i x_i + b`,
  String.raw`\sqrt{\frac{1}{n}\sum_{k} (y_k - t_k)^2}`,
  String.raw`\hat{y} = \sigma\!\left(\frac{\partial E}{\partial w_{ij}^{(2)}}\right)`,
  String.raw`\begin{bmatrix} w_{11} & w_{12} \\ w_{21} & w_{22} \end{bmatrix}^{\top}`,
  String.raw`\overline{x}_{j} + \underbrace{a+b}_{n} + \vec{v}\,'`,
  String.raw`\lim_{h \to 0} \frac{E(w+h) - E(w-h)}{2h}`,
  String.raw`\binom{n}{k} \quad x^{2^{k}}_{i_{j}}`,
  String.raw`\overset{!}{=} \; a \xrightarrow{\eta} b \quad \boxed{E} \quad \cancel{w}`,
  String.raw`f(x) = \left\{ \begin{array}{ll} x & x > 0 \\ 0.01x & x \le 0 \end{array} \right.`,
  String.raw`e^{\frac{-z^2}{2}} \quad \sqrt[3]{\delta_{j}^{(l)}} \quad \widehat{y_k}`,
];

const OPTIONS = { throwOnError: true, output: "html", strict: "ignore" } as const;

/** One page of formulas at the sheets' size: flat (ours) or as KaTeX writes them. */
function page(items: readonly { src: string; display: boolean }[], flat: boolean): string {
  const body = items
    .map(({ src, display }) => `<div>${flat ? typeset(src, display) : katex.renderToString(src, { ...OPTIONS, displayMode: display })}</div>`)
    .join("\n");
  return `<!doctype html><html><head><meta charset="utf-8"><style>${katexCss()} body { font: 9.5pt serif; width: 186mm; }</style></head><body>${body}</body></html>`;
}

type Box = [text: string, left: number, top: number, right: number, bottom: number];

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: [...CHROMIUM_ARGS] });
});
afterAll(async () => {
  await browser?.close();
});

/** The box of every piece of text, rule and SVG on the laid-out page (print media), in document order; Safari's zero-width struts left out. */
async function boxes(html: string): Promise<Box[]> {
  const p = await browser.newPage({ viewport: { width: 800, height: 1000 } });
  try {
    await p.emulateMedia({ media: "print" });
    await p.setContent(html, { waitUntil: "load" });
    await p.evaluate(() => document.fonts.ready.then(() => undefined));
    return await p.evaluate(() => {
      const out: [string, number, number, number, number][] = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
      for (let n = walk.nextNode(); n !== null; n = walk.nextNode()) {
        if (n instanceof Text) {
          if (n.parentElement!.classList.contains("vlist-s") || n.textContent!.trim() === "") continue;
          const r = document.createRange();
          r.selectNodeContents(n);
          const b = r.getBoundingClientRect();
          out.push([n.textContent!, b.left, b.top, b.right, b.bottom]);
          continue;
        }
        // What is drawn without text: fraction bars and rules (empty boxes with a border or
        // background) and SVG (roots, arrows, wide accents). Struts and KaTeX's empty depth cells
        // draw nothing and are the boxes flattening removes.
        const el = n as Element;
        const drawn = el instanceof SVGSVGElement || (el.childElementCount === 0 && el.textContent === "" && /line|rule|svg|stretchy|hide-tail/.test(el.className as string));
        if (!drawn) continue;
        const b = el.getBoundingClientRect();
        out.push([`<${el.tagName.toLowerCase()} ${el instanceof SVGSVGElement ? "" : (el.className as string)}>`, b.left, b.top, b.right, b.bottom]);
      }
      return out;
    });
  } finally {
    await p.close();
  }
}

describe("flat vertical lists", () => {
  const formulas = sheetFormulas();

  it("leaves no table and no Safari strut in any sheet formula, and cuts the markup by a fifth", () => {
    expect(formulas.length).toBeGreaterThan(300);
    let flatSpans = 0;
    let katexSpans = 0;
    for (const src of formulas) {
      const flat = typeset(src, false);
      expect(flat).not.toMatch(/vlist-r|vlist-s|vlist-t2/);
      flatSpans += flat.split("<span").length - 1;
      katexSpans += katex.renderToString(src, OPTIONS).split("<span").length - 1;
    }
    expect(flatSpans / katexSpans).toBeLessThan(0.8);
  });

  it("puts every glyph of every sheet formula and of teacher TeX where KaTeX's markup puts it", async () => {
    const items = [
      ...formulas.map((src) => ({ src, display: false })),
      ...TEACHER.flatMap((src) => [{ src, display: false }, { src, display: true }]),
    ];
    const [ours, theirs] = [await boxes(page(items, true)), await boxes(page(items, false))];
    expect(ours.length).toBe(theirs.length);
    expect(ours.length).toBeGreaterThan(5000);
    // Fraction bars and the teachers' roots, arrows and accents are among them.
    expect(ours.filter((b) => b[0].startsWith("<")).length).toBeGreaterThan(100);
    let worst = 0;
    ours.forEach((b, k) => {
      expect(b[0]).toBe(theirs[k][0]);
      for (let i = 1; i <= 4; i++) worst = Math.max(worst, Math.abs((b[i] as number) - (theirs[k][i] as number)));
    });
    // Chromium lays out in 1/64 px. A lone script's offset is one length (top + P) where KaTeX has two,
    // each rounded to 1/64 px: one unit of difference (0.01 pt) is rounding, anything more a real move.
    expect(worst).toBeLessThanOrEqual(1 / 64);
  });

  it("is what teachers' Markdown math gets too, and bad TeX still names the snippet", () => {
    const html = markdownToHtml(String.raw`Use $\frac{\partial E}{\partial w_5}$ and round.`);
    expect(html).toContain("vlist-flat");
    expect(html).not.toContain("vlist-s");
    expect(() => markdownToHtml(String.raw`Bad $\frac{1}{$ here`)).toThrow(/cannot typeset the math/);
  });
});
