// `bpdrill demo`, the README's main job: class-set PDFs, a keys CSV, and the student site built and served.
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";

const BIN = fileURLToPath(new URL("../../bin/bpdrill.cjs", import.meta.url));

describe("bpdrill demo", () => {
  it("writes worksheets and keys as PDF, the keys as CSV, and a built site", () => {
    const out = mkdtempSync(join(tmpdir(), "bpdrill-demo-"));
    // Its messages in the language of messages (--lang zh here picks both), its sheets in Chinese.
    const r = bpdrill(["demo", "--out", out, "--count", "2", "--no-serve", "--lang", "zh"]);
    expect(r.code, r.stderr).toBe(0);
    const codes = /从预设 classic-2-3-2（种子 "demo"）生成 2 道题：(BP1-\S+), (BP1-\S+)\n/.exec(r.stdout);
    expect(codes, r.stdout).not.toBeNull();
    for (const f of ["worksheets-zh.pdf", "keys-zh.pdf", "keys.csv", "site/index.html", "site/app.js"]) expect(existsSync(join(out, f)), f).toBe(true);
    // The PDFs are real: their text holds both codes, in Chinese pages.
    const text = execFileSync("pdftotext", [join(out, "worksheets-zh.pdf"), "-"], { encoding: "utf8" });
    expect(text).toContain(codes![1]);
    expect(text).toContain(codes![2]);
    expect(text).toContain("反向传播");
    // The CSV key is the same key `solve --code` gives.
    const csv = readFileSync(join(out, "keys.csv"), "utf8");
    const solved = JSON.parse(bpdrill(["solve", "--code", codes![1]]).stdout);
    const z = solved.steps.find((s: { id: string }) => s.id === "z1_1");
    expect(csv).toContain(`${codes![1]},,,z1_1,${z.value},${z.rounded}`);
  });

  it("needs no browser for its PDFs: with no Chromium to be found it still writes the sheets and keys as PDF", () => {
    const out = mkdtempSync(join(tmpdir(), "bpdrill-demo-"));
    const r = bpdrill(["demo", "--out", out, "--count", "1", "--no-serve"], { env: { BPDRILL_CHROMIUM: "/nonexistent/chromium", PATH: "/usr/bin:/bin", CHROME_PATH: undefined } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/Chromium|HTML instead/);
    for (const f of ["worksheets-zh.pdf", "keys-zh.pdf"]) expect(readFileSync(join(out, f)).subarray(0, 5).toString(), f).toBe("%PDF-");
    expect(existsSync(join(out, "worksheets-zh.html"))).toBe(false);
  });

  it("serves the site on 127.0.0.1 and says where to open it", async () => {
    const out = mkdtempSync(join(tmpdir(), "bpdrill-demo-"));
    const child = spawn(process.execPath, [BIN, "demo", "--out", out, "--count", "1", "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let seen = "";
        child.stdout.on("data", (d) => {
          seen += d;
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)\?code=(BP1-[\w-]+)&lang=zh/.exec(seen);
          if (m) resolve(m[1]);
        });
        child.on("exit", (code) => reject(new Error(`demo exited ${code}: ${seen}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Content-Security-Policy");
    } finally {
      child.kill();
    }
  });
});
