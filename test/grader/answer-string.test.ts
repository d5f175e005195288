// Answer strings: round trip, every single-letter damage refused, the length of a full classic sheet, names in any script.
import { describe, expect, it } from "vitest";
import { answersByStep, answersInOrder, crc32, decodeAnswerString, encodeAnswerString, type AnswerStringData } from "../../grader/answer-string.js";
import { gradeText } from "../../grader/batch.js";
import { parseSubmissionText, SubmissionError } from "../../grader/submission.js";
import { generateSet } from "../../generator/classset.js";

const LETTERS = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const [classic] = generateSet({ preset: "classic-2-3-2", seed: "answer-string", count: 1 });
const ids = classic.solution.graph.steps.map((s) => s.id);
const keyAnswers = classic.solution.answers.map((a) => a.rounded);

const sample: AnswerStringData = {
  code: classic.code,
  studentId: "2024-0317",
  name: "欧阳 娜娜 Zoë",
  answers: ["0.3775", "", "-1.5e-3", "3/4", "0。7625", "０.５", "  12 ", "abc", "1,5", "E", "+0.1"],
};

describe("answer strings", () => {
  it("CRC-32 is zlib's: the standard check value of '123456789' is 0xCBF43926", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it("round-trip code, id, name (Chinese, accents) and answers exactly as typed", () => {
    const s = encodeAnswerString(sample);
    expect(s.startsWith("BPA1-")).toBe(true);
    const d = decodeAnswerString(s);
    expect(d).toEqual({ ok: true, data: sample });
  });

  it("leaves out an id and a name that were not given, and keeps empty answers in their places", () => {
    const d = decodeAnswerString(encodeAnswerString({ code: "BP1-K7Q2-9XF4", answers: ["", "", "1"] }));
    expect(d).toEqual({ ok: true, data: { code: "BP1-K7Q2-9XF4", answers: ["", "", "1"] } });
  });

  it("uses only capitals and digits after the prefix: nothing a spreadsheet, a form or a chat app changes", () => {
    const s = encodeAnswerString(sample);
    expect(s.slice(5)).toMatch(/^[2-9A-HJ-NP-Z]+$/);
    expect(s[5]).not.toMatch(/[=+\-@]/);
  });

  it("reads a paste with line breaks, spaces, lower case and full-width letters", () => {
    const s = encodeAnswerString(sample);
    const mangled = ` ${s.slice(0, 40)}\r\n  ${s.slice(40, 90).toLowerCase()} ${s.slice(90)}\n`;
    expect(decodeAnswerString(mangled)).toEqual({ ok: true, data: sample });
    const fullWidth = [...s].map((ch) => (ch === "-" ? "－" : String.fromCharCode(ch.charCodeAt(0) + 0xfee0))).join("");
    expect(decodeAnswerString(fullWidth)).toEqual({ ok: true, data: sample });
  });

  it("refuses every single-letter substitution, deletion, insertion and swap of neighbours", () => {
    const s = encodeAnswerString({ code: classic.code, studentId: "s1", name: "李雷", answers: keyAnswers });
    const body = s.slice(5);
    let tried = 0;
    for (let i = 0; i < body.length; i++) {
      for (const ch of LETTERS) {
        if (ch === body[i]) continue;
        const r = decodeAnswerString("BPA1-" + body.slice(0, i) + ch + body.slice(i + 1));
        expect(r.ok, `substitution at ${i} by ${ch}`).toBe(false);
        tried++;
      }
      expect(decodeAnswerString("BPA1-" + body.slice(0, i) + body.slice(i + 1)).ok, `deletion at ${i}`).toBe(false);
      expect(decodeAnswerString("BPA1-" + body.slice(0, i) + "Q" + body.slice(i)).ok, `insertion at ${i}`).toBe(false);
      if (i + 1 < body.length && body[i] !== body[i + 1])
        expect(decodeAnswerString("BPA1-" + body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2)).ok, `swap at ${i}`).toBe(false);
    }
    expect(tried).toBe(body.length * 31);
    // A string cut short (a paste that lost its end) is refused too.
    for (let n = 1; n < body.length; n++) expect(decodeAnswerString("BPA1-" + body.slice(0, n)).ok).toBe(false);
  });

  it("says why a line is refused, with a code and its parameters, and never throws", () => {
    const s = encodeAnswerString(sample);
    expect(decodeAnswerString("hello")).toEqual({ ok: false, error: { code: "not_answer_string" } });
    expect(decodeAnswerString("BP1-K7Q2-9XF4")).toEqual({ ok: false, error: { code: "not_answer_string" } });
    expect(decodeAnswerString("BPA2-ABCD")).toEqual({ ok: false, error: { code: "newer_version", params: { version: 2, current: 1 } } });
    expect(decodeAnswerString(s.slice(0, 10) + "0" + s.slice(11))).toEqual({ ok: false, error: { code: "bad_char", params: { ch: "0", at: 6 } } });
    expect(decodeAnswerString(s.slice(0, -1))).toEqual({ ok: false, error: { code: "damaged" } });
    expect(decodeAnswerString("BPA1-" + "A".repeat(30000))).toEqual({ ok: false, error: { code: "too_long", params: { max: 20000 } } });
    for (const junk of ["", "BPA1-", "BPA1-2", "BPA1-22222222", "BPA1-ZZZZZZZZZZZZZZZZ", "BPA", "bpa1-!!", null as unknown as string])
      expect(decodeAnswerString(junk).ok).toBe(false);
  });

  it("keeps a classic 2-3-2 sheet with every answer, an id and a long name under 1500 characters", () => {
    // The key's digits are 4 decimals; a student who writes 8 decimals and a minus sign everywhere is the worst case typed by hand.
    const long = keyAnswers.map((a) => "-" + a + "1234");
    const s = encodeAnswerString({ code: classic.code, studentId: "20240317001", name: "欧阳娜娜 Nana Ouyang-Fitzgerald", answers: long });
    expect(ids.length).toBeGreaterThan(40);
    expect(s.length).toBeLessThan(1500);
    expect(decodeAnswerString(s)).toEqual({ ok: true, data: { code: classic.code, studentId: "20240317001", name: "欧阳娜娜 Nana Ouyang-Fitzgerald", answers: long } });
  });

  it("puts positional answers back on step ids, and refuses a count that is not the exercise's", () => {
    const byId = { [ids[0]]: "0.1", [ids[2]]: "0.3" };
    const inOrder = answersInOrder(byId, ids);
    expect(inOrder.length).toBe(ids.length);
    expect(answersByStep(inOrder, ids)).toEqual({ ok: true, data: byId });
    expect(answersByStep(inOrder.slice(1), ids)).toEqual({ ok: false, error: { code: "step_count", params: { expected: ids.length, got: ids.length - 1 } } });
  });

  it("is graded by the command line's grader: the key typed in full scores full marks", () => {
    const s = encodeAnswerString({ code: classic.code, studentId: "s1", name: "李雷", answers: keyAnswers });
    const sub = parseSubmissionText(s + "\n");
    expect(sub.studentId).toBe("s1");
    expect(sub.name).toBe("李雷");
    const e = gradeText("s1.txt", s + "\n");
    expect(e.kind).toBe("report");
    if (e.kind !== "report") return;
    expect(e.report.steps.every((st) => st.verdict === "correct")).toBe(true);
    expect(e.report.score).toBe(e.report.max);
  });

  it("a damaged string is refused with its reason, never graded", () => {
    const s = encodeAnswerString({ code: classic.code, answers: keyAnswers });
    const damaged = s.slice(0, 20) + (s[20] === "A" ? "B" : "A") + s.slice(21);
    expect(() => parseSubmissionText(damaged)).toThrow(SubmissionError);
    const e = gradeText("x.txt", damaged);
    expect(e.kind).toBe("error");
    const short = encodeAnswerString({ code: classic.code, answers: keyAnswers.slice(1) });
    expect(() => parseSubmissionText(short)).toThrow(/answerString.step_count/);
  });
});
