// Graded use on the site, in real Chromium: modes (a URL lowers, never raises; a build caps), the hand-in
// (answer string graded full marks by the CLI), sealed codes (boxes, no numbers), the summary after a check,
// Enter, focus never under the bar, history, remembered language, notation, and axe on desktop and phone.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";
import { buildSite } from "../../site/build.js";
import { serveDir, type Serving } from "../../site/serve.js";
import { closeWatched, startHarness, watchedPage, type Harness, type Watched } from "./browser.js";

interface NodeStep {
  readonly id: string;
  readonly rounded: string;
}

const SECRET = "a course secret for the site test";
const tmp = mkdtempSync(join(tmpdir(), "bpdrill-graded-"));
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

function codeOf(preset: string, seed: string, env: Record<string, string> = {}): string {
  const r = bpdrill(["generate", "--preset", preset, "--seed", seed, "--count", "1"], { env });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { code: string }[])[0].code;
}
function codeKey(code: string, env: Record<string, string> = {}): NodeStep[] {
  const r = bpdrill(["solve", "--code", code], { env });
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { steps: NodeStep[] }).steps;
}
/** What `bpdrill grade` says of an answer string written to a .txt file. */
function gradeString(s: string, name: string, env: Record<string, string> = {}) {
  const file = join(tmp, `${name}.txt`);
  writeFileSync(file, `${s}\n`);
  const r = bpdrill(["grade", file, "--format", "json"], { env });
  return { code: r.code, entry: (JSON.parse(r.stdout || "[]") as Record<string, unknown>[])[0], stderr: r.stderr };
}

let h: Harness;
let capped: Serving;
let w: Watched | null = null;
beforeAll(async () => {
  h = await startHarness();
  const dir = mkdtempSync(join(tmpdir(), "bpdrill-site-submit-"));
  await buildSite(dir, "submit");
  capped = await serveDir(dir, 0);
});
afterAll(async () => {
  await capped?.close();
  await h?.close();
});
afterEach(async () => {
  const was = w;
  w = null;
  await closeWatched(was);
});
const url = (q: string, base = h.server.url) => `${base}?${q}`;
const boxes = () => w!.page.locator("form[data-role=answers] input");

async function typeKey(key: readonly NodeStep[]): Promise<void> {
  for (const s of key) await w!.page.locator(`input[name="${s.id}"]`).fill(s.rounded);
}

