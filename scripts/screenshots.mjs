// Screenshots of every site mode (practice, selfcheck, submit) in both languages, on a desktop
// (1280x900) and a phone (390x844), before and after a check, for a person to look at.
//   node scripts/build.mjs && node scripts/screenshots.mjs OUTDIR
// Uses the built CLI (dist/) to build and serve the site on 127.0.0.1, and Debian's Chromium.
// Submit mode is a sealed code made with a throwaway course secret (the one the site tests use).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, "bin/bpdrill.cjs");
const out = process.argv[2];
if (!out) {
  process.stderr.write("usage: node scripts/screenshots.mjs OUTDIR\n");
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const SECRET = "a course secret for the site test";
const cli = (args, env = {}) => execFileSync("node", [BIN, ...args], { encoding: "utf8", env: { ...process.env, ...env } });
const codeOf = (preset, seed, env) => JSON.parse(cli(["generate", "--preset", preset, "--seed", seed, "--count", "1"], env))[0].code;
const keyOf = (code, env) => JSON.parse(cli(["solve", "--code", code], env)).steps;

const site = mkdtempSync(join(tmpdir(), "bpdrill-shots-"));
const server = spawn("node", [BIN, "site", "--out", site, "--serve", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
const base = await new Promise((res, rej) => {
  let seen = "";
  server.stdout.on("data", (d) => {
    seen += d;
    const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(seen);
    if (m) res(m[1]);
  });
  server.on("exit", () => rej(new Error(`site server exited: ${seen}`)));
});

const sealedEnv = { BPDRILL_SECRET: SECRET };
const plain = codeOf("classic-2-3-2", "screenshots");
const sealed = codeOf("classic-2-3-2", "screenshots-sealed", sealedEnv);
const MODES = [
  { mode: "practice", query: "example=classic-2-3-2", key: JSON.parse(cli(["solve", join(ROOT, "examples/classic-2-3-2.json")])).steps },
  { mode: "selfcheck", query: `code=${plain}`, key: keyOf(plain) },
  { mode: "submit", query: `code=${sealed}`, key: keyOf(sealed, sealedEnv) },
];
const VIEWS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

/** The key's answers with a few mistakes: one wrong, one missing, one unreadable, so every verdict shows. */
function answers(key) {
  return key.map((s, i) => [s.id, i === 3 ? "0.5" : i === 5 ? "" : i === 7 ? "abc" : s.rounded]);
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const problems = [];
try {
  for (const [view, viewport] of Object.entries(VIEWS))
    for (const lang of ["zh", "en"])
      for (const m of MODES) {
        const context = await browser.newContext({ viewport });
        const page = await context.newPage();
        page.on("pageerror", (e) => problems.push(`${m.mode} ${lang} ${view}: ${e.message}`));
        await page.goto(`${base}?${m.query}&lang=${lang}`);
        await page.waitForSelector("form[data-role=answers] input");
        await page.waitForTimeout(300);
        const name = (when) => join(out, `${m.mode}-${lang}-${view}-${when}.png`);
        await page.screenshot({ path: name("1-top") });
        for (const [id, v] of answers(m.key)) await page.fill(`input[name="${id}"]`, v);
        if (m.mode === "submit") {
          await page.locator("#answer-string").scrollIntoViewIfNeeded();
          await page.waitForTimeout(300);
          await page.screenshot({ path: name("2-handin") });
        } else {
          await page.click("[data-action=check]");
          await page.waitForSelector("[data-verdict]");
          await page.waitForTimeout(200);
          await page.screenshot({ path: name("2-checked") });
          // The first wrong step, reached from the summary's link; in practice its worked solution too.
          await page.click("[data-first=wrong]");
          if (m.mode === "practice") await page.click(`[data-reveal="${m.key[3].id}"]`);
          await page.waitForTimeout(400);
          await page.screenshot({ path: name("3-first-wrong") });
        }
        await context.close();
      }
} finally {
  await browser.close();
  server.kill();
}
if (problems.length > 0) {
  process.stderr.write(`${problems.join("\n")}\n`);
  process.exit(1);
}
process.stdout.write(`screenshots in ${out}\n`);
