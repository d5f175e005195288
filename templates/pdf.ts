// HTML → PDF through real Chromium (playwright-core), one browser per batch; clear messages when it or the fonts are missing.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";
import { mark } from "../cli/timing.js";

/** Something the machine lacks (browser, fonts): the CLI prints the message, which says what to install. */
export class MissingDependencyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingDependencyError";
  }
}

export const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
  "--disable-sync", "--no-first-run",
] as const;

export function chromiumPath(): string {
  return process.env.BPDRILL_CHROMIUM ?? "/usr/bin/chromium";
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
    throw new MissingDependencyError(
      'Chinese sheets need the Noto CJK fonts ("Noto Sans CJK SC"), which are not installed; install them with: apt-get install fonts-noto-cjk',
    );
}

/** What keeps this machine from printing PDFs in lang (a message saying what to install), or null. */
export function pdfProblem(lang: "zh" | "en"): string | null {
  try {
    if (!existsSync(chromiumPath())) throw new MissingDependencyError(missingChromium(chromiumPath()));
    if (lang === "zh") checkCjkFonts();
    return null;
  } catch (e) {
    if (e instanceof MissingDependencyError) return e.message;
    throw e;
  }
}

const missingChromium = (exe: string) =>
  `PDF output needs Chromium at ${exe}, which is not installed; install it with: apt-get install chromium (or set BPDRILL_CHROMIUM, or write --out FILE.html instead)`;

export interface Printer {
  /** One HTML document to one A4 PDF. */
  pdf(html: string): Promise<Uint8Array>;
}

/** Launches Chromium once, lends a printer to fn, and always closes the browser. */
export async function withPrinter<T>(opts: { readonly lang: "zh" | "en" }, fn: (p: Printer) => Promise<T>): Promise<T> {
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
    throw new MissingDependencyError(`cannot start Chromium at ${exe} (${first}); reinstall it with: apt-get install chromium`);
  }
  try {
    const page = await browser.newPage();
    return await fn({
      async pdf(html) {
        mark("html-build");
        await page.setContent(html, { waitUntil: "load" });
        mark("chromium-load");
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        mark("chromium-fonts");
        const buf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
        mark("chromium-print");
        return new Uint8Array(buf);
      },
    });
  } finally {
    await browser.close();
    mark("chromium-close");
  }
}
