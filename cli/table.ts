// Table files as the world makes them: CSV/TSV in UTF-8 (with or without BOM), GBK/GB18030 or UTF-16, and XLSX.
// Excel on Chinese Windows saves "CSV" in GBK and "Unicode text" in UTF-16; registrars and form sites export .xlsx.
import iconv from "iconv-lite";
import { splitCsv, type TableRow } from "../generator/roster.js";
import { UserError } from "./errors.js";
import { readBytes } from "./io.js";
import { msg } from "./words.js";

const utf8Strict = new TextDecoder("utf-8", { fatal: true });

/** Whether bytes begin a zip archive (an .xlsx workbook is one). */
export const isZip = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
/** The old binary Excel format (OLE compound file): not read, named. */
const isOle = (b: Uint8Array): boolean => b.length >= 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Text from bytes in whatever encoding a spreadsheet or editor saved: a BOM decides (UTF-8, UTF-16 LE/BE);
 * without one, UTF-16 is told by its zero bytes, and anything that is valid UTF-8 is UTF-8 (GBK text of
 * Chinese characters almost never is); the rest is read as GB18030, the superset of GBK and GB2312.
 */
export function decodeText(b: Uint8Array): string {
  const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return buf.subarray(3).toString("utf8");
  if (b[0] === 0xff && b[1] === 0xfe) return iconv.decode(buf.subarray(2), "utf-16le");
  if (b[0] === 0xfe && b[1] === 0xff) return iconv.decode(buf.subarray(2), "utf-16be");
  // UTF-16 without a BOM: ASCII letters leave every other byte zero.
  const head = buf.subarray(0, Math.min(buf.length, 512));
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) i % 2 === 0 ? evenZero++ : oddZero++;
  if (head.length >= 4 && oddZero > head.length / 4 && evenZero === 0) return iconv.decode(buf, "utf-16le");
  if (head.length >= 4 && evenZero > head.length / 4 && oddZero === 0) return iconv.decode(buf, "utf-16be");
  try {
    return utf8Strict.decode(buf);
  } catch {
    return iconv.decode(buf, "gb18030");
  }
}

/** A cell of a workbook as text: numbers as written (an id 2023001 stays 2023001), dates as YYYY-MM-DD. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "number") return Number.isInteger(v) ? v.toFixed(0) : String(v);
  return String(v);
}

/** Every sheet of an .xlsx workbook as rows (the row number is the spreadsheet's). */
export async function readWorkbook(bytes: Uint8Array, file: string): Promise<{ readonly sheet: string; readonly rows: TableRow[] }[]> {
  // Loaded only when a workbook is read: the command line's start-up does not pay for it.
  const { default: readXlsxFile } = await import("read-excel-file/node");
  let sheets;
  try {
    sheets = await readXlsxFile(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new UserError(msg("cli.table.xlsx", { file, why: e instanceof Error ? e.message.split("\n")[0] : String(e) }));
  }
  return sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((r, k) => ({ cells: r.map(cellText), line: k + 1 })) }));
}

/** A table file's rows: its first sheet for a workbook, the delimited text otherwise. */
export async function readTable(file: string): Promise<TableRow[]> {
  const bytes = readBytes(file);
  return tableOfBytes(bytes, file);
}

export async function tableOfBytes(bytes: Uint8Array, file: string): Promise<TableRow[]> {
  if (isOle(bytes)) throw new UserError(msg("cli.table.xls", { file }));
  if (isZip(bytes)) return (await readWorkbook(bytes, file))[0]?.rows ?? [];
  return splitCsv(decodeText(bytes), file);
}
