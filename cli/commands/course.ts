// `bpdrill build` and `bpdrill check`: a course's assignments kept in one file (bpdrill.course.json),
// its answer keys committed beside it (keys/NAME.json), re-keyed and compared byte for byte by check.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { Command } from "commander";
import { courseSchema, type Assignment, type CourseFile } from "../../api/schemas.js";
import { generateSet, type Overrides, type SetItem } from "../../generator/classset.js";
import { keySetChunks } from "../../templates/keytext.js";
import { parseJsonText } from "../../generator/exercise.js";
import type { NotationName } from "../../generator/notation.js";
import { loadRoster } from "../roster-file.js";
import { UserError } from "../errors.js";
import { examples, listOf } from "../help.js";
import { readText, writeOut } from "../io.js";
import { secretInUse, useSecretFile } from "../secret.js";
import { choice } from "../options.js";
import { LANGS, messageOf, msg, t, type Lang } from "../words.js";
import { produce } from "./sheets.js";
import { exportBytes } from "./export.js";
import { userErrors } from "./generate.js";

export const COURSE_FILE = "bpdrill.course.json";
/** Diff lines shown per assignment before "… and N more". */
const DIFF_LINES = 20;

export interface Course {
  readonly file: string;
  readonly dir: string;
  readonly course: CourseFile;
}

/** Why a field of the course file is refused, in a few words of the user's language. */
function problemOf(iss: { code: string; expected?: string; values?: readonly unknown[]; keys?: readonly string[]; minimum?: unknown; maximum?: unknown; input?: unknown }) {
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined ? msg("cli.course.required") : msg("cli.course.type", { expected: iss.expected ?? "" });
    case "invalid_value":
      return msg("cli.course.oneOf", { names: (iss.values ?? []).map(String).join(", ") });
    case "unrecognized_keys":
      return msg("cli.course.unknownField", { names: (iss.keys ?? []).join(", ") });
    case "too_small":
      return msg("cli.course.min", { min: String(iss.minimum ?? "") });
    case "too_big":
      return msg("cli.course.max", { max: String(iss.maximum ?? "") });
    default:
      return msg("cli.course.form");
  }
}

/** Reads and checks a course file; every problem is one line naming the file and the field. */
export function readCourse(file: string = COURSE_FILE): Course {
  const text = readText(file);
  const value = userErrors(() => parseJsonText(text.replace(/^\uFEFF/, ""), file));
  const r = courseSchema.safeParse(value, { reportInput: true });
  if (!r.success) {
    const iss = r.error.issues[0];
    const path = iss.path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
    throw new UserError(msg("cli.course.invalid", { file, path: path || "(top)", problem: problemOf(iss as never) }));
  }
  const course = r.data;
  // A course with a secretFile seals its codes; BPDRILL_SECRET or --secret-file, when given, take its place
  // (a CI job keeps the secret in its own store).
  if (course.secretFile !== undefined && secretInUse() === undefined) {
    const secret = join(dirname(file), course.secretFile);
    try {
      useSecretFile(secret);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(msg("cli.course.secret", { file, why: messageOf(e) }));
      throw e;
    }
  }
  const names = new Set<string>();
  for (const a of course.assignments) {
    if (names.has(a.name)) throw new UserError(msg("cli.course.sameName", { file, name: a.name }));
    names.add(a.name);
    if ((a.roster === undefined) === (a.count === undefined)) throw new UserError(msg("cli.course.rosterOrCount", { file, name: a.name }));
  }
  return { file, dir: dirname(file), course };
}

const langOf = (c: CourseFile, a: Assignment): Lang => a.lang ?? c.lang ?? "zh";
const notationOf = (c: CourseFile, a: Assignment): NotationName => (a.notation ?? c.notation ?? "classic") as NotationName;

function overridesOf(a: Assignment): Overrides {
  const k = a.knobs ?? {};
  return {
    ...(k.decimals !== undefined ? { decimals: k.decimals } : {}),
    ...(k.carry !== undefined ? { carry: k.carry } : {}),
    ...(k.learningRate !== undefined ? { learningRate: k.learningRate } : {}),
    ...(k.updateBiases !== undefined ? { updateBiases: k.updateBiases } : {}),
  };
}

