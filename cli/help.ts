// Commander in the user's language: help headings, option notes and CJK-aware wrapping, and its usage errors reworded from our catalogue.
import { Help, type Command, type CommanderError, type Option } from "commander";
import { t, type Lang, type MessageKey } from "./words.js";

// East Asian wide characters take two columns in a terminal (Hangul, CJK, kana, full-width forms).
const WIDE = "\\u1100-\\u115f\\u2e80-\\u303e\\u3041-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6";
const WIDE_CHAR = new RegExp(`[${WIDE}]`, "g");
// Punctuation that never starts a line (it stays with the character before) or never ends one.
const CLOSE = "，。、；：！？）」』》”’】…";
const OPEN = "（「『《“‘【";
/** A piece a line may break before: a wide character or a run of other text, with its spaces before it and punctuation around it. */
const CHUNK = new RegExp(`\\s*[${OPEN}]*(?:[${WIDE}]|[^\\s${WIDE}]+)[${CLOSE}]*`, "g");

/** Columns a string takes in a terminal (colour codes take none). */
export function displayWidth(s: string): number {
  // eslint-disable-next-line no-control-regex
  const plain = s.replace(/\x1b\[\d*(;\d*)*m/g, "");
  return plain.length + (plain.match(WIDE_CHAR)?.length ?? 0);
}

/**
 * Wraps text to `width` columns, keeping its own line breaks. Commander breaks only at spaces, so a
 * Chinese sentence (which has none) would run past the edge and its width be counted half; here a
 * line may also break between two wide characters, never before a closing mark.
 */
export function wrap(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const chunks = line.match(CHUNK);
    if (chunks === null) {
      out.push("");
      continue;
    }
    let current = chunks[0];
    let used = displayWidth(current);
    for (const chunk of chunks.slice(1)) {
      const w = displayWidth(chunk);
      if (used + w <= width) {
        current += chunk;
        used += w;
        continue;
      }
      out.push(current);
      current = chunk.trimStart();
      used = displayWidth(current);
    }
    out.push(current);
  }
  return out.join("\n");
}

const TITLES: Readonly<Record<string, MessageKey>> = {
  "Usage:": "cli.help.usage",
  "Arguments:": "cli.help.arguments",
  "Options:": "cli.help.options",
  "Commands:": "cli.help.commands",
  "Global Options:": "cli.help.globalOptions",
};

/**
 * Sets the words commander prints itself (headings, help option and command, default values) and
 * how it measures and wraps text. Call on the program before adding subcommands: they inherit it.
 */
export function localizeCommander(program: Command, lang: Lang): void {
  program
    .helpOption("-h, --help", t(lang, "cli.help.helpOption"))
    .helpCommand("help [command]", t(lang, "cli.help.helpCommand"))
    .showSuggestionAfterError(true)
    // Usage errors are printed by run() (cli/main.ts), in our words, from the CommanderError.
    .configureOutput({ outputError: () => {} })
    .configureHelp({
      styleTitle: (title: string) => (title in TITLES ? t(lang, TITLES[title]) : title),
      // "用法：bpdrill …": commander puts a space after the heading, which a full-width colon does not want.
      formatHelp(this: Help, cmd: Command, helper: Help) {
        return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^(\S*：) /, "$1");
      },
      displayWidth,
      boxWrap(this: Help, text: string, width: number) {
        return width < this.minWidthToWrap ? text : wrap(text, width);
      },
      optionDescription: (option: Option) => {
        const notes: string[] = [];
        if (option.argChoices) notes.push(t(lang, "cli.help.choices", { list: listOf(lang, option.argChoices) }));
        if (option.defaultValue !== undefined && (option.required || option.optional))
          notes.push(t(lang, "cli.help.default", { value: option.defaultValueDescription ?? String(option.defaultValue) }));
        if (notes.length === 0) return option.description;
        const sep = t(lang, "cli.help.noteSeparator");
        // "port (0 picks a free one; default: 8417)", not "port (0 picks a free one) (default: 8417)".
        const m = /^(.*)([)）])$/s.exec(option.description);
        if (m) return `${m[1]}${sep}${notes.join(sep)}${m[2]}`;
        return t(lang, "cli.help.withNotes", { text: option.description, notes: notes.join(sep) });
      },
    });
}

