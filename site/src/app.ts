// The student page: open an exercise (code, practice, import), type answers, check them, keep them.
import { t as tr, LANGS, render as words, type Lang, type MessageKey } from "../../templates/i18n.js";
import { noteText } from "../../templates/feedback.js";
import { el, fill, math, scrollable, trusted } from "./dom.js";
import * as engine from "./engine.js";
import type { Exercise, Key, Opened, Prepared, Report, StepReport } from "./engine.js";
import { fingerprint, loadAnswers, loadExercise, saveAnswers, saveExercise, storageAvailable, cleanAnswers } from "./storage.js";
import { MAX_FILE, parseSubmission, submissionJson, type ImportProblem } from "./submission.js";
import { encodeAnswerString } from "../../grader/answer-string.js";
import { sectionOf, sectionTitle } from "../../generator/sections.js";
import qrcode from "qrcode-generator";

/** What the page may show: practice (checking and worked solutions) > selfcheck (verdicts, no key values) > submit (no verdicts). */
type Mode = "practice" | "selfcheck" | "submit";
const RANK: Readonly<Record<Mode, number>> = { practice: 2, selfcheck: 1, submit: 0 };
const MODES: readonly Mode[] = ["practice", "selfcheck", "submit"];
const NOTATIONS: readonly engine.NotationName[] = ["classic", "xigua", "matrix"];
/** The lower of two modes: a URL or a site build can lower a mode, never raise it. */
const lower = (a: Mode, b: Mode | null | undefined): Mode => (b !== null && b !== undefined && RANK[b] < RANK[a] ? b : a);
const asMode = (v: string | null | undefined): Mode | null => (MODES.includes(v as Mode) ? (v as Mode) : null);
/** The cap a site build sets (`bpdrill site --mode submit` writes it into index.html). */
const buildMode = (): Mode | null => asMode(document.querySelector('meta[name="bpdrill-mode"]')?.getAttribute("content"));

type Params = Readonly<Record<string, string | number>>;
interface Message {
  readonly key: MessageKey;
  readonly params?: Params;
  readonly tone: "error" | "info";
}

/** An exercise on the page with everything derived from it once. */
interface Current {
  readonly opened: Opened;
  readonly mode: Mode;
  /** mode === "practice": worked solutions may be shown. */
  readonly practice: boolean;
  /** Storage slot for its answers. */
  readonly slot: string;
  /** ?ex= id of an imported exercise without a code. */
  readonly importedId?: string;
  readonly key: Key;
  readonly stepIds: ReadonlySet<string>;
  /** The grader's tables for this exercise, made on first use (after the first paint, or at the first check). */
  readonly grading: () => Prepared;
}

interface Conflict {
  readonly file: string;
  readonly answers: Readonly<Record<string, string>>;
  readonly differing: number;
}

const state: {
  lang: Lang;
  notation: engine.NotationName;
  /** The notation came from the URL or the menu: a book preset's code does not change it. */
  notationChosen: boolean;
  /** The mode the URL asked for (it can only lower). */
  urlMode: Mode | null;
  /** A sealed code's sheet: answer boxes only. */
  sealed: engine.SealedSheet | null;
  /** What was typed into the code box, kept when it cannot be opened. */
  typedCode: string;
  student: { id: string; name: string };
  current: Current | null;
  answers: Record<string, string>;
  report: Report | null;
  revealed: Set<string>;
  message: Message | null;
  conflict: Conflict | null;
} = { lang: "en", notation: "classic", notationChosen: false, urlMode: null, sealed: null, typedCode: "", student: { id: "", name: "" }, current: null, answers: Object.create(null), report: null, revealed: new Set(), message: null, conflict: null };

const T = (key: MessageKey, params?: Params) => tr(state.lang, key, params);
const root = () => document.getElementById("app")!;

// ---------------------------------------------------------------- opening exercises

function current(opened: Opened, natural: Mode, importedId?: string): Current {
  const mode = lower(lower(natural, buildMode()), state.urlMode);
  const practice = mode === "practice";
  // The sheet's labels: a book preset's own, unless the URL or the menu chose others.
  if (!state.notationChosen) state.notation = engine.bookNotation(opened.code) ?? state.notation;
  const key = engine.keyOf(opened.solution, state.notation);
  // Without a code, answers belong to the exercise itself: an imported copy of an example shares them.
  const slot = opened.code ? `code.${opened.code}` : `exercise.${fingerprint(JSON.stringify(opened.exercise))}`;
  let prepared: Prepared | undefined;
  const grading = () => (prepared ??= engine.prepareGrading(opened.solution));
  return { opened, mode, practice, slot, importedId, key, stepIds: new Set(key.steps.map((s) => s.id)), grading };
}

