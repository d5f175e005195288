// The zh and en string catalogues and the one lookup every renderer uses.
import en from "./i18n/en.json" with { type: "json" };
import zh from "./i18n/zh.json" with { type: "json" };

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];
export type MessageKey = keyof typeof en;

export const CATALOGUES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = { en, zh };

/** The message for key in lang with {name} placeholders filled; a missing key is a bug, so it throws. */
export function t(lang: Lang, key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const s = CATALOGUES[lang][key];
  if (s === undefined) throw new Error(`internal: no "${key}" in the ${lang} catalogue`);
  return s.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
