// The student site in real Chromium: open, type, check, keep, export/import, hostile input, same key as Node.
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";
import { t, type Lang } from "../../templates/i18n.js";
import { closeWatched, startHarness, watchedPage, type Harness, type Watched } from "./browser.js";
import { BUDGET_BYTES } from "../../site/build.js";

interface NodeStep {
  readonly id: string;
  readonly rounded: string;
}

/** The reference key, from the Node CLI (never from the page, never hard-coded). */
function nodeKey(file: string): NodeStep[] {
  const r = bpdrill(["solve", file]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { steps: NodeStep[] }).steps;
}

/** The key behind an exercise code, from `bpdrill solve --code`. */
function codeKey(code: string): NodeStep[] {
  const r = bpdrill(["solve", "--code", code]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { steps: NodeStep[] }).steps;
}

/** The first code of a class set, as a teacher's `bpdrill generate` prints it. */
function codeOf(preset: string, seed: string): string {
  const r = bpdrill(["generate", "--preset", preset, "--seed", seed, "--count", "1"]);
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { code: string }[])[0].code;
}

/** The same code with one character changed to another of the code alphabet. */
function mistyped(code: string): string {
  const i = code.length - 3;
  return code.slice(0, i) + (code[i] === "7" ? "8" : "7") + code.slice(i + 1);
}

/** A clearly wrong value: the right one plus 0.5, written to the same decimals. */
const wrongOf = (rounded: string) => (Number(rounded) + 0.5).toFixed(rounded.split(".")[1]?.length ?? 0);

let h: Harness;
let w: Watched | null = null;
const tmp = mkdtempSync(join(tmpdir(), "bpdrill-site-test-"));

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

async function fill(page: Watched["page"], values: Readonly<Record<string, string>>): Promise<void> {
  for (const [id, v] of Object.entries(values)) await page.locator(`input[name="${id}"]`).fill(v);
}

describe("the built site", () => {
  it("stays within the size budget and ships only woff2 fonts", () => {
    expect(h.built.gzipBytes).toBeGreaterThan(10_000);
    expect(h.built.gzipBytes).toBeLessThan(BUDGET_BYTES);
    expect(h.built.fontBytes).toBeGreaterThan(0);
  });
});

