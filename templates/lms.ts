// LMS exports of a set of exercises: Moodle XML (one cloze question per variant, every step a NUMERICAL
// blank) and Canvas QTI 1.2 (a question group per variant, one numerical question per step). The
// question text is the sheet's: its givens, functions and conventions in the chosen language and
// notation, with TeX between \( \) for the LMS's MathJax. Answers and tolerances: grader/lms.ts.
import { strToU8, zipSync } from "fflate";
import type { Key } from "../generator/solution.js";
import type { Solution } from "../generator/solution.js";
import { sectionOf } from "../generator/sections.js";
import { blanksOf, type Blank } from "../grader/lms.js";
import { t, type Lang } from "./i18n.js";
import { sheetView } from "./viewmodel.js";
import { escapeMarkup as esc } from "./escape.js";

export interface LmsItem {
  readonly code: string;
  readonly solution: Solution;
  readonly key: Key;
}

export interface LmsOptions {
  readonly lang: Lang;
  /** The question bank category (Moodle) or the quiz title (Canvas). */
  readonly category: string;
}

const tex = (s: string) => `\\(${esc(s)}\\)`;
/** CDATA that cannot be closed early by its content. */
const cdata = (s: string) => `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** The exercise as HTML: code, rounding rule, givens, samples, functions and conventions. */
function statement(it: LmsItem, lang: Lang): string {
  const v = sheetView(it.solution, it.key, it.code, { lang });
  const colon = lang === "zh" ? "：" : ": ";
  const out: string[] = [];
  out.push(`<p><strong>${esc(t(lang, "ws.code"))} ${esc(it.code)}</strong></p>`);
  out.push(`<p>${esc(v.roundOnce)}</p>`);
  for (const g of v.givens) {
    const items = g.lines.map((line) => line.map((x) => tex(`${x.label} = ${x.value}`)).join(", ")).join("; ");
    out.push(`<p>${esc(g.title)}${colon}${items}</p>`);
  }
  if (v.sampleHead.length > 0) {
    out.push(`<table border="1"><tr>${v.sampleHead.map((h) => `<th>${tex(h)}</th>`).join("")}</tr>`);
    for (const r of v.sampleRows) out.push(`<tr><td>${r.sample}</td>${r.values.map((x) => `<td>${esc(x)}</td>`).join("")}</tr>`);
    out.push(`</table>`);
  }
  for (const f of v.functions) out.push(`<p>${esc(f.title)}${colon}${esc(f.words)} ${tex(f.formula)}</p>`);
  if (v.conventions.length > 0) out.push(`<ul>${v.conventions.map((c) => `<li>${esc(c)}</li>`).join("")}</ul>`);
  return out.join("\n");
}

/** The steps with their labels and blanks, grouped under the sheet's section titles. */
function stepGroups(it: LmsItem): { title: string; steps: { label: string; blank: Blank }[] }[] {
  const blanks = new Map(blanksOf(it.solution).map((b) => [b.id, b]));
  const groups: { name: string; title: string; steps: { label: string; blank: Blank }[] }[] = [];
  for (const s of it.key.steps) {
    const name = sectionOf(s.kind);
    if (groups.at(-1)?.name !== name) groups.push({ name, title: `section.${name}`, steps: [] });
    groups.at(-1)!.steps.push({ label: s.label, blank: blanks.get(s.id)! });
  }
  return groups;
}

/** Moodle's cloze syntax for a numerical blank: {1:NUMERICAL:=answer:tolerance}. */
const numerical = (b: Blank) => `{1:NUMERICAL:=${b.answer}:${b.tolerance}}`;

/** Moodle XML: a category, then one cloze question per exercise. */
export function moodleXml(items: readonly LmsItem[], o: LmsOptions): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"];
  out.push(`  <question type="category">\n    <category><text>${esc(`$course$/${o.category}`)}</text></category>\n  </question>`);
  for (const it of items) {
    const body: string[] = [statement(it, o.lang)];
    for (const g of stepGroups(it)) {
      body.push(`<h4>${esc(t(o.lang, g.title as never))}</h4>`);
      body.push(`<table>${g.steps.map((s) => `<tr><td>${tex(s.label)} =</td><td>${numerical(s.blank)}</td></tr>`).join("")}</table>`);
    }
    out.push(
      [
        `  <question type="cloze">`,
        `    <name><text>${esc(it.code)}</text></name>`,
        `    <questiontext format="html"><text>${cdata(body.join("\n"))}</text></questiontext>`,
        `    <generalfeedback format="html"><text></text></generalfeedback>`,
        `    <penalty>0</penalty>`,
        `    <hidden>0</hidden>`,
        `    <idnumber>${esc(it.code)}</idnumber>`,
        `  </question>`,
      ].join("\n"),
    );
  }
  out.push("</quiz>", "");
  return out.join("\n");
}

const ident = (s: string) => s.replace(/[^A-Za-z0-9_]/g, "_");

/** One Canvas numerical question: the answer with a ± margin (Canvas's "exact answer" form). */
function qtiItem(it: LmsItem, intro: string, group: string, label: string, b: Blank): string {
  const text = `${intro}\n<h4>${esc(group)}</h4>\n<p>${tex(label)} = ?</p>`;
  const id = ident(`${it.code}_${b.id}`);
  return `        <item ident="${id}" title="${esc(`${it.code} ${b.id}`)}">
          <itemmetadata><qtimetadata>
            <qtimetadatafield><fieldlabel>question_type</fieldlabel><fieldentry>numerical_question</fieldentry></qtimetadatafield>
            <qtimetadatafield><fieldlabel>points_possible</fieldlabel><fieldentry>1.0</fieldentry></qtimetadatafield>
          </qtimetadata></itemmetadata>
          <presentation>
            <material><mattext texttype="text/html">${esc(text)}</mattext></material>
            <response_str ident="response1" rcardinality="Single"><render_fib fibtype="Decimal"><response_label ident="answer1"/></render_fib></response_str>
          </presentation>
          <resprocessing>
            <outcomes><decvar maxvalue="100" minvalue="0" varname="SCORE" vartype="Decimal"/></outcomes>
            <respcondition continue="No">
              <conditionvar><or><varequal respident="response1">${b.answer}</varequal><and><vargte respident="response1">${low(b)}</vargte><varlte respident="response1">${high(b)}</varlte></and></or></conditionvar>
              <setvar action="Set" varname="SCORE">100</setvar>
            </respcondition>
          </resprocessing>
        </item>`;
}

const bound = (b: Blank, sign: 1 | -1) => {
  const places = b.tolerance.length - b.tolerance.indexOf(".") - 1;
  const scale = 10n ** BigInt(places);
  const toInt = (s: string) => {
    const neg = s.startsWith("-");
    const [w, f = ""] = s.replace("-", "").split(".");
    const v = BigInt(w) * scale + BigInt(f.padEnd(places, "0"));
    return neg ? -v : v;
  };
  const v = toInt(b.answer) + BigInt(sign) * toInt(b.tolerance);
  const neg = v < 0n;
  const a = (neg ? -v : v).toString().padStart(places + 1, "0");
  return `${neg ? "-" : ""}${a.slice(0, -places)}.${a.slice(-places)}`;
};
const low = (b: Blank) => bound(b, -1);
const high = (b: Blank) => bound(b, 1);

/** Canvas QTI 1.2 as a zip: imsmanifest.xml and one assessment with a question group per exercise. */
export function qtiZip(items: readonly LmsItem[], o: LmsOptions): Uint8Array {
  const quizId = ident(`bpdrill_${o.category}`);
  const sections = items.map((it) => {
    const intro = statement(it, o.lang);
    const questions = stepGroups(it).flatMap((g) => g.steps.map((s) => qtiItem(it, intro, t(o.lang, g.title as never), s.label, s.blank)));
    return `      <section ident="${ident(`group_${it.code}`)}" title="${esc(it.code)}">
        <selection_ordering><selection><selection_number>${questions.length}</selection_number><selection_extension><points_per_item>1.0</points_per_item></selection_extension></selection></selection_ordering>
${questions.join("\n")}
      </section>`;
  });
  const assessment = `<?xml version="1.0" encoding="UTF-8"?>
<questestinterop xmlns="http://www.imsglobal.org/xsd/ims_qtiasiv1p2" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.imsglobal.org/xsd/ims_qtiasiv1p2 http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd">
  <assessment ident="${quizId}" title="${esc(o.category)}">
    <section ident="root_section">
${sections.join("\n")}
    </section>
  </assessment>
</questestinterop>
`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${quizId}_manifest" xmlns="http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1">
  <metadata><schema>IMS Content</schema><schemaversion>1.1.3</schemaversion></metadata>
  <organizations/>
  <resources>
    <resource identifier="${quizId}" type="imsqti_xmlv1p2">
      <file href="${quizId}/${quizId}.xml"/>
    </resource>
  </resources>
</manifest>
`;
  // A fixed date in every entry: the same exercises give the same bytes.
  const mtime = new Date("2026-01-01T00:00:00Z");
  return zipSync({ "imsmanifest.xml": [strToU8(manifest), { mtime }], [`${quizId}/${quizId}.xml`]: [strToU8(assessment), { mtime }] }, { level: 6 });
}