function show(c: Current): void {
  state.current = c;
  state.sealed = null;
  state.answers = loadAnswers(c.slot, c.stepIds);
  state.report = null;
  state.revealed = new Set();
  state.conflict = null;
  syncUrl();
  render();
  performance.mark("bpdrill:rendered");
  // After the first paint, so opening stays quick and the first check does not pay for it.
  setTimeout(() => void c.grading(), 50);
  // Answers kept from an earlier visit: their report is ready before the first check.
  gradeAhead();
}

function openByCode(raw: string): boolean {
  state.typedCode = raw;
  const code = raw.trim();
  if (code === "") return fail("site.code.empty");
  const r = engine.openCode(code);
  performance.mark("bpdrill:opened");
  if (!r.ok) {
    if (r.problem.kind === "sealed") {
      if (r.problem.sealed === null) return fail("site.code.sealedNoShape", { code: code.slice(0, 40) });
      state.message = null;
      showSealed(r.problem.sealed);
      return true;
    }
    // The code stays in the box, and the reason is the code reader's own (a typo, a look-alike, a length).
    return fail("site.code.invalidDetail", { detail: words(state.lang, r.problem.detail) });
  }
  state.message = null;
  // A sheet's code opens in selfcheck: its key values stay hidden (a URL cannot raise it to practice).
  show(current(r.opened, "selfcheck"));
  return true;
}

/** A sealed code: its answer boxes (the shape is public) and the hand-in, nothing checked. */
function showSealed(sheet: engine.SealedSheet): void {
  state.current = null;
  state.sealed = sheet;
  state.answers = loadAnswers(`code.${sheet.code}`, new Set(sheet.steps.map((s) => s.id)));
  state.report = null;
  syncUrl();
  render();
}

function fail(key: MessageKey, params?: Params): false {
  state.message = { key, params, tone: "error" };
  render();
  return false;
}

function home(): void {
  state.current = null;
  state.sealed = null;
  state.report = null;
  state.conflict = null;
  syncUrl();
  render();
}

/** The URL says what is open: a new exercise is a new history entry (Back returns to the one before). */
function syncUrl(): void {
  const p = new URLSearchParams();
  const c = state.current;
  if (state.sealed) p.set("code", state.sealed.code);
  else if (c?.opened.code) p.set("code", c.opened.code);
  else if (c?.opened.example) p.set("example", c.opened.example);
  else if (c?.importedId) p.set("ex", c.importedId);
  const mode = state.sealed ? null : c?.mode;
  if (mode && mode !== "selfcheck") p.set("mode", mode);
  if (c || state.sealed) p.set("notation", state.notation);
  p.set("lang", state.lang);
  const url = `${location.pathname}?${p.toString()}`;
  const here = `${location.pathname}${location.search}`;
  const sameThing = (u: string) => u.replace(/[?&](lang|notation)=[^&]*/g, "");
  if (url === here) return;
  if (sameThing(url) === sameThing(here)) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
}

// ---------------------------------------------------------------- answers, checking

function onInput(id: string, value: string): void {
  const slot = state.current?.slot ?? (state.sealed ? `code.${state.sealed.code}` : null);
  if (slot === null) return;
  state.answers[id] = value;
  saveAnswers(slot, state.answers);
  updateAnswerString();
  gradeAhead();
}

/**
 * The report on the answers as they were when typing paused, made while the student moves to the
 * check button: a check on the same answers shows it instead of grading again. It is the same
 * grader on the same answers (the signature is every answer in step order), so no verdict differs
 * from a check that grades on the spot; nothing of it is shown before the check.
 */
let ahead: { readonly c: Current; readonly sig: string; readonly report: Report } | null = null;
let aheadTimer: ReturnType<typeof setTimeout> | undefined;
const answersSig = (c: Current): string => JSON.stringify(c.key.steps.map((s) => state.answers[s.id] ?? ""));

function gradeAhead(): void {
  clearTimeout(aheadTimer);
  const c = state.current;
  if (!c || c.mode === "submit") return;
  aheadTimer = setTimeout(() => {
    const run = () => {
      if (state.current !== c) return;
      const sig = answersSig(c);
      if (ahead?.c === c && ahead.sig === sig) return;
      ahead = { c, sig, report: engine.grade(c.grading(), { ...state.answers }) };
    };
    if (typeof requestIdleCallback === "function") requestIdleCallback(run, { timeout: 1000 });
    else run();
  }, 150);
}

