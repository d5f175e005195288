// `bpdrill report`: a class's hand-ins graded into a report for the teacher (HTML or PDF), and with
// --per-student each student's marked sheet to hand back.
import { mkdirSync } from "node:fs";
import { extname, join } from "node:path";
import type { Command } from "commander";
import { exerciseFromCode } from "../../generator/classset.js";
import { DEFAULT_NOTATION, NOTATIONS, type NotationName } from "../../generator/notation.js";
import { keyFormulas, keyOf } from "../../generator/solution.js";
import { toTypst } from "../../generator/formula.js";
import type { BatchEntry } from "../../grader/batch.js";
import { classStats } from "../../grader/classstats.js";
import type { Report } from "../../grader/grade.js";
import { marksOf, matchHandIns, type Graded } from "../../grader/gradebook.js";
import { noteText } from "../../templates/feedback.js";
import { UserError } from "../errors.js";
import { examples, listOf } from "../help.js";
import { refuseOverlap, writeOut } from "../io.js";
import { choice } from "../options.js";
import { LANGS, msg, render, t, type Lang } from "../words.js";
import { addSetOptions, type SetFlags } from "./generate.js";
import { gradeClass } from "./grade.js";
import { startTypesetting } from "./sheets.js";
import { escapeMarkup as esc } from "../../templates/escape.js";

interface ReportOpts extends SetFlags {
  lang: Lang;
  notation: NotationName;
  title?: string;
  out: string;
  perStudent?: string;
}

/** One student's (or hand-in's) counted report, with who it is. */
interface Counted {
  readonly who: string;
  readonly file: string;
  readonly code: string;
  readonly report: Report;
}

