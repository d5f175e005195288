// The command line's words: the shared catalogues plus its own (help, usage, its commands' errors).
import { CATALOGUES, wordsOf, type Lang, type MessageKey } from "../templates/i18n.js";
import en from "../templates/i18n/cli.en.json" with { type: "json" };
import zh from "../templates/i18n/cli.zh.json" with { type: "json" };

export { LANGS, messageOf, withMessage, type Lang, type Message } from "../templates/i18n.js";
export type { CliKey as MessageKey };
export type CliKey = MessageKey | keyof typeof en;

const words = wordsOf<CliKey>({ en: { ...CATALOGUES.en, ...en }, zh: { ...CATALOGUES.zh, ...zh } });

export const CLI_CATALOGUES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = words.catalogues;
export const t = words.t;
export const render = words.render;
export const msg = words.msg;
