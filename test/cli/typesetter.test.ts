// The CLI's typesetting process (cli/typesetter.ts running dist/typst-process.cjs): the same bytes as
// typesetting in the test's own process, sources answered in order, a Typst error reported, not hung.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mallocTunables, typesetter } from "../../cli/typesetter.js";
import { compileTypst } from "../../templates/typst-compile.js";
import { typstFonts } from "../../templates/typst.js";

// Built by the test setup (scripts/build.mjs), as the CLI runs it.
const PROCESS_FILE = join(process.cwd(), "dist/typst-process.cjs");

describe("the typesetting process", () => {
  const fonts = typstFonts("zh");
  const doc = (k: number) => `#set document(title: "t${k}", author: "bpdrill", date: none)\n#set text(font: ("New Computer Modern", "Noto Sans CJK SC"))\n第 ${k} 页 $sigma(z_${k}) = frac(1, 1 + e^(-z_${k}))$`;

  it("gives the bytes Typst gives in this process, in the order the sources were sent", async () => {
    const t = typesetter(fonts, PROCESS_FILE);
    try {
      const sent = [1, 2, 3].map((k) => t.pdf(doc(k)));
      const got = await Promise.all(sent);
      for (const [i, pdf] of got.entries()) expect(Buffer.from(pdf).equals(Buffer.from(compileTypst(fonts, doc(i + 1)))), `document ${i + 1}`).toBe(true);
      // Different sources, different files: the answers are not one document three times.
      expect(Buffer.from(got[0]).equals(Buffer.from(got[1]))).toBe(false);
    } finally {
      await t.close();
    }
  });

  it("a source Typst cannot typeset is refused with Typst's reason, and the process still answers", async () => {
    const t = typesetter(fonts, PROCESS_FILE);
    try {
      await expect(t.pdf("#let x = (")).rejects.toThrow(/internal: Typst could not typeset the document/);
      const pdf = await t.pdf(doc(4));
      expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    } finally {
      await t.close();
    }
  });

  it("after close, a new request starts a new process", async () => {
    const a = typesetter(fonts, PROCESS_FILE);
    await a.pdf(doc(5));
    await a.close();
    await expect(a.pdf(doc(5))).rejects.toThrow(/has ended/);
    const b = typesetter(fonts, PROCESS_FILE);
    try {
      expect((await b.pdf(doc(5))).length).toBeGreaterThan(1000);
    } finally {
      await b.close();
    }
  });

  it("adds its malloc tunables to the ones the user has, never overriding one the user set", () => {
    const ours = "glibc.malloc.hugetlb=1:glibc.malloc.top_pad=268435456:glibc.malloc.trim_threshold=1073741824:glibc.malloc.mmap_threshold=33554432";
    expect(mallocTunables(undefined)).toBe(ours);
    expect(mallocTunables("")).toBe(ours);
    expect(mallocTunables("glibc.malloc.arena_max=2")).toBe(`glibc.malloc.arena_max=2:${ours}`);
    expect(mallocTunables("glibc.malloc.hugetlb=0")).toBe(`glibc.malloc.hugetlb=0:${ours.split(":").slice(1).join(":")}`);
  });
});