const safe = (s: string) => s.normalize("NFKC").replace(/[\\/:*?"<>|\s]+/g, "_").slice(0, 80) || "student";

/** A student's marked sheet: each step's label, what they wrote, the verdict and the feedback with the key. */
function markedSheet(c: Counted, lang: Lang, notation: NotationName, title: string, tex: (src: string) => string): string {
  const sol = exerciseFromCode(c.code).solution;
  const key = keyOf(sol, notation);
  const label = new Map(key.steps.map((s) => [s.id, s.label]));
  const rows = c.report.steps
    .map((s) => `<tr class="${s.verdict}"><td>${tex(label.get(s.id) ?? s.id)}</td><td>${esc(s.given ?? "")}</td><td>${esc(t(lang, `cli.verdict.${s.verdict}`))}</td><td>${esc(noteText(lang, s.note, "key"))}</td></tr>`)
    .join("\n");
  const css =
    "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;max-width:900px;margin:20px auto;font-size:13px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #d1d5db;padding:3px 6px;vertical-align:top}tr.wrong td,tr.invalid td{background:#fde8e6}tr.missing td{background:#f3f4f6}tr.correct td:nth-child(3),tr.carried td:nth-child(3){color:#1e7b45}";
  return `<!doctype html><html lang="${lang === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8"><title>${esc(`${title} · ${c.who}`)}</title><style>${css}</style></head><body>
<h1>${esc(title)}</h1>
<p>${esc(t(lang, "report.sheet.head", { who: c.who, code: c.code, score: c.report.score, max: c.report.max }))}</p>
<table><tr><th>${esc(t(lang, "report.col.step"))}</th><th>${esc(t(lang, "report.sheet.given"))}</th><th>${esc(t(lang, "report.sheet.verdict"))}</th><th>${esc(t(lang, "report.sheet.feedback"))}</th></tr>
${rows}
</table></body></html>
`;
}

export function registerReport(program: Command, lang: Lang): void {
  addSetOptions(program.command("report").summary(t(lang, "cli.report.summary")).description(t(lang, "cli.report.description")), lang)
    .argument("<inputs...>", t(lang, "cli.grade.files"))
    .requiredOption("-o, --out <file>", t(lang, "cli.report.out"))
    .option("-l, --lang <lang>", t(lang, "cli.report.lang", { list: listOf(lang, LANGS) }), choice(LANGS, lang), "zh")
    .option("--notation <style>", t(lang, "cli.sheets.notation", { list: listOf(lang, NOTATIONS) }), choice(NOTATIONS, lang), DEFAULT_NOTATION)
    .option("-t, --title <title>", t(lang, "cli.report.title"))
    .option("--per-student <dir>", t(lang, "cli.report.perStudent"))
    .addHelpText(
      "after",
      examples(lang, [
        "report moodle-download.zip --roster class.csv --preset classic-2-3-2 --seed week3 --out report.pdf",
        "report answers/*.txt --lang en --out report.html --per-student marked/",
      ]),
    )
    .action(async (inputs: string[], o: ReportOpts) => {
      const ext = extname(o.out).toLowerCase();
      if (ext !== ".html" && ext !== ".pdf") throw new UserError(msg("cli.report.outExt", { file: o.out }));
      refuseOverlap([o.out], [...inputs, o.roster]);
      const words = o.lang;
      const w = (key: string, params?: Record<string, string | number>) => t(words, key as never, params);
      const { roster, plan, graded, unread } = await gradeClass(inputs, o);
      const counted: Counted[] = [];
      const flags: string[] = [];
      const summary: string[] = [];
      const isReport = (e: BatchEntry): e is BatchEntry & { kind: "report" } => e.kind === "report";
      const refused = graded.filter((g) => g.entry.kind === "error").length;
      if (roster !== undefined) {
        const book = matchHandIns(graded, roster, plan);
        for (const row of book.rows) {
          const who = `${row.student.id} ${row.student.name}`.trim();
          const e = row.handIn?.entry;
          if (marksOf(row) !== null && e !== undefined && isReport(e) && e.code !== null) counted.push({ who, file: row.handIn!.source, code: e.code, report: e.report });
          if (e !== undefined && isReport(e)) for (const f of e.flags ?? []) flags.push(w("report.flag.copy", { who, code: f.code, source: row.handIn!.source }));
          if (row.status === "other_student") flags.push(w("report.flag.otherStudent", { who, id: row.codeOf ?? "?", source: row.handIn?.source ?? "" }));
          if (row.status === "not_assigned") flags.push(w("report.flag.notAssigned", { who, source: row.handIn?.source ?? "" }));
        }
        for (const g of book.unmatched) flags.push(w("report.flag.unmatched", { source: g.source }));
        const missing = book.rows.filter((r) => r.status === "missing").length;
        summary.push(w("report.sum.roster", { students: book.rows.length, counted: counted.length, missing }));
      } else {
        graded.forEach((g: Graded) => {
          const e = g.entry;
          if (isReport(e) && e.code !== null) counted.push({ who: e.studentId ?? g.hint.id ?? g.source, file: g.source, code: e.code, report: e.report });
          if (isReport(e)) for (const f of e.flags ?? []) flags.push(w("report.flag.copy", { who: e.studentId ?? g.hint.id ?? g.source, code: f.code, source: g.source }));
        });
        summary.push(w("report.sum.handIns", { handIns: graded.length, counted: counted.length }));
      }
      if (refused + unread.length > 0) summary.push(w("report.sum.refused", { n: refused + unread.length }));
      if (counted.length === 0) throw new UserError(msg("cli.report.nothing"));
      const first = exerciseFromCode(counted[0].code).solution;
      const title = o.title ?? w("report.title");
      // Vega is loaded by this command only, not at every start-up.
      const { classReportHtml, classReportTypst } = await import("../../templates/report.js");
      const key = keyOf(first, o.notation);
      const input = {
        lang: words,
        words: w,
        title,
        stats: classStats(counted.map((c) => c.report)),
        exercise: first.exercise,
        key,
        notation: o.notation,
        summary,
        flags,
      };
      if (ext === ".pdf") {
        // Typeset like the sheets: the fonts the report's language needs, then the PDF (no browser).
        const typeset = await startTypesetting(words);
        try {
          const labelsTyp = new Map([...keyFormulas(first, key)].map(([id, f]) => [id, toTypst(f.label)]));
          writeOut(o.out, await typeset.pdf(await classReportTypst({ ...input, labelsTyp })));
        } finally {
          await typeset.close();
        }
      } else writeOut(o.out, await classReportHtml(input));
      if (o.perStudent !== undefined) {
        // KaTeX is loaded by the commands that typeset, not at every start-up.
        const { tex } = await import("../../templates/katex.js");
        mkdirSync(o.perStudent, { recursive: true });
        const used = new Set<string>();
        for (const c of counted) {
          let name = safe(c.who);
          for (let k = 2; used.has(name); k++) name = `${safe(c.who)}-${k}`;
          used.add(name);
          writeOut(join(o.perStudent, `${name}.html`), markedSheet(c, words, o.notation, title, (src) => tex(src)));
        }
      }
      process.stderr.write(`bpdrill: ${render(words, msg("cli.report.done", { out: o.out, n: counted.length }))}\n`);
    });
}
