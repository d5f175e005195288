// Golden print sources: each preset and example × language writes exactly the reviewed Typst source
// (regenerate: npx tsx scripts/make-fixtures-typst.ts), every one typesets, and the PDFs have real fonts and fixed bytes.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goldenCases, renderGoldenTypst } from "./golden.js";
import { typstPdf } from "../../templates/typst.js";

const dir = fileURLToPath(new URL("./fixtures-typst/", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "bpdrill-typst-"));

describe("golden print sources (Typst)", () => {
  for (const c of goldenCases())
    for (const kind of ["worksheet", "key"] as const)
      it(`${c.name} ${kind}: the fixture's source, and it typesets`, () => {
        const file = `${dir}${c.name}.${kind}.typ`;
        expect(existsSync(file), `${file} missing: run npx tsx scripts/make-fixtures-typst.ts`).toBe(true);
        const src = renderGoldenTypst(c, kind);
        expect(src).toBe(readFileSync(file, "utf8"));
        const pdf = typstPdf(src, c.lang);
        expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe("%PDF-");
      });

  it("a zh key: every font CID (none Type 3), the same bytes from two compilations", () => {
    const c = goldenCases().find((g) => g.lang === "zh" && g.name.startsWith("preset-softmax"))!;
    const src = renderGoldenTypst(c, "key");
    const a = typstPdf(src, "zh");
    const b = typstPdf(src, "zh");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const out = join(tmp, "k.pdf");
    writeFileSync(out, a);
    const rows = execFileSync("pdffonts", [out], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r, r).toMatch(/\bCID (Type 0C|TrueType)\b/);
    expect(rows.some((r) => /NotoSansCJKsc/.test(r))).toBe(true);
  });
});
