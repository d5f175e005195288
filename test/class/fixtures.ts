// A class as the world hands it to a teacher, made here the way each program makes it: a registrar's roster in
// GBK (iconv-lite, as Excel on Chinese Windows saves CSV), a Moodle "download all submissions" zip with Chinese
// folder names (fflate; one name in GBK bytes without the UTF-8 flag, as Windows zip tools write), and a form
// export as XLSX (write-excel-file). Answer strings come from the codec with the key's own digits.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import iconv from "iconv-lite";
import writeXlsxFile from "write-excel-file/node";
import { decodeAnswerString, encodeAnswerString } from "../../grader/answer-string.js";
import { drawPlanned, planSet } from "../../generator/classset.js";
import type { Student } from "../../generator/roster.js";

export const PRESET = "classic-2-3-2";
export const SEED = "week3";

const SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章";
const GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平"];

/** 42 students: ids 2023001…, two classes. */
export const STUDENTS: readonly Student[] = Array.from({ length: 42 }, (_, k) => ({
  id: String(2023001 + k),
  name: SURNAMES[k] + GIVEN[k % GIVEN.length],
  className: k < 21 ? "计科2301" : "计科2302",
}));

/** What each student hands in: the key (all right), the key with some steps left blank, or nothing. */
export interface Plan {
  readonly student: Student;
  readonly code: string;
  /** Step ids left blank. */
  readonly blank: readonly string[];
  readonly answerString: string;
  readonly stepIds: readonly string[];
}

export function classPlan(): Plan[] {
  const planned = planSet({ preset: PRESET, seed: SEED, roster: STUDENTS });
  return planned.map((p, k) => {
    const item = drawPlanned(p);
    const ids = item.solution.graph.steps.map((s) => s.id);
    // Every third student leaves the last two steps blank; every fifth the first one.
    const blank = [...(k % 3 === 1 ? ids.slice(-2) : []), ...(k % 5 === 2 ? ids.slice(0, 1) : [])];
    const answers = item.solution.answers.map((a, i) => (blank.includes(ids[i]) ? "" : a.rounded));
    const s = STUDENTS[k];
    return { student: s, code: p.code, blank, stepIds: ids, answerString: encodeAnswerString({ code: p.code, studentId: s.id, name: s.name, answers }) };
  });
}

export function writeGbkRoster(dir: string): string {
  const lines = ["序号,学号,姓名,班级", ...STUDENTS.map((s, k) => `${k + 1},${s.id},${s.name},${s.className}`)];
  const file = join(dir, "registrar-gbk.csv");
  writeFileSync(file, iconv.encode(lines.join("\r\n") + "\r\n", "gbk"));
  return file;
}

/**
 * Moodle's zip: one folder per participant, "全名_<participant id>_assignsubmission_file_/", the file as
 * uploaded; online text as onlinetext.html. Students 0…29 hand in here (29 as online text); 28 also uploads
 * a photo. The whole path of student 0's file is written in GBK bytes without the UTF-8 flag, as Windows zip tools do.
 */
export function writeMoodleZip(dir: string, plan: readonly Plan[]): string {
  const files: Record<string, Uint8Array> = {};
  const placeholder = "Q".repeat(iconv.encode(plan[0].student.name, "gbk").length);
  const filePlaceholder = "Z".repeat(iconv.encode("答案", "gbk").length);
  for (let k = 0; k < 30; k++) {
    const p = plan[k];
    const folder = `${k === 0 ? placeholder : p.student.name}_${5000 + k}_assignsubmission_${k === 29 ? "onlinetext" : "file"}_`;
    if (k === 29) files[`${folder}/onlinetext.html`] = strToU8(`<p>我的答案：</p><p>${p.answerString}</p>`);
    else files[`${folder}/${k === 0 ? filePlaceholder : "答案"}.txt`] = strToU8(`${p.answerString}\n`);
  }
  files[`${plan[28].student.name}_5028_assignsubmission_file_/草稿.jpg`] = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
  const zip = Buffer.from(zipSync(files));
  // The first folder's name as GBK bytes: same length as the placeholder, in the local header and the central directory.
  const from = Buffer.from(placeholder, "latin1");
  const to = iconv.encode(plan[0].student.name, "gbk");
  for (let at = zip.indexOf(from); at >= 0; at = zip.indexOf(from, at + 1)) to.copy(zip, at);
  const fromFile = Buffer.from(`/${filePlaceholder}.txt`, "latin1");
  const toFile = iconv.encode("/答案.txt", "gbk");
  for (let at = zip.indexOf(fromFile); at >= 0; at = zip.indexOf(fromFile, at + 1)) toFile.copy(zip, at);
  const file = join(dir, "moodle-下载全部提交.zip");
  writeFileSync(file, zip);
  return file;
}

/**
 * A 问卷星-style export: submission time, 学号, 姓名, the pasted answer string. Students 30…39 hand in here;
 * student 3 again (a later, second hand-in); one stranger not on the roster; student 41 pastes the code
 * of student 40 (a copy).
 */
export async function writeFormXlsx(dir: string, plan: readonly Plan[]): Promise<string> {
  const rows: (string | number | null)[][] = [["提交时间", "学号", "姓名", "1. 请粘贴答案串"]];
  for (let k = 30; k < 40; k++) rows.push([`2026-03-0${1 + (k % 9)} 10:00`, Number(plan[k].student.id), plan[k].student.name, `答案：${plan[k].answerString}`]);
  rows.push(["2026-03-09 23:59", Number(plan[3].student.id), plan[3].student.name, plan[3].answerString]);
  const answersOf = (p: Plan) => {
    const d = decodeAnswerString(p.answerString);
    if (!d.ok) throw new Error("fixture: the codec refused its own string");
    return d.data.answers;
  };
  rows.push(["2026-03-09 23:59", 2099999, "旁听生", encodeAnswerString({ code: plan[0].code, studentId: "2099999", name: "旁听生", answers: answersOf(plan[0]) })]);
  const copy = encodeAnswerString({ code: plan[40].code, studentId: plan[41].student.id, name: plan[41].student.name, answers: answersOf(plan[40]) });
  rows.push(["2026-03-09 23:59", Number(plan[41].student.id), plan[41].student.name, copy]);
  const file = join(dir, "问卷星导出.xlsx");
  writeFileSync(file, await writeXlsxFile(rows).toBuffer());
  return file;
}

/** The whole class's files in a new folder of dir: the plan, the GBK roster, the Moodle zip and the XLSX form export. */
export async function classFiles(dir: string): Promise<{ plan: Plan[]; roster: string; zip: string; form: string }> {
  const plan = classPlan();
  return { plan, roster: writeGbkRoster(dir), zip: writeMoodleZip(dir, plan), form: await writeFormXlsx(dir, plan) };
}
