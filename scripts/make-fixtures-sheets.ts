// Regenerates the golden worksheet/key HTML (test/templates/fixtures): run `npx tsx scripts/make-fixtures-sheets.ts`, review the diff.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { goldenCases, renderGolden } from "../test/templates/golden.js";

const dir = fileURLToPath(new URL("../test/templates/fixtures/", import.meta.url));
mkdirSync(dir, { recursive: true });
for (const c of goldenCases()) {
  for (const kind of ["worksheet", "key"] as const) {
    writeFileSync(`${dir}${c.name}.${kind}.html`, renderGolden(c, kind));
  }
}
console.log(`wrote ${readdirSync(dir).length} fixtures to ${dir}`);