function check(): void {
  const c = state.current;
  if (!c) return;
  const t0 = performance.now();
  if (c.mode === "submit") return;
  const sig = answersSig(c);
  state.report = ahead?.c === c && ahead.sig === sig ? ahead.report : engine.grade(c.grading(), { ...state.answers });
  ahead = { c, sig, report: state.report };
  renderVerdicts();
  const ms = performance.now() - t0;
  summaryEl?.querySelector("[data-role=score]")?.setAttribute("data-ms", ms.toFixed(1));
  // The summary sits in the bar at the bottom of the screen; it is announced, and focus moves to it.
  summaryEl?.focus({ preventScroll: true });
}

function exportAnswers(): void {
  const c = state.current;
  if (!c) return;
  const text = c.opened.code
    ? submissionJson({ code: c.opened.code, answers: state.answers })
    : submissionJson({ exercise: c.opened.exercise, answers: state.answers });
  download(`bpdrill-${c.opened.code ?? c.opened.example ?? c.importedId ?? "exercise"}.json`, text);
}

async function importFile(file: File): Promise<void> {
  const name = file.name.slice(0, 80);
  const bad = (reason: string) => {
    state.message = { key: "site.import.bad", params: { file: name, reason }, tone: "error" };
    render();
  };
  const reason = (p: ImportProblem) => T(`site.import.reason.${p}`);
  if (file.size > MAX_FILE) return bad(reason("big"));
  const parsed = parseSubmission(await file.text());
  if (!parsed.ok) return bad(reason(parsed.problem));
  let target: Current;
  if (parsed.code !== undefined) {
    const r = engine.openCode(parsed.code);
    if (!r.ok) return bad(T("site.import.reason.code"));
    target = current(r.opened, "selfcheck"); // a code in a file opens in selfcheck, like any code
  } else {
    const ex = engine.checkExercise(parsed.exercise);
    if (!ex.ok) return bad(T("site.import.reason.exercise", { detail: words(state.lang, ex.detail) }));
    const json = JSON.stringify(ex.opened.exercise);
    const id = fingerprint(json);
    saveExercise(id, json);
    target = current(ex.opened, "practice", id);
  }
  if (!state.current || state.current.slot !== target.slot) show(target);
  else target = state.current;
  const incoming = cleanAnswers(parsed.answers, target.stepIds);
  const differing = Object.entries(incoming).filter(([k, v]) => v.trim() !== "" && (state.answers[k] ?? "").trim() !== "" && state.answers[k].trim() !== v.trim()).length;
  if (differing > 0) {
    state.conflict = { file: name, answers: incoming, differing };
    state.message = null;
    render();
    return;
  }
  applyImport(incoming, "merge", name);
}

function applyImport(incoming: Readonly<Record<string, string>>, how: "replace" | "merge", file: string): void {
  const c = state.current!;
  let n = 0;
  for (const [k, v] of Object.entries(incoming)) {
    if (v.trim() === "") continue;
    if (how === "merge" && (state.answers[k] ?? "").trim() !== "") continue;
    state.answers[k] = v;
    n++;
  }
  saveAnswers(c.slot, state.answers);
  state.conflict = null;
  state.report = null;
  state.message = { key: "site.import.done", params: { n, file }, tone: "info" };
  render();
  gradeAhead();
}

// ---------------------------------------------------------------- rendering

/** Each step's verdict slot, and what it shows now: a check touches only the slots whose verdict changed. */
const slots = new Map<string, { readonly el: HTMLElement; shown: string }>();
/** The summary in the bar at the bottom (score, counts, links to the first wrong steps). */
let summaryEl: HTMLElement | null = null;

function render(): void {
  slots.clear();
  summaryEl = null;
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = T("site.title");
  fill(
    root(),
    el("header", { class: "top" }, el("h1", {}, T("site.title")), langSwitch()),
    messageBox(),
    state.sealed ? sealedView(state.sealed) : state.current ? exerciseView(state.current) : startView(),
    el("footer", {}, T("site.footer")),
  );
  if (state.current && state.report) renderVerdicts();
  keepFocusClear();
}

function langSwitch(): HTMLElement {
  const names: Record<Lang, string> = { zh: "中文", en: "English" };
  return el(
    "nav",
    { class: "lang", "aria-label": T("site.lang") },
    ...LANGS.map((l) => {
      const b = el("button", { type: "button", "data-action": "lang", "data-lang": l, lang: l === "zh" ? "zh-CN" : "en", "aria-pressed": String(l === state.lang) }, names[l]);
      b.addEventListener("click", () => {
        state.lang = l;
        remember("bpdrill.lang", l);
        syncUrl();
        render();
      });
      return b;
    }),
  );
}

