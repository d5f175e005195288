// A Chinese PDF where no CJK font is installed: one clear message in zh and en naming Debian's
// fonts-noto-cjk, before any typesetting. The machine's fonts are hidden by mocking the two places
// templates/pdf.ts looks (Debian's known paths, then fc-list).
import { describe, expect, it, vi } from "vitest";

vi.mock("node:fs", async (orig) => {
  const fs = await orig<typeof import("node:fs")>();
  return { ...fs, existsSync: (p: string) => (/NotoSansCJK/i.test(String(p)) ? false : fs.existsSync(p)) };
});
vi.mock("node:child_process", async (orig) => {
  const cp = await orig<typeof import("node:child_process")>();
  return { ...cp, execFileSync: (cmd: string, ...rest: unknown[]) => (cmd === "fc-list" ? "" : (cp.execFileSync as (...a: unknown[]) => unknown)(cmd, ...rest)) };
});

const { typstPdf } = await import("../../templates/typst.js");
const { cjkFontFiles, MissingDependencyError } = await import("../../templates/pdf.js");
const { messageOf, render } = await import("../../templates/i18n.js");

describe("no CJK font installed", () => {
  it("finds none", () => {
    expect(cjkFontFiles()).toEqual([]);
  });
  it("a Chinese PDF stops with the one message naming fonts-noto-cjk, in zh and en", () => {
    let err: unknown;
    try {
      typstPdf("#set document(title: \"x\")\n中文", "zh");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(MissingDependencyError);
    for (const lang of ["zh", "en"] as const) {
      const text = render(lang, messageOf(err as Error)!);
      expect(text).toContain("apt-get install fonts-noto-cjk");
      expect(text.split("\n")).toHaveLength(1);
    }
  });
  it("an English PDF still typesets without it", () => {
    const pdf = typstPdf("#set document(title: \"x\", date: none)\nHello $x^2$", "en");
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  });
});
