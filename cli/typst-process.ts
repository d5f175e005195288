// The typesetting process (cli/typesetter.ts): loads Typst and the fonts at once, then turns each
// Typst source it is sent into PDF bytes, in order, until the command that started it lets it go.
import { compileTypst, warmTypst } from "../templates/typst-compile.js";

type Request = { fonts: string[] } | { id: number; source: string };

/** An answer to the command, unless it has already let us go (it stopped early: an error of its own). */
const answer = (m: object) => {
  if (process.connected) process.send!(m, undefined, undefined, () => {});
};

let fonts: string[] | undefined;
process.on("message", (m: Request) => {
  if ("fonts" in m) {
    fonts = m.fonts;
    warmTypst(fonts);
    return;
  }
  if (!process.connected) return; // nobody waits for it
  try {
    answer({ id: m.id, pdf: compileTypst(fonts ?? [], m.source) });
  } catch (e) {
    answer({ id: m.id, error: (e as Error).message });
  }
});
process.on("disconnect", () => process.exit(0));