function messageBox(): HTMLElement {
  const m = state.message;
  return el("p", { class: `message ${m?.tone ?? ""}`, role: m?.tone === "error" ? "alert" : "status", "data-role": "message", hidden: m ? undefined : "" }, m ? T(m.key, m.params) : "");
}

function startView(): HTMLElement {
  const input = el("input", { id: "code", name: "code", type: "text", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", placeholder: "BP1-XXXX-XXXX" });
  input.value = state.typedCode;
  const form = el("form", { class: "code-form", "data-role": "code-form" }, el("label", { for: "code" }, T("site.code.label")), el("div", { class: "row" }, input, el("button", { type: "submit" }, T("site.code.open"))));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    openByCode(input.value);
  });
  const choices = engine.practiceChoices();
  const group = (g: "preset" | "example", key: MessageKey) =>
    el("optgroup", { label: T(key) }, ...choices.filter((p) => p.group === g).map((p) => el("option", { value: p.name }, p.label[state.lang])));
  const select = el("select", { id: "preset", name: "preset" }, group("preset", "site.practice.presets"), group("example", "site.practice.examples"));
  const start = el("button", { type: "button", "data-action": "practice" }, T("site.practice.start"));
  start.addEventListener("click", () => {
    const o = engine.practice(select.value);
    if (!o) return void fail("site.example.unknown", { name: select.value.slice(0, 40) });
    state.message = null;
    show(current(o, "practice"));
  });
  return el(
    "main",
    {},
    el("p", { class: "tagline" }, T("site.tagline")),
    el("section", { class: "card" }, form),
    el("section", { class: "card" }, el("h2", {}, T("site.practice.title")), el("label", { for: "preset" }, T("site.practice.pick")), el("div", { class: "row" }, select, start)),
    el("section", { class: "card" }, importControl("site.import.start")),
  );
}

function importControl(labelKey: MessageKey = "site.import"): HTMLElement {
  const file = el("input", { type: "file", id: "import-file", accept: "application/json,.json", class: "visually-hidden", "data-role": "import-file" });
  file.addEventListener("change", () => {
    const f = file.files?.[0];
    file.value = "";
    if (f) void importFile(f);
  });
  const label = el("label", { for: "import-file", class: "button", "data-action": "import", tabindex: "0", role: "button" }, T(labelKey));
  label.addEventListener("keydown", (e) => {
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      file.click();
    }
  });
  return el("span", { class: "import" }, file, label);
}


function exerciseView(c: Current): HTMLElement {
  const o = c.opened;
  const ex = o.exercise;
  const title = o.code ? T("site.exercise.code", { code: o.code }) : o.example ? T("site.exercise.example", { name: o.example }) : T("site.exercise.imported");
  const back = el("button", { type: "button", class: "link", "data-action": "home" }, T("site.other"));
  back.addEventListener("click", home);
  const svg = engine.diagram(ex, state.lang, state.notation);
  const givens = engine.givens(o.solution, state.notation);
  const rounding = T(`rounding.${c.key.rounding}`);
  const carry = T(`carry.${c.key.carry}`);

  // A step the sheet does not ask for (`ask`) is printed on the sheet: no box here either.
  const steps = stepFieldsets(c.key.steps.filter((s) => s.asked !== false));

  const checkBtn = c.mode === "submit" ? null : el("button", { type: "button", class: "primary", "data-action": "check" }, T("site.check"));
  checkBtn?.addEventListener("click", check);
  const exportBtn = el("button", { type: "button", "data-action": "export" }, T("site.export"));
  exportBtn.addEventListener("click", exportAnswers);

  return el(
    "main",
    {},
    el("div", { class: "exercise-head" }, el("h2", { "data-role": "exercise-title" }, title), back),
    el("p", { class: "note", "data-role": "mode", "data-mode": c.mode }, T(`site.mode.${c.mode}`)),
    notationChoice(),
    svg
      ? el(
          "section",
          { class: "card diagram", "aria-labelledby": "diagram-title" },
          el("h3", { id: "diagram-title" }, T("site.network")),
          // On a phone the diagram keeps a readable size and scrolls sideways (by keyboard too).
          scrollable(el("div", { class: "svg-wrap", role: "group", "aria-labelledby": "diagram-title" }, named(trusted(svg, "image/svg+xml"), T("site.diagram.label")))),
          // Shown only while the diagram is wider than the screen (site.css), so its cut edge is not taken for its end.
          el("p", { class: "note scroll-hint" }, T("site.diagram.scroll")),
        )
      : null,
    el(
      "section",
      { class: "card" },
      el("h3", {}, T("site.givens")),
      el("ul", { class: "givens", "data-role": "givens" }, ...givens.map((g) => el("li", { "data-given": g.id }, math(`${g.label} = ${g.value}`, false, true)))),
      el("p", { class: "rules" }, T("site.rules", { decimals: c.key.decimals, rounding, carry })),
    ),
    el(
      "section",
      { class: "card", "aria-labelledby": "conventions-title" },
      el("h3", { id: "conventions-title" }, T("ws.conventions")),
      el("ul", { class: "conventions", "data-role": "conventions" }, ...engine.conventions(ex, state.lang, state.notation).map((x) => el("li", {}, x))),
    ),
    state.conflict ? conflictPanel(state.conflict) : null,
    el("form", { class: "answers", "data-role": "answers", "aria-label": T("site.steps") }, ...steps),
    handInPanel(o.code ?? null, c.key.steps.map((s) => s.id)),
    el(
      "div",
      { class: "actions" },
      (summaryEl = el("div", { class: "summary", "data-role": "summary", role: "status", tabindex: "-1" }, el("span", { class: "score", "data-role": "score" }))),
      el("div", { class: "buttons" }, checkBtn, exportBtn, importControl()),
    ),
    el("p", { class: "note" }, storageAvailable() ? T("site.saved") : T("site.storage.off")),
  );
}

