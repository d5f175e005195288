// Regenerates the golden print sources (test/templates/fixtures-typst/*.typ): run `npx tsx scripts/make-fixtures-typst.ts`, review the diff.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { goldenCases, renderGoldenTypst } from "../test/templates/golden.js";

const dir = fileURLToPath(new URL("../test/templates/fixtures-typst/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const c of goldenCases()) {
  for (const kind of ["worksheet", "key"] as const) writeFileSync(`${dir}${c.name}.${kind}.typ`, renderGoldenTypst(c, kind));
}
console.log(`wrote ${readdirSync(dir).length} fixtures to ${dir}`);