describe.each(["en", "zh"] as const)("an exercise opened in %s", (lang: Lang) => {
  it("shows one labelled input per step, in the order the solver computes them", async () => {
    w = await watchedPage(h);
    const key = nodeKey("examples/mazur-2-2-2.json");
    await w.page.goto(url(`example=mazur-2-2-2&lang=${lang}`));
    await expect.poll(() => w!.page.locator("input[name]").count()).toBe(key.length);
    const names = await w.page.locator("form[data-role=answers] input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
    expect(names).toEqual(key.map((s) => s.id));
    const labelled = await w.page.locator("form[data-role=answers] input").evaluateAll((els) =>
      els.every((e) => {
        const l = (e as HTMLInputElement).labels;
        return l !== null && l.length === 1 && l[0].getBoundingClientRect().height > 0 && (l[0].textContent ?? "").trim().length > 0;
      }),
    );
    expect(labelled).toBe(true);
    expect(await w.page.locator("html").getAttribute("lang")).toBe(lang === "zh" ? "zh-CN" : "en");
    expect(await w.page.locator("h1").textContent()).toBe(t(lang, "site.title"));
    expect(await w.page.locator("[data-action=check]").textContent()).toBe(t(lang, "site.check"));
    // Tab order follows the computation: tabbing from the first box reaches the second.
    await w.page.locator(`input[name="${key[0].id}"]`).focus();
    await w.page.keyboard.press("Tab");
    expect(await w.page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe(key[1].id);
  });

  it("grades right and wrong answers step by step and shows the score", async () => {
    w = await watchedPage(h);
    const key = nodeKey("examples/mazur-2-2-2.json");
    await w.page.goto(url(`example=mazur-2-2-2&lang=${lang}`));
    const wrong = new Set([key[0].id, key[key.length - 1].id]);
    const typed = Object.fromEntries(key.slice(0, 10).map((s) => [s.id, wrong.has(s.id) ? wrongOf(s.rounded) : s.rounded]));
    typed[key[key.length - 1].id] = wrongOf(key[key.length - 1].rounded);
    await fill(w.page, typed);
    await w.page.click("[data-action=check]");
    const verdict = (id: string) => w!.page.locator(`[data-step="${id}"]`).getAttribute("data-verdict");
    expect(await verdict(key[0].id)).toBe("wrong");
    expect(await verdict(key[key.length - 1].id)).toBe("wrong");
    expect(await verdict(key[12].id)).toBe("missing");
    // Steps after a wrong first step are right against the key or carried, never wrong.
    for (const s of key.slice(1, 10)) expect(["correct", "carried"]).toContain(await verdict(s.id));
    expect(await w.page.locator("[data-step]").count()).toBe(key.length);
    const score = await w.page.locator("[data-role=score]").textContent();
    expect(score).toMatch(lang === "zh" ? /^得分：\d+ \/ \d+$/ : /^Score: \d+ \/ \d+$/);
    expect(Number(/(\d+) \/ (\d+)/.exec(score!)![2])).toBeGreaterThanOrEqual(key.length);
    const text = await w.page.locator(`[data-step="${key[0].id}"]`).textContent();
    expect(text).toContain(t(lang, "site.verdict.wrong"));
  });
});

describe.each(["en", "zh"] as const)("a code opened in %s", (lang: Lang) => {
  it("shows the exercise behind the code, with the steps `bpdrill solve --code` keys", async () => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", `site-${lang}`);
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&lang=${lang}`));
    await expect.poll(() => w!.page.locator("form[data-role=answers] input").count()).toBe(key.length);
    expect(await w.page.locator("[data-role=exercise-title]").textContent()).toBe(t(lang, "site.exercise.code", { code }));
    expect(await w.page.locator("svg.net").count()).toBe(1);
    // Assigned work: no worked solutions after checking.
    await w.page.locator(`input[name="${key[0].id}"]`).fill(key[0].rounded);
    await w.page.click("[data-action=check]");
    expect(await w.page.locator(`[data-step="${key[0].id}"]`).getAttribute("data-verdict")).toBe("correct");
    expect(await w.page.locator("[data-reveal]").count()).toBe(0);
  });

  it("opens a code typed on the start page in lower case, and refuses a mistyped one", async () => {
    w = await watchedPage(h);
    const code = codeOf("relu-2-3-1", `typed-${lang}`);
    await w.page.goto(url(`lang=${lang}`));
    const bad = mistyped(code);
    await w.page.fill("#code", bad);
    await w.page.press("#code", "Enter");
    const msg = w.page.locator("[data-role=message]");
    // The code reader's own reason (a typo: the check character), and the typed code stays in the box.
    await expect.poll(() => msg.textContent()).toBe(t(lang, "site.code.invalidDetail", { detail: t(lang, "cli.code.typo", { code: bad }) }));
    expect(await w.page.inputValue("#code")).toBe(bad);
    expect(await w.page.locator("form[data-role=answers]").count()).toBe(0);
    await w.page.fill("#code", ` ${code.toLowerCase()} `);
    await w.page.press("#code", "Enter");
    await expect.poll(() => w!.page.locator("form[data-role=answers] input").count()).toBe(codeKey(code).length);
    expect(new URL(w.page.url()).searchParams.get("code")).toBe(code);
  });
});

describe("practice mode", () => {
  it("draws a fresh exercise of a preset, with a code Node keys the same way", async () => {
    w = await watchedPage(h);
    await w.page.goto(url("lang=en"));
    await w.page.selectOption("#preset", "logistic");
    await w.page.click("[data-action=practice]");
    await w.page.locator("form[data-role=answers]").waitFor();
    const params = new URL(w.page.url()).searchParams;
    expect(params.get("mode")).toBe("practice");
    const code = params.get("code")!;
    expect(code).toMatch(/^BP1-/);
    const key = codeKey(code);
    const names = await w.page.locator("form[data-role=answers] input").evaluateAll((els) => els.map((e) => (e as HTMLInputElement).name));
    expect(names).toEqual(key.map((s) => s.id));
  });
});

describe("answers are kept", () => {
  it("survive a reload and a language switch", async () => {
    w = await watchedPage(h);
    const key = nodeKey("examples/classic-2-3-2.json");
    await w.page.goto(url("example=classic-2-3-2&lang=en"));
    await fill(w.page, { [key[0].id]: key[0].rounded, [key[1].id]: "  12.5 " });
    await w.page.reload();
    expect(await w.page.locator(`input[name="${key[0].id}"]`).inputValue()).toBe(key[0].rounded);
    expect(await w.page.locator(`input[name="${key[1].id}"]`).inputValue()).toBe("  12.5 ");
    await w.page.click("[data-action=lang][data-lang=zh]");
    expect(await w.page.locator("h1").textContent()).toBe(t("zh", "site.title"));
    expect(new URL(w.page.url()).searchParams.get("lang")).toBe("zh");
    expect(await w.page.locator(`input[name="${key[0].id}"]`).inputValue()).toBe(key[0].rounded);
    // A new tab of the same browser profile finds them too.
    const other = await w.context.newPage();
    await other.goto(url("example=classic-2-3-2&lang=en"));
    expect(await other.locator(`input[name="${key[0].id}"]`).inputValue()).toBe(key[0].rounded);
    await other.close();
  });
});

describe("export and import", () => {
  it("exports the submission JSON `bpdrill grade` reads, with what was typed", async () => {
    w = await watchedPage(h, { acceptDownloads: true });
    const key = nodeKey("examples/mazur-2-2-2.json");
    await w.page.goto(url("example=mazur-2-2-2&lang=en"));
    const typed = { [key[0].id]: key[0].rounded, [key[2].id]: wrongOf(key[2].rounded) };
    await fill(w.page, typed);
    const [dl] = await Promise.all([w.page.waitForEvent("download"), w.page.click("[data-action=export]")]);
    const file = join(tmp, dl.suggestedFilename());
    await dl.saveAs(file);
    const sub = JSON.parse(readFileSync(file, "utf8"));
    expect(Object.keys(sub).sort()).toEqual(["answers", "exercise"]);
    expect(sub.answers).toEqual(typed);
    expect(sub.exercise.weights).toEqual(JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8")).weights);
    // The exported exercise is the same exercise: Node keys it identically.
    writeFileSync(join(tmp, "ex.json"), JSON.stringify(sub.exercise));
    expect(nodeKey(join(tmp, "ex.json"))).toEqual(key);
  });

  it.each(["en", "zh"] as const)("exports a code's answers that `bpdrill grade` scores as the page did (%s)", async (lang) => {
    w = await watchedPage(h, { acceptDownloads: true });
    const code = codeOf("chain-1-2-2-1", `export-${lang}`);
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&lang=${lang}`));
    // Right, wrong, consistent-with-wrong, garbage and blank answers, so several verdicts occur.
    const typed: Record<string, string> = {};
    key.forEach((s, i) => {
      if (i % 5 === 0) typed[s.id] = s.rounded;
      else if (i % 5 === 1) typed[s.id] = wrongOf(s.rounded);
      else if (i % 5 === 2) typed[s.id] = `${s.rounded}`.replace(/0+$/, "") || s.rounded;
      else if (i % 5 === 3) typed[s.id] = "abc";
    });
    await fill(w.page, typed);
    await w.page.click("[data-action=check]");
    const pageScore = (await w.page.locator("[data-role=score]").textContent())!;
    const pageVerdicts = await w.page.locator("[data-step]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-step"), e.getAttribute("data-verdict")]));
    const [dl] = await Promise.all([w.page.waitForEvent("download"), w.page.click("[data-action=export]")]);
    const file = join(tmp, `export-${lang}.json`);
    await dl.saveAs(file);
    const sub = JSON.parse(readFileSync(file, "utf8"));
    expect(sub).toEqual({ code, answers: Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== "")) });
    const r = bpdrill(["grade", file]);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout) as { score: number; max: number; steps: { id: string; verdict: string }[] }[];
    expect(pageScore).toBe(t(lang, "site.score", { score: report.score, max: report.max }));
    expect(pageVerdicts).toEqual(report.steps.map((s) => [s.id, s.verdict]));
    expect(new Set(report.steps.map((s) => s.verdict)).size).toBeGreaterThanOrEqual(3);
  });

  it("imports a file without silently overwriting typed answers", async () => {
    w = await watchedPage(h);
    const key = nodeKey("examples/mazur-2-2-2.json");
    const ex = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
    await w.page.goto(url("example=mazur-2-2-2&lang=en"));
    await fill(w.page, { [key[0].id]: "1.1111" });
    const file = join(tmp, "sub.json");
    writeFileSync(file, JSON.stringify({ exercise: ex, answers: { [key[0].id]: key[0].rounded, [key[1].id]: key[1].rounded, __proto__x: "1" } }));
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    await w.page.locator("[data-action=import-merge]").waitFor();
    // Nothing changed until the student decides.
    expect(await w.page.locator(`input[name="${key[0].id}"]`).inputValue()).toBe("1.1111");
    await w.page.click("[data-action=import-merge]");
    expect(await w.page.locator(`input[name="${key[0].id}"]`).inputValue()).toBe("1.1111");
    expect(await w.page.locator(`input[name="${key[1].id}"]`).inputValue()).toBe(key[1].rounded);
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    await w.page.click("[data-action=import-replace]");
    expect(await w.page.locator(`input[name="${key[0].id}"]`).inputValue()).toBe(key[0].rounded);
  });

  it("refuses a bad file with a message in the page's language", async () => {
    w = await watchedPage(h);
    await w.page.goto(url("example=mazur-2-2-2&lang=zh"));
    await fill(w.page, { z1_1: "0.3775" });
    const file = join(tmp, "bad.json");
    writeFileSync(file, "{ not json");
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    const msg = w.page.locator("[data-role=message]");
    await expect.poll(() => msg.textContent()).toBe(t("zh", "site.import.bad", { file: "bad.json", reason: t("zh", "site.import.reason.json") }));
    writeFileSync(file, JSON.stringify({ exercise: { layers: [2] }, answers: {} }));
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    const prefix = t("zh", "site.import.bad", { file: "bad.json", reason: t("zh", "site.import.reason.exercise", { detail: "" }) }).replace(/）。$/, "");
    await expect.poll(() => msg.textContent()).toMatch(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}activations`));
    expect(await w.page.locator("input[name=z1_1]").inputValue()).toBe("0.3775");
  });
});

describe("a sheet's code never shows the key", () => {
  it.each(["en", "zh"] as const)("in %s: with ?mode=practice, empty boxes, wrong answers and named mistakes, no key value is on the page", async (lang) => {
    w = await watchedPage(h);
    const code = codeOf("classic-2-3-2", `leak-${lang}`);
    const key = codeKey(code);
    await w.page.goto(url(`code=${code}&mode=practice&lang=${lang}`));
    await expect.poll(() => w!.page.locator("form[data-role=answers] input").count()).toBe(key.length);
    // Every box empty, then a wrong first step followed by consistent (carried) and missing steps.
    for (const typed of [{}, { [key[0].id]: wrongOf(key[0].rounded), [key[2].id]: key[2].rounded }]) {
      await fill(w.page, typed);
      await w.page.click("[data-action=check]");
      await expect.poll(() => w!.page.locator("[data-step]").count()).toBe(key.length);
      expect(await w.page.locator("[data-reveal], [data-solution]").count()).toBe(0);
      const text = (await w.page.locator("main").textContent()) ?? "";
      // A key value may appear only where the student typed it, or as a given printed on the sheet.
      const shown = new Set([...Object.values(typed)]);
      const leaked = key.filter((s) => !shown.has(s.rounded) && Number(s.rounded) !== 0 && text.includes(s.rounded) && !givenOnPage(s.rounded));
      expect(leaked.map((s) => `${s.id}=${s.rounded}`)).toEqual([]);
    }
  });
});

/** Givens are printed on the page as the exercise writes them (0.15, 0.5); a key value equal to one is no leak. */
function givenOnPage(v: string): boolean {
  return /^-?\d+\.\d{0,2}0*$/.test(v);
}

describe("hostile input", () => {
  it("an imported exercise with a huge exponent or saturating numbers is refused on the page, which keeps working", async () => {
    w = await watchedPage(h);
    await w.page.goto(url("example=mazur-2-2-2&lang=en"));
    await fill(w.page, { z1_1: "0.3775" });
    const mazur = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
    const msg = w.page.locator("[data-role=message]");
    const file = join(tmp, "hostile.json");
    writeFileSync(file, JSON.stringify({ exercise: { ...mazur, learningRate: "1e1000000" }, answers: {} }));
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    await expect.poll(() => msg.textContent()).toMatch(/learningRate: expected a number with an exponent of at most ±20/);
    const saturating = { ...mazur, weights: [[["900", "900"], ["900", "900"]], mazur.weights[1]], samples: [{ x: ["1000", "1000"], y: ["0.01", "0.99"] }] };
    writeFileSync(file, JSON.stringify({ exercise: saturating, answers: {} }));
    await w.page.setInputFiles("[data-role=import-file] >> nth=0", file);
    await expect.poll(() => msg.textContent()).toMatch(/too large to compute/);
    expect(await w.page.locator("input[name=z1_1]").inputValue()).toBe("0.3775");
  });

  it("shows a hostile code as text and runs no script", async () => {
    w = await watchedPage(h);
    const evil = `<img src=x onerror="alert(1)"><script>alert(2)</script>`;
    await w.page.goto(url(`code=${encodeURIComponent(evil)}&lang=en`));
    const msg = w.page.locator("[data-role=message]");
    await msg.waitFor();
    expect(await msg.getAttribute("role")).toBe("alert");
    expect(await w.page.locator("#app img, #app script").count()).toBe(0);
    const text = (await msg.textContent()) ?? "";
    expect(text).toBe(t("en", "site.code.invalidDetail", { detail: t("en", "cli.code.notCode", { code: `${evil.slice(0, 40)}…`, example: "BP1-K7Q2-9XF4" }) }));
  });

  it("refuses an unknown example name and a garbled language without breaking", async () => {
    w = await watchedPage(h);
    await w.page.goto(url(`example=${encodeURIComponent("__proto__")}&lang=xx`));
    const msg = w.page.locator("[data-role=message]");
    await msg.waitFor();
    const lang = (await w.page.locator("html").getAttribute("lang")) === "zh-CN" ? "zh" : "en";
    expect(await msg.textContent()).toBe(t(lang, "site.example.unknown", { name: "__proto__" }));
  });
});

describe("the browser's key", () => {
  /** Every step's worked solution, revealed in practice mode; the rounded value ends the displayed TeX. */
  async function browserKey(page: Watched["page"]): Promise<{ id: string | null; rounded: string }[]> {
    await page.click("[data-action=check]");
    // One click per step, in the page (198 steps in the batch example).
    await page.evaluate(() => {
      for (const b of Array.from(document.querySelectorAll<HTMLButtonElement>("[data-reveal]"))) b.click();
    });
    // KaTeX keeps its TeX source in the MathML annotation.
    return page.locator("[data-solution]").evaluateAll((els) =>
      els.map((e) => {
        const tex = (e.querySelector("annotation")?.textContent ?? "").replace(/\\end\{aligned\}\s*$/, "");
        return { id: e.getAttribute("data-solution"), rounded: tex.slice(tex.lastIndexOf("=") + 1).trim() };
      }),
    );
  }

  it.each(["mazur-2-2-2", "softmax-batch-2-4-4-3", "leaky-relu-rounded"])("equals the Node solver's key for the example %s", async (name) => {
    w = await watchedPage(h);
    const key = nodeKey(`examples/${name}.json`);
    await w.page.goto(url(`example=${name}&lang=en`));
    expect(await browserKey(w.page)).toEqual(key.map((s) => ({ id: s.id, rounded: s.rounded })));
  });

  it.each(["classic-2-3-2", "chain-1-2-2-1", "softmax-2-4-4-3", "warmup-2-2-2", "random"])("equals `bpdrill solve --code` for a %s code", async (preset) => {
    w = await watchedPage(h);
    const code = codeOf(preset, "same-key");
    const key = codeKey(code);
    // A code opens in selfcheck, so the page shows no key: the CLI's key typed in is right at every step
    // (a digit off would be a unit off, twice the half-unit tolerance).
    await w.page.goto(url(`code=${code}&lang=zh`));
    await fill(w.page, Object.fromEntries(key.map((s) => [s.id, s.rounded])));
    await w.page.click("[data-action=check]");
    const verdicts = await w.page.locator("[data-step]").evaluateAll((els) => els.map((e) => [e.getAttribute("data-step"), e.getAttribute("data-verdict")]));
    expect(verdicts).toEqual(key.map((s) => [s.id, "correct"]));
  });
});