/** The notation the sheet uses: labels, givens and the diagram follow it. */
function notationChoice(): HTMLElement {
  const select = el("select", { id: "notation", name: "notation" }, ...NOTATIONS.map((n) => el("option", { value: n, selected: n === state.notation ? "" : undefined }, T(`site.notation.${n}`))));
  select.addEventListener("change", () => {
    const n = select.value as engine.NotationName;
    if (!NOTATIONS.includes(n)) return;
    state.notation = n;
    state.notationChosen = true;
    if (state.current) state.current = { ...state.current, key: engine.keyOf(state.current.opened.solution, n) };
    syncUrl();
    render();
    document.getElementById("notation")?.focus();
  });
  return el("div", { class: "row notation" }, el("label", { for: "notation" }, T("site.notation")), select);
}

type StepShape = Pick<Key["steps"][number], "id" | "kind" | "sample" | "pass" | "label" | "formula">;

/**
 * The answer boxes, grouped: consecutive steps of one section (generator/sections.ts, the table the key
 * and the sheets group by) share a fieldset, so the page (and Tab) follows the key's order exactly,
 * also in a batch where each sample's forward pass and loss come before the next sample's. The legend
 * names the section, sample and pass; a step's own name is shown only where the section holds steps of
 * several kinds (net input and output), not under "Loss after the update" again.
 */
function stepFieldsets(list: readonly StepShape[]): HTMLElement[] {
  const groups: { key: MessageKey; sample?: number; pass?: number; steps: StepShape[] }[] = [];
  const ex = state.current?.opened.exercise;
  for (const s of list) {
    // The section's title in the sheet's words (an error-term book heads its backward pass so).
    const sec: MessageKey = ex ? sectionTitle(sectionOf(s.kind), ex) : `section.${sectionOf(s.kind)}`;
    const open = groups.at(-1);
    if (open && open.key === sec && open.sample === s.sample && open.pass === s.pass) open.steps.push(s);
    else groups.push({ key: sec, sample: s.sample, pass: s.pass, steps: [s] });
  }
  return groups.map((g) => {
    const parts: string[] = [engine.inSymbols(T(g.key), state.lang, labelsNotation())];
    if (g.sample !== undefined) parts.push(T("site.sample", { s: g.sample }));
    if (g.pass !== undefined) parts.push(T("site.pass", { t: g.pass }));
    const named = new Set(g.steps.map((s) => s.kind)).size > 1;
    return el("fieldset", { class: "steps" }, el("legend", {}, parts.join(" · ")), ...g.steps.map((s) => stepRow(s, named)));
  });
}

/** A sealed code's page: its answer boxes and the hand-in; no numbers, no checking. */
function sealedView(sheet: engine.SealedSheet): HTMLElement {
  const back = el("button", { type: "button", class: "link", "data-action": "home" }, T("site.other"));
  back.addEventListener("click", home);
  const steps = stepFieldsets(sheet.steps);
  const exportBtn = el("button", { type: "button", "data-action": "export" }, T("site.export"));
  exportBtn.addEventListener("click", () => download(`bpdrill-${sheet.code}.json`, submissionJson({ code: sheet.code, answers: state.answers })));
  return el(
    "main",
    {},
    el("div", { class: "exercise-head" }, el("h2", { "data-role": "exercise-title" }, T("site.exercise.code", { code: sheet.code })), back),
    el("p", { class: "note", "data-role": "mode", "data-mode": "submit" }, T("site.exercise.sealed")),
    el("form", { class: "answers", "data-role": "answers", "aria-label": T("site.steps") }, ...steps),
    handInPanel(sheet.code, sheet.steps.map((s) => s.id)),
    el("div", { class: "actions" }, el("div", { class: "buttons" }, exportBtn)),
    el("p", { class: "note" }, storageAvailable() ? T("site.saved") : T("site.storage.off")),
  );
}

