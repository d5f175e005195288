// The zh and en catalogues and the one lookup every renderer uses: where message codes become words.
// Two catalogues per language: the words that sheets, keys and the site need (en.json, zh.json), and the
// command line's own (cli.en.json, cli.zh.json: help, usage, its commands' errors), so the student
// site's bundle, which imports only this file, carries no command-line words.
import { isMessage, msg as coreMsg, messageOf, type Message } from "../generator/message.js";
import en from "./i18n/en.json" with { type: "json" };
import zh from "./i18n/zh.json" with { type: "json" };

export { messageOf, type Message };

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export type MessageKey = keyof typeof en;

type Catalogue = Readonly<Record<string, string>>;

/** Lookup and rendering over one pair of catalogues; K is the keys the compiler lets callers name. */
export interface Words<K extends string> {
  readonly catalogues: Readonly<Record<Lang, Catalogue>>;
  /** The message for key in lang with {name} placeholders filled; a missing key is a bug, so it throws. */
  t(lang: Lang, key: K, params?: Readonly<Record<string, string | number>>): string;
  /** A message in lang, its nested messages too; plain text is already words and stays as it is. */
  render(lang: Lang, m: Message | string): string;
  /** A message whose key the compiler checks against the catalogue. */
  msg(key: K, params?: Message["params"]): Message;
}

export function wordsOf<K extends string>(catalogues: Readonly<Record<Lang, Catalogue>>): Words<K> {
  const t = (lang: Lang, key: string, params: Readonly<Record<string, string | number>> = {}): string => {
    const s = catalogues[lang][key];
    if (s === undefined) throw new Error(`internal: no "${key}" in the ${lang} catalogue`);
    return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
  const render = (lang: Lang, m: Message | string): string => {
    if (typeof m === "string") return m;
    const params: Record<string, string | number> = {};
    for (const [name, v] of Object.entries(m.params ?? {})) params[name] = isMessage(v) ? render(lang, v) : String(v);
    return t(lang, m.key, params);
  };
  return { catalogues, t, render, msg: (key, params) => coreMsg(key, params) };
}

const shared = wordsOf<MessageKey>({ en, zh });

export const CATALOGUES = shared.catalogues;
export const t = shared.t;
export const render = shared.render;
export const msg = shared.msg;

/** Gives an edge error its message: `.message` is the English words (logs, tests), `.msg` is for rendering. */
export function withMessage<E extends Error>(e: E, m: Message | string): E {
  if (typeof m !== "string") Object.defineProperty(e, "msg", { value: m, enumerable: false });
  return e;
}
