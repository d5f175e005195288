// HTML → PDF through real Chromium (playwright-core), one browser per batch; clear messages when it or the fonts are missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus } from "node:os";
import type { Browser } from "playwright-core";
import { messageOf, msg, render, withMessage, type Message } from "./i18n.js";

/** Something the machine lacks (browser, fonts): the CLI prints the message, which says what to install. */
export class MissingDependencyError extends Error {
  constructor(m: Message | string) {
    super(render("en", m));
    withMessage(this, m);
    this.name = "MissingDependencyError";
  }
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
] as const;

/**
 * Debian's chromium-headless-shell when it is installed, else Debian's chromium. The headless shell
 * is the same Blink without the browser's own UI (whose WebUI renderers and heavier browser process
 * took about a quarter of the printing time on 2 cores); the pages come out the same.
 */
const BROWSERS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"] as const;

export function chromiumPath(): string {
  return process.env.BPDRILL_CHROMIUM ?? BROWSERS.find((exe) => existsSync(exe)) ?? "/usr/bin/chromium";
}

/** Whether fontconfig knows a family; null when fontconfig itself is not there to ask. */
function hasFontFamily(family: string): boolean | null {
  try {
    return execFileSync("fc-list", [family, "family"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
  } catch {
    return null;
  }
}

export function checkCjkFonts(): void {
  const known = hasFontFamily("Noto Sans CJK SC");
  const onDisk = existsSync("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
  if (known === false || (known === null && !onDisk))
    throw new MissingDependencyError(msg("cli.pdf.fonts"));
}

/** What keeps this machine from printing PDFs in lang (a message saying what to install), or null. */
export function pdfProblem(lang: "zh" | "en", messageLang: "zh" | "en" = lang): string | null {
  try {
    if (!existsSync(chromiumPath())) throw new MissingDependencyError(missingChromium(chromiumPath()));
    if (lang === "zh") checkCjkFonts();
    return null;
  } catch (e) {
    if (e instanceof MissingDependencyError) return render(messageLang, messageOf(e));
    throw e;
  }
}

const missingChromium = (exe: string) => msg("cli.pdf.noChromium", { exe });

export interface Printer {
  /** One HTML document to one A4 PDF. */
  pdf(html: string): Promise<Uint8Array>;
  /** Several HTML documents printed side by side, joined in order into one PDF. */
  pdfOfParts(htmls: readonly string[]): Promise<Uint8Array>;
  /** Several such groups (worksheets and their keys) printed in one run of tabs, one joined PDF per group. */
  pdfsOfParts(groups: readonly (readonly string[])[]): Promise<Uint8Array[]>;
  /** Several HTML documents printed side by side, one PDF each, in order. */
  all(htmls: readonly string[]): Promise<Uint8Array[]>;
}

/** Tabs printing at once: Chromium renders each in its own process, so one per core. */
export const PRINT_PARALLELISM = Math.max(1, Math.min(4, cpus().length));

/** Maps items through fn with at most `limit` running at once, results in input order. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      results[k] = await fn(items[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * The document as printed: its body hidden on screen. Chromium lays a page out on screen as soon as it
 * loads, again when the KaTeX fonts arrive, for print, and once more on screen after printing; with
 * thousands of KaTeX boxes per sheet the three screen passes took 10–20% of a tab's CPU time (measured on
 * 10 zh sheets or keys). Print media ignores the rule: the PDF pages are pixel for pixel the same.
 */
function screenHidden(html: string): string {
  const at = html.indexOf("</head>");
  if (at < 0) throw new Error("internal: a printed document needs a <head>");
  return `${html.slice(0, at)}<style>@media screen { body { display: none } }</style>${html.slice(at)}`;
}

/**
 * Launches Chromium once, lends a printer to fn, and always closes the browser. `mark` records the
 * time of each phase (the command line passes its timing mark for `npm run bench`).
 */
export async function withPrinter<T>(
  opts: { readonly lang: "zh" | "en"; readonly mark?: (phase: string) => void },
  fn: (p: Printer) => Promise<T>,
): Promise<T> {
  const mark = opts.mark ?? (() => {});
  const exe = chromiumPath();
  if (!existsSync(exe)) throw new MissingDependencyError(missingChromium(exe));
  if (opts.lang === "zh") checkCjkFonts();
  mark("before-chromium");
  const { chromium } = await import("playwright-core");
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: exe, args: [...CHROMIUM_ARGS] });
    mark("chromium-launch");
  } catch (e) {
    const first = (e as Error).message.split("\n")[0];
    throw new MissingDependencyError(msg("cli.pdf.cannotStart", { exe, why: first, pkg: exe.endsWith("headless-shell") ? "chromium-headless-shell" : "chromium" }));
  }
  try {
    // Phase marks only when one tab prints alone: with tabs side by side the intervals interleave.
    const print = async (html: string, marks = true): Promise<Uint8Array> => {
      const page = await browser.newPage();
      try {
        if (marks) mark("html-build");
        await page.setContent(screenHidden(html), { waitUntil: "load" });
        if (marks) mark("chromium-load");
        // Nothing is laid out on screen, so no use of a font starts its load: load every @font-face now.
        await page.evaluate(() => {
          const loads: Promise<FontFace>[] = [];
          document.fonts.forEach((f) => loads.push(f.load()));
          return Promise.all(loads).then(() => undefined);
        });
        if (marks) mark("chromium-fonts");
        const buf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        if (marks) mark("chromium-print");
        return new Uint8Array(buf);
      } finally {
        await page.close();
      }
    };
    const printAll = async (htmls: readonly string[]) => {
      if (htmls.length === 1) return [await print(htmls[0])];
      mark("html-build");
      const parts = await pool(htmls, PRINT_PARALLELISM, (h) => print(h, false));
      mark("chromium-print"); // load, fonts and printing of all tabs, side by side
      return parts;
    };
    const join = async (parts: readonly Uint8Array[]): Promise<Uint8Array> => {
      if (parts.length === 1) return parts[0];
      const { PDFDocument, ParseSpeeds } = await import("pdf-lib");
      // pdf-lib yields to the event loop every 100 objects by default (for browsers' UI threads); a
      // part's thousands of font objects made that most of the merge. Nothing waits on us here: no yields.
      const out = await PDFDocument.create();
      for (const bytes of parts) {
        const doc = await PDFDocument.load(bytes, { parseSpeed: ParseSpeeds.Fastest, updateMetadata: false });
        for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
      }
      return out.save({ objectsPerTick: Infinity });
    };
    const pdfsOfParts = async (groups: readonly (readonly string[])[]): Promise<Uint8Array[]> => {
      // Every part of every group shares one pool of tabs, so no core idles between the groups.
      const parts = await printAll(groups.flat());
      const joined: Uint8Array[] = [];
      let at = 0;
      for (const g of groups) {
        joined.push(await join(parts.slice(at, at + g.length)));
        at += g.length;
      }
      if (parts.length > groups.length) mark("pdf-merge");
      return joined;
    };
    return await fn({
      pdf: (html) => print(html),
      // Each part prints in its own tab, so Chromium's renderers use every core; then one PDF.
      pdfOfParts: async (htmls) => (await pdfsOfParts([htmls]))[0],
      pdfsOfParts,
      all: printAll,
    });
  } finally {
    await browser.close();
    mark("chromium-close");
  }
}