// ---------------------------------------------------------------- hand-in: the answer string

let handIn: { code: string; stepIds: readonly string[] } | null = null;

/** Student id and name, the answer string (copy, QR) for the answers as typed. */
function handInPanel(code: string | null, stepIds: readonly string[]): HTMLElement {
  if (code === null) {
    handIn = null;
    return el("section", { class: "card handin" }, el("h3", {}, T("site.handin.title")), el("p", { class: "note" }, T("site.handin.noCode")));
  }
  handIn = { code, stepIds };
  const field = (id: string, key: MessageKey, which: "id" | "name") => {
    const input = el("input", { id, type: "text", autocomplete: which === "name" ? "name" : "off", spellcheck: "false" });
    input.value = state.student[which];
    input.addEventListener("input", () => {
      state.student = { ...state.student, [which]: input.value };
      remember("bpdrill.student", JSON.stringify(state.student));
      updateAnswerString();
    });
    return el("div", { class: "field" }, el("label", { for: id }, T(key)), input);
  };
  const box = el("textarea", { id: "answer-string", readonly: "", rows: "3", spellcheck: "false", "aria-describedby": "handin-status" });
  const status = el("p", { id: "handin-status", class: "note", role: "status" });
  const copy = el("button", { type: "button", "data-action": "copy-answer-string" }, T("site.handin.copy"));
  copy.addEventListener("click", () => {
    const text = box.value;
    const done = (ok: boolean) => fill(status, T(ok ? "site.handin.copied" : "site.handin.copyFailed"));
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(text).then(() => done(true), () => done(fallbackCopy(box)));
    else done(fallbackCopy(box));
  });
  const panel = el(
    "section",
    { class: "card handin", "aria-labelledby": "handin-title" },
    el("h3", { id: "handin-title" }, T("site.handin.title")),
    el("div", { class: "row" }, field("student-id", "site.handin.id", "id"), field("student-name", "site.handin.name", "name")),
    el("label", { for: "answer-string" }, T("site.handin.string")),
    box,
    el("div", { class: "row" }, copy),
    status,
    el("figure", { class: "qr", "data-role": "answer-qr" }),
  );
  queueMicrotask(updateAnswerString);
  return panel;
}

/** An inserted SVG picture with its accessible name (role img and aria-label on the svg itself). */
function named(frag: DocumentFragment, label: string): DocumentFragment {
  const svg = frag.querySelector("svg");
  svg?.setAttribute("role", "img");
  svg?.setAttribute("aria-label", label);
  return frag;
}

function fallbackCopy(box: HTMLTextAreaElement): boolean {
  box.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  }
}

/** Rewrites the answer string and its QR code from the answers as they are now. */
function updateAnswerString(): void {
  const box = document.getElementById("answer-string") as HTMLTextAreaElement | null;
  if (!box || !handIn) return;
  const text = encodeAnswerString({
    code: handIn.code,
    ...(state.student.id.trim() !== "" ? { studentId: state.student.id.trim() } : {}),
    ...(state.student.name.trim() !== "" ? { name: state.student.name.trim() } : {}),
    answers: handIn.stepIds.map((id) => state.answers[id] ?? ""),
  });
  box.value = text;
  const fig = document.querySelector("[data-role=answer-qr]");
  if (!fig) return;
  try {
    // The string's letters are all in QR's alphanumeric set: capacity for the longest sheets.
    const qr = qrcode(0, "L");
    qr.addData(text, "Alphanumeric");
    qr.make();
    fill(fig, named(trusted(qr.createSvgTag({ cellSize: 3, margin: 2, scalable: true }), "image/svg+xml"), T("site.handin.qr")), el("figcaption", { class: "note" }, T("site.handin.qr")));
  } catch {
    fill(fig, el("figcaption", { class: "note" }, T("site.handin.qrTooLong")));
  }
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function remember(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage off: the choice lasts for this visit
  }
}

