// The typesetting process (cli/typesetter.ts): loads Typst and the fonts at once, then turns each
// Typst source it is sent into PDF bytes, in order, until the command that started it lets it go.
import { compileTypst, warmTypst } from "../templates/typst-compile.js";

type Request = { fonts: string[] } | { id: number; source: string };

let fonts: string[] | undefined;
process.on("message", (m: Request) => {
  if ("fonts" in m) {
    fonts = m.fonts;
    warmTypst(fonts);
    return;
  }
  try {
    const pdf = compileTypst(fonts ?? [], m.source);
    process.send!({ id: m.id, pdf });
  } catch (e) {
    process.send!({ id: m.id, error: (e as Error).message });
  }
});
process.on("disconnect", () => process.exit(0));
