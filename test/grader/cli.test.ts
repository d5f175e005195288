// `bpdrill grade` as a user runs it: reports in order, refused files reported and the batch goes on, exit codes.
import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bpdrill } from "../helpers/cli.js";
import { encodeAnswerString } from "../../grader/answer-string.js";
import { generateSet } from "../../generator/classset.js";
import { msg } from "../../generator/message.js";
import { render } from "../../templates/i18n.js";

const exercise = JSON.parse(readFileSync("examples/mazur-2-2-2.json", "utf8"));
const dir = mkdtempSync(join(tmpdir(), "bpdrill-grade-"));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
// Mazur's h1: net 0.3775 and out 1/(1+e^-0.3775) = 0.593269992 (the post's own printed values).
const good = file("good.json", JSON.stringify({ exercise, answers: { z1_1: "0.3775", a1_1: "0,5933" }, score: 34 }));
const wrong = file("wrong.json", JSON.stringify({ exercise, answers: { z1_1: "0.3875" } }));
const broken = file("broken.json", '{"answers": ');
const coded = file("coded.json", JSON.stringify({ code: "BP1-AAAA", answers: {} }));

describe("bpdrill grade", () => {
  it("writes one JSON report per file in order, an error entry for a refused file, and exits 1", () => {
    const r = bpdrill(["grade", good, broken, wrong, join(dir, "missing.json")]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("2 of 4 files were not a valid submission");
    const out = JSON.parse(r.stdout);
    expect(out.map((e: { file: string }) => e.file)).toEqual([good, broken, wrong, join(dir, "missing.json")]);
    // A submission that brings its own exercise says so: no gradebook should count it as an assignment.
    expect(Object.keys(out[0])).toEqual(["file", "code", "source", "score", "max", "steps"]);
    expect(out[0].source).toBe("submission");
    expect(out[0].score).toBe(2); // two steps right; the submission's own "score" is ignored
    expect(out[0].steps[0]).toMatchObject({ id: "z1_1", verdict: "correct", mistake: null, expected: "0.3775", given: "0.3775" });
    expect(out[1]).toEqual({ file: broken, error: expect.stringContaining("not valid JSON") });
    expect(out[2].steps[0].verdict).toBe("wrong");
    expect(out[2].steps[0].feedback.zh).toContain("0.3875");
    expect(out[3].error).toContain("no such file");
  });

  it("writes a CSV gradebook with one row per student; the teacher's --exercise decides whether self-brought exercises count", () => {
    const out = join(dir, "grades.csv");
    const published = file("mazur.json", JSON.stringify(exercise));
    const r = bpdrill(["grade", good, wrong, coded, "--format", "csv", "--out", out, "--exercise", published]);
    expect(r.code).toBe(1);
    const text = readFileSync(out, "utf8");
    // A UTF-8 BOM first, so Excel reads the file as UTF-8; then one row per hand-in.
    expect(text.startsWith("\uFEFF")).toBe(true);
    const rows = text.slice(1).trim().split(/\r?\n/);
    expect(rows).toHaveLength(4);
    expect(rows[0].startsWith("student id,name,class,code,score,max,percent,z1_1,z1_2,a1_1,")).toBe(true);
    expect(rows[0].endsWith(",flags,note,hand-in")).toBe(true);
    // good.json: 2 of Mazur's 34 steps right (its own "score": 34 is ignored), 2/34 = 5.9 %.
    expect(rows[1].startsWith(",,,,2,34,5.9,correct,blank,correct,")).toBe(true);
    expect(rows[1].endsWith(`,${good}`)).toBe(true);
    expect(rows[2].startsWith(",,,,0,34,0,wrong,")).toBe(true);
    expect(rows[3]).toContain("hand-in refused: code: ");
    // Without the teacher's exercise, a submission that brought its own is shown but not marked.
    const r2 = bpdrill(["grade", good, "--format", "csv"]);
    const row = r2.stdout.replace(/^\uFEFF/, "").trim().split("\n")[1];
    expect(row.startsWith(",,,,,,,correct,blank,correct,")).toBe(true);
    expect(row).toContain("not counted: this submission brought its own exercise");
    // Another exercise passed by the teacher does not make it count.
    const other = file("other.json", JSON.stringify({ ...exercise, learningRate: "0.4" }));
    expect(bpdrill(["grade", good, "--format", "csv", "--exercise", other]).stdout).toContain("not counted");
  });

  it("exits 0 when every file is a submission, and 2 on a bad option", () => {
    expect(bpdrill(["grade", good, wrong]).code).toBe(0);
    const bad = bpdrill(["grade", good, "--format", "xml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("expected one of json, csv");
  });

  it("grades an answer string in a .txt file, and refuses a damaged one with its reason", () => {
    const [item] = generateSet({ preset: "classic-2-3-2", seed: "cli-answer-string", count: 1 });
    const line = encodeAnswerString({ code: item.code, studentId: "s7", name: "韩梅梅", answers: item.solution.answers.map((a) => a.rounded) });
    const ok = file("s7.txt", line + "\n");
    const r = bpdrill(["grade", ok]);
    expect(r.code).toBe(0);
    const [report] = JSON.parse(r.stdout);
    expect(report.code).toBe(item.code);
    expect(report.score).toBe(report.max);
    // One changed letter: refused, never graded.
    const bad = file("bad.txt", line.slice(0, 30) + (line[30] === "K" ? "M" : "K") + line.slice(31));
    const en = bpdrill(["grade", bad]);
    expect(en.code).toBe(1);
    expect(JSON.parse(en.stdout)[0].error).toContain("the answer string is damaged");
    // The report's error entries are English for every --lang (as for every other refused file); the words exist in zh too.
    expect(render("zh", msg("answerString.damaged"))).toContain("答案串已损坏");
  });
});

describe("bpdrill grade: copies", () => {
  it("flags a sheet whose answers fit another code of the batch better, in JSON and in the CSV's flags column", () => {
    const set = generateSet({ preset: "classic-2-3-2", seed: "copy-cli", count: 3 });
    const answers = (k: number) => Object.fromEntries(set[k].solution.graph.steps.map((s, j) => [s.id, set[k].solution.answers[j].rounded]));
    const files = [
      file("c0.json", JSON.stringify({ code: set[0].code, answers: answers(0) })),
      // Student 1 hands in student 2's answers under their own code.
      file("c1.json", JSON.stringify({ code: set[1].code, answers: answers(2) })),
      file("c2.json", JSON.stringify({ code: set[2].code, answers: answers(2) })),
    ];
    const json = JSON.parse(bpdrill(["grade", ...files]).stdout) as { flags?: unknown }[];
    expect(json.map((e) => e.flags)).toEqual([undefined, [{ kind: "copy", code: set[2].code }], undefined]);
    const rows = bpdrill(["grade", ...files, "--format", "csv"]).stdout.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    const col = rows[0].split(",").indexOf("flags");
    expect(rows.slice(1).map((r) => r.split(",")[col])).toEqual(["", `possible copy: the answers fit ${set[2].code} better than its own code`, ""]);
  });
});
