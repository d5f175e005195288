// Class rosters: a table of students (学号, 姓名, 班级, 邮箱 in any order, zh or en headers), read from CSV text or rows.
// A registrar's file comes in many shapes; every column is mapped by its header or refused by name, never guessed.
import { CoreError, msg, type Message } from "./message.js";

export interface Student {
  readonly id: string;
  readonly name: string;
  /** The class or section (班级), when the roster has that column. */
  readonly className?: string;
  readonly email?: string;
}

/** A roster that cannot be used; the message names the file and line. */
export class RosterError extends CoreError {
  constructor(m: Message | string) {
    super(m);
    this.name = "RosterError";
  }
}

/** One row of a table file: its cells and the line (or spreadsheet row) it starts on. */
export interface TableRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Splits CSV text into rows of cells (RFC 4180 quotes, doubled quotes, newlines inside quotes). */
function parseCsv(text: string, isSep: (ch: string) => boolean, file: string): TableRow[] {
  const rows: TableRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === "\n") line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (isSep(ch)) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      cells.push(cell);
      rows.push({ cells, line: rowLine });
      cells = [];
      cell = "";
      if (ch === "\r" && text[i + 1] === "\n") i++;
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted) throw new RosterError(msg("cli.roster.quote", { file, line: rowLine }));
  if (cell !== "" || cells.length > 0) {
    cells.push(cell);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}

/**
 * Splits delimited text into rows. The separator is the commonest of comma (ASCII or full-width:
 * a Chinese input method types "，", and a hand-edited file often mixes both), tab and semicolon on
 * the first non-empty line; with commas, both kinds separate.
 */
export function splitCsv(text: string, file = "table"): TableRow[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const count = (re: RegExp) => (first.match(re) ?? []).length;
  const commas = count(/[,，]/g);
  const tabs = count(/\t/g);
  const semis = count(/[;；]/g);
  const isSep: (ch: string) => boolean =
    tabs > commas && tabs >= semis ? (ch) => ch === "\t" : semis > commas ? (ch) => ch === ";" || ch === "；" : (ch) => ch === "," || ch === "，";
  return parseCsv(body, isSep, file);
}

export type RosterField = "id" | "name" | "className" | "email" | "ignored";

// Headers as registrars, LMSs and teachers write them, compared without case, spaces, _ - . or a trailing colon.
const HEADERS: Readonly<Record<RosterField, readonly string[]>> = {
  id: ["学号", "工号", "学生编号", "学籍号", "考号", "编号", "studentid", "studentnumber", "studentno", "id", "idnumber", "sisuserid", "matriculationnumber", "学号/工号"],
  name: ["姓名", "名字", "学生姓名", "name", "studentname", "fullname", "student"],
  className: ["班级", "班", "行政班", "教学班", "班级名称", "class", "section", "group", "classname"],
  email: ["邮箱", "电子邮箱", "电子邮件", "邮件", "email", "emailaddress", "mail"],
  // Columns a registrar's export carries that a drill has no use for: read past by name, never guessed at.
  ignored: ["序号", "no", "#", "index", "row", "性别", "gender", "sex", "专业", "major", "学院", "院系", "系", "department", "faculty", "school", "年级", "year", "grade", "手机", "手机号", "电话", "phone", "mobile", "备注", "note", "notes", "remark", "remarks"],
};

const FIELD_OF = new Map<string, RosterField>();
for (const [field, names] of Object.entries(HEADERS) as [RosterField, readonly string[]][]) for (const n of names) FIELD_OF.set(normHeader(n), field);

function normHeader(h: string): string {
  return h.normalize("NFKC").toLowerCase().replace(/[\s_\-.:：()（）]/g, "");
}

/** The field a header names, or undefined when it names none. */
export function headerField(h: string): RosterField | undefined {
  return FIELD_OF.get(normHeader(h));
}

/** Ids a spreadsheet turned into numbers (2.02301E+11) lost their digits: refused, never matched. */
const MANGLED_ID = /^\d+(\.\d+)?e[+-]?\d+$/i;

/** Reads a roster from rows: a header row maps the columns; without one, the id is first and the name second. */
export function rosterFromRows(input: readonly TableRow[], file = "roster"): Student[] {
  const rows = input.map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) })).filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length === 0) throw new RosterError(msg("cli.roster.empty", { file }));
  const head = rows[0].cells;
  const columns: Partial<Record<Exclude<RosterField, "ignored">, number>> = {};
  let idLabel: string | Message;
  if (head.some((c) => headerField(c) !== undefined)) {
    rows.shift();
    head.forEach((h, k) => {
      const col = k + 1;
      if (h === "") {
        if (rows.some((r) => (r.cells[k] ?? "") !== "")) throw new RosterError(msg("cli.roster.noHeader", { file, col }));
        return;
      }
      const field = headerField(h);
      if (field === undefined) throw new RosterError(msg("cli.roster.unknownColumn", { file, col, header: h }));
      if (field === "ignored") return;
      const before = columns[field];
      if (before !== undefined) throw new RosterError(msg("cli.roster.twoColumns", { file, col, header: h, before: before + 1, other: head[before] }));
      columns[field] = k;
    });
    if (columns.id === undefined) throw new RosterError(msg("cli.roster.noIdColumn", { file }));
    idLabel = head[columns.id];
  } else {
    // No header: the classic two-column file (id, name). A wider one cannot be read without its headers.
    const width = Math.max(...rows.map((r) => r.cells.length - [...r.cells].reverse().findIndex((c) => c !== "")));
    if (width > 2) throw new RosterError(msg("cli.roster.needHeader", { file, line: rows[0].line, columns: width }));
    columns.id = 0;
    columns.name = 1;
    idLabel = msg("cli.roster.firstColumn");
  }
  if (rows.length === 0) throw new RosterError(msg("cli.roster.empty", { file }));
  const seen = new Map<string, number>();
  const cell = (cells: readonly string[], k: number | undefined) => (k === undefined ? "" : (cells[k] ?? ""));
  return rows.map(({ cells, line }) => {
    const id = cell(cells, columns.id);
    if (id === "") throw new RosterError(msg("cli.roster.noId", { file, line, column: idLabel }));
    if (MANGLED_ID.test(id)) throw new RosterError(msg("cli.roster.mangledId", { file, line, id }));
    const before = seen.get(id);
    if (before !== undefined) throw new RosterError(msg("cli.roster.duplicate", { file, line, id, before }));
    seen.set(id, line);
    const className = cell(cells, columns.className);
    const email = cell(cells, columns.email);
    return { id, name: cell(cells, columns.name), ...(className !== "" ? { className } : {}), ...(email !== "" ? { email } : {}) };
  });
}

/** Reads a roster from CSV text (see splitCsv and rosterFromRows). */
export function parseRoster(text: string, file = "roster"): Student[] {
  return rosterFromRows(splitCsv(text, file), file);
}
