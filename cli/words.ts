// The command line's words: the shared catalogues plus its own (help, usage, its commands' errors).
import { CATALOGUES, wordsOf, type Lang, type MessageKey } from "../templates/i18n.js";
import en from "../templates/i18n/cli.en.json" with { type: "json" };
import zh from "../templates/i18n/cli.zh.json" with { type: "json" };
// The class loop's words (rosters, hand-ins, gradebooks, class reports, LMS exports): command line only.
import classEn from "../templates/i18n/class.en.json" with { type: "json" };
import classZh from "../templates/i18n/class.zh.json" with { type: "json" };

export { LANGS, messageOf, withMessage, type Lang, type Message } from "../templates/i18n.js";
export type { CliKey as MessageKey };
export type CliKey = MessageKey | keyof typeof en | keyof typeof classEn;

const words = wordsOf<CliKey>({ en: { ...CATALOGUES.en, ...en, ...classEn }, zh: { ...CATALOGUES.zh, ...zh, ...classZh } });

export const CLI_CATALOGUES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = words.catalogues;
export const t = words.t;
export const render = words.render;
export const msg = words.msg;
