// Shared harness for the site tests: build once, serve on a random loopback port, drive Debian's Chromium.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { expect } from "vitest";
import { buildSite, type BuildResult } from "../../site/build.js";
import { CHROMIUM_ARGS } from "../helpers/chromium.js";
import { serveDir, type Serving } from "../../site/serve.js";

export interface Harness {
  readonly built: BuildResult;
  readonly server: Serving;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "bpdrill-site-"));
  const built = await buildSite(dir);
  const server = await serveDir(dir, 0);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [...CHROMIUM_ARGS],
  });
  return {
    built,
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A page that records every console error, page error and dialog, so a test can assert there were none. */
export interface Watched {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly problems: string[];
  readonly dialogs: string[];
}

export async function watchedPage(h: Harness, opts: { acceptDownloads?: boolean; viewport?: { width: number; height: number } } = {}): Promise<Watched> {
  const context = await h.browser.newContext({ acceptDownloads: opts.acceptDownloads ?? false, viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("dialog", (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { context, page, problems, dialogs };
}

/** Closes a watched page (if any) and asserts it logged no console error, page error or dialog. */
export async function closeWatched(w: Watched | null): Promise<void> {
  if (!w) return;
  const { problems, dialogs } = w;
  await w.context.close();
  expect(problems).toEqual([]);
  expect(dialogs).toEqual([]);
}
