// Roster files as the world makes them: Excel's GBK CSV, UTF-16 "Unicode text", UTF-8 with BOM, and XLSX workbooks.
// Each fixture is made here the way the program that writes it does (iconv-lite for the code pages, write-excel-file for XLSX).
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import writeXlsxFile from "write-excel-file/node";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../cli/table.js";
import { loadRoster } from "../../cli/roster-file.js";
import { bpdrill } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-roster-"));
const REGISTRAR = "序号,学号,姓名,班级\r\n1,2023001,张三,计科2301\r\n2,2023002,李四,计科2301\r\n3,2023003,欧阳娜娜,计科2302\r\n";
const WANT = [
  { id: "2023001", name: "张三", className: "计科2301" },
  { id: "2023002", name: "李四", className: "计科2301" },
  { id: "2023003", name: "欧阳娜娜", className: "计科2302" },
];

function file(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

describe("decodeText", () => {
  it.each([
    ["UTF-8", Buffer.from("学号,姓名", "utf8")],
    ["UTF-8 with BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("学号,姓名", "utf8")])],
    ["GBK", iconv.encode("学号,姓名", "gbk")],
    ["GB18030", iconv.encode("学号,姓名", "gb18030")],
    ["UTF-16 LE with BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("学号,姓名", "utf-16le")])],
    ["UTF-16 BE with BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode("学号,姓名", "utf-16be")])],
    ["UTF-16 LE without BOM", iconv.encode("id\tname\r\n1\tAnn", "utf-16le")],
  ])("reads %s", (what, bytes) => {
    expect(decodeText(bytes)).toBe(what.includes("without") ? "id\tname\r\n1\tAnn" : "学号,姓名");
  });
  it("the GBK bytes are not valid UTF-8 (so the fallback, not luck, reads them)", () => {
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(iconv.encode("学号,姓名", "gbk"))).toThrow();
  });
});

describe("loadRoster", () => {
  it("reads a registrar's GBK CSV as Excel on Chinese Windows saves it", async () => {
    expect(await loadRoster(file("gbk.csv", iconv.encode(REGISTRAR, "gbk")))).toEqual(WANT);
  });
  it("reads Excel's UTF-16 'Unicode text' (tabs)", async () => {
    const text = REGISTRAR.replace(/,/g, "\t");
    expect(await loadRoster(file("u16.txt", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, "utf-16le")])))).toEqual(WANT);
  });
  it("reads an XLSX workbook with the columns in another order and ids as numbers", async () => {
    const bytes = await writeXlsxFile([
      ["姓名", "班级", "学号", "邮箱"],
      ["张三", "计科2301", 2023001, "zs@example.edu.cn"],
      ["李四", "计科2301", 2023002, null],
    ]).toBuffer();
    expect(await loadRoster(file("roster.xlsx", bytes))).toEqual([
      { id: "2023001", name: "张三", className: "计科2301", email: "zs@example.edu.cn" },
      { id: "2023002", name: "李四", className: "计科2301" },
    ]);
  });
  it("refuses an old .xls file by name", async () => {
    await expect(loadRoster(file("old.xls", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])))).rejects.toThrow(/old Excel \.xls/);
  });
});

describe("bpdrill generate --roster", () => {
  it("gives each student of a GBK roster an exercise, the same as from the UTF-8 file", () => {
    const gbk = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "w1", "--roster", file("cli-gbk.csv", iconv.encode(REGISTRAR, "gbk"))]);
    const utf8 = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "w1", "--roster", file("cli-utf8.csv", REGISTRAR)]);
    expect(gbk.stderr).toBe("");
    expect(gbk.code).toBe(0);
    const set = JSON.parse(gbk.stdout) as { studentId: string; name: string }[];
    expect(set.map((s) => [s.studentId, s.name])).toEqual(WANT.map((s) => [s.id, s.name]));
    expect(gbk.stdout).toBe(utf8.stdout);
  });
  it("reads an XLSX roster", async () => {
    const bytes = await writeXlsxFile([["学号", "姓名"], ["2023001", "张三"]]).toBuffer();
    const r = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "w1", "--roster", file("cli.xlsx", bytes)]);
    expect(r.stderr).toBe("");
    expect((JSON.parse(r.stdout) as { name: string }[])[0].name).toBe("张三");
  });
  it.each([
    ["en", /^bpdrill: .*bad\.csv: column 3 "成绩" is not a roster column.*\n$/],
    ["zh", /^bpdrill: .*bad\.csv：第 3 列“成绩”不是名单列.*\n$/],
  ])("refuses an unmappable column in one line (%s), exit 1", (lang, want) => {
    const r = bpdrill(["generate", "--preset", "classic-2-3-2", "--seed", "w1", "--roster", file("bad.csv", "学号,姓名,成绩\n1,A,90\n")], { env: { BPDRILL_LANG: lang } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(want);
  });
});
