// The issue's "done when": a GBK registrar roster, an LMS zip and a form export become a gradebook that Excel opens
// cleanly (BOM, one row per student, the same columns on every row, no garbled Chinese), and the LMS layouts.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { splitCsv } from "../../generator/roster.js";
import { bpdrill } from "../helpers/cli.js";
import { classFiles, PRESET, SEED, STUDENTS, type Plan } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-class-"));
let plan: Plan[];
let roster: string;
let zip: string;
let form: string;

beforeAll(async () => {
  ({ plan, roster, zip, form } = await classFiles(dir));
});

/** The file as a spreadsheet reads it: BOM gone, rows of cells. */
function table(file: string): string[][] {
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = bytes.toString("utf8");
  expect(text).not.toContain("\uFFFD");
  return splitCsv(text).map((r) => [...r.cells]).filter((r) => r.some((c) => c !== ""));
}

describe("bpdrill grade --roster: the class's gradebook", () => {
  it("grades the zip and the form export against the GBK roster: one row per student, in Chinese", () => {
    const out = join(dir, "gradebook.csv");
    const r = bpdrill(["grade", zip, form, "--roster", roster, "--preset", PRESET, "--seed", SEED, "--format", "csv", "--out", out, "--lang", "zh"]);
    // The photo in the zip is named on stderr and makes the exit code 1; the gradebook is written all the same.
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("草稿.jpg");
    expect(r.stderr).toContain("43 份提交、42 名学生：41 人已对应，1 人未提交，1 份对不上任何学生，1 份被更晚的提交替换");
    const rows = table(out);
    const head = rows[0];
    expect(head.slice(0, 7)).toEqual(["学号", "姓名", "班级", "题目编号", "得分", "满分", "百分比"]);
    expect(head.slice(7, -3)).toEqual(plan[0].stepIds);
    expect(head.slice(-3)).toEqual(["标记", "备注", "提交来源"]);
    // Honest hand-ins (all right, or with blanks) are never flagged as copies.
    for (const row of rows.slice(1)) expect(row.at(-3)).toBe("");
    // Every row as wide as the header: the columns line up in a spreadsheet.
    for (const row of rows) expect(row.length).toBe(head.length);
    // 42 students in roster order, then the hand-in that matched no one.
    expect(rows.slice(1, 43).map((r) => r[0])).toEqual(STUDENTS.map((s) => s.id));
    expect(rows.slice(1, 43).map((r) => r[1])).toEqual(STUDENTS.map((s) => s.name));
    expect(rows[43][0]).toBe("2099999");
    expect(rows[43].at(-2)).toContain("与名单中的学生都对不上");
    expect(rows).toHaveLength(44);
    const col = (name: string) => head.indexOf(name);
    for (let k = 0; k < 40; k++) {
      const row = rows[1 + k];
      const p = plan[k];
      expect(row[col("题目编号")], p.student.name).toBe(p.code);
      expect(row[col("班级")]).toBe(p.student.className);
      // Each step: blank where the student left it blank, right everywhere else (the key's own digits).
      for (const id of p.stepIds) expect(row[col(id)], `${p.student.name} ${id}`).toBe(p.blank.includes(id) ? "未作答" : "正确");
      const score = Number(row[col("得分")]);
      const max = Number(row[col("满分")]);
      if (p.blank.length === 0) expect(score).toBe(max);
      else expect(score).toBeLessThan(max);
      expect(Number(row[col("百分比")])).toBeCloseTo((100 * score) / max, 1);
    }
    // Student 0's folder was in GBK bytes: still matched by its name. Student 3 handed in twice: the form's later one counts.
    expect(rows[1].at(-1)).toContain(`${plan[0].student.name}_5000_assignsubmission_file_/答案.txt`);
    expect(rows[4].at(-1)).toContain("问卷星导出.xlsx");
    expect(rows[4].at(-2)).toContain("替换了先前的 1 份提交");
    // Student 40 handed in nothing; 41 handed in 40's exercise: kept, flagged, not counted.
    expect(rows[41][col("得分")]).toBe("");
    expect(rows[41].at(-2)).toBe("未提交");
    expect(rows[41][col("题目编号")]).toBe(plan[40].code);
    expect(rows[42][col("得分")]).toBe("");
    expect(rows[42].at(-2)).toContain(`学号 ${STUDENTS[40].id} 的题目`);
  });

  it("writes Moodle's and Canvas's grade-import layouts", () => {
    const moodle = join(dir, "moodle.csv");
    const canvas = join(dir, "canvas.csv");
    bpdrill(["grade", zip, form, "--roster", roster, "--preset", PRESET, "--seed", SEED, "--gradebook", "moodle", "--assignment", "BP 第3周", "--out", moodle]);
    bpdrill(["grade", zip, form, "--roster", roster, "--preset", PRESET, "--seed", SEED, "--gradebook", "canvas", "--assignment", "BP 第3周", "--out", canvas]);
    const m = table(moodle);
    expect(m[0]).toEqual(["ID number", "Email address", "Full name", "BP 第3周"]);
    expect(m).toHaveLength(43);
    expect(m[1].slice(0, 3)).toEqual([STUDENTS[0].id, "", STUDENTS[0].name]);
    expect(Number(m[1][3])).toBeGreaterThan(0);
    expect(m[41][3]).toBe(""); // no hand-in: left empty, Moodle keeps what it has
    const c = table(canvas);
    expect(c[0]).toEqual(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "BP 第3周"]);
    expect(c[1][0].trim()).toBe("Points Possible");
    expect(c[2]).toEqual([STUDENTS[0].name, "", STUDENTS[0].id, "", "计科2301", m[1][3]]);
    expect(c).toHaveLength(44);
  });

  it("without --preset and --seed matches by the student ids the hand-ins carry, and says so in JSON", () => {
    const r = bpdrill(["grade", form, "--roster", roster, "--format", "json"]);
    expect(r.code).toBe(0);
    const book = JSON.parse(r.stdout) as { students: { studentId: string; status: string; matchedBy?: string }[]; unmatched: { source: string }[] };
    expect(book.students).toHaveLength(42);
    expect(book.students[30]).toMatchObject({ studentId: STUDENTS[30].id, status: "graded", matchedBy: "id" });
    expect(book.students[0].status).toBe("missing");
    // Without the plan, a copied code is not detectable: the hand-in is graded as the student's own.
    expect(book.students[41].status).toBe("graded");
    expect(book.unmatched).toHaveLength(1);
  });

  it("reads an LMS zip without a roster: one row per hand-in, with the id each answer string carries", () => {
    const r = bpdrill(["grade", zip, "--format", "csv", "--lang", "en"]);
    const rows = splitCsv(r.stdout.replace(/^\uFEFF/, "")).map((x) => x.cells).filter((x) => x.length > 1);
    expect(rows[0].slice(0, 7)).toEqual(["student id", "name", "class", "code", "score", "max", "percent"]);
    expect(rows).toHaveLength(31);
    // Students 0…29 handed in there (the photo is not a hand-in); each row has the id its answer string carries.
    expect(rows.slice(1).map((x) => x[0]).sort()).toEqual(STUDENTS.slice(0, 30).map((s) => s.id).sort());
  });

  it.each([
    ["en", "--gradebook moodle needs --roster"],
    ["zh", "--gradebook moodle 需要 --roster"],
  ])("refuses an LMS layout without a roster in one line (%s)", (lang, want) => {
    const r = bpdrill(["grade", zip, "--gradebook", "moodle"], { env: { BPDRILL_LANG: lang } });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`bpdrill: ${want}${r.stderr.slice(`bpdrill: ${want}`.length)}`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });
});
