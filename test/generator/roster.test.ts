// Rosters: the shapes teachers' and registrars' files come in, and one clear message per kind of bad file.
import { describe, expect, it } from "vitest";
import { parseRoster, splitCsv } from "../../generator/roster.js";
import { render } from "../../cli/words.js";
import { messageOf } from "../../generator/message.js";

const read = (text: string) => parseRoster(text, "class.csv").map((s) => [s.id, s.name, s.className ?? "", s.email ?? ""]);

describe("parseRoster", () => {
  it.each([
    ["plain rows", "1,Ann\n2,Bob\n", [["1", "Ann"], ["2", "Bob"]]],
    ["English header", "student id,name\n1,Ann\n", [["1", "Ann"]]],
    ["Chinese header, BOM, CRLF", "\uFEFF学号,姓名\r\n2023001,张三\r\n2023002,李四\r\n", [["2023001", "张三"], ["2023002", "李四"]]],
    ["quoted fields with commas and quotes", '"1","Smith, ""Jo"""\n2,Bob', [["1", 'Smith, "Jo"'], ["2", "Bob"]]],
    ["blank lines and spaces", "\n 1 , Ann \n\n2,Bob\n\n", [["1", "Ann"], ["2", "Bob"]]],
    ["semicolons (spreadsheets in many locales)", "id;name\n1;Ann\n", [["1", "Ann"]]],
    ["tabs", "1\tAnn\n", [["1", "Ann"]]],
    ["ids only", "id\nA\nB\n", [["A", ""], ["B", ""]]],
  ])("reads %s", (_what, text, want) => {
    expect(parseRoster(text, "class.csv").map((s) => [s.id, s.name])).toEqual(want);
  });

  it.each([
    // The cases: name first; a registrar export with 序号 first; full-width commas; tabs.
    ["name before id", "姓名,学号\n张三,2023001\n李四,2023002\n", [["2023001", "张三", "", ""], ["2023002", "李四", "", ""]]],
    ["registrar export 序号,学号,姓名,班级", "序号,学号,姓名,班级\n1,2023001,张三,计科2301\n2,2023002,李四,计科2302\n", [["2023001", "张三", "计科2301", ""], ["2023002", "李四", "计科2302", ""]]],
    ["full-width commas", "学号，姓名，班级\n2023001，张三，一班\n", [["2023001", "张三", "一班", ""]]],
    ["mixed commas from hand editing", "学号,姓名\n2023001，张三\n", [["2023001", "张三", "", ""]]],
    ["tabs with email", "Email address\tName\tStudent ID\nann@x.edu\tAnn\tS1\n", [["S1", "Ann", "", "ann@x.edu"]]],
    ["工号 and ignored registrar columns", "工号,性别,姓名,专业,邮箱\nT01,女,王五,数学,w@x.cn\n", [["T01", "王五", "", "w@x.cn"]]],
    ["full-width header letters and a colon", "ＩＤ：,Name\n7,Ann\n", [["7", "Ann", "", ""]]],
  ])("maps the columns of %s", (_what, text, want) => {
    expect(read(text)).toEqual(want);
  });

  it.each([
    ["empty", "", /class\.csv: no students found/],
    ["header only", "id,name\n", /no students found/],
    ["empty id", "1,Ann\n,Bob\n", /class\.csv: line 2: the student id \(first column\) is empty/],
    ["empty id under a header", "姓名,学号\n张三,\n", /class\.csv: line 2: the student id \(学号\) is empty/],
    ["duplicate id", "1,Ann\n2,Bob\n1,Cy\n", /line 3: student id "1" already appears on line 1/],
    ["unclosed quote", '1,"Ann\n2,Bob\n', /a quoted field is never closed/],
    ["an unknown column", "学号,姓名,成绩\n1,A,90\n", /class\.csv: column 3 "成绩" is not a roster column/],
    ["two id columns", "学号,姓名,工号\n1,A,2\n", /column 3 "工号" and column 1 "学号" say the same thing/],
    ["no id column", "姓名,班级\nA,1\n", /class\.csv: no student id column/],
    ["a column with values and no header", "学号,姓名,\n1,A,x\n", /column 3 has values but no header/],
    ["three columns without a header", "1,2023001,张三\n", /line 1 has 3 columns but the file has no header row/],
    ["ids Excel turned into numbers", "学号,姓名\n2.02301E+11,张三\n", /line 2: student id "2.02301E\+11" was turned into a number/],
  ])("refuses a roster that is %s", (_what, text, m) => {
    expect(() => parseRoster(text, "class.csv")).toThrow();
    try {
      parseRoster(text, "class.csv");
    } catch (e) {
      expect(render("en", messageOf(e as Error))).toMatch(m);
      // The same refusal in Chinese names the file too.
      expect(render("zh", messageOf(e as Error))).toContain("class.csv");
    }
  });
});

describe("splitCsv", () => {
  it("picks the separator of the first non-empty line", () => {
    expect(splitCsv("\na\tb\tc,d\n").map((r) => r.cells)).toEqual([[""], ["a", "b", "c,d"]]);
    expect(splitCsv("a;b\n").map((r) => r.cells)).toEqual([["a", "b"]]);
    expect(splitCsv("a，b,c\n").map((r) => r.cells)).toEqual([["a", "b", "c"]]);
  });
  it("numbers rows by the line they start on", () => {
    expect(splitCsv('a\n"b\nc"\nd\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