/** Names (formats, languages) as a list in lang: "json, csv" or "json、csv". */
export const listOf = (lang: Lang, names: readonly string[]): string => names.join(t(lang, "cli.help.listSeparator"));

/** Help's width, as commander picks it: the terminal's, else 80 columns. */
const helpWidth = () => (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 80);

/** A paragraph for addHelpText (which commander prints as it is), wrapped like the rest of the help. */
export const paragraph = (text: string): string => wrap(text, helpWidth());

/** "\nExamples:\n  $ bpdrill …" for addHelpText, with the heading in lang. */
export function examples(lang: Lang, lines: readonly string[]): string {
  return `\n${t(lang, "cli.help.examples")}\n${lines.map((l) => `  $ bpdrill ${l}`).join("\n")}\n`;
}

/** The long form of an option's flags ("-o, --out <file>" → "--out"). */
const longFlag = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0];

/** "did you mean …" as commander words it, turned into the list of names it suggests. */
function suggestions(message: string): string[] {
  const m = /\n\(Did you mean (?:one of )?(.*)\?\)$/.exec(message);
  return m ? m[1].split(", ") : [];
}

function withSuggestion(lang: Lang, base: MessageKey, near: MessageKey, params: Record<string, string>, found: readonly string[]): string {
  return found.length === 0 ? t(lang, base, params) : t(lang, near, { ...params, near: found.join(t(lang, "cli.usage.or")) });
}

/**
 * A usage error of commander's, on one line in lang. Commander's own text is English and fixed by
 * its version (14): the parts we need (flag, name, suggestions) are read back from it by code; an
 * error we do not know is passed on as commander wrote it. `command` is the full command ("bpdrill key").
 */
export function usageMessage(e: CommanderError, lang: Lang, command: string): string {
  const text = e.message.replace(/^error: /, "");
  const first = text.split("\n")[0];
  let m: RegExpExecArray | null;
  switch (e.code) {
    case "commander.unknownOption":
      if ((m = /^unknown option '(.*)'$/.exec(first)))
        return withSuggestion(lang, "cli.usage.unknownOption", "cli.usage.unknownOptionNear", { flag: m[1], command }, suggestions(text));
      break;
    case "commander.unknownCommand":
      if ((m = /^unknown command '(.*)'$/.exec(first)))
        return withSuggestion(lang, "cli.usage.unknownCommand", "cli.usage.unknownCommandNear", { name: m[1] }, suggestions(text));
      break;
    case "commander.missingArgument":
      if ((m = /^missing required argument '(.*)'$/.exec(first))) return t(lang, "cli.usage.missingArgument", { name: m[1].toUpperCase(), command });
      break;
    case "commander.optionMissingArgument":
      if ((m = /^option '(.*)' argument missing$/.exec(first))) return t(lang, "cli.usage.optionMissingValue", { option: longFlag(m[1]), flags: m[1] });
      break;
    case "commander.invalidArgument":
      // Our option parsers (cli/options.ts) give the reason already in lang.
      if ((m = /^option '(.*)' argument '(.*)' is invalid\. (.*)$/s.exec(text)))
        return t(lang, "cli.usage.invalidValue", { option: longFlag(m[1]), value: m[2], reason: m[3].replace(/[.。]$/, "") });
      break;
    case "commander.excessArguments":
      if ((m = /Expected (\d+) arguments? but got (\d+)\.$/.exec(first)))
        return t(lang, m[1] === "0" ? "cli.usage.noArguments" : "cli.usage.tooManyArguments", { command, want: m[1], got: m[2] });
      break;
    default:
      break;
  }
  return text.replace(/\n/g, " ");
}
