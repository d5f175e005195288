// A roster file (CSV in any encoding a spreadsheet saves, or XLSX) → students; errors are one line naming file and column.
import { rosterFromRows, type Student } from "../generator/roster.js";
import { readTable } from "./table.js";

export async function loadRoster(file: string): Promise<Student[]> {
  return rosterFromRows(await readTable(file), file);
}
