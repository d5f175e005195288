// What printing a PDF needs from the machine, and the clear message when it lacks it. PDFs are typeset
// by Typst (templates/typst-compile.ts) with no browser: the only thing a machine can lack is a CJK font.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { msg, render, withMessage, type Message } from "./i18n.js";

/** Something the machine lacks (the fonts): the CLI prints the message, which says what to install. */
export class MissingDependencyError extends Error {
  constructor(m: Message | string) {
    super(render("en", m));
    withMessage(this, m);
    this.name = "MissingDependencyError";
  }
}

/** What keeps this machine from printing PDFs in lang (a message saying what to install), or null. */
export function pdfProblem(lang: "zh" | "en", messageLang: "zh" | "en" = lang): string | null {
  if (lang === "zh" && cjkFontFiles().length === 0) return render(messageLang, msg("cli.pdf.fonts"));
  return null;
}

/** Where Debian's fonts-noto-cjk puts Noto Sans CJK (regular and bold), else where fontconfig says it is. */
const CJK_FILES = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"];

/** The Noto Sans CJK font files on this machine (empty when none is installed). */
export function cjkFontFiles(): string[] {
  const known = CJK_FILES.filter((f) => existsSync(f));
  if (known.length) return known;
  try {
    const out = execFileSync("fc-list", ["-f", "%{file}\n", "Noto Sans CJK SC"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    return [...new Set(out.split("\n").filter((f) => f !== "" && existsSync(f)))].sort();
  } catch {
    return [];
  }
}

