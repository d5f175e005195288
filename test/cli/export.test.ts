// `bpdrill export`: Moodle XML cloze and Canvas QTI 1.2, parsed back with a standard XML parser: every
// blank's answer is the key's printed value, and its tolerance covers both chains the grader accepts
// (exact carry and hand-rounded carry, each ± half a unit), without being wider than that needs.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { exerciseFromCode } from "../../generator/classset.js";
import { Q } from "../../generator/num/q.js";
import { bpdrill } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "bpdrill-export-"));
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["question", "section", "item"].includes(name) });
const BLANK = /\{1:NUMERICAL:=(-?\d+\.\d+):(\d+\.\d+)\}/g;

interface KeyStep { id: string; rounded: string }
const keysOf = (args: string[]) => JSON.parse(bpdrill(["key", ...args, "--format", "json"]).stdout) as { code: string; decimals: number; steps: KeyStep[] }[];

/** The rule, checked from the solution's two chains: A ± T holds both chains' ± half-unit bands. */
function coversBothChains(code: string, stepId: string, answer: string, tol: string, decimals: number) {
  const sol = exerciseFromCode(code).solution;
  const a = Q.dec(answer);
  const t = Q.dec(tol);
  const half = Q.dec(`0.${"0".repeat(decimals)}5`);
  const reach = [sol.exact.get(stepId)!, sol.hand.get(stepId)!].map((v) => v.sub(a).abs().add(half));
  const need = reach[0].gt(reach[1]) ? reach[0] : reach[1];
  expect(t.lt(need), `${code} ${stepId}: tolerance ${tol} is short of ${need.toFixed(decimals + 4)}`).toBe(false);
  // …and not wider than the rule plus one unit of its last place.
  expect(t.sub(need).gt(Q.dec(`0.${"0".repeat(decimals + 1)}1`))).toBe(false);
}

describe("bpdrill export --format moodle", () => {
  const set = ["--preset", "classic-2-3-2", "--seed", "lms", "--count", "3"];
  const out = join(dir, "q.xml");
  const r = bpdrill(["export", ...set, "--format", "moodle", "--out", out]);
  const xml = readFileSync(out, "utf8");
  const quiz = parser.parse(xml).quiz;
  const keys = keysOf(set);

  it("writes a category and one cloze question per variant, named by its code", () => {
    expect(r.code).toBe(0);
    expect(quiz.question[0]["@type"]).toBe("category");
    expect(quiz.question[0].category.text).toBe("$course$/bpdrill/classic-2-3-2/lms");
    const clozes = quiz.question.slice(1);
    expect(clozes.map((q: { "@type": string }) => q["@type"])).toEqual(["cloze", "cloze", "cloze"]);
    expect(clozes.map((q: { name: { text: string } }) => q.name.text)).toEqual(keys.map((k) => k.code));
  });

  it("every step is a NUMERICAL blank whose answer is the key's and whose tolerance covers what the grader accepts", () => {
    const clozes = quiz.question.slice(1);
    clozes.forEach((q: { questiontext: { text: string } }, k: number) => {
      const text = q.questiontext.text;
      const blanks = [...text.matchAll(BLANK)];
      expect(blanks.map((m) => m[1])).toEqual(keys[k].steps.map((s) => s.rounded));
      blanks.forEach((m, j) => coversBothChains(keys[k].code, keys[k].steps[j].id, m[1], m[2], keys[k].decimals));
      // Nothing else in the text looks like a cloze sub-question to Moodle's parser.
      expect(text.replace(BLANK, "").match(/\{\d*:/)).toBeNull();
      expect(text).toContain(`题目编号 ${keys[k].code}`);
    });
  });

  it("is byte-identical from run to run, and English when asked", () => {
    const again = join(dir, "q2.xml");
    bpdrill(["export", ...set, "--format", "moodle", "--out", again]);
    expect(readFileSync(again, "utf8")).toBe(xml);
    const en = bpdrill(["export", ...set, "--format", "moodle", "--lang", "en"]);
    expect(en.stdout).toContain("Forward pass");
    expect(en.stdout).not.toContain("前向传播");
  });
});

describe("bpdrill export --format qti", () => {
  const set = ["--preset", "softmax-2-4-4-3", "--seed", "lms", "--count", "2"];
  const out = join(dir, "q.zip");
  const r = bpdrill(["export", ...set, "--format", "qti", "--lang", "en", "--out", out]);

  it("is a QTI 1.2 package: a manifest naming the assessment, a question group per variant, a numerical question per step", () => {
    expect(r.stderr).toBe("");
    const files = unzipSync(readFileSync(out));
    const manifest = parser.parse(strFromU8(files["imsmanifest.xml"])).manifest;
    const href = manifest.resources.resource.file["@href"];
    expect(Object.keys(files)).toContain(href);
    const root = parser.parse(strFromU8(files[href])).questestinterop.assessment.section[0];
    const keys = keysOf(set);
    expect(root.section).toHaveLength(2);
    root.section.forEach((group: { "@title": string; item: unknown[]; selection_ordering: { selection: { selection_number: number } } }, k: number) => {
      expect(group["@title"]).toBe(keys[k].code);
      expect(group.item).toHaveLength(keys[k].steps.length);
      expect(group.selection_ordering.selection.selection_number).toBe(keys[k].steps.length);
      group.item.forEach((item, j) => {
        const it = item as { itemmetadata: { qtimetadata: { qtimetadatafield: { fieldlabel: string; fieldentry: string }[] } }; resprocessing: { respcondition: { conditionvar: { or: { varequal: { "#text": string | number }; and: { vargte: { "#text": string | number }; varlte: { "#text": string | number } } } } } } };
        expect(it.itemmetadata.qtimetadata.qtimetadatafield[0].fieldentry).toBe("numerical_question");
        const or = it.resprocessing.respcondition.conditionvar.or;
        const step = keys[k].steps[j];
        expect(Q.dec(String(or.varequal["#text"])).eq(Q.dec(step.rounded))).toBe(true);
        const lo = Q.dec(String(or.and.vargte["#text"]));
        const hi = Q.dec(String(or.and.varlte["#text"]));
        // The band is symmetric about the key's answer; its half-width obeys the same rule as Moodle's tolerance.
        expect(hi.add(lo).eq(Q.dec(step.rounded).add(Q.dec(step.rounded)))).toBe(true);
        coversBothChains(keys[k].code, step.id, step.rounded, hi.sub(Q.dec(step.rounded)).toFixed(keys[k].decimals + 2), keys[k].decimals);
      });
    });
  });

  it("gives the same bytes twice, and refuses to write a zip to the terminal", () => {
    const again = join(dir, "q2.zip");
    bpdrill(["export", ...set, "--format", "qti", "--lang", "en", "--out", again]);
    expect(Buffer.compare(readFileSync(again), readFileSync(out))).toBe(0);
    const tty = bpdrill(["export", ...set, "--format", "qti"]);
    expect(tty.code).toBe(1);
    expect(tty.stderr).toBe("bpdrill: a QTI package is a zip file: give it a name with --out, e.g. --out quiz-qti.zip\n");
  });
});
