// Golden HTML: each preset and example × language renders exactly as the reviewed fixture (regenerate: npx tsx scripts/make-fixtures-sheets.ts).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { goldenCases, renderGolden } from "./golden.js";
import { PRESETS } from "../../generator/presets.js";

const dir = fileURLToPath(new URL("./fixtures/", import.meta.url));

describe("golden worksheets and keys", () => {
  const cases = goldenCases();
  it("cover every preset and every example in both languages and all three notations", () => {
    for (const p of PRESETS) expect(cases.filter((c) => c.name.startsWith(`preset-${p.name}.`)).length).toBe(2);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(["zh", "en"]));
    expect(new Set(cases.map((c) => c.notation))).toEqual(new Set(["classic", "matrix", "xigua"]));
  });
  for (const c of cases)
    for (const kind of ["worksheet", "key"] as const)
      it(`${c.name} ${kind}`, () => {
        const file = `${dir}${c.name}.${kind}.html`;
        expect(existsSync(file), `${file} missing: run npx tsx scripts/make-fixtures-sheets.ts`).toBe(true);
        expect(renderGolden(c, kind)).toBe(readFileSync(file, "utf8"));
      });
});
