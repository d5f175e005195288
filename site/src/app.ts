// The student page: open an exercise (code, practice, import), type answers, check them, keep them.
import { t as tr, LANGS, render as words, type Lang, type MessageKey } from "../../templates/i18n.js";
import { noteText } from "../../templates/feedback.js";
import { el, fill, math, trusted } from "./dom.js";
import * as engine from "./engine.js";
import type { Exercise, Key, Opened, Prepared, Report, StepReport } from "./engine.js";
import { fingerprint, loadAnswers, loadExercise, saveAnswers, saveExercise, storageAvailable, cleanAnswers } from "./storage.js";
import { MAX_FILE, parseSubmission, submissionJson, type ImportProblem } from "./submission.js";

type Params = Readonly<Record<string, string | number>>;
interface Message {
  readonly key: MessageKey;
  readonly params?: Params;
  readonly tone: "error" | "info";
}

/** An exercise on the page with everything derived from it once. */
interface Current {
  readonly opened: Opened;
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
  current: Current | null;
  answers: Record<string, string>;
  report: Report | null;
  revealed: Set<string>;
  message: Message | null;
  conflict: Conflict | null;
} = { lang: "en", current: null, answers: Object.create(null), report: null, revealed: new Set(), message: null, conflict: null };

const T = (key: MessageKey, params?: Params) => tr(state.lang, key, params);
const root = () => document.getElementById("app")!;

// ---------------------------------------------------------------- opening exercises

function current(opened: Opened, practice: boolean, importedId?: string): Current {
  const key = engine.keyOf(opened.solution);
  // Without a code, answers belong to the exercise itself: an imported copy of an example shares them.
  const slot = opened.code ? `code.${opened.code}` : `exercise.${fingerprint(JSON.stringify(opened.exercise))}`;
  let prepared: Prepared | undefined;
  const grading = () => (prepared ??= engine.prepareGrading(opened.solution));
  return { opened, practice, slot, importedId, key, stepIds: new Set(key.steps.map((s) => s.id)), grading };
}

function show(c: Current): void {
  state.current = c;
  state.answers = loadAnswers(c.slot, c.stepIds);
  state.report = null;
  state.revealed = new Set();
  state.conflict = null;
  syncUrl();
  render();
  // After the first paint, so opening stays quick and the first check does not pay for it.
  setTimeout(() => void c.grading(), 50);
}

function openByCode(raw: string, practice = false): boolean {
  const code = raw.trim();
  if (code === "") return fail("site.code.empty");
  const r = engine.openCode(code);
  if (!r.ok) {
    return fail("site.code.invalid", { code: code.slice(0, 40) });
  }
  state.message = null;
  show(current(r.opened, practice));
  return true;
}

function fail(key: MessageKey, params?: Params): false {
  state.message = { key, params, tone: "error" };
  render();
  return false;
}

function home(): void {
  state.current = null;
  state.report = null;
  state.conflict = null;
  syncUrl();
  render();
}

function syncUrl(): void {
  const p = new URLSearchParams();
  const c = state.current;
  if (c?.opened.code) p.set("code", c.opened.code);
  else if (c?.opened.example) p.set("example", c.opened.example);
  else if (c?.importedId) p.set("ex", c.importedId);
  if (c?.practice) p.set("mode", "practice");
  p.set("lang", state.lang);
  history.replaceState(null, "", `${location.pathname}?${p.toString()}`);
}

// ---------------------------------------------------------------- answers, checking

function onInput(id: string, value: string): void {
  if (!state.current) return;
  state.answers[id] = value;
  saveAnswers(state.current.slot, state.answers);
}

function check(): void {
  const c = state.current;
  if (!c) return;
  const t0 = performance.now();
  state.report = engine.grade(c.grading(), { ...state.answers });
  renderVerdicts();
  const ms = performance.now() - t0;
  document.querySelector("[data-role=score]")?.setAttribute("data-ms", ms.toFixed(1));
}

function exportAnswers(): void {
  const c = state.current;
  if (!c) return;
  const text = c.opened.code
    ? submissionJson({ code: c.opened.code, answers: state.answers })
    : submissionJson({ exercise: c.opened.exercise, answers: state.answers });
  const name = `bpdrill-${c.opened.code ?? c.opened.example ?? c.importedId ?? "exercise"}.json`;
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
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
    target = current(r.opened, false); // a code in a file opens in selfcheck, like any code
  } else {
    const ex = engine.checkExercise(parsed.exercise);
    if (!ex.ok) return bad(T("site.import.reason.exercise", { detail: words(state.lang, ex.detail) }));
    const json = JSON.stringify(ex.opened.exercise);
    const id = fingerprint(json);
    saveExercise(id, json);
    target = current(ex.opened, true, id);
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
}

// ---------------------------------------------------------------- rendering