/** The assignment's class set, drawn and solved. */
async function itemsOf(c: Course, a: Assignment): Promise<SetItem[]> {
  const roster = a.roster !== undefined ? await loadRoster(join(c.dir, a.roster)) : undefined;
  return userErrors(() => generateSet({ preset: a.preset, seed: a.seed, count: a.count, roster, overrides: overridesOf(a), notation: notationOf(c.course, a) }));
}

/** The committed key file of an assignment, relative to the course file. */
export const keysFile = (c: Course, a: Assignment) => join(c.dir, "keys", `${a.name}.json`);

/** The keys' text: the same bytes as `bpdrill key --format json` for the assignment's set. */
export async function keysText(c: Course, a: Assignment): Promise<string> {
  return [...keySetChunks(await itemsOf(c, a), "json", langOf(c.course, a))].join("");
}

type KeyJson = { code?: string; studentId?: string; steps?: { id: string; [f: string]: unknown }[]; [f: string]: unknown };

/** Where committed and fresh keys differ, one readable line each: the assignment, the code, the step and the field. */
export function keyDiff(name: string, committed: string, now: string, lang: Lang): string[] {
  let old: KeyJson[];
  let cur: KeyJson[];
  try {
    old = JSON.parse(committed) as KeyJson[];
    cur = JSON.parse(now) as KeyJson[];
  } catch (e) {
    return [t(lang, "cli.course.diffNotJson", { name, why: (e as Error).message })];
  }
  if (!Array.isArray(old)) return [t(lang, "cli.course.diffNotJson", { name, why: "not a list" })];
  const out: string[] = [];
  if (old.length !== cur.length) out.push(t(lang, "cli.course.diffCount", { name, old: old.length, now: cur.length }));
  for (let k = 0; k < Math.min(old.length, cur.length); k++) {
    const o = old[k];
    const n = cur[k];
    const code = n.code ?? `#${k + 1}`;
    if (o.code !== n.code) {
      out.push(t(lang, "cli.course.diffCode", { name, k: k + 1, old: String(o.code), now: String(n.code) }));
      continue;
    }
    for (const f of Object.keys({ ...o, ...n }))
      if (f !== "steps" && JSON.stringify(o[f]) !== JSON.stringify(n[f]))
        out.push(t(lang, "cli.course.diffField", { name, code, field: f, old: JSON.stringify(o[f]) ?? "—", now: JSON.stringify(n[f]) ?? "—" }));
    const os = new Map((o.steps ?? []).map((s) => [s.id, s]));
    for (const s of n.steps ?? []) {
      const p = os.get(s.id);
      if (p === undefined) {
        out.push(t(lang, "cli.course.diffStepNew", { name, code, step: s.id }));
        continue;
      }
      os.delete(s.id);
      for (const f of Object.keys({ ...p, ...s }))
        if (JSON.stringify(p[f]) !== JSON.stringify(s[f]))
          out.push(t(lang, "cli.course.diffStep", { name, code, step: s.id, field: f, old: JSON.stringify(p[f]) ?? "—", now: JSON.stringify(s[f]) ?? "—" }));
    }
    for (const id of os.keys()) out.push(t(lang, "cli.course.diffStepGone", { name, code, step: id }));
  }
  // Same values, other bytes (spacing, order, a final newline): name the first line that differs.
  if (out.length === 0) {
    const a = committed.split("\n");
    const b = now.split("\n");
    let line = 0;
    while (line < Math.max(a.length, b.length) && a[line] === b[line]) line++;
    out.push(t(lang, "cli.course.diffBytes", { name, line: line + 1 }));
  }
  return out;
}

