// Sealed codes on the command line: BPDRILL_SECRET, --secret-file and a course's secretFile seal the
// codes of generate, worksheet and key; without the secret every command refuses a sealed code with one
// line in the user's language; with it, keys are byte-identical run after run.
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { bpdrill } from "../helpers/cli.js";

const SECRET = "week-7 secret: 9f2c1e7a44b0";
const dir = mkdtempSync(join(tmpdir(), "bpdrill-sealed-"));
const secretFile = join(dir, "course.secret");
writeFileSync(secretFile, `${SECRET}\n`);
const env = { BPDRILL_SECRET: SECRET };
const SEALED = /^BP1-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/;

const codesOf = (json: string): string[] => (JSON.parse(json) as { code: string }[]).map((x) => x.code);

describe("sealed codes on the command line", () => {
  const gen = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "hw7", "--count", "3"], { env });
  const codes = codesOf(gen.stdout);

  it("generate with BPDRILL_SECRET makes sealed codes, and --secret-file the same ones", () => {
    expect(gen.code).toBe(0);
    for (const c of codes) expect(c).toMatch(SEALED);
    const viaFile = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "hw7", "--count", "3", "--secret-file", secretFile]);
    expect(viaFile.stdout).toBe(gen.stdout);
    const key = bpdrill(["key", "--preset", "classic-2-3-2", "--seed", "hw7", "--count", "3", "--format", "json"], { env });
    expect(codesOf(key.stdout)).toEqual(codes);
  });

  it("without the secret, solve, key and worksheet refuse a sealed code in one line, zh and en", () => {
    const runs: string[][] = [
      ["solve", "--code", codes[0]],
      ["key", "--code", codes[0], "--format", "json"],
      ["worksheet", "--code", codes[0], "--out", join(dir, "w.html")],
      ["key", "--code", codes[0], "--format", "md"],
    ];
    for (const args of runs) {
      const en = bpdrill(args);
      expect(en.code).toBe(1);
      expect(en.stdout).toBe("");
      expect(en.stderr).toBe(`bpdrill: ${codes[0]} is a sealed code: its numbers and key open only with the course secret; give it with BPDRILL_SECRET=… or --secret-file FILE\n`);
      const zh = bpdrill(args, { env: { BPDRILL_LANG: "zh" } });
      expect(zh.code).toBe(1);
      expect(zh.stderr).toContain("是密封编号");
      expect(zh.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("with the secret, the key of a sealed code is byte-identical run after run and equals the set's key", () => {
    const a = bpdrill(["key", "--code", codes[1], "--format", "json"], { env });
    const b = bpdrill(["key", "--code", codes[1], "--format", "json"], { env });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)[0].code).toBe(codes[1]);
  });

  it("a wrong secret and a short secret are refused, naming what to fix", () => {
    const wrong = bpdrill(["key", "--code", codes[0]], { env: { BPDRILL_SECRET: "another course secret 1234" } });
    const short = bpdrill(["key", "--code", codes[0]], { env: { BPDRILL_SECRET: "hunter2" } });
    // The tag refuses all but 1 in 1024 wrong secrets; this pair is one of the refused (fixed inputs).
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("does not open with this course secret");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 16 characters");
  });

  it("grade: a sealed code's right answers score full marks with the secret; without it the hand-in is refused with the reason", () => {
    const [key] = JSON.parse(bpdrill(["key", "--code", codes[2], "--format", "json"], { env }).stdout) as { steps: { id: string; rounded: string }[] }[];
    const sub = join(dir, "sub.json");
    writeFileSync(sub, JSON.stringify({ code: codes[2], answers: Object.fromEntries(key.steps.map((s) => [s.id, s.rounded])) }));
    const ok = bpdrill(["grade", sub, "--format", "json"], { env });
    expect(ok.code).toBe(0);
    const rep = JSON.parse(ok.stdout);
    const entry = Array.isArray(rep) ? rep[0] : rep;
    expect(entry.score).toBe(entry.max);
    const refused = bpdrill(["grade", sub, "--format", "json"]);
    expect(refused.stdout + refused.stderr).toContain("sealed code");
  });

  it("a course with a secretFile builds sealed keys, and check re-keys them", () => {
    const course = mkdtempSync(join(tmpdir(), "bpdrill-sealed-course-"));
    cpSync("examples/course", course, { recursive: true });
    writeFileSync(join(course, "course.secret"), `${SECRET}\n`);
    const file = join(course, "bpdrill.course.json");
    const c = JSON.parse(readFileSync(file, "utf8"));
    c.secretFile = "course.secret";
    c.assignments = [c.assignments[0]];
    writeFileSync(file, JSON.stringify(c));
    const built = bpdrill(["build", file]);
    expect(built.stderr).toBe("");
    expect(built.code).toBe(0);
    for (const k of JSON.parse(readFileSync(join(course, "keys/week-1.json"), "utf8"))) expect(k.code).toMatch(SEALED);
    expect(bpdrill(["check", file]).code).toBe(0);
  });
});
