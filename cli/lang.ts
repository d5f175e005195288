// The language the command line speaks to people (help, usage errors, one-line errors), chosen before parsing.
import type { Lang } from "./words.js";

const asLang = (v: string | undefined): Lang | undefined => (v === "zh" || v === "en" ? v : undefined);

/**
 * `--lang zh|en` (or `-l`) anywhere on the command line, then BPDRILL_LANG, then the locale (LC_ALL,
 * LC_MESSAGES, LANG: "zh…" is Chinese), else English. argv is scanned before commander parses it,
 * because the help is put into words while the program is built. A bad `--lang` value is left for
 * commander to refuse, in the language the rest of the chain picks.
 */
export function messageLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Lang {
  let flag: Lang | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") break;
    if (a === "--lang" || a === "-l") flag = asLang(argv[i + 1]) ?? flag;
    else if (a.startsWith("--lang=")) flag = asLang(a.slice("--lang=".length)) ?? flag;
  }
  if (flag !== undefined) return flag;
  const chosen = asLang(env.BPDRILL_LANG?.trim().toLowerCase());
  if (chosen !== undefined) return chosen;
  // POSIX: the first of these that is set and not empty names the locale of messages.
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== "");
  return locale?.toLowerCase().startsWith("zh") ? "zh" : "en";
}
