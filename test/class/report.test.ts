// `bpdrill report` on the class of test/class/fixtures.ts (a GBK roster, a Moodle zip, a 问卷星 XLSX), plus
// a folder of answer strings where some students made a named mistake: the charts are Vega's SVG, the
// mistakes are ranked with the right counts, the copy is flagged, marked sheets are written per student.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { encodeAnswerString } from "../../grader/answer-string.js";
import { exerciseFromCode } from "../../generator/classset.js";
import { Q } from "../../generator/num/q.js";
import { bpdrill, bpdrillAsync } from "../helpers/cli.js";
import { classFiles, PRESET, SEED, STUDENTS, type Plan } from "./fixtures.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-report-"));
let plan: Plan[];
let roster: string;
let zip: string;
let form: string;

beforeAll(async () => {
  ({ plan, roster, zip, form } = await classFiles(dir));
});

describe("bpdrill report", () => {
  it("reports the class: distribution and step charts as SVG, the network coloured, the copy flagged, in Chinese", () => {
    const out = join(dir, "report.html");
    const marked = join(dir, "marked");
    const r = bpdrill(["report", zip, form, "--roster", roster, "--preset", PRESET, "--seed", SEED, "--out", out, "--per-student", marked, "--lang", "zh"]);
    expect(r.stderr).toContain("报告已写入");
    const html = readFileSync(out, "utf8");
    // Two Vega charts (they carry Vega's class "marks") and the network diagram.
    expect(html.match(/<svg[^>]*class="marks"/g)).toHaveLength(2);
    expect(html).toContain('class="net"');
    expect(html).toContain("成绩分布");
    expect(html).toContain("名单共 42 名学生");
    // Student 41 handed in student 40's exercise: flagged with both.
    expect(html).toContain(`${STUDENTS[41].id} ${STUDENTS[41].name} 交的是学号 ${STUDENTS[40].id} 的题目`);
    // Every counted student gets a marked sheet.
    const files = readdirSync(marked);
    expect(files).toContain(`${STUDENTS[0].id}_${STUDENTS[0].name}.html`);
    const sheet = readFileSync(join(marked, `${STUDENTS[1].id}_${STUDENTS[1].name}.html`), "utf8");
    // Student 1 left the last two steps blank (fixtures.ts): the sheet says so in words.
    expect(sheet).toContain("未作答");
  });

  it("ranks named mistakes by students: 3 wrote w + η·∂E/∂w, 1 of them twice", () => {
    const strings = join(dir, "strings");
    mkdirSync(strings, { recursive: true });
    for (let k = 0; k < 5; k++) {
      const p = plan[k];
      const { exercise, solution } = exerciseFromCode(p.code);
      const eta = Q.dec(exercise.learningRate);
      // The update-sign slip: w + η·∂E/∂w instead of w − η·∂E/∂w, on newW2_1_1 (students 0–2) and also
      // newW2_2_2 (student 0), from the exercise's own weight and the key's own gradient.
      const wrongOn = k === 0 ? ["newW2_1_1", "newW2_2_2"] : k <= 2 ? ["newW2_1_1"] : [];
      const answers = solution.answers.map((a, i) => {
        const id = p.stepIds[i];
        if (!wrongOn.includes(id)) return a.rounded;
        const [j, src] = id === "newW2_1_1" ? [0, 0] : [1, 1];
        const w = Q.dec(exercise.weights[1][j][src]);
        const grad = solution.exact.get(id.replace("newW", "dW"))!;
        return w.add(eta.mul(grad)).toFixed(exercise.decimals);
      });
      writeFileSync(join(strings, `${k}.txt`), encodeAnswerString({ code: p.code, studentId: p.student.id, name: p.student.name, answers }) + "\n");
    }
    const out = join(dir, "mistakes.html");
    const r = bpdrill(["report", strings, "--out", out, "--lang", "en"]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    const row = html.slice(html.indexOf("The update went with the gradient"));
    // Students 3, times 4, in the first row of the ranking.
    expect(row).toMatch(/^[^<]*<\/td><td class="n">3<\/td><td class="n">4<\/td>/);
    expect(html).toContain("5 hand-ins: 5 graded");
  });

  it("prints the report to PDF, and refuses another extension in one line", async () => {
    const out = join(dir, "report.pdf");
    const r = await bpdrillAsync(["report", zip, "--out", out, "--lang", "en"]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    // Typeset by Typst like the sheets, with no browser: real fonts only (CID, none Type 3), text extractable.
    const fonts = execFileSync("pdffonts", [out], { encoding: "utf8" }).trim().split("\n").slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row, row).toMatch(/\bCID (Type 0C|TrueType)\b/);
    const text = execFileSync("pdftotext", [out, "-"], { encoding: "utf8" });
    for (const s of ["Class report", "Score distribution", "Item analysis"]) expect(text, s).toContain(s);
    const again = join(dir, "report-again.pdf");
    expect((await bpdrillAsync(["report", zip, "--out", again, "--lang", "en"], { env: { BPDRILL_CHROMIUM: "/nonexistent/chromium", PATH: "/usr/bin:/bin" } })).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
    const bad = bpdrill(["report", zip, "--out", join(dir, "report.docx")]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`bpdrill: ${join(dir, "report.docx")}: a report is written as .html or .pdf; name the file report.html or report.pdf\n`);
  });
});
