// The zh and en string catalogues and the one lookup every renderer uses.
import en from "./i18n/en.json" with { type: "json" };
import zh from "./i18n/zh.json" with { type: "json" };

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export type MessageKey = keyof typeof en;

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, zh };

/**
 * Keys only the command line uses (its help, usage errors and its commands' own errors): the student
 * site's bundle leaves them out (site/build.ts). Errors raised in code the site shares (exercise
 * files, codes, class sets) keep theirs: cli.ex.*, cli.json.*, cli.code.*, cli.gen.*.
 */
export const CLI_ONLY_KEY = /^cli\.(?!ex\.|json\.|code\.|gen\.)/;

/** The message for key in lang with {name} placeholders filled; a missing key is a bug, so it throws. */
export function t(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const s = CATALOGUES[lang][key];
  if (s === undefined) throw new Error(`internal: no "${key}" in the ${lang} catalogue`);
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/**
 * A message not yet put into words: errors raised deep in the generator carry one, so the command
 * line can say it in the language the user asked for without the computation knowing that language.
 * A parameter may itself be a message (a file name's error wrapping a field's error).
 */
export interface Message {
  readonly key: MessageKey;
  readonly params?: Readonly<Record<string, string | number | Message>>;
}

export const msg = (key: MessageKey, params?: Message["params"]): Message => (params === undefined ? { key } : { key, params });

/** A message in lang, its nested messages too; plain text is already words and stays as it is. */
export function render(lang: Lang, m: Message | string): string {
  if (typeof m === "string") return m;
  const params: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(m.params ?? {})) params[name] = typeof v === "object" ? render(lang, v) : v;
  return t(lang, m.key, params);
}

/** The message an error carries (see Message), or its English text when it carries none. */
export function messageOf(e: Error): Message | string {
  const m = (e as { msg?: unknown }).msg;
  return typeof m === "object" && m !== null && "key" in m ? (m as Message) : e.message;
}

/** Gives an error its message: `.message` stays English for logs and tests, `.msg` is for rendering. */
export function withMessage<E extends Error>(e: E, m: Message | string): E {
  if (typeof m !== "string") Object.defineProperty(e, "msg", { value: m, enumerable: false });
  return e;
}
