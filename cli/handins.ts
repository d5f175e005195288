// Hand-ins as they reach a teacher: submission files, text with answer strings, folders, an LMS's "download all
// submissions" zip (Moodle, Canvas; Chinese folder names in UTF-8 or GBK), and form or quiz exports (CSV, XLSX)
// whose cells hold answer strings. Each becomes one text to grade, with where it came from and who it says it is.
import { readdirSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import iconv from "iconv-lite";
import { unzipSync } from "fflate";
import { headerField, splitCsv, type TableRow } from "../generator/roster.js";
import type { Hint } from "../grader/gradebook.js";
import { UserError } from "./errors.js";
import { MAX_INPUT_BYTES, noteInputs, readBytes } from "./io.js";
import { decodeText, isZip, readWorkbook } from "./table.js";
import { messageOf, msg, type Message } from "./words.js";


export interface HandIn {
  /** Where it came from, for people: "class.zip › 张三_1234_assignsubmission_file_/answers.txt", "form.xlsx › row 5". */
  readonly source: string;
  /** A submission's JSON text or one answer string. */
  readonly text: string;
  readonly hint: Hint;
}

/** Something among the inputs that holds no hand-in to grade (a photo in an LMS zip, an unreadable file): reported, never dropped. */
export interface Unread {
  readonly source: string;
  readonly why: Message | string;
}

export interface Collected {
  readonly handIns: HandIn[];
  readonly unread: Unread[];
}

const SEP = " › ";
/** Everything a zip may unpack to: far above a class's hand-ins, far below what a zip bomb claims. */
const MAX_ZIP_TOTAL = 512 * 1024 * 1024;

/** Answer strings inside any text: a cell, a line, an LMS's online-text HTML. NFKC first: full-width letters are letters. */
export function findAnswerStrings(text: string): string[] {
  return [...text.normalize("NFKC").matchAll(/BPA\d+[-‐-―−][A-Za-z0-9-]+/gi)].map((m) => m[0]);
}

const isJsonText = (t: string) => /^[\s\uFEFF]*[{[]/.test(t);

/** The hand-ins of one file's bytes, by what the bytes are (zip, workbook, JSON, text). */
async function fromBytes(bytes: Uint8Array, source: string, name: string, hint: Hint, out: Collected, depth: number): Promise<void> {
  const ext = extname(name).toLowerCase();
  if (isZip(bytes)) {
    if (ext === ".xlsx") return fromRows((await readWorkbook(bytes, source))[0]?.rows ?? [], source, out);
    if (depth > 2) return void out.unread.push({ source, why: msg("cli.handin.nested") });
    return fromZip(bytes, source, out, depth + 1);
  }
  if (ext === ".csv" || ext === ".tsv") return fromRows(splitCsv(decodeText(bytes), source), source, out);
  const text = decodeText(bytes);
  if (text.includes("\u0000") || /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) return void out.unread.push({ source, why: msg("cli.handin.notText") });
  if (isJsonText(text)) return void out.handIns.push({ source, text, hint });
  const plain = ext === ".html" || ext === ".htm" ? text.replace(/<[^>]*>/g, " ").replace(/&nbsp;/g, " ") : text;
  // Each string named by its line (file:3) when a file holds several.
  const found = plain.split(/\r?\n/).flatMap((l, k) => findAnswerStrings(l).map((s) => ({ s, line: k + 1 })));
  if (found.length === 0) return void out.unread.push({ source, why: msg("cli.handin.noAnswer") });
  for (const f of found) out.handIns.push({ source: found.length === 1 ? source : `${source}:${f.line}`, text: f.s, hint });
}

/** A spreadsheet column's letters: 0 → A, 26 → AA. */
const colName = (k: number): string => (k >= 26 ? colName(Math.floor(k / 26) - 1) : "") + String.fromCharCode(65 + (k % 26));

/** A form or quiz export: every cell is searched; the row's 学号/姓名 columns (if the header names them) say who. */
function fromRows(rows: readonly TableRow[], source: string, out: Collected): void {
  const head = rows[0]?.cells ?? [];
  const idCol = head.findIndex((h) => headerField(h) === "id");
  const nameCol = head.findIndex((h) => headerField(h) === "name");
  let any = false;
  for (const r of rows) {
    const hint: Hint = {
      ...(idCol >= 0 && (r.cells[idCol] ?? "").trim() !== "" ? { id: r.cells[idCol].trim() } : {}),
      ...(nameCol >= 0 && (r.cells[nameCol] ?? "").trim() !== "" ? { name: r.cells[nameCol].trim() } : {}),
    };
    // A cell's place as a spreadsheet names it (C5), so the teacher can find it in any language.
    const found = r.cells.flatMap((c, k) => findAnswerStrings(c).map((text, j, all) => ({ text, at: `${colName(k)}${r.line}${all.length > 1 ? `#${j + 1}` : ""}` })));
    for (const f of found) out.handIns.push({ source: `${source}${SEP}${f.at}`, text: f.text, hint });
    any ||= found.length > 0;
  }
  if (!any) out.unread.push({ source, why: msg("cli.handin.noAnswer") });
}

/**
 * The names of a zip's entries as their bytes say: UTF-8 when the entry's flag says so or the bytes are
 * valid UTF-8, else GB18030 (zips made on Chinese Windows). fflate decodes an unflagged name as Latin-1;
 * the central directory is read here for the flags and the raw bytes.
 */
function zipNames(b: Uint8Array): Map<string, string> {
  const names = new Map<string, string>();
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 65535); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return names;
  let p = view.getUint32(eocd + 16, true);
  const n = view.getUint16(eocd + 10, true);
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  for (let k = 0; k < n && p + 46 <= b.length && view.getUint32(p, true) === 0x02014b50; k++) {
    const flag = view.getUint16(p + 8, true);
    const fnl = view.getUint16(p + 28, true);
    const raw = b.subarray(p + 46, p + 46 + fnl);
    const asFflate = flag & 2048 ? new TextDecoder().decode(raw) : Buffer.from(raw).toString("latin1");
    let name: string;
    try {
      name = utf8.decode(raw);
    } catch {
      name = iconv.decode(Buffer.from(raw), "gb18030");
    }
    names.set(asFflate, name);
    p += 46 + fnl + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return names;
}

/**
 * Who an LMS's folder name says the hand-in is from. Moodle: "全名_1234_assignsubmission_file_" (the
 * number is Moodle's participant id, not the student id); Canvas: "lastfirst_12345_67890_file" (no usable name).
 */
export function lmsHint(path: string): Hint {
  const m = /(?:^|\/)([^/]+?)_\d+_assignsubmission_[a-z]+_/i.exec(path);
  return m ? { name: m[1].trim() } : {};
}

async function fromZip(bytes: Uint8Array, source: string, out: Collected, depth: number): Promise<void> {
  let total = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (f.originalSize > MAX_INPUT_BYTES || total > MAX_ZIP_TOTAL) throw new UserError(msg("cli.handin.zipTooBig", { file: source }));
        return !f.name.endsWith("/");
      },
    });
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(msg("cli.handin.badZip", { file: source, why: e instanceof Error ? e.message : String(e) }));
  }
  const names = zipNames(bytes);
  const list = Object.entries(entries)
    .map(([key, data]) => ({ name: names.get(key) ?? key, data }))
    .filter((e) => !/(^|\/)(__MACOSX|\.DS_Store|Thumbs\.db|desktop\.ini)(\/|$)/i.test(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of list) await fromBytes(e.data, `${source}${SEP}${e.name}`, basename(e.name), lmsHint(e.name), out, depth);
}

/** Files of a folder, in name order, hidden ones skipped. */
function walk(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => !f.startsWith("."))
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

/** Every hand-in among the inputs, in the order given (a folder's files in name order). */
export async function collectHandIns(inputs: readonly string[]): Promise<Collected> {
  const out: Collected = { handIns: [], unread: [] };
  for (const input of inputs) {
    let files: string[];
    try {
      files = statSync(input).isDirectory() ? walk(input) : [input];
    } catch {
      files = [input];
    }
    noteInputs(files);
    for (const f of files) {
      let bytes: Buffer;
      try {
        bytes = readBytes(f);
      } catch (e) {
        if (e instanceof UserError) {
          out.unread.push({ source: f, why: messageOf(e) });
          continue;
        }
        throw e;
      }
      try {
        await fromBytes(bytes, f, basename(f), lmsHint(f), out, 0);
      } catch (e) {
        if (e instanceof UserError) out.unread.push({ source: f, why: messageOf(e) });
        else throw e;
      }
    }
  }
  return out;
}
