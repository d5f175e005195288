// Rosters: the shapes teachers' CSV files come in, and one clear message per kind of bad file.
import { describe, expect, it } from "vitest";
import { parseRoster } from "../../generator/roster.js";

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
    ["empty", "", /class\.csv: no students found/],
    ["header only", "id,name\n", /no students found/],
    ["empty id", "1,Ann\n,Bob\n", /class\.csv: line 2: the student id \(first column\) is empty/],
    ["duplicate id", "1,Ann\n2,Bob\n1,Cy\n", /line 3: student id "1" already appears on line 1/],
    ["unclosed quote", '1,"Ann\n2,Bob\n', /a quoted field is never closed/],
  ])("refuses a roster that is %s", (_what, text, msg) => {
    expect(() => parseRoster(text, "class.csv")).toThrowWords(msg);
  });
});