export function registerCourse(program: Command, lang: Lang): void {
  const langOpt = (cmd: Command) => cmd.option("-l, --lang <lang>", t(lang, "cli.opt.langMessages", { list: listOf(lang, LANGS) }), choice(LANGS, lang));
  langOpt(
    program
      .command("build")
      .argument("[course]", t(lang, "cli.course.fileArg", { file: COURSE_FILE }))
      .summary(t(lang, "cli.build.summary"))
      .description(t(lang, "cli.build.description"))
      .option("-o, --out <dir>", t(lang, "cli.build.out"), "build"),
  )
    .addHelpText("after", examples(lang, ["build", "build examples/course/bpdrill.course.json --out dist-course"]))
    .action(async (file: string | undefined, o: { out: string }) => {
      const c = readCourse(file);
      const outDir = resolve(c.dir, o.out);
      for (const a of c.course.assignments) {
        const keys = keysFile(c, a);
        mkdirSync(dirname(keys), { recursive: true });
        writeOut(keys, await keysText(c, a));
        const dir = join(outDir, a.name);
        mkdirSync(dir, { recursive: true });
        const set = {
          preset: a.preset,
          seed: a.seed,
          ...(a.count !== undefined ? { count: String(a.count) } : { roster: join(c.dir, a.roster!) }),
          ...(a.knobs?.decimals !== undefined ? { decimals: a.knobs.decimals } : {}),
          ...(a.knobs?.carry !== undefined ? { carry: a.knobs.carry } : {}),
          ...(a.knobs?.learningRate !== undefined ? { learningRate: a.knobs.learningRate } : {}),
          ...(a.knobs?.updateBiases !== undefined ? { updateBiases: a.knobs.updateBiases ? ("yes" as const) : ("no" as const) } : {}),
          lang: langOf(c.course, a),
          notation: notationOf(c.course, a),
          ...(c.course.title ? { title: c.course.title } : {}),
        };
        await produce("worksheet", { ...set, out: join(dir, "worksheets.html") });
        await produce("key", { ...set, out: join(dir, "keys.html") });
        // What an LMS imports: Moodle cloze questions and a Canvas QTI package of the same set.
        writeOut(join(dir, "moodle.xml"), await exportBytes({ ...set, format: "moodle", category: `${c.course.title}/${a.name}` }));
        writeOut(join(dir, "qti.zip"), await exportBytes({ ...set, format: "qti", category: `${c.course.title}/${a.name}` }));
        process.stdout.write(`${t(lang, "cli.build.done", { name: a.name, keys: relative(process.cwd(), keys) || keys, dir: relative(process.cwd(), dir) || dir })}\n`);
      }
      // Each assignment's student site, capped at its mode (a sheet's code opens in selfcheck anyway; submit
      // shows no verdicts): a URL cannot raise what a build caps, so each mode needs its own build.
      const { buildSite } = await import("../../site/build.js");
      for (const a of c.course.assignments) {
        const site = join(outDir, a.name, "site");
        await buildSite(site, a.mode === "practice" ? undefined : (a.mode ?? "selfcheck"));
        process.stdout.write(`${t(lang, "cli.build.site", { dir: relative(process.cwd(), site) || site })}\n`);
      }
    });

  langOpt(
    program
      .command("check")
      .argument("[course]", t(lang, "cli.course.fileArg", { file: COURSE_FILE }))
      .summary(t(lang, "cli.check.summary"))
      .description(t(lang, "cli.check.description")),
  )
    .addHelpText("after", examples(lang, ["check", "check examples/course/bpdrill.course.json"]))
    .action(async (file: string | undefined) => {
      const c = readCourse(file);
      let bad = 0;
      for (const a of c.course.assignments) {
        const keys = keysFile(c, a);
        if (!existsSync(keys)) {
          process.stderr.write(`${t(lang, "cli.check.missing", { name: a.name, file: relative(process.cwd(), keys) || keys })}\n`);
          bad++;
          continue;
        }
        const committed = readFileSync(keys, "utf8");
        const now = await keysText(c, a);
        if (committed === now) {
          process.stdout.write(`${t(lang, "cli.check.same", { name: a.name, n: (JSON.parse(now) as unknown[]).length })}\n`);
          continue;
        }
        bad++;
        const lines = keyDiff(a.name, committed, now, lang);
        for (const l of lines.slice(0, DIFF_LINES)) process.stderr.write(`${l}\n`);
        if (lines.length > DIFF_LINES) process.stderr.write(`${t(lang, "cli.check.more", { n: lines.length - DIFF_LINES })}\n`);
      }
      if (bad > 0) throw new UserError(msg("cli.check.failed", { n: bad, total: c.course.assignments.length }));
    });
}

