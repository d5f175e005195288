// The Typst compiler itself (@myriaddreamin/typst-ts-node-compiler, a native addon): font files in,
// Typst source to PDF bytes out. Nothing else is imported, so the typesetting process
// (cli/typst-process.ts) starts in a few milliseconds; templates/typst.ts uses it in-process.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface TypstCompiler {
  compile(o: { mainFileContent: string }): { result: unknown; hasError(): boolean; takeDiagnostics(): { shortDiagnostics: unknown[] } | null };
  pdf(doc: unknown, o?: { creationTimestamp?: number }): Uint8Array;
}

const compilers = new Map<string, TypstCompiler>();

/** One compiler per font set, kept for the process: the fonts are read once. */
function compilerFor(fontFiles: readonly string[]): TypstCompiler {
  const id = fontFiles.join("|");
  let c = compilers.get(id);
  if (!c) {
    // createRequire: the addon is CommonJS, and is loaded only to print.
    const { NodeCompiler } = createRequire(import.meta.url)("@myriaddreamin/typst-ts-node-compiler") as {
      NodeCompiler: { create(a: { fontArgs: { fontBlobs: Buffer[] }[] }): TypstCompiler };
    };
    c = NodeCompiler.create({ fontArgs: [{ fontBlobs: fontFiles.map((f) => readFileSync(f)) }] });
    compilers.set(id, c);
  }
  return c;
}

/**
 * Typst source to PDF bytes with these fonts (besides Typst's own New Computer Modern, its Math and
 * DejaVu Sans Mono): the same source gives the same bytes (no date, a fixed creation time).
 */
export function compileTypst(fontFiles: readonly string[], source: string): Uint8Array {
  const c = compilerFor(fontFiles);
  const r = c.compile({ mainFileContent: source });
  if (r.hasError()) {
    const d = r.takeDiagnostics();
    throw new Error(`internal: Typst could not typeset the document: ${JSON.stringify(d?.shortDiagnostics ?? []).slice(0, 2000)}`);
  }
  return new Uint8Array(c.pdf(r.result, { creationTimestamp: 0 }));
}

/**
 * Loads the compiler and the fonts a sheet uses (the CJK faces, the math font) by typesetting a line
 * of both: the work of a first compilation that does not depend on the document.
 */
export function warmTypst(fontFiles: readonly string[]): void {
  compileTypst(fontFiles, '#set text(font: ("New Computer Modern", "Noto Sans CJK SC"))\n反向传播 *BP* $sigma(z) = frac(1, 1 + e^(-z))$ #text(font: "DejaVu Sans Mono", "0")');
}