describe("the hand-in", () => {
  it.each(["en", "zh"] as const)("in %s: a fully right sheet typed on the site, handed in as an answer string, is graded full marks by the CLI", async (lang) => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", `handin-${lang}`);
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&lang=${lang}`));
    await expect.poll(() => boxes().count()).toBe(key.length);
    await typeKey(key);
    await w.page.fill("#student-id", "2026001");
    await w.page.fill("#student-name", lang === "zh" ? "张三" : "Ada Lovelace");
    const s = await w.page.inputValue("#answer-string");
    expect(s).toMatch(/^BPA1-/);
    expect(s.length).toBeLessThan(1500);
    expect(await w.page.locator("[data-role=answer-qr] svg").count()).toBe(1);
    const g = gradeString(s, `handin-${lang}`);
    expect(g.code, g.stderr).toBe(0);
    expect(g.entry.score).toBe(g.entry.max);
    expect(g.entry.code).toBe(code);
  });
});

describe("modes", () => {
  it("?mode=submit lowers a sheet's selfcheck: no check button, no verdicts, the hand-in is there", async () => {
    w = await watchedPage(h);
    const code = codeOf("chain-1-2-2-1", "submit-url");
    await w.page.goto(url(`code=${code}&mode=submit&lang=en`));
    await expect.poll(() => w!.page.locator("[data-role=mode]").getAttribute("data-mode")).toBe("submit");
    expect(await w.page.locator("[data-action=check]").count()).toBe(0);
    await w.page.locator("form[data-role=answers] input").first().press("Enter");
    expect(await w.page.locator("[data-step]").count()).toBe(0);
    expect(await w.page.inputValue("#answer-string")).toMatch(/^BPA1-/);
  });

  it("a site built with --mode submit stays in submit whatever the URL asks, even for practice", async () => {
    w = await watchedPage(h);
    await w.page.goto(url("example=mazur-2-2-2&mode=practice&lang=en", capped.url));
    await expect.poll(() => w!.page.locator("[data-role=mode]").getAttribute("data-mode")).toBe("submit");
    expect(await w.page.locator("[data-action=check], [data-reveal]").count()).toBe(0);
  });

  it("a sealed code shows its answer boxes and no numbers; its answer string is graded with the secret and refused without", async () => {
    w = await watchedPage(h);
    const env = { BPDRILL_SECRET: SECRET };
    const code = codeOf("classic-2-3-2", "sealed-site", env);
    const key = codeKey(code, env);
    await w.page.goto(url(`code=${code}&lang=en`));
    await expect.poll(() => boxes().count()).toBe(key.length);
    expect(await w.page.locator("[data-role=mode]").getAttribute("data-mode")).toBe("submit");
    expect(await w.page.locator("[data-given], .diagram, [data-action=check]").count()).toBe(0);
    await typeKey(key);
    const s = await w.page.inputValue("#answer-string");
    const ok = gradeString(s, "sealed", env);
    expect(ok.entry.score).toBe(ok.entry.max);
    const refused = gradeString(s, "sealed-nosecret");
    expect(String(refused.entry.error)).toContain("sealed code");
  });
});

describe("checking", () => {
  it("after a check, the summary in the bar has focus, the counts, and a link to the first wrong step", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    const code = codeOf("classic-2-3-2", "summary");
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&lang=en`));
    await expect.poll(() => boxes().count()).toBe(key.length);
    await typeKey(key.slice(0, 5));
    await w.page.locator(`input[name="${key[5].id}"]`).fill("0.1234");
    await w.page.click("[data-action=check]");
    await expect.poll(() => w!.page.evaluate(() => document.activeElement?.getAttribute("data-role"))).toBe("summary");
    const text = (await w.page.locator("[data-role=summary]").textContent()) ?? "";
    expect(text).toContain(`5 right · 1 wrong · ${key.length - 6} blank · 0 unreadable`);
    await w.page.click("[data-first=wrong]");
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe(`in-${key[5].id}`);
    // The summary sits in the bar at the bottom of the screen: in view wherever the page is scrolled.
    const box = await w.page.locator("[data-role=summary]").boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
  });

  it("after a check on a 390 px phone the bar stays small (score and counts in two short lines at most), and Enter never leaves a box under it", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    const code = codeOf("classic-2-3-2", "bar-after-check");
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&lang=en`));
    await expect.poll(() => boxes().count()).toBe(key.length);
    // Every verdict's count shows: right, one wrong, one unreadable, the rest blank.
    await typeKey(key.slice(0, 3));
    await w.page.locator(`input[name="${key[3].id}"]`).fill("0.1234");
    await w.page.locator(`input[name="${key[4].id}"]`).fill("abc");
    await w.page.click("[data-action=check]");
    await expect.poll(() => w!.page.locator("[data-first=invalid]").count()).toBe(1);
    const bar = await w.page.locator(".actions").boundingBox();
    // Before this fix the bar took 170 px of the 844 (score, counts and three links on four lines).
    expect(bar!.height).toBeLessThanOrEqual(110);
    expect(await w.page.locator("[data-first=wrong]").getAttribute("aria-label")).toBe("1 wrong · First wrong step");
    // The diagram is wider than this screen: the hint under it says so (on a desktop it is hidden, below).
    expect(await w.page.locator(".scroll-hint").isVisible()).toBe(true);
    await boxes().first().focus();
    const n = await boxes().count();
    for (let k = 1; k < n; k++) {
      await w.page.keyboard.press("Enter");
      const r = await w.page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const top = document.querySelector(".actions")!.getBoundingClientRect().top;
        const b = a.getBoundingClientRect();
        return { bottom: b.bottom, top: b.top, barTop: top };
      });
      expect(r.bottom, `box ${k} under the bar`).toBeLessThanOrEqual(r.barTop);
      expect(r.top).toBeGreaterThanOrEqual(0);
    }
  });

  it("on a desktop the summary's focus ring stays inside the bar", async () => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", "ring");
    await w.page.goto(url(`code=${code}&lang=zh`));
    await expect.poll(() => boxes().count()).toBeGreaterThan(0);
    await boxes().first().fill("0.5");
    await w.page.click("[data-action=check]");
    await expect.poll(() => w!.page.evaluate(() => document.activeElement?.getAttribute("data-role"))).toBe("summary");
    const r = await w.page.evaluate(() => {
      const s = document.querySelector<HTMLElement>("[data-role=summary]")!;
      const css = getComputedStyle(s);
      const box = s.getBoundingClientRect();
      const bar = s.closest(".actions")!.getBoundingClientRect();
      // The ring's outer edge: the box grown by outline-offset + outline-width on every side.
      const grow = parseFloat(css.outlineOffset) + parseFloat(css.outlineWidth);
      return { left: box.left - grow, right: box.right + grow, barLeft: bar.left, barRight: bar.right, style: css.outlineStyle };
    });
    expect(r.style).toBe("solid");
    expect(await w.page.locator(".scroll-hint").isVisible()).toBe(false);
    expect(r.left).toBeGreaterThanOrEqual(r.barLeft);
    expect(r.right).toBeLessThanOrEqual(r.barRight);
  });

  it("Enter moves to the next box; no focused box is ever under the bar at the bottom (390 px phone)", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    const code = codeOf("classic-2-3-2", "enter");
    await w.page.goto(url(`code=${code}&lang=zh`));
    const n = await (async () => {
      await expect.poll(() => boxes().count()).toBeGreaterThan(10);
      return boxes().count();
    })();
    await boxes().first().focus();
    for (let k = 1; k < n; k++) {
      await w.page.keyboard.press("Enter");
      const r = await w.page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const bar = document.querySelector(".actions")!.getBoundingClientRect();
        const b = a.getBoundingClientRect();
        return { name: a.getAttribute("name"), bottom: b.bottom, top: b.top, barTop: bar.top };
      });
      expect(r.name).toBe(await boxes().nth(k).getAttribute("name"));
      expect(r.bottom, `box ${k} under the bar`).toBeLessThanOrEqual(r.barTop);
      expect(r.top).toBeGreaterThanOrEqual(0);
    }
  });
  it("Tab reaches every box in turn, and none is ever under the bar at the bottom (390 px phone)", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    const code = codeOf("classic-2-3-2", "tab");
    await w.page.goto(url(`code=${code}&lang=en`));
    await expect.poll(() => boxes().count()).toBeGreaterThan(10);
    const names = await boxes().evaluateAll((xs) => xs.map((x) => x.getAttribute("name")));
    await boxes().first().focus();
    const seen: string[] = [];
    // Tab also stops on a formula wider than the screen (it scrolls): at most one stop between boxes.
    for (let k = 0; k < names.length * 2 && seen.length < names.length; k++) {
      const r = await w.page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        const bar = document.querySelector(".actions")!.getBoundingClientRect();
        const b = a.getBoundingClientRect();
        return { name: a.closest("form[data-role=answers]") && a.localName === "input" ? a.getAttribute("name") : null, bottom: b.bottom, top: b.top, barTop: bar.top };
      });
      if (r.name !== null) {
        seen.push(r.name);
        expect(r.bottom, `box ${r.name} under the bar`).toBeLessThanOrEqual(r.barTop);
        expect(r.top).toBeGreaterThanOrEqual(0);
      }
      await w.page.keyboard.press("Tab");
    }
    expect(seen).toEqual(names);
  });

  it("on a 390 px phone a formula or diagram wider than the screen takes focus and scrolls by keyboard; axe finds no serious violation of its scrolling, focus and label rules on the softmax batch", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    await w.page.goto(url("example=softmax-batch-2-4-4-3&lang=en"));
    await expect.poll(() => boxes().count()).toBeGreaterThan(10);
    // Scroll through the page so every formula is typeset (they are typeset as they come near).
    const height = await w.page.evaluate(() => document.body.scrollHeight);
    for (let y = 0; y <= height; y += 600) {
      await w.page.evaluate((top) => window.scrollTo(0, top), y);
      await w.page.waitForTimeout(20);
    }
    await expect.poll(() => w!.page.locator("[data-tex]").count()).toBe(0);
    const state = () =>
      w!.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>("[data-scroll]")).map((e) => ({ wider: e.scrollWidth > e.clientWidth, focusable: e.getAttribute("tabindex") === "0" })));
    const boxesNow = await state();
    // The diagram (at its own size) and the cross-entropy formulas are wider than 390 px.
    expect(boxesNow.filter((b) => b.wider).length).toBeGreaterThan(2);
    for (const b of boxesNow) expect(b.focusable).toBe(b.wider);
    const wide = w.page.locator(".formula[tabindex='0']").first();
    await wide.focus();
    expect(await wide.evaluate((e) => e.scrollLeft)).toBe(0);
    for (let k = 0; k < 5; k++) await w.page.keyboard.press("ArrowRight");
    await expect.poll(() => wide.evaluate((e) => e.scrollLeft)).toBeGreaterThan(0);
    await w.page.evaluate(axeSource);
    const violations = (await w.page.evaluate(async () => {
      // The rules about scrolling boxes, focus and labels (the whole set runs on the classic sheet below;
      // on this 30,000-element page it would take a minute).
      const rules = ["scrollable-region-focusable", "nested-interactive", "label", "aria-allowed-role", "aria-allowed-attr", "focus-order-semantics", "image-alt", "svg-img-alt", "role-img-alt"];
      const r = await (window as unknown as { axe: { run: (c: Element, o: object) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(document.body, { runOnly: { type: "rule", values: rules }, resultTypes: ["violations"] });
      return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
    })) as { id: string; impact: string }[];
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});

describe("the page remembers and follows the sheet", () => {
  it("remembers the language, and Back returns from an exercise to the start page", async () => {
    w = await watchedPage(h);
    await w.page.goto(url("lang=en"));
    await w.page.click("[data-lang=zh]");
    await w.page.goto(h.server.url);
    await expect.poll(() => w!.page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    const code = codeOf("chain-1-2-2-1", "history");
    await w.page.fill("#code", code);
    await w.page.press("#code", "Enter");
    await expect.poll(() => boxes().count()).toBeGreaterThan(0);
    await w.page.goBack();
    await expect.poll(() => w!.page.locator("#code").count()).toBe(1);
    await w.page.goForward();
    await expect.poll(() => boxes().count()).toBeGreaterThan(0);
  });

  it("uses the sheet's notation: classic names net and out, matrix does not", async () => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", "notation");
    await w.page.goto(url(`code=${code}&lang=en&notation=classic`));
    await expect.poll(() => boxes().count()).toBeGreaterThan(0);
    // The labels' TeX (KaTeX keeps it in each formula's annotation): net_{h1} in classic, z^{[1]} in matrix.
    const tex = async () => (await w!.page.locator("form[data-role=answers]").innerHTML()) ?? "";
    expect(await tex()).toContain("\\mathit{net}_{h1}");
    // A step's name shows where its section holds several kinds (net input, output), not under a title that already says it.
    const descs = (title: string) => w!.page.locator("fieldset.steps").filter({ has: w!.page.locator("legend", { hasText: title }) }).locator(".desc");
    expect(await descs("Loss after the update").count()).toBe(0);
    expect(await descs("Forward pass").allTextContents()).toContain("net input");
    // Its words too: δ = ∂E/∂net in the conventions and the section title, out = f(net) in a wrong output's feedback.
    // (A formula in a sentence is glued by no-break spaces, so it never breaks on a phone.)
    expect(((await w.page.locator("[data-role=conventions]").textContent()) ?? "").replace(/\u00a0/g, " ")).toContain("δ = ∂E/∂net");
    expect(await w.page.locator("legend").allTextContents()).toContain("Backward pass: deltas δ = ∂E/∂net");
    const out = codeKey(code).find((s) => s.id.startsWith("a"))!;
    await w.page.locator(`input[name="${out.id}"]`).fill("0.0001");
    await w.page.click("[data-action=check]");
    await expect.poll(async () => (await w!.page.locator(`[data-step="${out.id}"]`).textContent()) ?? "").toContain("out = f(net)");
    await w.page.selectOption("#notation", "matrix");
    await expect.poll(async () => (await tex()).includes("\\mathit{net}")).toBe(false);
    expect(await tex()).toContain("z^{[1]}");
    // The conventions in words, as the worksheet prints them (bpdrill worksheet --format html has the same sentences).
    const conv = ((await w.page.locator("[data-role=conventions]").textContent()) ?? "").replace(/\u00a0/g, " ");
    expect(conv).toContain("δ = ∂E/∂z");
    expect(await w.page.locator("legend").allTextContents()).toContain("Backward pass: deltas δ = ∂E/∂z");
    expect(new URL(w.page.url()).searchParams.get("notation")).toBe("matrix");
  });
});

describe("speed", () => {
  it("typesets formulas as they come near the screen: a softmax batch opens light, and a far step is typeset when reached", async () => {
    w = await watchedPage(h, { viewport: { width: 390, height: 844 } });
    const code = codeOf("softmax-2-4-4-3", "lazy");
    await w.page.goto(url(`code=${code}&lang=en`));
    await expect.poll(() => boxes().count()).toBeGreaterThan(100);
    // Far below the screen, formulas wait as plain text; the page stays a few thousand elements.
    expect(await w.page.locator(".math[data-tex]").count()).toBeGreaterThan(50);
    expect(await w.page.evaluate(() => document.getElementsByTagName("*").length)).toBeLessThan(10_000);
    const last = w.page.locator(".step").last();
    await last.scrollIntoViewIfNeeded();
    await expect.poll(() => last.locator(".math .katex").count()).toBe(1);
    expect(await last.locator(".math[data-tex]").count()).toBe(0);
  });
});

describe("accessibility", () => {
  it.each([
    ["en", 1280, 800],
    ["zh", 1280, 800],
    ["en", 390, 844],
    ["zh", 390, 844],
  ] as const)("axe finds no serious or critical violation (%s, %d px), before and after a check", async (lang, width, height) => {
    w = await watchedPage(h, { viewport: { width, height } });
    const code = codeOf("classic-2-3-2", `axe-${lang}`);
    await w.page.goto(url(`code=${code}&lang=${lang}`));
    await expect.poll(() => boxes().count()).toBeGreaterThan(0);
    await w.page.evaluate(axeSource);
    const run = async () =>
      (await w!.page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run: (o: object) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({ resultTypes: ["violations"] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length }));
      })) as { id: string; impact: string; n: number }[];
    expect((await run()).filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
    await w.page.locator("form[data-role=answers] input").first().fill("0.5");
    await w.page.click("[data-action=check]");
    await expect.poll(() => w!.page.locator("[data-step]").count()).toBeGreaterThan(0);
    expect((await run()).filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  });
});
