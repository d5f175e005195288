// The books' presets and partial sheets on the student site, in real Chromium: the sheet's labels,
// its conventions in words, a box for each asked step, and a fully right sheet graded right.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";
import { t, type Lang } from "../../templates/i18n.js";
import { closeWatched, startHarness, watchedPage, type Harness, type Watched } from "./browser.js";

interface NodeStep {
  readonly id: string;
  readonly rounded: string;
  readonly asked?: boolean;
}

/** The key behind a code, from `bpdrill solve --code` (never from the page). */
function codeKey(code: string): NodeStep[] {
  const r = bpdrill(["solve", "--code", code]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { steps: NodeStep[] }).steps;
}

function codeOf(preset: string, seed: string, ...more: string[]): string {
  const r = bpdrill(["generate", "--preset", preset, "--seed", seed, "--count", "1", ...more]);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { code: string }[])[0].code;
}

let h: Harness;
let w: Watched | null = null;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});
afterEach(async () => {
  const was = w;
  w = null;
  await closeWatched(was);
});
const url = (q: string) => `${h.server.url}?${q}`;

describe.each(["zh", "en"] as const)("the books' presets on the site (%s)", (lang: Lang) => {
  const BOOKS = [
    { preset: "xigua-standard-bp", notation: "xigua", words: "conv.online" },
    { preset: "han-kamber-3-2-1", notation: "classic", words: "conv.delta.error" },
    { preset: "mazur-2-2-2", notation: "classic", words: "conv.chain" },
  ] as const;
  for (const b of BOOKS)
    it(`${b.preset}: the book's labels and conventions, one box per step, a right sheet all correct`, async () => {
      w = await watchedPage(h);
      const code = codeOf(b.preset, `site-books-${lang}`);
      const key = codeKey(code);
      await w.page.goto(url(`code=${code}&lang=${lang}`));
      await expect.poll(() => w!.page.locator("form[data-role=answers] input").count()).toBe(key.length);
      expect(await w.page.locator("#notation").inputValue()).toBe(b.notation);
      expect(((await w.page.locator("body").textContent()) ?? "").replace(/\u00a0/g, " ")).toContain(t(lang, b.words, { n: 2 }).replace(/\u00a0/g, " ").slice(0, 12));
      for (const s of key) await w.page.locator(`input[name="${s.id}"]`).fill(s.rounded);
      await w.page.click("[data-action=check]");
      const verdicts = await w.page.locator("[data-step]").evaluateAll((els) => els.map((e) => e.getAttribute("data-verdict")));
      expect(verdicts.length).toBe(key.length);
      expect(new Set(verdicts)).toEqual(new Set(["correct"]));
    });

  it("an asking code shows boxes for the asked steps only, and grades them", async () => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", `site-ask-${lang}`, "--ask", "update");
    const asked = codeKey(code).filter((s) => s.asked);
    expect(asked.length).toBe(12);
    await w.page.goto(url(`code=${code}&lang=${lang}`));
    await expect.poll(() => w!.page.locator("form[data-role=answers] input").count()).toBe(asked.length);
    for (const s of asked) await w.page.locator(`input[name="${s.id}"]`).fill(s.rounded);
    await w.page.click("[data-action=check]");
    const score = await w.page.locator("[data-role=score]").textContent();
    const [, got, max] = /(\d+) \/ (\d+)/.exec(score!)!;
    expect(got).toBe(max);
    expect(Number(max)).toBe(asked.length);
  });
});