function render(): void {
  document.documentElement.lang = state.lang === "zh" ? "zh-CN" : "en";
  document.title = T("site.title");
  fill(
    root(),
    el("header", { class: "top" }, el("h1", {}, T("site.title")), langSwitch()),
    messageBox(),
    state.current ? exerciseView(state.current) : startView(),
    el("footer", {}, T("site.footer")),
  );
  if (state.current && state.report) renderVerdicts();
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
    show(current(o, true));
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

const SECTIONS: readonly { kinds: readonly string[]; key: MessageKey }[] = [
  { kinds: ["z", "a"], key: "section.forward" },
  { kinds: ["E"], key: "section.loss" },
  { kinds: ["delta"], key: "section.deltas" },
  { kinds: ["dW", "db"], key: "section.gradients" },
  { kinds: ["newW", "newb"], key: "section.update" },
  { kinds: ["newE"], key: "section.newE" },
];

function exerciseView(c: Current): HTMLElement {
  const o = c.opened;
  const ex = o.exercise;
  const title = o.code ? T("site.exercise.code", { code: o.code }) : o.example ? T("site.exercise.example", { name: o.example }) : T("site.exercise.imported");
  const back = el("button", { type: "button", class: "link", "data-action": "home" }, T("site.other"));
  back.addEventListener("click", home);
  const svg = engine.diagram(ex, state.lang);
  const givens = engine.givens(o.solution);
  const rounding = T(`rounding.${c.key.rounding}`);
  const carry = T(`carry.${c.key.carry}`);

  // Consecutive steps of one section share a fieldset, so the page (and Tab) follows the key's order
  // exactly, also in a batch where each sample's forward pass and loss come before the next sample's.
  const steps: HTMLElement[] = [];
  let open: { key: MessageKey; sample?: number; box: HTMLFieldSetElement } | null = null;
  for (const s of c.key.steps) {
    const sec = SECTIONS.find((x) => x.kinds.includes(s.kind))!.key;
    if (!open || open.key !== sec || open.sample !== s.sample) {
      const legend: string = s.sample !== undefined ? `${T(sec)} · ${T("site.sample", { s: s.sample })}` : T(sec);
      open = { key: sec, sample: s.sample, box: el("fieldset", { class: "steps" }, el("legend", {}, legend)) };
      steps.push(open.box);
    }
    open.box.append(stepRow(s));
  }

  const checkBtn = el("button", { type: "button", class: "primary", "data-action": "check" }, T("site.check"));
  checkBtn.addEventListener("click", check);
  const exportBtn = el("button", { type: "button", "data-action": "export" }, T("site.export"));
  exportBtn.addEventListener("click", exportAnswers);

  return el(
    "main",
    {},
    el("div", { class: "exercise-head" }, el("h2", { "data-role": "exercise-title" }, title), back),
    c.practice ? el("p", { class: "note" }, T("site.exercise.practice")) : null,
    svg ? el("section", { class: "card diagram", "aria-label": T("site.network") }, el("h3", {}, T("site.network")), el("div", { class: "svg-wrap" }, trusted(svg, "image/svg+xml"))) : null,
    el(
      "section",
      { class: "card" },
      el("h3", {}, T("site.givens")),
      el("ul", { class: "givens", "data-role": "givens" }, ...givens.map((g) => el("li", { "data-given": g.id }, math(`${g.label} = ${g.value}`)))),
      el("p", { class: "rules" }, T("site.rules", { decimals: c.key.decimals, rounding, carry })),
    ),
    state.conflict ? conflictPanel(state.conflict) : null,
    el("form", { class: "answers", "data-role": "answers", "aria-label": T("site.steps") }, ...steps),
    el("div", { class: "actions" }, checkBtn, exportBtn, importControl()),
    el("p", { class: "score", "data-role": "score", "aria-live": "polite" }),
    el("p", { class: "note" }, storageAvailable() ? T("site.saved") : T("site.storage.off")),
  );
}

function stepDescription(s: Key["steps"][number]): string {
  const kind = T(`site.kind.${s.kind}` as MessageKey);
  return s.sample !== undefined ? `${kind} · ${T("site.sample", { s: s.sample })}` : kind;
}

function stepRow(s: Key["steps"][number]): HTMLElement {
  const inputId = `in-${s.id}`;
  const input = el("input", { id: inputId, name: s.id, type: "text", autocomplete: "off", spellcheck: "false", autocapitalize: "off", "aria-describedby": `v-${s.id}` });
  input.value = state.answers[s.id] ?? "";
  input.addEventListener("input", () => onInput(s.id, input.value));
  return el(
    "div",
    { class: "step" },
    el("label", { for: inputId }, el("span", { class: "desc" }, stepDescription(s)), math(`${s.label} = ${s.formula}`)),
    input,
    el("div", { class: "verdict-slot", id: `v-${s.id}`, "data-slot": s.id }),
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
  for (const s of r.steps) {
    const slot = document.querySelector(`[data-slot="${CSS.escape(s.id)}"]`);
    if (slot) fill(slot, verdictBox(c, s));
  }
  const score = document.querySelector("[data-role=score]");
  if (score) fill(score, T("site.score", { score: r.score, max: r.max }));
}

function verdictBox(c: Current, s: StepReport): HTMLElement {
  const box = el("div", { class: `verdict ${s.verdict}`, "data-step": s.id, "data-verdict": s.verdict }, el("strong", {}, T(`site.verdict.${s.verdict}`)),
    // "Correct" says it all (not "Correct Correct.").
    ...(s.note.code === "correct" ? [] : [" ", noteText(state.lang, s.note, c.practice ? "key" : "selfcheck")]));
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
  return (navigator.languages?.[0] ?? navigator.language ?? "en").toLowerCase().startsWith("zh") ? "zh" : "en";
}

function start(): void {
  const p = new URLSearchParams(location.search);
  state.lang = initialLang(p);
  const practice = p.get("mode") === "practice";
  const code = p.get("code");
  const example = p.get("example");
  const exId = p.get("ex");
  // A code is a sheet's code as far as the page can tell: it opens in selfcheck, and ?mode=practice
  // cannot raise it to worked solutions and key values (a fresh practice exercise reloaded is lowered too).
  if (code !== null) return void openByCode(code, false);
  if (example !== null) {
    const o = engine.openExample(example);
    if (o) return show(current(o, true));
    state.message = { key: "site.example.unknown", params: { name: example.slice(0, 40) }, tone: "error" };
  } else if (exId !== null && /^[0-9a-z]{1,8}$/.test(exId)) {
    const ex = engine.checkExercise(loadExercise(exId));
    if (ex.ok) return show(current(ex.opened, practice || true, exId));
  }
  render();
}

export type { Exercise };
start();
