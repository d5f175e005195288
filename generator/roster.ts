// Class rosters: a CSV of student id and name (header row, BOM, quotes, ; or tab tolerated).
import { CoreError, msg, type Message } from "./message.js";

export interface Student {
  readonly id: string;
  readonly name: string;
}

/** A roster that cannot be used; the message names the file and line. */
export class RosterError extends CoreError {
  constructor(m: Message | string) {
    super(m);
    this.name = "RosterError";
  }
}

/** Splits CSV text into rows of cells (RFC 4180 quotes, doubled quotes, newlines inside quotes). */
function parseCsv(text: string, sep: string, file: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
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
    } else if (ch === sep) {
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

const ID_HEADER = /^(student[\s_-]*)?(id|no\.?|number|#)$|^(学号|编号|序号|学生编号)$/i;
const NAME_HEADER = /^(student[\s_-]*)?name$|^(姓名|名字|学生姓名)$/i;

/** Reads a roster: one student per row, id in the first column and name (optional) in the second. */
export function parseRoster(text: string, file = "roster"): Student[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = first.includes(",") ? "," : first.includes("\t") ? "\t" : first.includes(";") ? ";" : ",";
  const rows = parseCsv(body, sep, file)
    .map((r) => ({ line: r.line, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ""));
  if (rows.length > 0 && (ID_HEADER.test(rows[0].cells[0]) || NAME_HEADER.test(rows[0].cells[1] ?? ""))) rows.shift();
  if (rows.length === 0) throw new RosterError(msg("cli.roster.empty", { file }));
  const seen = new Map<string, number>();
  return rows.map(({ cells, line }) => {
    const id = cells[0];
    if (id === "") throw new RosterError(msg("cli.roster.noId", { file, line }));
    const before = seen.get(id);
    if (before !== undefined)
      throw new RosterError(msg("cli.roster.duplicate", { file, line, id, before }));
    seen.set(id, line);
    return { id, name: cells[1] ?? "" };
  });
}
