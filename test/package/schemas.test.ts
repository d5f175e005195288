// The JSON Schemas shipped in schemas/: up to date with api/schemas.ts, and every example, fixture and
// file the command writes passes a standard validator (Ajv, draft 2020-12); bad files fail it and the
// exercise reader alike.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { jsonSchemas, schemaText } from "../../api/schemas.js";
import { parseExercise } from "../../generator/exercise.js";
import { bpdrill } from "../helpers/cli.js";

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validator = (name: string) => ajv.compile(JSON.parse(readFileSync(`schemas/${name}.schema.json`, "utf8")));
const exercise = validator("exercise");
const key = validator("key");
const course = validator("course");
const submission = validator("submission");
const report = validator("report");
const json = (f: string) => JSON.parse(readFileSync(f, "utf8"));
const ok = (v: ReturnType<typeof validator>, data: unknown, what: string) => expect(v(data), `${what}: ${ajv.errorsText(v.errors)}`).toBe(true);

describe("schemas/*.schema.json", () => {
  it("are what `npm run schemas` writes from the zod schemas (run it after changing api/schemas.ts)", () => {
    const want = jsonSchemas();
    expect(readdirSync("schemas").sort()).toEqual(Object.keys(want).sort());
    for (const [file, s] of Object.entries(want)) expect(readFileSync(`schemas/${file}`, "utf8"), file).toBe(schemaText(s));
  });

  it("every example exercise names its schema and passes it (and the exercise reader)", () => {
    const files = readdirSync("examples").filter((f) => f.endsWith(".json"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const ex = json(`examples/${f}`);
      expect(ex.$schema, f).toBe("../schemas/exercise.schema.json");
      ok(exercise, ex, f);
      expect(() => parseExercise(ex), f).not.toThrow();
    }
  });

  it("every fixture's exercises pass (the golden keys are a compact fixture form, not key files)", () => {
    for (const f of readdirSync("test/fixtures/published").filter((f) => f.endsWith(".json"))) ok(exercise, json(`test/fixtures/published/${f}`).exercise, f);
    // The mistakes fixture names its exercise file (an example, checked above).
    expect(json("test/fixtures/mistakes/mazur-2-2-2.json").exercise).toBe("examples/mazur-2-2-2.json");
    let n = 0;
    for (const f of readdirSync("test/fixtures/golden")) {
      const g = json(`test/fixtures/golden/${f}`);
      for (const it of g.exercises) {
        ok(exercise, it.exercise, `${f} ${it.code}`);
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it("the example course and its committed keys pass", () => {
    const c = json("examples/course/bpdrill.course.json");
    expect(c.$schema).toBe("../../schemas/course.schema.json");
    ok(course, c, "course");
    for (const f of readdirSync("examples/course/keys")) ok(key, json(`examples/course/keys/${f}`), f);
  });

  it("what the command writes passes: a key, a key set, a submission and its grade report", () => {
    const one = bpdrill(["solve", "examples/mazur-2-2-2.json", "--format", "json"]);
    expect(one.code, one.stderr).toBe(0);
    ok(key, JSON.parse(one.stdout), "solve");
    const set = bpdrill(["key", "--preset", "softmax-2-4-4-3", "--seed", "schema", "--count", "2", "--format", "json"]);
    ok(key, JSON.parse(set.stdout), "key set");
    const dir = mkdtempSync(join(tmpdir(), "bpdrill-schema-"));
    const subs = [
      { code: "BP1-47KP-RDDT", answers: { z1_1: "0.3775", a1_1: "x" } },
      { exercise: json("examples/mazur-2-2-2.json"), answers: { z1_1: "0.3775" }, studentId: "42" },
    ];
    subs.forEach((s, i) => {
      ok(submission, s, `submission ${i}`);
      writeFileSync(join(dir, `s${i}.json`), JSON.stringify(s));
    });
    writeFileSync(join(dir, "bad.json"), "{");
    const r = bpdrill(["grade", join(dir, "s0.json"), join(dir, "s1.json"), join(dir, "bad.json"), "--format", "json"]);
    const rep = JSON.parse(r.stdout);
    expect(rep).toHaveLength(3);
    ok(report, rep, "report");
  });

  it("bad files fail the schema, as they fail the reader", () => {
    const mazur = json("examples/mazur-2-2-2.json");
    const bad: Record<string, unknown>[] = [
      { ...mazur, decimals: 13 },
      { ...mazur, learningRate: 0.5 },
      { ...mazur, loss: "l2" },
      { ...mazur, colour: "red" },
      { ...mazur, samples: [{ x: ["0.05", "0.10"], y: ["0.01", "1,5"] }] },
    ];
    for (const b of bad) {
      expect(exercise(b), JSON.stringify(b).slice(0, 80)).toBe(false);
      expect(() => parseExercise(b)).toThrow();
    }
    expect(submission({ answers: {} })).toBe(false);
    expect(course({ title: "t", assignments: [{ name: "a b", preset: "classic-2-3-2", seed: "s", count: 1 }] })).toBe(false);
  });
});