function recall(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** The notation of the labels on the page: a sealed sheet's boxes are labelled classic (engine.sealedSheet). */
function labelsNotation(): engine.NotationName {
  return state.sealed ? "classic" : state.notation;
}

/** A step's name (its sample and pass are in its fieldset's legend). */
function stepDescription(s: Pick<Key["steps"][number], "kind">): string {
  // A book that works with the error term names its δ, dW and db steps so (Err_j, Δw).
  const errorTerm = state.current?.key.convention?.delta === "error" && (s.kind === "delta" || s.kind === "dW" || s.kind === "db");
  return engine.inSymbols(T((errorTerm ? `site.kind.${s.kind}.error` : `site.kind.${s.kind}`) as MessageKey), state.lang, labelsNotation());
}

function stepRow(s: StepShape, named: boolean): HTMLElement {
  const inputId = `in-${s.id}`;
  const input = el("input", { id: inputId, name: s.id, type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "off", "aria-describedby": `v-${s.id}` });
  input.value = state.answers[s.id] ?? "";
  input.addEventListener("input", () => onInput(s.id, input.value));
  // Enter moves on to the next box (and from the last one to the first button), as on a paper sheet.
  input.addEventListener("keydown", (e) => {
    if (e.key !== "Enter" || e.isComposing) return;
    e.preventDefault();
    const boxes = Array.from(document.querySelectorAll<HTMLInputElement>("form[data-role=answers] input"));
    const next = boxes[boxes.indexOf(input) + 1] ?? document.querySelector<HTMLElement>(".actions button");
    next?.focus();
  });
  const slot = el("div", { class: "verdict-slot", id: `v-${s.id}`, "data-slot": s.id });
  slots.set(s.id, { el: slot, shown: "" });
  return el(
    "div",
    { class: "step" },
    // A formula wider than the screen scrolls inside its own box, which the keyboard can reach. The step's
    // name is read out even where the section's title already shows it (a formula alone names no box).
    el("label", { for: inputId }, el("span", { class: named ? "desc" : "visually-hidden" }, stepDescription(s)), scrollable(el("span", { class: "formula" }, math(`${s.label} = ${s.formula}`, false, true)))),
    input,
    slot,
  );
}

function conflictPanel(c: Conflict): HTMLElement {
  const btn = (key: MessageKey, action: string, f: () => void) => {
    const b = el("button", { type: "button", "data-action": action }, T(key));
    b.addEventListener("click", f);
    return b;
  };
  return el(
    "section",
    { class: "card conflict", role: "alertdialog", "aria-label": T("site.import") },
    el("p", {}, T("site.import.conflict", { file: c.file, n: c.differing })),
    el(
      "div",
      { class: "row" },
      btn("site.import.replace", "import-replace", () => applyImport(c.answers, "replace", c.file)),
      btn("site.import.merge", "import-merge", () => applyImport(c.answers, "merge", c.file)),
      btn("site.import.cancel", "import-cancel", () => {
        state.conflict = null;
        render();
      }),
    ),
  );
}

function renderVerdicts(): void {
  const c = state.current;
  const r = state.report;
  if (!c || !r) return;
  // A slot map, not a selector per step: on the softmax batch's 60,000 elements, 232 attribute
  // selectors took about 100 ms at 4x throttling. A slot showing the same verdict is left alone.
  for (const s of r.steps) {
    const slot = slots.get(s.id);
    if (!slot) continue;
    const shown = `${s.verdict}|${JSON.stringify(s.note)}|${state.revealed.has(s.id)}`;
    if (slot.shown === shown) continue;
    slot.shown = shown;
    fill(slot.el, verdictBox(c, s));
  }
  const summary = summaryEl;
  if (!summary) return;
  const count = (v: string) => r.steps.filter((s) => s.verdict === v).length;
  // One line: the score and a count per verdict; a count of wrong, blank or unreadable steps is the link
  // to the first of them (its name says so), so the bar stays small on a phone.
  const part = (v: "wrong" | "missing" | "invalid") => {
    const text = T(`site.summary.${v}`, { n: count(v) });
    const s = r.steps.find((x) => x.verdict === v);
    if (!s) return el("span", {}, text);
    const name = `${text} · ${T(`site.summary.first.${v}`)}`;
    const a = el("a", { href: `#in-${s.id}`, "data-first": v, "aria-label": name, title: name }, text);
    a.addEventListener("click", (e) => {
      e.preventDefault();
      const box = document.getElementById(`in-${s.id}`);
      box?.focus();
      box?.scrollIntoView({ block: "center" });
    });
    return a;
  };
  fill(
    summary,
    el("span", { class: "score", "data-role": "score" }, T("site.score", { score: r.score, max: r.max })),
    el(
      "span",
      { class: "counts" },
      T("site.summary.right", { n: count("correct") + count("carried") + count("imprecise") }),
      " · ",
      part("wrong"),
      " · ",
      part("missing"),
      " · ",
      part("invalid"),
    ),
  );
}

/**
 * Focus is never hidden under the bar at the bottom (WCAG 2.4.11): the page keeps scrolling room below
 * a focused box the bar's own height (it grows by the summary after a check, and with the text size).
 */
function keepFocusClear(): void {
  const bar = document.querySelector<HTMLElement>(".actions");
  if (!bar) return;
  // Measured by a ResizeObserver (after layout, before paint; it reports the first size too), never by
  // reading the layout while the page is being built, which would lay the page out once more.
  const pad = () => document.documentElement.style.setProperty("scroll-padding-bottom", `${Math.ceil(bar.getBoundingClientRect().height) + 16}px`);
  barWatch?.disconnect();
  if (typeof ResizeObserver === "undefined") return; // the stylesheet's 7rem then
  barWatch = new ResizeObserver(pad);
  barWatch.observe(bar);
}
let barWatch: ResizeObserver | null = null;

function verdictBox(c: Current, s: StepReport): HTMLElement {
  const box = el("div", { class: `verdict ${s.verdict}`, "data-step": s.id, "data-verdict": s.verdict }, el("strong", {}, T(`site.verdict.${s.verdict}`)),
    // "Correct" and "No answer" say it all (not "Correct Correct.", "No answer No answer.").
    ...(s.note.code === "correct" || (s.note.code === "missing" && !c.practice) ? [] : [" ", noteText(state.lang, s.note, c.practice ? "key" : "selfcheck", state.notation)]));
  if (c.practice) {
    const shown = state.revealed.has(s.id);
    const b = el("button", { type: "button", class: "link", "data-action": "reveal", "data-reveal": s.id, "aria-expanded": String(shown) }, shown ? T("site.hide") : T("site.reveal"));
    b.addEventListener("click", () => {
      if (state.revealed.has(s.id)) state.revealed.delete(s.id);
      else state.revealed.add(s.id);
      const slot = box.parentElement;
      if (slot) fill(slot, verdictBox(c, s));
      (slot?.querySelector("[data-action=reveal]") as HTMLElement | null)?.focus();
    });
    box.append(" ", b);
    const k = c.key.steps.find((x) => x.id === s.id);
    // One line each for the rule, the numbers and the result, as on the board; long lines scroll.
    if (shown && k)
      box.append(
        el("div", { class: "solution", "data-solution": s.id, tabindex: "0" }, math(`\\begin{aligned} ${k.label} &= ${k.formula} \\\\ &= ${k.substituted} \\\\ &= ${k.rounded} \\end{aligned}`, true)),
      );
  }
  return box;
}

// ---------------------------------------------------------------- start

function initialLang(p: URLSearchParams): Lang {
  const q = p.get("lang");
  if (q === "zh" || q === "en") return q;
  const kept = recall("bpdrill.lang");
  if (kept === "zh" || kept === "en") return kept;
  return (navigator.languages?.[0] ?? navigator.language ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}

function start(): void {
  performance.mark("bpdrill:start");
  const p = new URLSearchParams(location.search);
  state.lang = initialLang(p);
  state.urlMode = asMode(p.get("mode"));
  const n = p.get("notation");
  state.notation = NOTATIONS.includes(n as engine.NotationName) ? (n as engine.NotationName) : "classic";
  state.notationChosen = NOTATIONS.includes(n as engine.NotationName);
  try {
    const kept = JSON.parse(recall("bpdrill.student") ?? "null") as { id?: unknown; name?: unknown } | null;
    if (kept && typeof kept.id === "string" && typeof kept.name === "string") state.student = { id: kept.id.slice(0, 64), name: kept.name.slice(0, 64) };
  } catch {
    // nothing kept
  }
  state.current = null;
  state.sealed = null;
  state.report = null;
  state.message = null;
  const code = p.get("code");
  const example = p.get("example");
  const exId = p.get("ex");
  // A code is a sheet's code as far as the page can tell: it opens in selfcheck, and ?mode=practice
  // cannot raise it to worked solutions and key values (a fresh practice exercise reloaded is lowered too).
  if (code !== null) return void openByCode(code);
  if (example !== null) {
    const o = engine.openExample(example);
    if (o) return show(current(o, "practice"));
    state.message = { key: "site.example.unknown", params: { name: example.slice(0, 40) }, tone: "error" };
  } else if (exId !== null && /^[0-9a-z]{1,8}$/.test(exId)) {
    const ex = engine.checkExercise(loadExercise(exId));
    if (ex.ok) return show(current(ex.opened, "practice", exId));
  }
  render();
}

export type { Exercise };
// Back and Forward move between exercises: the URL is read again.
window.addEventListener("popstate", start);
start();
