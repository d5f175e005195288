// PDFs typeset by Typst: a Chinese worksheet PDF keeps its text extractable, embeds a CJK font, and prints the code on every sheet.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bpdrillAsync } from "../helpers/cli.js";

const tmp = mkdtempSync(join(tmpdir(), "bpdrill-pdf-"));

describe("PDF through Typst", () => {
  it("zh worksheet: Chinese text extractable, Noto CJK embedded, code and numbers present", async () => {
    const out = join(tmp, "ws.pdf");
    const r = await bpdrillAsync(["worksheet", "--exercise", "examples/mazur-2-2-2.json", "--code", "BP1-K7Q2-9XF4", "--lang", "zh", "--out", out]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    // Typst embeds real fonts: every one CID (Type 0C or TrueType), none Type 3, embedded with Unicode maps.
    const fontRows = execFileSync("pdffonts", [out], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fontRows.length).toBeGreaterThan(0);
    for (const row of fontRows) {
      expect(row, row).toMatch(/\bCID (Type 0C|TrueType)\b/);
      expect(row, row).not.toMatch(/Type 3/);
      expect(row, row).toMatch(/\byes\s+(yes|no)\s+yes\b/);
    }
    const names = fontRows.map((r) => r.split(/\s+/)[0]);
    expect(names.some((n) => /\+NotoSansCJKsc-/.test(n)), names.join(" ")).toBe(true);
    expect(names.some((n) => /\+NewCMMath-/.test(n)), names.join(" ")).toBe(true);
    const info = execFileSync("pdfinfo", [out], { encoding: "utf8" });
    expect(info).toMatch(/^Title:\s+练习卷/m);
    expect(info).toMatch(/^Author:\s+bpdrill$/m);
    expect(info).not.toMatch(/^CreationDate:/m);
    const text = execFileSync("pdftotext", ["-layout", out, "-"], { encoding: "utf8" });
    for (const s of ["反向传播手算练习", "姓名", "学号", "已知数值", "所有答案均保留 4 位小数", "BP1-K7Q2-9XF4", "0.15", "0.35", "0.99"]) expect(text, s).toContain(s);
  });
  it("a class set prints in parts side by side and joins them in the set's order", async () => {
    const out = join(tmp, "set.pdf");
    const r = await bpdrillAsync(["worksheet", "--preset", "warmup-2-2-2", "--seed", "order", "--count", "17", "--lang", "en", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const codes = JSON.parse((await bpdrillAsync(["generate", "--preset", "warmup-2-2-2", "--seed", "order", "--count", "17"])).stdout).map((e: { code: string }) => e.code);
    // Each sheet's first page carries its code in the big header: the codes come out in the set's order.
    const pages = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" }).split("\f").filter((p) => p.trim() !== "");
    const firstSeen: string[] = [];
    for (const p of pages) for (const c of codes) if (p.includes(c) && !firstSeen.includes(c)) firstSeen.push(c);
    expect(firstSeen).toEqual(codes);
    expect(pages.length).toBeGreaterThanOrEqual(codes.length);
  });
  it("zh key PDF: code and tolerance on every page", async () => {
    const out = join(tmp, "key.pdf");
    const r = await bpdrillAsync(["key", "--exercise", "examples/softmax-batch-2-4-4-3.json", "--code", "BP1-ABCD-EFGH", "--lang", "zh", "--notation", "matrix", "--out", out]);
    expect(r.stderr).toBe("");
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [out], { encoding: "utf8" }))![1]);
    expect(pages).toBeGreaterThan(1);
    for (let p = 1; p <= pages; p++) {
      const text = execFileSync("pdftotext", ["-f", String(p), "-l", String(p), "-layout", out, "-"], { encoding: "utf8" });
      expect(text, `page ${p}`).toContain("BP1-ABCD-EFGH");
      expect(text, `page ${p}`).toContain("容差 ±0.");
    }
  });
  it("worksheet --keys: one run writes the sheets and the keys, page for page as the two commands write them", async () => {
    const set = ["--preset", "warmup-2-2-2", "--seed", "both", "--count", "3", "--lang", "en"];
    const ws = join(tmp, "both-ws.pdf");
    const keys = join(tmp, "both-keys.pdf");
    const r = await bpdrillAsync(["worksheet", ...set, "--out", ws, "--keys", keys]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect((await bpdrillAsync(["worksheet", ...set, "--out", join(tmp, "alone-ws.pdf")])).code).toBe(0);
    expect((await bpdrillAsync(["key", ...set, "--out", join(tmp, "alone-keys.pdf")])).code).toBe(0);
    // The text of every page, creation dates aside, is what the separate commands print.
    const text = (f: string) => execFileSync("pdftotext", ["-layout", f, "-"], { encoding: "utf8" });
    expect(text(ws)).toBe(text(join(tmp, "alone-ws.pdf")));
    expect(text(keys)).toBe(text(join(tmp, "alone-keys.pdf")));
    expect(text(keys)).not.toBe(text(ws));
  });
  it("worksheet --keys FILE.csv writes the same CSV as key --out FILE.csv; the same file twice is refused", async () => {
    const set = ["--preset", "warmup-2-2-2", "--seed", "both", "--count", "2"];
    const csv = join(tmp, "both.csv");
    expect((await bpdrillAsync(["worksheet", ...set, "--out", join(tmp, "both.html"), "--keys", csv])).code).toBe(0);
    expect((await bpdrillAsync(["key", ...set, "--out", join(tmp, "alone.csv")])).code).toBe(0);
    expect(readFileSync(csv, "utf8")).toBe(readFileSync(join(tmp, "alone.csv"), "utf8"));
    const same = await bpdrillAsync(["worksheet", ...set, "--out", join(tmp, "x.pdf"), "--keys", join(tmp, "x.pdf")]);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/^bpdrill: --keys .*x\.pdf and --out .*x\.pdf name the same file: give the keys a file of their own\n$/);
    const bad = await bpdrillAsync(["worksheet", ...set, "--out", join(tmp, "x.pdf"), "--keys", "k.docx"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^bpdrill: --keys k\.docx: expected a file name ending in \.html, \.pdf, \.json, \.csv, \.md\n$/);
  });
  it("--split writes one file per exercise; HTML needs no browser", async () => {
    const dir = join(tmp, "split");
    const r = await bpdrillAsync(["worksheet", "--exercise", "examples/mazur-2-2-2.json", "--lang", "en", "--out", join(tmp, "all.html"), "--split", dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir)).toEqual(["mazur-2-2-2.html"]);
    expect(r.stdout + r.stderr).toBe("");
  });
});

describe("pages per student", () => {
  /** The code on each page, in page order (the running header names it on every page). */
  const codesByPage = (file: string) =>
    execFileSync("pdftotext", [file, "-"], { encoding: "utf8" }).split("\f").slice(0, -1).map((p) => p.match(/BP1-[A-Z0-9]{4}-[A-Z0-9]{4}/)?.[0] ?? "");
  it("--duplex pads each student's pages to an even count, --space adds room", async () => {
    const base = ["worksheet", "--preset", "classic-2-3-2", "--seed", "dup", "--count", "2", "--lang", "en", "--space", "60"];
    expect((await bpdrillAsync([...base, "--out", join(tmp, "s.pdf")])).code).toBe(0);
    expect((await bpdrillAsync([...base, "--duplex", "--out", join(tmp, "d.pdf")])).code).toBe(0);
    const plain = codesByPage(join(tmp, "s.pdf"));
    const duplex = codesByPage(join(tmp, "d.pdf"));
    const count = (pages: string[]) => [...new Set(pages)].map((c) => pages.filter((p) => p === c).length);
    // Without --space this sheet is one page (pages.test.ts); with 60 mm under each section it runs to an odd count here (3 pages): padding shows.
    expect(count(plain).some((n) => n % 2 === 1)).toBe(true);
    for (const n of count(duplex)) expect(n % 2).toBe(0);
    expect(duplex.length).toBe(plain.length + count(plain).filter((n) => n % 2 === 1).length);
  });
});

describe("worksheet and key command errors", () => {
  it("a PDF needs no browser, and the same command writes the same bytes twice", async () => {
    const env = { BPDRILL_CHROMIUM: "/nonexistent/chromium" };
    const args = ["key", "--preset", "softmax-2-4-4-3", "--seed", "det", "--count", "2", "--lang", "zh"];
    const a = await bpdrillAsync([...args, "--out", join(tmp, "det-a.pdf")], { env });
    const b = await bpdrillAsync([...args, "--out", join(tmp, "det-b.pdf")], { env });
    expect(a.stderr + b.stderr).toBe("");
    expect(a.code + b.code).toBe(0);
    expect(readFileSync(join(tmp, "det-a.pdf")).equals(readFileSync(join(tmp, "det-b.pdf")))).toBe(true);
  });
  it("bad instructions math names the file and the snippet", async () => {
    const md = join(tmp, "intro.md");
    writeFileSync(md, "Compute $\\frac{1}{$ please.\n");
    const r = await bpdrillAsync(["worksheet", "--exercise", "examples/mazur-2-2-2.json", "--instructions", md, "--out", join(tmp, "x.html")]);
    expect(r.code).toBe(1);
    expect(r.stderr.split("\n")).toHaveLength(2);
    expect(r.stderr).toContain("intro.md");
    expect(r.stderr).toContain("\\frac{1}{");
  });
  it("custom instructions and title replace the defaults", async () => {
    const md = join(tmp, "own.md");
    writeFileSync(md, "Use **four** decimals and $\\eta$ as given.\n");
    const out = join(tmp, "own.html");
    expect((await bpdrillAsync(["worksheet", "--exercise", "examples/mazur-2-2-2.json", "--lang", "en", "--instructions", md, "--title", "CS 231 Quiz 3", "--out", out])).code).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<strong>four</strong>");
    expect(html).toContain("CS 231 Quiz 3");
    expect(html).not.toContain("Work through one training step");
  });
  it("an unknown output type and a missing input are one-line errors", async () => {
    const a = await bpdrillAsync(["key", "--exercise", "examples/mazur-2-2-2.json", "--out", "k.docx"]);
    expect(a.code).toBe(1);
    expect(a.stderr).toMatch(/^bpdrill: --out k\.docx: expected a file name ending in \.html, \.pdf, \.json, \.csv, \.md\n$/);
    const b = await bpdrillAsync(["worksheet", "--out", "x.pdf"]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/^bpdrill: say which exercises: --preset NAME --seed S/);
  });
  it("key --out .csv gives the ids and rounded values", async () => {
    const out = join(tmp, "k.csv");
    expect((await bpdrillAsync(["key", "--exercise", "examples/mazur-2-2-2.json", "--out", out])).code).toBe(0);
    const rows = readFileSync(out, "utf8").trim().split("\n");
    expect(rows[0]).toBe("code,student_id,name,step,value,rounded");
    // Mazur prints out_h1 = 0.593269992: 4 decimals → 0.5933. The file name is the code.
    expect(rows.find((r) => r.startsWith("mazur-2-2-2,,,a1_1,"))!.endsWith(",0.5933")).toBe(true);
  });
});
